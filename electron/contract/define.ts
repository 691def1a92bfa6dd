// How a contract method is declared: its input schema (zod, the only place inputs are validated),
// the roles that may call it, and its output type. Shared by the renderer, the preload, every host
// and the core's dispatcher; it must import nothing from Node.
import type { z } from 'zod';

export type Role = 'clinician' | 'admin';

/** 'public' methods work without a login (first-run set-up, login itself, station status). */
export type Access = 'public' | readonly Role[];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly access: Access;
  /** Phantom: carries the output type to callers; never set at run time. */
  readonly output?: O;
}

export function method<I extends z.ZodType, O>(input: I, access: Access): MethodSpec<I, O> {
  return { input, access };
}

export type InputOf<M> = M extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<M> = M extends MethodSpec<z.ZodType, infer O> ? O : never;

/** The error shape that crosses the contract (CoreError.toJSON()). */
export interface ContractError {
  code: 'validation' | 'unauthenticated' | 'locked' | 'forbidden' | 'not-found' | 'conflict' | 'blocked' | 'gun' | 'internal';
  message: string;
  field?: string;
}
