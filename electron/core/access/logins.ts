// Logins, in memory: a restart logs everyone out, which is the safe direction. ("Session" is the
// clinical login only; a user signed in on a window is a login.) Idle time is measured from the
// last activity: a call through the dispatcher (the screens report input with auth.activity) or,
// while the gun is armed, a shot by the clinician who armed it (touchUser). Past autoLockMinutes the
// login locks, the gun disarmed first (onLocking), and only the password (unlock) or logout gets it
// out of that state (HIPAA 164.312 automatic logoff).
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';

export interface Login {
  readonly id: string;
  readonly userId: number;
  readonly connectionId: string;
  readonly startedAt: number;
  lastActivityAt: number;
  locked: boolean;
}

export type LockReason = 'idle' | 'explicit';

export interface LoginManagerOptions {
  clock: Clock;
  /** Read at every check, so a settings change applies to open logins at once. */
  autoLockMs: () => number;
  /**
   * Called just before a login locks: sends the gun its DISARM when this user's login has it
   * armed (nothing that hides the screen leaves the gun armed). Returns whether a disarm was sent.
   */
  onLocking?: (login: Login, reason: LockReason) => boolean;
  onLocked?: (login: Login, reason: LockReason, gunDisarmed: boolean) => void;
}

export class LoginManager {
  private readonly logins = new Map<string, Login>();

  constructor(private readonly options: LoginManagerOptions) {}

  start(userId: number, connectionId: string): Login {
    const now = this.options.clock.now();
    const login: Login = { id: randomBytes(32).toString('base64url'), userId, connectionId, startedAt: now, lastActivityAt: now, locked: false };
    this.logins.set(login.id, login);
    return login;
  }

  /** The login, locked first if it has been idle too long; undefined when there is none. */
  get(loginId: string | null): Login | undefined {
    if (loginId === null) return undefined;
    const login = this.logins.get(loginId);
    if (login) this.lockIfIdle(login);
    return login;
  }

  touch(login: Login): void {
    if (!login.locked) login.lastActivityAt = this.options.clock.now();
  }

  /** Activity of a user rather than of a window: a shot fired while their login has the gun armed. */
  touchUser(userId: number): void {
    for (const s of this.logins.values()) if (s.userId === userId) this.touch(s);
  }

  /**
   * Locks the login, disarming the gun first when this user's login has it armed. `gunDisarmed`:
   * the caller already disarmed it (an explicit lock awaits the disarm before locking).
   */
  lock(login: Login, reason: LockReason, gunDisarmed = false): void {
    if (login.locked) return;
    const disarmedNow = this.options.onLocking?.(login, reason) ?? false;
    login.locked = true;
    this.options.onLocked?.(login, reason, gunDisarmed || disarmedNow);
  }

  unlock(login: Login): void {
    login.locked = false;
    login.lastActivityAt = this.options.clock.now();
  }

  end(loginId: string | null): Login | undefined {
    if (loginId === null) return undefined;
    const login = this.logins.get(loginId);
    this.logins.delete(loginId);
    return login;
  }

  /** Ends every login of a user (disabled, or password reset by an admin). */
  endAllOf(userId: number): number {
    let n = 0;
    for (const [id, s] of this.logins) {
      if (s.userId !== userId) continue;
      this.logins.delete(id);
      n++;
    }
    return n;
  }

  /** Locks every idle login now, so the UI hears of it without waiting for the next call. */
  sweep(): void {
    for (const s of this.logins.values()) this.lockIfIdle(s);
  }

  get size(): number {
    return this.logins.size;
  }

  /**
   * True when the login exists, is not locked and is not idle past the auto-lock: it may see what
   * the station pushes. No side effects (it never locks), so it can run while an event is delivered.
   */
  isActive(loginId: string | null): boolean {
    if (loginId === null) return false;
    const s = this.logins.get(loginId);
    return s !== undefined && !s.locked && this.options.clock.now() - s.lastActivityAt < this.options.autoLockMs();
  }

  private lockIfIdle(login: Login): void {
    if (!login.locked && this.options.clock.now() - login.lastActivityAt >= this.options.autoLockMs()) this.lock(login, 'idle');
  }
}
