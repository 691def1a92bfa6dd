// Thermotherapy timers: only timestamps are stored; what is left is derived, so pausing, a restart or
// a slow screen never changes the record.
import type { TimerView } from '../../contract/sessions.js';
import type { TimerState } from './machine.js';

export function elapsedMs(t: TimerState, now: number): number {
  if (t.startedAt === null) return 0;
  const end = t.endedAt ?? now;
  const paused = t.pauses.reduce((sum, p) => sum + Math.max(0, (p.resumedAt ?? end) - p.at), 0);
  return Math.max(0, end - t.startedAt - paused);
}

export function timerView(t: TimerState, now: number): TimerView {
  const open = t.pauses.find((p) => p.resumedAt === null);
  return {
    plannedMs: t.plannedMs,
    startedAt: t.startedAt,
    pausedAt: t.endedAt === null && open ? open.at : null,
    endedAt: t.endedAt,
    pauses: t.pauses.map((p) => ({ ...p })),
    remainingMs: Math.max(0, t.plannedMs - elapsedMs(t, now)),
  };
}
