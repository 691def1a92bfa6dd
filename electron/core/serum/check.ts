// Pure checks against a serum version: may this serum and lot be used for this patient today, and is
// a dose profile or a running volume inside its limits. Hard violations stop; soft ones need a
// recorded override reason (the infusion-pump rule). The session workflow calls these.
import type { DoseProfile, SerumDefinition } from '../../contract/serum.js';
import { formatDepth as mm, formatVolume, requireWhole } from '../../contract/units.js';

export interface Violation {
  field: string;
  message: string;
}

export interface LimitCheck {
  hardViolations: Violation[];
  softViolations: Violation[];
}

export type SerumUseProblemCode = 'lot-expired' | 'lot-other-serum' | 'allergen' | 'anaesthetic-allergy';

export interface SerumUseProblem {
  code: SerumUseProblemCode;
  message: string;
}

/** The parts of a serum version the checks read (a SerumVersionView satisfies it). */
export type SerumForCheck = SerumDefinition & { serumId: number };

export interface LotForCheck {
  serumId: number;
  lotNumber: string;
  expiryDate: string;
}

/** A value against its limit: every nL, so 80.001 µL is not shown as the 80.0 µL it is refused against. */
const vol = (nl: number) => formatVolume(nl, { exact: true });

/**
 * Blocking problems with using this serum version and lot for this patient today; none means go.
 * A lot is usable through its expiry day. `anaestheticAllergy` is the screening answer: it blocks a
 * serum tagged local-anaesthetic even when the patient's allergen tags do not name the drug.
 */
export function checkSerumUse(args: {
  serumVersion: SerumForCheck;
  lot: LotForCheck;
  patientAllergies: readonly string[];
  today: string;
  anaestheticAllergy?: boolean;
}): { ok: boolean; problems: SerumUseProblem[] } {
  const { serumVersion: s, lot, today } = args;
  const problems: SerumUseProblem[] = [];
  if (lot.serumId !== s.serumId) problems.push({ code: 'lot-other-serum', message: `Lot ${lot.lotNumber} belongs to a different serum, not ${s.name}` });
  if (lot.expiryDate < today) problems.push({ code: 'lot-expired', message: `Lot ${lot.lotNumber} expired on ${lot.expiryDate}` });
  const allergies = new Set(args.patientAllergies.map((a) => a.trim().toLowerCase()));
  for (const tag of s.allergens)
    if (allergies.has(tag)) problems.push({ code: 'allergen', message: `Patient is allergic to ${tag}, a component of ${s.name}` });
  if (args.anaestheticAllergy && s.allergens.includes('local-anaesthetic') && !allergies.has('local-anaesthetic'))
    problems.push({ code: 'anaesthetic-allergy', message: `Patient's screening records an allergy to local anaesthetics, and ${s.name} contains one` });
  return { ok: problems.length === 0, problems };
}

/** A dose profile against the serum's limits. The split and the mode have no soft band: wrong is wrong. */
export function profileWithinSerumLimits(profile: DoseProfile, serumVersion: SerumDefinition): LimitCheck {
  const { dose, depth } = serumVersion;
  requireWhole(profile.doseNl, 'dose');
  requireWhole(profile.depthUm, 'depth');
  const hard: Violation[] = [];
  const soft: Violation[] = [];
  const split = profile.entryPct + profile.dwellPct + profile.exitPct;
  if (split !== 100) hard.push({ field: 'split', message: `Entry, dwell and exit add up to ${split} %, not 100 %` });
  if (!serumVersion.allowedModes.includes(profile.mode))
    hard.push({ field: 'mode', message: `${profile.mode} is not an allowed mode for ${serumVersion.name} (allowed: ${serumVersion.allowedModes.join(', ')})` });

  if (profile.doseNl < dose.hardMinNl || profile.doseNl > dose.hardMaxNl)
    hard.push({ field: 'doseNl', message: `Dose ${vol(profile.doseNl)} is outside the hard limits ${vol(dose.hardMinNl)}-${vol(dose.hardMaxNl)} for ${serumVersion.name}` });
  else if (profile.doseNl < dose.softMinNl || profile.doseNl > dose.softMaxNl)
    soft.push({ field: 'doseNl', message: `Dose ${vol(profile.doseNl)} is outside the soft limits ${vol(dose.softMinNl)}-${vol(dose.softMaxNl)} for ${serumVersion.name}` });

  if (profile.depthUm < depth.hardMinUm || profile.depthUm > depth.hardMaxUm)
    hard.push({ field: 'depthUm', message: `Depth ${mm(profile.depthUm)} is outside the hard limits ${mm(depth.hardMinUm)}-${mm(depth.hardMaxUm)} for ${serumVersion.name}` });
  else if (profile.depthUm < depth.softMinUm || profile.depthUm > depth.softMaxUm)
    soft.push({ field: 'depthUm', message: `Depth ${mm(profile.depthUm)} is outside the soft limits ${mm(depth.softMinUm)}-${mm(depth.softMaxUm)} for ${serumVersion.name}` });
  return { hardViolations: hard, softViolations: soft };
}

/**
 * Volumes a session would reach (the zone's and the session's totals including the next shot)
 * against the serum's caps. Reaching a cap exactly is allowed; going past it is not.
 */
export function volumesWithinSerumLimits(volumes: { zoneNl: number; sessionNl: number }, serumVersion: SerumDefinition): LimitCheck {
  const hard: Violation[] = [];
  const soft: Violation[] = [];
  const caps = [
    ['zoneVolume', 'Zone', volumes.zoneNl, serumVersion.zoneVolume],
    ['sessionVolume', 'Session', volumes.sessionNl, serumVersion.sessionVolume],
  ] as const;
  for (const [field, label, v, cap] of caps) {
    requireWhole(v, `${label} volume`);
    if (v > cap.hardMaxNl) hard.push({ field, message: `${label} volume ${vol(v)} would pass the hard maximum ${vol(cap.hardMaxNl)} for ${serumVersion.name}` });
    else if (v > cap.softMaxNl) soft.push({ field, message: `${label} volume ${vol(v)} would pass the soft maximum ${vol(cap.softMaxNl)} for ${serumVersion.name}` });
  }
  return { hardViolations: hard, softViolations: soft };
}
