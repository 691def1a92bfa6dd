// The words for what the core sends as codes: refusal reasons (ContractError.reason), the system
// actors the audit trail names when nobody was signed in, and the causes of a stop. Tests assert the
// codes; only this file knows the prose.
import type { Reason } from '../electron/contract/index.js';
import { fmtDuration, fmtTime, humanizeMessage } from './format.js';

type Params = NonNullable<Reason['params']>;
const num = (p: Params, k: string): number => (typeof p[k] === 'number' ? p[k] : 0);
const str = (p: Params, k: string): string => (p[k] === null || p[k] === undefined ? '' : String(p[k]));

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
};

/** The sentence for a reason code; the core's plain message when the code is not known here. */
export function reasonText(reason: Reason | undefined, fallback: string): string {
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
