// Users: the first admin, accounts admins create, password checks with lock-out, and electronic
// signatures. Users are disabled, never deleted: doses, signatures and the audit trail refer to them.
import type { Language } from '../../contract/languages.js';
import type { UserView } from '../../contract/users.js';
import type { Actor, Role } from '../access/actor.js';
import type { AuditTrail } from '../audit/trail.js';
import type { Clock } from '../clock.js';
import { refused, notFound } from '../errors.js';
import type { Db } from '../storage/db.js';
import { atomically } from '../audit/atomically.js';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword, type ScryptParams } from './password.js';
import { checkPasswordPolicy } from './policy.js';

export interface LockoutPolicy {
  /** Wrong passwords in a row that lock the account. */
  maxFailures: number;
  /**
   * How long each lock-out in a row lasts: the first, the second, ...; past the end, the last one.
   * A good password (after the lock-out) starts the count again.
   */
  lockMinutes: readonly number[];
}

/** 1, 5, 15, then 60 minutes: a typo costs a minute; a guesser gets about 24 tries a day. */
export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMinutes: [1, 5, 15, 60] };

const MUST_CHANGE_TO_SIGN = 'change your password first: an admin set it, so no signature can be applied in your name until you choose your own';
const MUST_CHANGE_TO_SIGN_REASON = { code: 'auth.must-change-to-sign' } as const;
/** What a wrong password refuses: a login, a check, or a signature. */
type WrongPassword = 'auth.wrong-password' | 'auth.wrong-credentials' | 'auth.signature-not-applied';
const WRONG_WORDS: Record<WrongPassword, string> = {
  'auth.wrong-password': 'wrong password',
  'auth.wrong-credentials': 'wrong user name or password',
  'auth.signature-not-applied': 'wrong password: the signature was not applied',
};

export interface UsersOptions {
  scrypt?: ScryptParams;
  lockout?: LockoutPolicy;
}

export type SignatureMeaning = 'performed' | 'reviewed' | 'approved' | 'attributed' | 'retired';

export interface Signature {
  userId: number;
  /** The signer's full name as shown on the record (21 CFR 11.50). */
  printedName: string;
  /**
   * performed / reviewed a session; approved an example serum for clinical use or a serum draft for
   * publication; reviewed a quality review item; attributed an unattributed dose to a session; retired
   * a serum.
   */
  meaning: SignatureMeaning;
  signedAt: string;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  must_change_password: 0 | 1;
  created_at: string;
  disabled_at: string | null;
  failed_logins: number;
  locked_until_ms: number | null;
  lockouts: number;
  language: Language | null;
}

/** Who a login acts as, read from the user's row at every call. */
export type LoginUser = Actor & { mustChangePassword: boolean; language: Language | null };

export class UsersService {
  private readonly scrypt: ScryptParams;
  private readonly lockout: LockoutPolicy;
  /** Verified against when the user name is unknown, so a miss costs the same time as a hit. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    options: UsersOptions = {},
  ) {
    this.scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.lockout = options.lockout ?? DEFAULT_LOCKOUT;
  }

  needsSetup(): boolean {
    return this.db.prepare('SELECT 1 FROM users LIMIT 1').get() === undefined;
  }

  async createFirstAdmin(input: { username: string; displayName: string; password: string }): Promise<Actor> {
    if (!this.needsSetup()) throw refused('conflict', { code: 'auth.already-set-up' }, 'the station is already set up; ask an admin for an account');
    checkPasswordPolicy(input.password, input.username, 'password');
    const hash = await hashPassword(input.password, this.scrypt);
    return atomically(this.db, () => {
      // Checked again inside the write lock: two set-up calls racing must not make two first admins.
      if (!this.needsSetup()) throw refused('conflict', { code: 'auth.already-set-up' }, 'the station is already set up; ask an admin for an account');
      // The first admin chose this password themselves: nobody else knows it.
      const id = this.insert(input.username, input.displayName, 'admin', hash, null, false);
      const actor = this.actorOf(this.row(id));
      this.audit.append({ actor, action: 'user.create', entity: 'user', entityId: id, newValue: { username: actor.username, displayName: actor.displayName, role: 'admin', firstAdmin: true } });
      return actor;
    });
  }

  async create(actor: Actor, input: { username: string; displayName: string; role: Role; password: string }): Promise<UserView> {
    checkPasswordPolicy(input.password, input.username, 'password');
    const hash = await hashPassword(input.password, this.scrypt);
    return atomically(this.db, () => {
      if (this.db.prepare('SELECT 1 FROM users WHERE username = ?').get(input.username))
        throw refused('conflict', { code: 'auth.username-taken', params: { username: input.username } }, `the user name ${input.username} is taken`, 'username');
      // The admin knows this password: until the user replaces it, the dispatcher lets them do nothing
      // but change it, and no signature is accepted in their name.
      const id = this.insert(input.username, input.displayName, input.role, hash, actor.userId, true);
      const view = this.view(this.row(id));
      this.audit.append({
        actor,
        action: 'user.create',
        entity: 'user',
        entityId: id,
        newValue: { username: view.username, displayName: view.displayName, role: view.role, mustChangePassword: true },
      });
      return view;
    });
  }

  list(includeDisabled = false): UserView[] {
    const rows = this.db.prepare(`SELECT * FROM users ${includeDisabled ? '' : 'WHERE disabled_at IS NULL'} ORDER BY username`).all() as UserRow[];
    return rows.map((r) => this.view(r));
  }

  get(userId: number): UserView {
    return this.view(this.row(userId));
  }

  /** The actor for a login, or undefined when the user no longer may act (disabled). */
  activeActor(userId: number): LoginUser | undefined {
    const r = this.db.prepare('SELECT * FROM users WHERE id = ?').get(userId) as UserRow | undefined;
    if (!r || r.disabled_at !== null) return undefined;
    return { ...this.actorOf(r), mustChangePassword: r.must_change_password === 1, language: r.language };
  }

  /** The user's own screen language; null goes back to the station's. */
  setLanguage(actor: Actor, language: Language | null): void {
    atomically(this.db, () => {
      const before = this.row(actor.userId);
      if (before.language === language) return;
      this.db.prepare('UPDATE users SET language = ? WHERE id = ?').run(language, actor.userId);
      this.audit.append({ actor, action: 'user.language', entity: 'user', entityId: actor.userId, oldValue: { language: before.language }, newValue: { language } });
    });
  }

  async resetPassword(actor: Actor, userId: number, newPassword: string, reason?: string): Promise<void> {
    const target = this.row(userId);
    checkPasswordPolicy(newPassword, target.username, 'newPassword');
    const hash = await hashPassword(newPassword, this.scrypt);
    atomically(this.db, () => {
      this.db
        .prepare('UPDATE users SET password_hash = ?, must_change_password = 1, password_changed_at = ?, failed_logins = 0, locked_until_ms = NULL, lockouts = 0 WHERE id = ?')
        .run(hash, this.nowIso(), userId);
      // Only the fact: never the password or its hash.
      this.audit.append({ actor, action: 'user.password-reset', entity: 'user', entityId: userId, newValue: { mustChangePassword: true }, reason: reason ?? null });
    });
  }

  async changeOwnPassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    await this.checkPassword(actor.userId, currentPassword, 'currentPassword');
    checkPasswordPolicy(newPassword, actor.username, 'newPassword');
    if (currentPassword === newPassword) throw refused('validation', { code: 'password.unchanged' }, 'newPassword: must differ from the current password', 'newPassword');
    const hash = await hashPassword(newPassword, this.scrypt);
    atomically(this.db, () => {
      this.db.prepare('UPDATE users SET password_hash = ?, must_change_password = 0, password_changed_at = ? WHERE id = ?').run(hash, this.nowIso(), actor.userId);
      this.audit.append({ actor, action: 'user.password-change', entity: 'user', entityId: actor.userId });
    });
  }

  setDisabled(actor: Actor, userId: number, disabled: boolean, reason: string): UserView {
    return atomically(this.db, () => {
      const before = this.row(userId);
      if ((before.disabled_at !== null) === disabled) return this.view(before);
      if (disabled) {
        if (userId === actor.userId) throw refused('conflict', { code: 'auth.cannot-disable-self' }, 'you cannot disable your own account; ask another admin', 'userId');
        const admins = this.db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL").get() as { n: number };
        if (before.role === 'admin' && admins.n <= 1) throw refused('conflict', { code: 'auth.last-admin' }, 'the last active admin cannot be disabled', 'userId');
      }
      this.db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(disabled ? this.nowIso() : null, userId);
      this.audit.append({
        actor,
        action: disabled ? 'user.disable' : 'user.enable',
        entity: 'user',
        entityId: userId,
        oldValue: { disabled: !disabled },
        newValue: { disabled },
        reason,
      });
      return this.view(this.row(userId));
    });
  }

  /**
   * Checks a user name and password for a login. Wrong passwords count towards a lock-out; a locked
   * or disabled account is refused even with the right password. A user who must change an
   * admin-set password may still log in (to change it); see authenticateSigner for a co-signature.
   */
  async authenticate(username: string, password: string): Promise<LoginUser> {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username.trim()) as UserRow | undefined;
    if (!row) {
      await verifyPassword(password, await this.dummy());
      // Not the typed name: people type their password into the user name field by mistake.
      this.audit.append({ actor: null, action: 'auth.login-failed', entity: 'user', entityId: null, newValue: { cause: 'unknown user' } });
      throw refused('unauthenticated', { code: 'auth.wrong-credentials' }, 'wrong user name or password', 'password');
    }
    const actor = await this.checkPassword(row.id, password, 'password', 'auth.wrong-credentials');
    if (row.disabled_at !== null) {
      this.audit.append({ actor: null, action: 'auth.login-failed', entity: 'user', entityId: row.id, newValue: { username: row.username, cause: 'disabled' } });
      throw refused('unauthenticated', { code: 'auth.account-disabled' }, 'this account is disabled; ask an admin', 'username');
    }
    return { ...actor, mustChangePassword: row.must_change_password === 1, language: row.language };
  }

  /**
   * A second person's credentials given at the moment of a co-signature (a supervisor approving, a
   * reviewer): as authenticate, but refused while that user must change an admin-set password, since
   * the admin who set it could otherwise sign in their name.
   */
  async authenticateSigner(username: string, password: string): Promise<Actor> {
    const { mustChangePassword, ...actor } = await this.authenticate(username, password);
    if (mustChangePassword) throw refused('forbidden', MUST_CHANGE_TO_SIGN_REASON, MUST_CHANGE_TO_SIGN, 'username');
    return actor;
  }

  /**
   * Re-checks a user's password (login, unlock, signature, password change). Counts failures and
   * locks the account out after too many; clears the count on success.
   */
  async checkPassword(userId: number, password: string, field: string, wrong: WrongPassword = 'auth.wrong-password'): Promise<Actor> {
    const row = this.row(userId);
    // Early refusal without the scrypt cost; decisive only in the re-check below.
    this.refuseIfLockedOut(row, field);
    const good = await verifyPassword(password, row.password_hash);
    const upgrade = good && needsRehash(row.password_hash, this.scrypt) ? await hashPassword(password, this.scrypt) : undefined;
    // Decided after scrypt, in one transaction: concurrent guesses all pass the check above while their
    // hashes run, so the lock-out, the hash compared against and the failure count are read again here,
    // where no other attempt can interleave (the transaction is synchronous).
    const outcome = atomically(this.db, (): Actor | 'wrong' => {
      const now = this.row(userId);
      this.refuseIfLockedOut(now, field);
      // Reset or changed meanwhile: the password just checked is no longer this account's.
      if (now.password_hash !== row.password_hash) throw refused('unauthenticated', { code: wrong }, WRONG_WORDS[wrong], field);
      if (!good) {
        // Returned, not thrown: a throw would roll back the failure count and its audit rows.
        this.recordFailure(now);
        return 'wrong';
      }
      this.db.prepare('UPDATE users SET failed_logins = 0, locked_until_ms = NULL, lockouts = 0 WHERE id = ?').run(userId);
      // A stronger hash of the same password is not a change anyone needs to review.
      if (upgrade) this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(upgrade, userId);
      return this.actorOf(now);
    });
    if (outcome === 'wrong') throw refused('unauthenticated', { code: wrong }, WRONG_WORDS[wrong], field);
    return outcome;
  }

  /** An electronic signature: the signer re-enters the password at the moment of signing. */
  async verifySignature(actor: Actor, password: string, meaning: Signature['meaning']): Promise<Signature> {
    const user = this.activeActor(actor.userId);
    if (!user) throw refused('unauthenticated', { code: 'auth.account-disabled' }, 'this account is disabled');
    // Checked first, and again after the password (it may be reset meanwhile): while an admin knows
    // the password, a signature in this user's name proves nothing about who applied it.
    if (user.mustChangePassword) throw refused('forbidden', MUST_CHANGE_TO_SIGN_REASON, MUST_CHANGE_TO_SIGN, 'password');
    await this.checkPassword(actor.userId, password, 'password', 'auth.signature-not-applied');
    const after = this.activeActor(actor.userId);
    if (!after) throw refused('unauthenticated', { code: 'auth.account-disabled' }, 'this account is disabled');
    if (after.mustChangePassword) throw refused('forbidden', MUST_CHANGE_TO_SIGN_REASON, MUST_CHANGE_TO_SIGN, 'password');
    return { userId: after.userId, printedName: after.displayName, meaning, signedAt: this.nowIso() };
  }

  private refuseIfLockedOut(row: UserRow, field: string): void {
    const now = this.clock.now();
    if (row.locked_until_ms === null || row.locked_until_ms <= now) return;
    const minutes = Math.ceil((row.locked_until_ms - now) / 60_000);
    throw refused('unauthenticated', { code: 'auth.account-locked', params: { minutes } }, `too many wrong passwords: the account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}`, field);
  }

  /** Counts a wrong password and locks the account at the limit. Call inside the deciding transaction. */
  private recordFailure(row: UserRow): void {
    atomically(this.db, () => {
      const r = this.db.prepare('UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins, lockouts').get(row.id) as { failed_logins: number; lockouts: number };
      this.audit.append({ actor: null, action: 'auth.login-failed', entity: 'user', entityId: row.id, newValue: { username: row.username, cause: 'wrong password', failures: r.failed_logins } });
      if (r.failed_logins >= this.lockout.maxFailures) {
        // Each lock-out in a row lasts longer; past the last step, the last step again.
        const steps = this.lockout.lockMinutes;
        const minutes = steps[Math.min(r.lockouts, steps.length - 1)] ?? 60;
        const until = this.clock.now() + minutes * 60_000;
        this.db.prepare('UPDATE users SET failed_logins = 0, locked_until_ms = ?, lockouts = lockouts + 1 WHERE id = ?').run(until, row.id);
        this.audit.append({
          actor: null,
          action: 'auth.lockout',
          entity: 'user',
          entityId: row.id,
          newValue: { username: row.username, failures: r.failed_logins, lockout: r.lockouts + 1, minutes, lockedUntil: new Date(until).toISOString() },
        });
      }
    });
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword('not a password of anyone', this.scrypt);
    return this.dummyHash;
  }

  private insert(username: string, displayName: string, role: Role, hash: string, createdBy: number | null, mustChangePassword: boolean): number {
    const now = this.nowIso();
    const r = this.db
      .prepare('INSERT INTO users (username, display_name, role, password_hash, must_change_password, created_at, created_by, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(username, displayName, role, hash, mustChangePassword ? 1 : 0, now, createdBy, now);
    return Number(r.lastInsertRowid);
  }

  private row(userId: number): UserRow {
    const r = this.db.prepare('SELECT * FROM users WHERE id = ?').get(userId) as UserRow | undefined;
    if (!r) throw notFound('user', userId, 'userId');
    return r;
  }

  private actorOf(r: UserRow): Actor {
    return { userId: r.id, username: r.username, displayName: r.display_name, role: r.role };
  }

  private view(r: UserRow): UserView {
    const lockedOut = r.locked_until_ms !== null && r.locked_until_ms > this.clock.now();
    return {
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      disabled: r.disabled_at !== null,
      mustChangePassword: r.must_change_password === 1,
      lockedOutUntil: lockedOut && r.locked_until_ms !== null ? new Date(r.locked_until_ms).toISOString() : null,
      createdAt: r.created_at,
    };
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
