// The words for what the core sends as codes: refusal reasons (ContractError.reason), the system
// actors the audit trail names when nobody was signed in, and the causes of a stop. Tests assert the
// codes; only this file knows the prose. Each entry is one whole sentence with its parameters, so it
// moves into a message catalogue as it is.
import type { Reason } from '../electron/contract/index.js';
import { CONTRAINDICATION_LABELS, type Contraindication } from '../electron/contract/patients.js';
import { formatVolume } from '../electron/contract/units.js';
import { fmtDate, fmtDuration, fmtTime, humanizeMessage, zoneLabel } from './format.js';

type Params = NonNullable<Reason['params']>;
const num = (p: Params, k: string): number => (typeof p[k] === 'number' ? p[k] : 0);
const str = (p: Params, k: string): string => (p[k] === null || p[k] === undefined ? '' : String(p[k]));
const contraindication = (p: Params) => CONTRAINDICATION_LABELS[str(p, 'contraindication') as Contraindication] ?? str(p, 'contraindication');
const zone = (p: Params) => zoneLabel(str(p, 'zone'));

const STAGE: Record<string, string> = { steam: 'steam', massage: 'massage' };

const REASONS: Record<string, (p: Params) => string> = {
  'thermo.too-early': (p) =>
    `The ${STAGE[str(p, 'stage')] ?? str(p, 'stage')} has run ${fmtDuration(num(p, 'givenMs'))} of its ${fmtDuration(num(p, 'plannedMs'))}. ` +
    `Completing it now shortens it: give a reason and an administrator's approval.`,
  'thermo.checklist-incomplete': (p) => `Tick every item of the ${STAGE[str(p, 'stage')] ?? str(p, 'stage')} checklist first (${num(p, 'missing')} left).`,
  'thermo.not-early': () => 'The timer has already run its set time: complete the stage without shortening it.',
  'approval.not-admin': (p) => `${str(p, 'username')} is not an administrator: only an administrator can approve this.`,
  'training.only': () => 'This works only in training mode.',
  'training.unavailable': () => 'This station cannot switch to training mode.',
  'training.session-in-progress': (p) => `Session ${num(p, 'sessionId')} is in progress: finish or abort it before switching to training.`,
  'training.gun-connected': () => 'A gun is connected: training mode is for when no gun is found.',
  'training.no-simulator': () => 'The simulated gun runs in another process here: use its own terminal.',
  'gun.simulated-on-clinical': () => 'This gun is a simulator: it cannot be used on a clinical record. Start the station in training mode to use it.',
  'gun.real-in-training': () => 'This is a real gun: training mode only drives the simulated gun.',
  'station.mode-mismatch': (p) => `This data folder holds a ${str(p, 'found')} database; the station was started in ${str(p, 'wanted')} mode.`,
  'patient.inactive': () => 'This patient record is deactivated: reactivate it before a session.',
  'screening.missing': () => 'No screening is recorded for this patient: record one before the first session.',
  'screening.not-confirmed': (p) => `Confirm the screening of ${fmtDate(str(p, 'recordedAt'))} with the patient, or update it, before starting.`,
  'screening.not-latest': (p) => `The screening changed since this screen was opened (latest of ${fmtDate(str(p, 'recordedAt'))}): review it again.`,
  'screening.reason-needed': () => 'This changes the screening on file: give the reason for the change.',
  'consent.missing': () => 'The patient has not signed a consent form for hair mesotherapy: record the consent first.',
  'consent.withdrawn': (p) => `The patient withdrew consent on ${fmtDate(str(p, 'withdrawnAt'))}: a new consent is needed before a session.`,
  'consent.outdated': (p) => `The patient signed version ${num(p, 'signedVersion')} of the consent form; version ${num(p, 'requiredVersion')} asks every patient to sign again.`,
  'consent.witness-is-obtainer': () => 'The witness must be another member of staff, not the person recording the consent.',
  'consent.form-superseded': (p) => `Version ${num(p, 'signedVersion')} of this form has been replaced by version ${num(p, 'latestVersion')}: reload and use the latest.`,
  'consent.already-withdrawn': (p) => `This consent was already withdrawn on ${fmtDate(str(p, 'withdrawnAt'))}.`,
  'consent.template-exists': (p) => `There is already a ${str(p, 'language')} form for this treatment: edit that one.`,
  'consent.template-fixed': () => 'A form keeps its treatment and language: add a new form for another language.',
  'consent.template-changed': (p) => `The form is now at version ${num(p, 'version')}: reload it before editing.`,
  'allergy.already-recorded': (p) => `This allergy is already recorded as “${str(p, 'name')}”.`,
  'interval.too-early': (p) => `Too early: the earliest day for this session is ${fmtDate(str(p, 'earliest'))} (${num(p, 'daysSinceLast')} days since the last session, at least ${num(p, 'minDays')} needed). Give a reason to go ahead.`,
  'interval.under-serum-minimum': (p) => `${str(p, 'serum')} needs at least ${num(p, 'minDays')} days between sessions; the last was ${num(p, 'daysSinceLast')} days ago. An administrator must approve going under it.`,
  'interval.approval-needed': (p) => `${str(p, 'serum')} needs at least ${num(p, 'minDays')} days between sessions; the last was ${num(p, 'daysSinceLast')} days ago. Give the reason and an administrator's approval.`,
  'serum.example-unapproved': (p) => `${str(p, 'serum')} is an example serum: an administrator must approve it before it is used on a patient.`,
  'serum.allergen': (p) => `The patient is allergic to ${str(p, 'allergy')}, and ${str(p, 'serum')} contains ${str(p, 'allergen')}.`,
  'serum.anaesthetic-allergy': (p) => `The screening records an allergy to local anaesthetics, and ${str(p, 'serum')} contains one.`,
  'serum.contraindicated': (p) => `${str(p, 'serum')} is contraindicated in ${contraindication(p).toLowerCase()}, which the patient's screening records.`,
  'serum.not-example': (p) => `${str(p, 'serum')} is not an example serum: it needs no approval.`,
  'serum.already-approved': (p) => `${str(p, 'serum')} was already approved on ${fmtDate(str(p, 'at'))}.`,
  'lot.expired': (p) => `Lot ${str(p, 'lot')} expired on ${fmtDate(str(p, 'expiry'))}.`,
  'lot.quarantined': (p) => `Lot ${str(p, 'lot')} is in quarantine and may not be used: ${str(p, 'reason')}`,
  'lot.recalled': (p) => `Lot ${str(p, 'lot')} is recalled and may not be used: ${str(p, 'reason')}`,
  'lot.other-serum': (p) => `Lot ${str(p, 'lot')} belongs to another serum, not ${str(p, 'serum')}.`,
  'lot.already-received': (p) => `Lot ${str(p, 'lot')} of ${str(p, 'serum')} is already received.`,
  'lot.recall-final': (p) => `Lot ${str(p, 'lot')} is recalled: a recall is final.`,
  'lot.status-unchanged': (p) => `Lot ${str(p, 'lot')} is already ${str(p, 'status')}.`,
  'plan.from-session': (p) => `Repeats the session of ${fmtDate(str(p, 'date'))}: each zone as it was given, a zone given nothing spared.`,
  'plan.from-template': (p) => `From the targets of the course “${str(p, 'template')}”.`,
  'plan.from-serum': (p) => `The course gives no targets: ${str(p, 'serum')}'s session volume spread over the zones androgenetic loss affects, the occipital spared.`,
  'plan.no-last-session': () => 'This patient has no session that delivered serum to repeat.',
  'plan.no-serum': () => 'Choose the serum for the plan first.',
  'plan.target-needs-reason': (p) => `${zone(p)}: ${formatVolume(num(p, 'targetNl'))} is above ${str(p, 'serum')}'s soft limit for a zone (${formatVolume(num(p, 'limitNl'))}). Give a reason.`,
  'plan.target-over-hard': (p) => `${zone(p)}: ${formatVolume(num(p, 'targetNl'))} is above ${str(p, 'serum')}'s hard limit for a zone (${formatVolume(num(p, 'limitNl'))}).`,
  'plan.total-over-hard': (p) => `The targets add up to ${formatVolume(num(p, 'totalNl'))}, above ${str(p, 'serum')}'s session hard limit (${formatVolume(num(p, 'limitNl'))}).`,
  'plan.profile-outside-hard': (p) => `The dose profile is outside ${str(p, 'serum')}'s hard limits (${str(p, 'field')}).`,
  // The review queue: what each item is, and its refusals.
  'review.hard-stop': (p) =>
    `The gun stopped at the ${str(p, 'scope') === 'zone' ? `${zone(p)} zone` : 'session'} hard limit: ${formatVolume(num(p, 'totalNl'))} given, limit ${formatVolume(num(p, 'limitNl'))}.`,
  'review.near-miss': (p) =>
    `${str(p, 'refused') === 'arming' ? 'Arming was refused' : 'A dose profile was refused'} before anything was delivered: the ${str(p, 'scope') === 'zone' && p.zone ? `${zone(p)} zone` : str(p, 'scope')} hard limit.`,
  'review.thermo-skipped': () => 'Thermotherapy was skipped.',
  'review.thermo-shortened': (p) => `The ${STAGE[str(p, 'stage')] ?? str(p, 'stage')} was shortened to ${fmtDuration(num(p, 'givenSeconds') * 1000)} of ${fmtDuration(num(p, 'plannedSeconds') * 1000)}.`,
  'review.interruption': (p) =>
    `${INTERRUPTION_KINDS[str(p, 'interruption')] ?? 'The session was interrupted'} while the gun was armed; ${num(p, 'recovered')} recovered, ${p.missing === null || p.missing === undefined ? 'last dose unconfirmed' : `${num(p, 'missing')} missing`}.`,
  'review.unattributed': (p) => `Gun ${str(p, 'gunSerial')} record ${num(p, 'recordId')} (${formatVolume(num(p, 'deliveredNl'))}) arrived with no session armed.`,
  'review.no-item': (p) => `There is no review item ${str(p, 'itemId')}.`,
  'review.already-reviewed': (p) => `${str(p, 'by')} already reviewed this item on ${fmtDate(str(p, 'at'))}: a review is final.`,
  'attribution.already-in-session': (p) => `This dose already belongs to session ${num(p, 'sessionId')}.`,
  'attribution.already-assigned': (p) => `${str(p, 'by')} already assigned this dose to session ${num(p, 'sessionId')}.`,
  'attribution.other-gun': (p) => `Session ${num(p, 'sessionId')} did not use gun ${str(p, 'gunSerial')}, which fired this dose.`,
  'attribution.before-session': (p) => `The dose reached the station before session ${num(p, 'sessionId')} started.`,
  // Two-person serum library governance.
  'serum.retired': (p) => `${str(p, 'serum')} is retired: it is no longer changed or loaded.`,
  'serum.superseded': (p) => `Version ${num(p, 'version')} of ${str(p, 'serum')} was replaced by a newer one: load the newest.`,
  'reason-code.unknown': (p) => `There is no reason code “${str(p, 'code')}”.`,
  'reason-code.retired': (p) => `The reason code “${str(p, 'code')}” is retired: choose another.`,
  'reason-code.wrong-use': (p) => `“${str(p, 'code')}” is not a reason for this.`,
  'reason-code.text-required': () => 'This reason needs a few words: describe it.',
  'reason-code.exists': (p) => `There is already a reason code “${str(p, 'code')}”.`,
  'serum.already-retired': (p) => `${str(p, 'serum')} was already retired on ${fmtDate(str(p, 'at'))}.`,
  'serum.draft-outdated': (p) => `${str(p, 'serum')} is now at version ${num(p, 'latestVersion')}; this change was drafted from version ${num(p, 'baseVersion')}. Draft it again from the latest.`,
  'serum.draft-open': (p) => `${str(p, 'serum')} already has a change awaiting approval (drafted by ${str(p, 'draftedBy')}): approve or withdraw it first.`,
  'serum.draft-unchanged': (p) => `The draft changes nothing in ${str(p, 'serum')}.`,
  'serum.draft-closed': (p) => `This draft is already ${str(p, 'state')}${p.by ? ` (by ${str(p, 'by')})` : ''}.`,
  'serum.drafter-cannot-approve': (p) => `You drafted this change to ${str(p, 'name')}: another administrator must approve it.`,
};

/** The sentence for a reason code; the core's plain message when the code is not known here. */
export function reasonText(reason: Reason | undefined | null, fallback: string): string {
  const f = reason ? REASONS[reason.code] : undefined;
  return f ? f(reason?.params ?? {}) : fallback;
}

/**
 * What a failed call says on screen: a refusal with a reason code in this window's words, else the
 * core's message (limit refusals carry uL and zone ids: humanized).
 */
export function errorText(e: unknown): string {
  const reason = typeof e === 'object' && e !== null && 'reason' in e ? (e as { reason?: Reason }).reason : undefined;
  const message = humanizeMessage(e instanceof Error ? e.message : String(e));
  return reasonText(reason, message);
}

const SYSTEM_ACTORS: Record<string, string> = {
  'station:locked': 'station (locked)',
  'station:auto-lock': 'station (auto-lock)',
  'station:signed-out': 'station (nobody signed in)',
  'station:password-change-pending': 'station (password change pending)',
  'station:window-closed': 'station (window closed)',
};

/** Who an audit row names: the user, a system actor in words, or the station. */
export function auditActorText(username: string | null): string {
  if (username === null) return 'station';
  return SYSTEM_ACTORS[username] ?? username;
}

const INTERRUPTION_KINDS: Record<string, string> = {
  'station-restart': 'The station restarted',
  'link-lost': 'The link to the gun was lost',
};

/** "The station restarted at 10:42; 49 doses were recovered from the gun; none lost." */
export function interruptionText(i: { kind: string; startedAt: number; endedAt: number | null; recovered: number; missing: number | null }): string {
  const what = INTERRUPTION_KINDS[i.kind] ?? i.kind;
  const when = i.kind === 'station-restart' ? ` at ${fmtTime(i.endedAt ?? i.startedAt)}` : ` at ${fmtTime(i.startedAt)}${i.endedAt ? `, back at ${fmtTime(i.endedAt)}` : ', not back yet'}`;
  const recovered = `${i.recovered} ${i.recovered === 1 ? 'dose was' : 'doses were'} recovered from the gun`;
  const lost = i.missing === null ? 'the gun has not yet confirmed its last dose' : i.missing === 0 ? 'none lost' : `${i.missing} not yet received from the gun`;
  return `${what}${when}; ${recovered}; ${lost}.`;
}
