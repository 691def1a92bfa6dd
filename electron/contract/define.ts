// How a contract method is declared: its input schema (zod, the only place inputs are validated),
// the roles that may call it, and its output type. Shared by the renderer, the preload, every host
// and the core's dispatcher; it must import nothing from Node.
import type { z } from 'zod';
import type { Reason } from './reasons.js';

export type Role = 'clinician' | 'admin';

/** 'public' methods work without a login (first-run set-up, login itself, station status). */
export type Access = 'public' | readonly Role[];

export interface MethodOptions {
  /**
   * Callable by a locked login (unlock, logout). Every other non-public method answers
   * 'locked' until the user re-enters the password.
   */
  readonly whenLocked?: boolean;
  /**
   * Callable while the user must change a password an admin set (new account, reset): changing it,
   * logging out, locking, unlocking. Every other non-public method is refused until then, so the
   * admin who knows the password cannot act or sign as that user.
   */
  readonly beforePasswordChange?: boolean;
}

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly access: Access;
  readonly options?: MethodOptions;
  /** Phantom: carries the output type to callers; never set at run time. */
  readonly output?: O;
}

export function method<I extends z.ZodType, O>(input: I, access: Access, options?: MethodOptions): MethodSpec<I, O> {
  return options ? { input, access, options } : { input, access };
}

/**
 * The same as `method`, with the input schema's type inferred and only the output type written:
 * `returning<Me>()(z.strictObject({ ... }), 'public')`. (TypeScript cannot infer one type argument
 * and take the other explicitly in a single call.)
 */
export function returning<O>() {
  return <I extends z.ZodType>(input: I, access: Access, options?: MethodOptions): MethodSpec<I, O> => method<I, O>(input, access, options);
}

export type InputOf<M> = M extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type { Reason } from './reasons.js';

export type OutputOf<M> = M extends MethodSpec<z.ZodType, infer O> ? O : never;

/** The error shape that crosses the contract (CoreError.toJSON()). */
export interface ContractError {
  code: 'validation' | 'unauthenticated' | 'locked' | 'forbidden' | 'not-found' | 'conflict' | 'blocked' | 'gun' | 'internal';
  /** Plain words for logs and for callers that do not know `reason`'s code. */
  message: string;
  field?: string;
  /** Why, as a code with parameters: the renderer words it in the window's language. */
  reason: Reason;
}
