// Volume limits for the next shot, and the budget the gun is armed with.
//
// Two layers keep a hard limit:
// - The station's rule, applied BEFORE the shot: if one more shot at the current dose would take a
//   zone or the session past a limit, the gun is disarmed now and the stop recorded. It runs when a
//   record commits (and when a STATUS shows records the ledger does not hold yet), so it is only as
//   prompt as the link: a lost or corrupted DOSE_RECORD (re-sent after 300 ms) or a retransmitted
//   DISARM lets the gun, at up to 9 shots/s, fire more shots before the rule sees them.
// - The gun's budget (PROTOCOL.md, "Budget"): ARM carries the volume the gun may still deliver, and
//   the gun refuses any shot that would not fit. That holds whatever the link does, so delivered
//   volume passes a hard limit by at most the syringe's +10 % of one shot.
// Both count records the gun has made but the ledger does not hold yet pessimistically: each at the
// largest dose of the session's profiles plus the syringe's 10 %.
import type { Reason } from '../../contract/reasons.js';
import type { Zone } from '../../contract/sessions.js';
import { formatVolume as vol, requireWhole } from '../../contract/units.js';

export interface VolumeLimits {
  zoneSoftNl: number;
  zoneHardNl: number;
  sessionSoftNl: number;
  sessionHardNl: number;
}

export interface LimitProblem {
  kind: 'hard' | 'soft';
  scope: 'zone' | 'session';
  zone: Zone | null;
  /** Delivered volume the ledger holds (without the allowance for records still on their way). */
  totalNl: number;
  limitNl: number;
  /** What the screen words: limit.hard / limit.soft with scope, zone and the figures (nL). */
  reason: Reason;
  /** The same in English, for the log and the stored detail. */
  message: string;
}

/** Records made by the gun and not yet held by the ledger, as a pessimistic volume. */
export interface Unconfirmed {
  records: number;
  zoneNl: number;
  sessionNl: number;
}

export const NO_UNCONFIRMED: Unconfirmed = { records: 0, zoneNl: 0, sessionNl: 0 };

/** A syringe delivers within +/-10 % of the commanded dose (ISO 7886-1): the worst case for a record not yet seen. */
export const DELIVERY_TOLERANCE_PCT = 10;

/** The largest u32: the most an ARM budget can say. */
const U32_MAX = 0xffff_ffff;

/** In integer arithmetic: doseNl * 1.1 in floats is 1 nL too high for about 6 % of doses (5,130 nL -> 5,644). */
export function pessimisticShotNl(doseNl: number): number {
  return Math.ceil((requireWhole(doseNl, 'dose') * (100 + DELIVERY_TOLERANCE_PCT)) / 100);
}

export interface NextShotArgs {
  zone: Zone;
  zoneTotalNl: number;
  sessionTotalNl: number;
  doseNl: number;
  limits: VolumeLimits;
  acked: { zone: boolean; session: boolean };
  unconfirmed?: Unconfirmed;
}

/** Every figure a limit check reads, as whole nL (units.ts): a fraction throws, and callers stop the gun. */
function wholeInputs(args: Omit<NextShotArgs, 'doseNl'> & { doseNl?: number }): void {
  const { limits: l } = args;
  const u = args.unconfirmed ?? NO_UNCONFIRMED;
  requireWhole(args.zoneTotalNl, 'zone total');
  requireWhole(args.sessionTotalNl, 'session total');
  if (args.doseNl !== undefined) requireWhole(args.doseNl, 'dose');
  requireWhole(l.zoneSoftNl, 'zone soft limit');
  requireWhole(l.zoneHardNl, 'zone hard limit');
  requireWhole(l.sessionSoftNl, 'session soft limit');
  requireWhole(l.sessionHardNl, 'session hard limit');
  requireWhole(u.zoneNl, 'zone volume not yet received');
  requireWhole(u.sessionNl, 'session volume not yet received');
}

export function nextShotProblems(args: NextShotArgs): LimitProblem[] {
  wholeInputs(args);
  const { zone, zoneTotalNl, sessionTotalNl, doseNl, limits, acked } = args;
  const u = args.unconfirmed ?? NO_UNCONFIRMED;
  const out: LimitProblem[] = [];
  const next = (total: number, pending: number) => total + pending + doseNl;
  const said = (total: number, pending: number) => (pending > 0 ? `${vol(total)} delivered (+ up to ${vol(pending)} in ${u.records} record(s) not yet received)` : `${vol(total)} delivered`);
  const zoneSaid = `zone ${zone}: ${said(zoneTotalNl, u.zoneNl)}`;
  const sessionSaid = `session: ${said(sessionTotalNl, u.sessionNl)}`;
  const problem = (kind: 'hard' | 'soft', scope: 'zone' | 'session', limitNl: number): LimitProblem => {
    const [totalNl, pendingNl, saidScope] = scope === 'zone' ? [zoneTotalNl, u.zoneNl, zoneSaid] : [sessionTotalNl, u.sessionNl, sessionSaid];
    const reason: Reason = {
      code: kind === 'hard' ? 'limit.hard' : 'limit.soft',
      params: { scope, zone: scope === 'zone' ? zone : null, totalNl, limitNl, doseNl, pendingNl, pendingRecords: pendingNl > 0 ? u.records : 0 },
    };
    const message =
      kind === 'hard'
        ? `${saidScope}; one more ${vol(doseNl)} shot would pass the hard limit ${vol(limitNl)}`
        : `${saidScope}; one more shot would pass the soft limit ${vol(limitNl)}; acknowledge with a reason to go on`;
    return { kind, scope, zone: scope === 'zone' ? zone : null, totalNl, limitNl, reason, message };
  };
  if (next(zoneTotalNl, u.zoneNl) > limits.zoneHardNl) out.push(problem('hard', 'zone', limits.zoneHardNl));
  if (next(sessionTotalNl, u.sessionNl) > limits.sessionHardNl) out.push(problem('hard', 'session', limits.sessionHardNl));
  if (out.length > 0) return out;
  if (!acked.zone && next(zoneTotalNl, u.zoneNl) > limits.zoneSoftNl) out.push(problem('soft', 'zone', limits.zoneSoftNl));
  if (!acked.session && next(sessionTotalNl, u.sessionNl) > limits.sessionSoftNl) out.push(problem('soft', 'session', limits.sessionSoftNl));
  return out;
}

/**
 * The volume the gun may deliver while this arming lasts: the room left under every limit that would
 * stop the next shot (the hard ones always, a soft one until it is acknowledged), after what was
 * delivered and the allowance for records on their way. The gun fires a shot only while the budget
 * holds its commanded dose, so "budget < doseNl" is exactly nextShotProblems' "one more shot would
 * pass". Whole nL, within a u32, never negative.
 */
export function armBudgetNl(args: Omit<NextShotArgs, 'doseNl'>): number {
  wholeInputs(args);
  const { zoneTotalNl, sessionTotalNl, limits, acked } = args;
  const u = args.unconfirmed ?? NO_UNCONFIRMED;
  const zoneUsed = zoneTotalNl + u.zoneNl;
  const sessionUsed = sessionTotalNl + u.sessionNl;
  const room = [limits.zoneHardNl - zoneUsed, limits.sessionHardNl - sessionUsed];
  if (!acked.zone) room.push(limits.zoneSoftNl - zoneUsed);
  if (!acked.session) room.push(limits.sessionSoftNl - sessionUsed);
  return Math.max(0, Math.min(U32_MAX, Math.floor(Math.min(...room))));
}
