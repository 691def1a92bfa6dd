// Which core events make a screen fetch a session again: only those that name the session it shows.
// A dose batch names its sessions (doses.committed.sessionIds), the workflow's events their session;
// everything else leaves the screen alone.
import type { Refresh } from '../api/hooks.js';

/** The view of one session: its workflow moved, it stopped at a limit, or doses for it were committed. */
export function sessionRefresh(sessionId: number): Refresh {
  return {
    // gun.stopped names no session when none was open; the screen may still show the gun armed.
    'workflow.event': (e) => 'sessionId' in e && (e.sessionId === sessionId || e.sessionId === null),
    'doses.committed': (e) => e.sessionIds.includes(sessionId),
  };
}

/** One session's doses only (the shot timeline). */
export function sessionDosesRefresh(sessionId: number): Refresh {
  return { 'doses.committed': (e) => e.sessionIds.includes(sessionId) };
}

/** Which session is in progress, and in which phase: a session started, moved on, or ended. Doses do not change it. */
export const SESSION_MOVES: Refresh = { 'workflow.event': (e) => e.type === 'session.changed' };
