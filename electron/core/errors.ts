// Errors the core returns across the contract. Each carries its reason as a code with parameters
// (contract/reasons.ts), which the renderer words in the window's language, and names the input field
// where one field is the cause. The English message is for logs and for whoever reads a raw reply; it
// never holds patient data (names, identifiers, free text).
import type { Reason } from '../contract/reasons.js';

export type CoreErrorCode =
  | 'validation' // an input is malformed or out of range; `field` names it
  | 'unauthenticated' // no valid login for this call
  | 'locked' // the station auto-locked; log in again
  | 'forbidden' // the caller's role may not do this
  | 'not-found'
  | 'conflict' // the thing changed or already exists
  | 'blocked' // a clinical rule stops this (expired lot, allergen, phase order, hard limit)
  | 'gun' // the gun refused or is not reachable
  | 'internal';

export class CoreError extends Error {
  constructor(
    readonly code: CoreErrorCode,
    /** The refusal as a code with parameters: what the screen words. */
    readonly reason: Reason,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }

  toJSON(): { code: CoreErrorCode; message: string; field?: string; reason: Reason } {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}), reason: this.reason };
  }
}

/** A refusal: `refused('blocked', { code: 'thermo.too-early', params }, 'plain words for the log', 'field')`. */
export function refused(code: CoreErrorCode, reason: Reason, message: string, field?: string): CoreError {
  return new CoreError(code, reason, message, field);
}

/** Something named by id that is not there: `notFound('session', 12, 'sessionId')`. */
export function notFound(kind: string, id: string | number | null, field?: string): CoreError {
  return new CoreError('not-found', { code: 'lookup.not-found', params: { kind, id } }, `there is no ${kind} ${id ?? ''}`.trim(), field);
}

/** What a lookup by id found, or notFound naming it: `found(lotById(db, id), 'serum-lot', id, 'lotId')`. */
export function found<T>(value: T | null | undefined, kind: string, id: string | number, field?: string): T {
  if (value === null || value === undefined) throw notFound(kind, id, field);
  return value;
}
