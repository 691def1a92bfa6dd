// The small input pieces several areas' schemas share: who may call, ids, calendar days, the reason
// for a change, a printed code, and the parts of an edit to a versioned definition. Imports nothing
// from Node: the renderer loads this file too.
import { z } from 'zod';

export const CLINICAL_ROLES = ['clinician', 'admin'] as const;
export const ADMIN_ONLY = ['admin'] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isRealIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** A calendar day (no time zone games): clinical dates here are days, not instants. */
export const isoDate = z
  .string()
  .regex(ISO_DATE, 'must be a date written YYYY-MM-DD')
  .refine(isRealIsoDate, { message: 'is not a real calendar date', params: { reason: 'validation.not-a-date' } })
  .refine((s) => s >= '1900-01-01' && s <= '2199-12-31', { message: 'must be between 1900 and 2199', params: { reason: 'validation.date-range', minDate: '1900-01-01', maxDate: '2199-12-31' } });

export const id = z.number().int('must be a whole number').positive('must be a positive id');

/** Why an existing record is changed: Part 11 wants old value, new value and the reason. */
export const reason = z.string().trim().min(1, 'a reason for the change is required').max(500, 'must be at most 500 characters');

/** A code someone prints or writes on a thing (a clinic's patient number, a lot number on a vial). */
export const printedCode = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(40, 'must be at most 40 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'may contain only letters, digits and . _ / -');

/** One problem a cross-field rule found, at its field's path (e.g. phases.1.minGapDays). */
export type FieldIssue = { path: (string | number)[]; message: string };

/** A schema's refinement from a rule that lists its problems: each becomes an issue at its path. */
export function refinedBy<T>(problems: (value: T) => FieldIssue[]): (value: T, ctx: z.RefinementCtx) => void {
  return (value, ctx) => {
    for (const issue of problems(value)) ctx.addIssue({ code: 'custom', ...issue });
  };
}

/** What an edit of a versioned definition (a course template, a serum) carries besides the new definition. */
export const versionedEdit = {
  /** The version the admin edited; a newer one on file means someone else changed it first. */
  expectedVersion: z.number().int().positive().optional(),
  reason,
};
