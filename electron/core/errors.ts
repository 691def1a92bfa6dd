// Errors the core returns across the contract. Each names what is wrong (and the field, where one
// input field is the cause) in words a clinician or admin can act on.
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
  ) {
    super(message);
    this.name = 'CoreError';
  }

  toJSON(): { code: CoreErrorCode; message: string; field?: string } {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message };
  }
}
