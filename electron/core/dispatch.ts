// Every call from a window goes through here: unknown method -> validation; input parsed by the
// contract's zod schema -> validation naming the field; login resolved -> unauthenticated or
// locked; role checked -> forbidden; a password an admin set and the user has not changed ->
// forbidden; then the handler. Roles are enforced here, never only in the UI. A call that is not
// passive (a screen refreshing itself) counts as the user's activity for auto-lock.
import { CONTRACT, type Contract } from '../contract/index.js';
import type { MethodSpec, OutputOf, ParsedInputOf } from '../contract/define.js';
import type { Actor } from './access/actor.js';
import type { ConnectionContext } from './access/connection.js';
import type { Standing } from './access/standing.js';
import { CoreError, refused } from './errors.js';
import { consoleLogger, describeUnexpected, type Logger } from './logger.js';
import { validationError } from './validation.js';

export interface HandlerContext {
  /** The logged-in user; null only for public methods called without an (unlocked) login. */
  actor: Actor | null;
  conn: ConnectionContext;
  /** Where the caller stands (signed in, locked, ...): for the audit of a public act, never for access. */
  standing: Standing;
}

export type Handler<M> = (ctx: HandlerContext, input: ParsedInputOf<M>) => Promise<OutputOf<M>>;

/** One handler per method of a contract (an area's, or the whole one): a missing one is a type error. */
export type HandlerMap<C extends Record<string, MethodSpec>> = { [N in keyof C]: Handler<C[N]> };

/** A resolved login as the dispatcher sees it. */
export interface ResolvedLogin {
  actor: Actor;
  locked: boolean;
  /**
   * The password was set by an admin (new account, reset) and not yet changed by its user: only
   * methods declared `beforePasswordChange` (and public ones) run. Absent means false.
   */
  mustChangePassword?: boolean;
}

/** What the dispatcher needs to know about the caller's login (AuthService provides it). */
export interface LoginResolver<S extends ResolvedLogin = ResolvedLogin> {
  resolve(conn: ConnectionContext): S | undefined;
  /** Records activity, for auto-lock. */
  touch(login: S): void;
}

/** `passive`: a screen refreshing what it shows; it does not count as activity for auto-lock. */
export type Dispatch = (conn: ConnectionContext, method: string, rawInput: unknown, options?: { passive?: boolean }) => Promise<unknown>;

export interface DispatcherOptions<C extends Record<string, MethodSpec>, S extends ResolvedLogin> {
  handlers: HandlerMap<C>;
  logins: LoginResolver<S>;
  contract?: C;
  logger?: Logger;
}

/** The dispatcher's own refusals, so a caller (and the access test) can tell them from a handler's. */
export const ACCESS_DENIED = {
  unauthenticated: 'log in first',
  locked: 'the station is locked: enter your password to continue',
  forbidden: (role: string, method: string) => `a ${role} may not do this (${method})`,
  mustChangePassword: 'change your password first: an admin set it, and until you choose your own nothing can be done or signed in your name',
} as const;

/** For non-public handlers: the dispatcher guarantees an actor, this states it to the type checker. */
export function actorOf(ctx: HandlerContext): Actor {
  if (!ctx.actor) throw refused('unauthenticated', { code: 'auth.not-logged-in' }, ACCESS_DENIED.unauthenticated);
  return ctx.actor;
}

export function createDispatcher<C extends Record<string, MethodSpec> = Contract, S extends ResolvedLogin = ResolvedLogin>(
  options: DispatcherOptions<C, S>,
): Dispatch {
  const contract = (options.contract ?? CONTRACT) as Record<string, MethodSpec>;
  const handlers = options.handlers as Record<string, (ctx: HandlerContext, input: unknown) => Promise<unknown>>;
  const logger = options.logger ?? consoleLogger;

  return async (conn, method, rawInput, callOptions) => {
    if (typeof method !== 'string' || !Object.prototype.hasOwnProperty.call(contract, method) || !handlers[method])
      throw refused('validation', { code: 'validation.unknown-method' }, `unknown method ${JSON.stringify(String(method)).slice(0, 120)}`, 'method');
    const spec = contract[method]!;
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) throw validationError(parsed.error, rawInput);

    const login = options.logins.resolve(conn);
    const standing: Standing = !login
      ? { kind: 'signed-out' }
      : login.locked
        ? { kind: 'locked', user: login.actor }
        : login.mustChangePassword
          ? { kind: 'must-change-password', user: login.actor }
          : { kind: 'signed-in', user: login.actor };
    let actor: Actor | null = null;
    if (spec.access === 'public') {
      // Public methods neither need a login nor count as activity; a locked login gets no actor, and
      // neither does one whose password an admin still knows.
      actor = login && !login.locked && !login.mustChangePassword ? login.actor : null;
    } else {
      if (!login) throw refused('unauthenticated', { code: 'auth.not-logged-in' }, ACCESS_DENIED.unauthenticated);
      if (login.locked && !spec.options?.whenLocked) throw refused('locked', { code: 'auth.station-locked' }, ACCESS_DENIED.locked);
      if (!spec.access.includes(login.actor.role)) throw refused('forbidden', { code: 'auth.forbidden', params: { role: login.actor.role } }, ACCESS_DENIED.forbidden(login.actor.role, method));
      if (login.mustChangePassword && !spec.options?.beforePasswordChange) throw refused('forbidden', { code: 'auth.must-change-password' }, ACCESS_DENIED.mustChangePassword);
      if (!callOptions?.passive) options.logins.touch(login);
      actor = login.actor;
    }

    try {
      return await handlers[method]!({ actor, conn, standing }, parsed.data);
    } catch (e) {
      if (e instanceof CoreError) throw e;
      logger.error('unexpected error in a handler', { method, ...describeUnexpected(e) });
      throw refused('internal', { code: 'internal.error' }, 'something went wrong in the station (the details were logged). Check whether the action took effect; if it happens again, tell an admin.');
    }
  };
}
