// Errors the core returns across the contract. Each names what is wrong (and the field, where one
// input field is the cause) in words a clinician or admin can act on.
import type { Reason } from '../contract/define.js';

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
    message: string,
    readonly field?: string,
    /** The refusal as a code with parameters (new refusals carry one; the renderer words it). */
    readonly reason?: Reason,
  ) {
    super(message);
    this.name = 'CoreError';
  }

  toJSON(): { code: CoreErrorCode; message: string; field?: string; reason?: Reason } {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }
}

/** A refusal that carries its reason as a code: `refused('blocked', { code: 'thermo.too-early', params }, 'plain words', 'field')`. */
export function refused(code: CoreErrorCode, reason: Reason, message: string, field?: string): CoreError {
  return new CoreError(code, message, field, reason);
}
