// Pure checks against a serum version: may this serum and lot be used for this patient today, and is
// a dose profile inside its limits (the running volumes are the session's volume guard's). Hard violations stop; soft ones need a
// recorded override reason (the infusion-pump rule). The session workflow calls these.
import { allergenCode, allergyCovers, matchAllergens } from '../../contract/allergens.js';
import type { Reason, ReasonCode } from '../../contract/reasons.js';
import type { DoseProfile, LotStatus, SerumDefinition } from '../../contract/serum.js';
import { formatDepth as mm, formatVolume, requireWhole } from '../../contract/units.js';

export interface Violation {
  field: string;
  /** What the screen words (profile.*), with the value, the band and the serum. */
  reason: Reason;
  message: string;
}

export interface LimitCheck {
  hardViolations: Violation[];
  softViolations: Violation[];
}

/** A reason the serum or lot may not be used on this patient today: a code with its parameters, and plain words. */
export interface SerumUseProblem extends Reason {
  params: NonNullable<Reason['params']>;
  message: string;
}

/** The parts of a serum version the checks read (a SerumVersionView satisfies it). */
export type SerumForCheck = SerumDefinition & {
  serumId: number;
  example?: boolean;
  approval?: { at: string } | null;
  version?: number;
  /** Retired serums are never loaded into a new session. */
  retired?: { reason: string } | null;
  /** False for a version a newer one has replaced: a new session loads the newest. */
  latest?: boolean;
};

export interface LotForCheck {
  serumId: number;
  lotNumber: string;
  expiryDate: string;
  /** Absent for a lot without a status history (released). */
  status?: LotStatus;
  statusReason?: string | null;
}

/** A value against its limit: every nL, so 80.001 µL is not shown as the 80.0 µL it is refused against. */
const vol = (nl: number) => formatVolume(nl, { exact: true });

/**
 * Blocking problems with using this serum version and lot for this patient today; none means go.
 * A lot is usable through its expiry day, while released. Allergies match by code in any script
 * (allergens.ts); `anaestheticAllergy` is the screening answer, which blocks any serum with a local
 * anaesthetic; `contraindications` are the screening's "yes" answers, each blocking a serum that
 * lists it. An example serum is refused until an admin approves it; a retired serum, and a version
 * a newer one has replaced, are refused (a session already under way keeps what it loaded).
 */
export function checkSerumUse(args: {
  serumVersion: SerumForCheck;
  lot: LotForCheck;
  patientAllergies: readonly string[];
  today: string;
  anaestheticAllergy?: boolean;
  contraindications?: readonly string[];
}): { ok: boolean; problems: SerumUseProblem[] } {
  const { serumVersion: s, lot, today } = args;
  const problems: SerumUseProblem[] = [];
  const add = (code: ReasonCode, params: SerumUseProblem['params'], message: string) => problems.push({ code, params, message });
  if (s.retired) add('serum.retired', { serum: s.name, reason: s.retired.reason }, `${s.name} is retired and may not be loaded: ${s.retired.reason}`);
  else if (s.latest === false) add('serum.superseded', { serum: s.name, version: s.version ?? null }, `version ${s.version ?? '?'} of ${s.name} has been replaced by a newer one: load the newest`);
  if (s.example && !s.approval) add('serum.example-unapproved', { serum: s.name }, `${s.name} is an example serum: an admin must approve it before clinical use`);
  if (lot.serumId !== s.serumId) add('lot.other-serum', { lot: lot.lotNumber, serum: s.name }, `Lot ${lot.lotNumber} belongs to a different serum, not ${s.name}`);
  if (lot.expiryDate < today) add('lot.expired', { lot: lot.lotNumber, expiry: lot.expiryDate }, `Lot ${lot.lotNumber} expired on ${lot.expiryDate}`);
  if (lot.status === 'quarantined' || lot.status === 'recalled')
    add(`lot.${lot.status}`, { lot: lot.lotNumber, reason: lot.statusReason ?? null }, `Lot ${lot.lotNumber} is ${lot.status}${lot.statusReason ? `: ${lot.statusReason}` : ''}`);
  const seen = new Set<string>();
  for (const m of matchAllergens(args.patientAllergies, s.allergens)) {
    // One problem per allergy: "lidocaine" matches both a lidocaine and a local-anaesthetic tag.
    if (seen.has(m.patient)) continue;
    seen.add(m.patient);
    add('serum.allergen', { allergy: m.patient, allergen: m.serum, code: m.code, serum: s.name }, `Patient is allergic to ${m.patient}, and ${s.name} contains ${m.serum}`);
  }
  const hasAnaesthetic = s.allergens.some((a) => allergyCovers('local-anaesthetic', allergenCode(a).code));
  if (args.anaestheticAllergy && hasAnaesthetic && !problems.some((p) => p.code === 'serum.allergen' && allergyCovers('local-anaesthetic', String(p.params.code))))
    add('serum.anaesthetic-allergy', { serum: s.name }, `Patient's screening records an allergy to local anaesthetics, and ${s.name} contains one`);
  for (const c of s.contraindications ?? [])
    if (args.contraindications?.includes(c)) add('serum.contraindicated', { contraindication: c, serum: s.name }, `${s.name} is contraindicated in ${c}, which the patient's screening records`);
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
  const serum = serumVersion.name;
  const doseReason = (band: 'hard' | 'soft', minNl: number, maxNl: number): Reason => ({ code: 'profile.dose-outside', params: { band, doseNl: profile.doseNl, minNl, maxNl, serum } });
  const depthReason = (band: 'hard' | 'soft', minUm: number, maxUm: number): Reason => ({ code: 'profile.depth-outside', params: { band, depthUm: profile.depthUm, minUm, maxUm, serum } });
  if (split !== 100) hard.push({ field: 'split', reason: { code: 'profile.split', params: { split } }, message: `Entry, dwell and exit add up to ${split} %, not 100 %` });
  if (!serumVersion.allowedModes.includes(profile.mode))
    hard.push({ field: 'mode', reason: { code: 'profile.mode-not-allowed', params: { mode: profile.mode, serum: serumVersion.name, allowed: serumVersion.allowedModes.join(', ') } }, message: `${profile.mode} is not an allowed mode for ${serumVersion.name} (allowed: ${serumVersion.allowedModes.join(', ')})` });

  if (profile.doseNl < dose.hardMinNl || profile.doseNl > dose.hardMaxNl)
    hard.push({ field: 'doseNl', reason: doseReason('hard', dose.hardMinNl, dose.hardMaxNl), message: `Dose ${vol(profile.doseNl)} is outside the hard limits ${vol(dose.hardMinNl)}-${vol(dose.hardMaxNl)} for ${serumVersion.name}` });
  else if (profile.doseNl < dose.softMinNl || profile.doseNl > dose.softMaxNl)
    soft.push({ field: 'doseNl', reason: doseReason('soft', dose.softMinNl, dose.softMaxNl), message: `Dose ${vol(profile.doseNl)} is outside the soft limits ${vol(dose.softMinNl)}-${vol(dose.softMaxNl)} for ${serumVersion.name}` });

  if (profile.depthUm < depth.hardMinUm || profile.depthUm > depth.hardMaxUm)
    hard.push({ field: 'depthUm', reason: depthReason('hard', depth.hardMinUm, depth.hardMaxUm), message: `Depth ${mm(profile.depthUm)} is outside the hard limits ${mm(depth.hardMinUm)}-${mm(depth.hardMaxUm)} for ${serumVersion.name}` });
  else if (profile.depthUm < depth.softMinUm || profile.depthUm > depth.softMaxUm)
    soft.push({ field: 'depthUm', reason: depthReason('soft', depth.softMinUm, depth.softMaxUm), message: `Depth ${mm(profile.depthUm)} is outside the soft limits ${mm(depth.softMinUm)}-${mm(depth.softMaxUm)} for ${serumVersion.name}` });
  return { hardViolations: hard, softViolations: soft };
}
