// Logins tied to connections: login, logout, lock, unlock, and the resolution the dispatcher does on
// every call (login -> current user, so a disabled account stops working at once).
// Lock and logout disarm the gun first when the user's login has it armed, and say so.
import type { LeaveResult, Me, WhoAmI } from '../../contract/users.js';
import type { Actor } from '../access/actor.js';
import type { ConnectionContext } from '../access/connection.js';
import type { Login, LoginManager } from '../access/logins.js';
import type { AuditTrail } from '../audit/trail.js';
import { refused } from '../errors.js';
import type { DisarmRequest } from '../sessions/service.js';
import type { LoginUser, UsersService } from './service.js';

/** What lock and logout ask before the screen goes: the stop, when this user's login has the gun armed. */
export interface LeaveGuard {
  /** Disarms the gun first when `userId`'s login may have it armed; resolves true when it did. */
  disarmIfArmedFor(userId: number, by: DisarmRequest): Promise<boolean>;
}

export interface ResolvedConnection {
  login: Login;
  actor: Actor;
  locked: boolean;
  /** Read from the user's row at every call, so a reset or a change applies at once. */
  mustChangePassword: boolean;
}

function me(a: LoginUser): Me {
  return { userId: a.userId, username: a.username, displayName: a.displayName, role: a.role, mustChangePassword: a.mustChangePassword, language: a.language };
}

export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly logins: LoginManager,
    private readonly audit: AuditTrail,
    private readonly guard: LeaveGuard,
  ) {}

  async login(conn: ConnectionContext, username: string, password: string): Promise<Me> {
    const actor = await this.users.authenticate(username, password);
    // Another user logging in on this window logs the previous one out: the same stop first.
    await this.endConnectionLogin(conn, 'auth.logout', 'logout');
    return this.begin(conn, actor);
  }

  /** Logs a just-created first admin in on the connection that set the station up. */
  begin(conn: ConnectionContext, actor: LoginUser): Me {
    const login = this.logins.start(actor.userId, conn.id);
    conn.loginId = login.id;
    this.audit.append({ actor, action: 'auth.login', entity: 'user', entityId: actor.userId });
    return me(actor);
  }

  /** Disarms first when this user's login has the gun armed (`gunDisarmed` says so). */
  logout(conn: ConnectionContext): Promise<LeaveResult> {
    return this.endConnectionLogin(conn, 'auth.logout', 'logout');
  }

  /** The window closed: its login ends like a logout, the stop first. */
  connectionClosed(conn: ConnectionContext): Promise<LeaveResult> {
    return this.endConnectionLogin(conn, 'auth.logout', 'window-closed');
  }

  /** Disarms first when this user's login has the gun armed, then locks (`gunDisarmed` says so). */
  async lock(conn: ConnectionContext): Promise<LeaveResult> {
    const login = this.logins.get(conn.loginId);
    if (!login || login.locked) return { ok: true, gunDisarmed: false };
    const actor = this.users.activeActor(login.userId) ?? null;
    const gunDisarmed = await this.guard.disarmIfArmedFor(login.userId, { actor, cause: 'lock' });
    this.logins.lock(login, 'explicit', gunDisarmed);
    return { ok: true, gunDisarmed };
  }

  /** An admin disabled the user or reset their password: every login of theirs ends, the stop first. */
  async endAllOf(userId: number, by: Actor): Promise<LeaveResult> {
    const gunDisarmed = await this.guard.disarmIfArmedFor(userId, { actor: by, cause: 'account-ended' });
    this.logins.endAllOf(userId);
    return { ok: true, gunDisarmed };
  }

  async unlock(conn: ConnectionContext, password: string): Promise<Me> {
    const login = this.logins.get(conn.loginId);
    if (!login) throw refused('unauthenticated', { code: 'auth.not-logged-in' }, 'not logged in');
    const actor = await this.users.checkPassword(login.userId, password, 'password');
    const current = this.users.activeActor(actor.userId);
    if (!current) {
      this.logins.end(login.id);
      conn.loginId = null;
      throw refused('unauthenticated', { code: 'auth.account-disabled' }, 'this account is disabled; ask an admin');
    }
    if (login.locked) {
      this.logins.unlock(login);
      this.audit.append({ actor: current, action: 'auth.unlock', entity: 'user', entityId: current.userId });
    }
    return me(current);
  }

  whoami(conn: ConnectionContext): WhoAmI {
    const resolved = this.resolve(conn);
    if (!resolved) return { user: null, locked: false };
    const current = this.users.activeActor(resolved.actor.userId);
    return { user: current ? me(current) : null, locked: resolved.locked };
  }

  /** The connection's login and its user, applying idle auto-lock; undefined when not logged in. */
  resolve(conn: ConnectionContext): ResolvedConnection | undefined {
    const login = this.logins.get(conn.loginId);
    if (!login) {
      conn.loginId = null;
      return undefined;
    }
    const actor = this.users.activeActor(login.userId);
    if (!actor) {
      // Disabled while logged in: the login ends at its next call.
      this.logins.end(login.id);
      conn.loginId = null;
      return undefined;
    }
    const { mustChangePassword, language: _language, ...plain } = actor;
    return { login, actor: plain, locked: login.locked, mustChangePassword };
  }

  /**
   * Whether this connection may receive the station's pushed events: signed in, unlocked, not idle
   * past the auto-lock, and its user still enabled. Never changes anything (hosts ask it per event).
   */
  receivesEvents(conn: ConnectionContext): boolean {
    if (!this.logins.isActive(conn.loginId)) return false;
    const login = this.logins.get(conn.loginId);
    return login !== undefined && this.users.activeActor(login.userId) !== undefined;
  }

  /** Counts as activity for auto-lock. */
  touch(resolved: ResolvedConnection): void {
    this.logins.touch(resolved.login);
  }

  private async endConnectionLogin(conn: ConnectionContext, action: string, cause: 'logout' | 'window-closed'): Promise<LeaveResult> {
    const login = this.logins.get(conn.loginId);
    if (!login) {
      conn.loginId = null;
      return { ok: true, gunDisarmed: false };
    }
    const user = this.users.activeActor(login.userId) ?? null;
    // A logout from a locked screen, or a closed window, is not an act of a signed-in user.
    const by: DisarmRequest =
      cause === 'logout' && !login.locked
        ? { actor: user, cause }
        : { actor: null, systemActor: cause === 'logout' ? 'station:locked' : 'station:window-closed', screenUser: user?.username ?? null, cause };
    const gunDisarmed = await this.guard.disarmIfArmedFor(login.userId, by);
    this.logins.end(login.id);
    if (conn.loginId === login.id) conn.loginId = null;
    this.audit.append({ actor: user, action, entity: 'user', entityId: login.userId, ...(gunDisarmed ? { newValue: { gunDisarmed } } : {}) });
    return { ok: true, gunDisarmed };
  }
}
