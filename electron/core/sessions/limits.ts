// Volume limits for the next shot. The rule is applied BEFORE the shot: if one more shot at the current
// dose would take a zone or the session past a limit, the gun is stopped now. Delivered volume can then
// pass a hard limit by at most the one shot that may already be in flight (and the gun's +/-10 %).
import type { Zone } from '../../contract/sessions.js';

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
  totalNl: number;
  limitNl: number;
  message: string;
}

const uL = (nl: number) => `${Math.round(nl) / 1000} uL`;

export function nextShotProblems(args: {
  zone: Zone;
  zoneTotalNl: number;
  sessionTotalNl: number;
  doseNl: number;
  limits: VolumeLimits;
  acked: { zone: boolean; session: boolean };
}): LimitProblem[] {
  const { zone, zoneTotalNl, sessionTotalNl, doseNl, limits, acked } = args;
  const out: LimitProblem[] = [];
  const next = (total: number) => total + doseNl;
  if (next(zoneTotalNl) > limits.zoneHardNl)
    out.push({ kind: 'hard', scope: 'zone', zone, totalNl: zoneTotalNl, limitNl: limits.zoneHardNl, message: `zone ${zone}: ${uL(zoneTotalNl)} delivered; one more ${uL(doseNl)} shot would pass the hard limit ${uL(limits.zoneHardNl)}` });
  if (next(sessionTotalNl) > limits.sessionHardNl)
    out.push({ kind: 'hard', scope: 'session', zone: null, totalNl: sessionTotalNl, limitNl: limits.sessionHardNl, message: `session: ${uL(sessionTotalNl)} delivered; one more ${uL(doseNl)} shot would pass the hard limit ${uL(limits.sessionHardNl)}` });
  if (out.length > 0) return out;
  if (!acked.zone && next(zoneTotalNl) > limits.zoneSoftNl)
    out.push({ kind: 'soft', scope: 'zone', zone, totalNl: zoneTotalNl, limitNl: limits.zoneSoftNl, message: `zone ${zone}: ${uL(zoneTotalNl)} delivered; one more shot would pass the soft limit ${uL(limits.zoneSoftNl)}; acknowledge with a reason to go on` });
  if (!acked.session && next(sessionTotalNl) > limits.sessionSoftNl)
    out.push({ kind: 'soft', scope: 'session', zone: null, totalNl: sessionTotalNl, limitNl: limits.sessionSoftNl, message: `session: ${uL(sessionTotalNl)} delivered; one more shot would pass the soft limit ${uL(limits.sessionSoftNl)}; acknowledge with a reason to go on` });
  return out;
}
