// Login sessions, in memory: a restart logs everyone out, which is the safe direction. Idle time is
// measured from the last activity: a call through the dispatcher (the screens report input with
// auth.activity) or, while the gun is armed, a shot by the clinician who armed it (touchUser). Past
// autoLockMinutes the session locks, the gun disarmed first (onLocking), and only the password
// (unlock) or logout gets it out of that state (HIPAA 164.312 automatic logoff).
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';

export interface LoginSession {
  readonly id: string;
  readonly userId: number;
  readonly connectionId: string;
  readonly startedAt: number;
  lastActivityAt: number;
  locked: boolean;
}

export type LockReason = 'idle' | 'explicit';

export interface SessionManagerOptions {
  clock: Clock;
  /** Read at every check, so a settings change applies to open sessions at once. */
  autoLockMs: () => number;
  /**
   * Called just before a session locks: sends the gun its DISARM when this user's session has it
   * armed (nothing that hides the screen leaves the gun armed). Returns whether a disarm was sent.
   */
  onLocking?: (session: LoginSession, reason: LockReason) => boolean;
  onLocked?: (session: LoginSession, reason: LockReason, gunDisarmed: boolean) => void;
}

export class SessionManager {
  private readonly sessions = new Map<string, LoginSession>();

  constructor(private readonly options: SessionManagerOptions) {}

  start(userId: number, connectionId: string): LoginSession {
    const now = this.options.clock.now();
    const session: LoginSession = { id: randomBytes(32).toString('base64url'), userId, connectionId, startedAt: now, lastActivityAt: now, locked: false };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The session, locked first if it has been idle too long; undefined when there is none. */
  get(sessionId: string | null): LoginSession | undefined {
    if (sessionId === null) return undefined;
    const session = this.sessions.get(sessionId);
    if (session) this.lockIfIdle(session);
    return session;
  }

  touch(session: LoginSession): void {
    if (!session.locked) session.lastActivityAt = this.options.clock.now();
  }

  /** Activity of a user rather than of a window: a shot fired while their session has the gun armed. */
  touchUser(userId: number): void {
    for (const s of this.sessions.values()) if (s.userId === userId) this.touch(s);
  }

  /**
   * Locks the session, disarming the gun first when this user's session has it armed. `gunDisarmed`:
   * the caller already disarmed it (an explicit lock awaits the disarm before locking).
   */
  lock(session: LoginSession, reason: LockReason, gunDisarmed = false): void {
    if (session.locked) return;
    const disarmedNow = this.options.onLocking?.(session, reason) ?? false;
    session.locked = true;
    this.options.onLocked?.(session, reason, gunDisarmed || disarmedNow);
  }

  unlock(session: LoginSession): void {
    session.locked = false;
    session.lastActivityAt = this.options.clock.now();
  }

  end(sessionId: string | null): LoginSession | undefined {
    if (sessionId === null) return undefined;
    const session = this.sessions.get(sessionId);
    this.sessions.delete(sessionId);
    return session;
  }

  /** Ends every session of a user (disabled, or password reset by an admin). */
  endAllOf(userId: number): number {
    let n = 0;
    for (const [id, s] of this.sessions) {
      if (s.userId !== userId) continue;
      this.sessions.delete(id);
      n++;
    }
    return n;
  }

  /** Locks every idle session now, so the UI hears of it without waiting for the next call. */
  sweep(): void {
    for (const s of this.sessions.values()) this.lockIfIdle(s);
  }

  get size(): number {
    return this.sessions.size;
  }

  /**
   * True when the session exists, is not locked and is not idle past the auto-lock: it may see what
   * the station pushes. No side effects (it never locks), so it can run while an event is delivered.
   */
  isActive(sessionId: string | null): boolean {
    if (sessionId === null) return false;
    const s = this.sessions.get(sessionId);
    return s !== undefined && !s.locked && this.options.clock.now() - s.lastActivityAt < this.options.autoLockMs();
  }

  private lockIfIdle(session: LoginSession): void {
    if (!session.locked && this.options.clock.now() - session.lastActivityAt >= this.options.autoLockMs()) this.lock(session, 'idle');
  }
}
