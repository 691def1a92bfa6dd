// Thermotherapy timers: only timestamps are stored; what is left is derived, so pausing, a restart or
// a slow screen never changes the record.
import type { TimerView } from '../../contract/sessions.js';
import type { TimerState } from './machine.js';

/** Running time of a stage so far (to its end once ended), pauses excluded. */
export function elapsedMs(t: Pick<TimerState, 'startedAt' | 'endedAt' | 'pauses'>, now: number): number {
  if (t.startedAt === null) return 0;
  const end = t.endedAt ?? now;
  const paused = t.pauses.reduce((sum, p) => sum + Math.max(0, (p.resumedAt ?? end) - p.at), 0);
  return Math.max(0, end - t.startedAt - paused);
}

export function timerView(t: TimerState, now: number): TimerView {
  const open = t.pauses.find((p) => p.resumedAt === null);
  const given = elapsedMs(t, now);
  return {
    plannedMs: t.plannedMs,
    startedAt: t.startedAt,
    pausedAt: t.endedAt === null && open ? open.at : null,
    endedAt: t.endedAt,
    pauses: t.pauses.map((p) => ({ ...p })),
    remainingMs: Math.max(0, t.plannedMs - given),
    givenMs: given,
    shortened: t.shortened && t.endedAt !== null ? { reason: t.shortened.reason, approvedBy: t.shortened.approvedBy, givenMs: t.shortened.givenMs, at: t.endedAt } : null,
    checks: { ...t.checks },
  };
}
