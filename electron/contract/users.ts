// Login, lock and the user list. Passwords cross the contract only as inputs; no output carries a
// password, a hash or a session token (the connection holds the session, not the renderer).
import { z } from 'zod';
import { language, type Language } from './languages.js';
import { returning, type Role } from './define.js';

export const PASSWORD_MIN_LENGTH = 10;

const userId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const reason = z.string().trim().min(1).max(500);
/** A new password: the policy lives here so the renderer can show it before the round trip. */
export const newPasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(256);
/** An entered password is not held to today's policy (it may predate it), only to a sane length. */
const enteredPassword = z.string().min(1).max(256);
export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use letters, digits, dot, dash or underscore');
export const displayNameSchema = z.string().trim().min(1).max(100);
const noInput = z.strictObject({});

export interface Me {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  /**
   * Set when an admin created the account or reset its password: until the user changes it, the core
   * refuses everything but auth.changePassword, logout, lock and unlock (and public methods), and
   * refuses their signature. The UI should send the user to change it.
   */
  mustChangePassword: boolean;
  /** The language this user chose for their screens; null: the station's (SetupStatus.language). */
  language: Language | null;
}

export interface WhoAmI {
  /** Null when this window has no login. */
  user: Me | null;
  /** True when the session is locked (auto-lock or explicit): only unlock or logout will work. */
  locked: boolean;
}

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  /** ISO time until which the account is locked out after repeated wrong passwords, else null. */
  lockedOutUntil: string | null;
  createdAt: string;
}

export interface Ok {
  ok: true;
}

/** Lock and logout: the gun is disarmed first when the user's session had it armed, and this says so. */
export interface LeaveResult {
  ok: true;
  gunDisarmed: boolean;
}

const loggedIn = ['clinician', 'admin'] as const;

export const usersContract = {
  'auth.login': returning<Me>()(z.strictObject({ username: z.string().trim().min(1).max(100), password: enteredPassword }), 'public'),
  /** Disarms the gun first when this user's session has it armed. */
  'auth.logout': returning<LeaveResult>()(noInput, loggedIn, { whenLocked: true, beforePasswordChange: true }),
  /** Disarms the gun first when this user's session has it armed. */
  'auth.lock': returning<LeaveResult>()(noInput, loggedIn, { beforePasswordChange: true }),
  /**
   * The window saw input (a key, a touch): counts as activity for auto-lock, as every other call
   * does. Screens send it at most every few seconds while someone is using them.
   */
  'auth.activity': returning<Ok>()(noInput, loggedIn, { beforePasswordChange: true }),
  // Unlock only re-checks the password the user logged in with: it grants nothing a new login would not.
  'auth.unlock': returning<Me>()(z.strictObject({ password: enteredPassword }), loggedIn, { whenLocked: true, beforePasswordChange: true }),
  /** Public so a window can ask whether it is logged in (and locked) without an error. */
  'auth.whoami': returning<WhoAmI>()(noInput, 'public'),
  /** The user's own screen language (null: the station's). Takes effect at once, on every window of theirs. */
  'auth.setLanguage': returning<Me>()(z.strictObject({ language: language.nullable() }), loggedIn, { beforePasswordChange: true }),
  'auth.changePassword': returning<Ok>()(z.strictObject({ currentPassword: enteredPassword, newPassword: newPasswordSchema }), loggedIn, { beforePasswordChange: true }),
  'users.list': returning<UserView[]>()(z.strictObject({ includeDisabled: z.boolean().optional() }), ['admin']),
  'users.create': returning<UserView>()(
    z.strictObject({ username: usernameSchema, displayName: displayNameSchema, role: z.enum(['clinician', 'admin']), password: newPasswordSchema }),
    ['admin'],
  ),
  'users.resetPassword': returning<Ok>()(z.strictObject({ userId, newPassword: newPasswordSchema, reason: reason.optional() }), ['admin']),
  /** Users are never deleted: doses, signatures and the audit trail refer to them. */
  'users.disable': returning<UserView>()(z.strictObject({ userId, reason }), ['admin']),
  'users.enable': returning<UserView>()(z.strictObject({ userId, reason }), ['admin']),
} as const;
