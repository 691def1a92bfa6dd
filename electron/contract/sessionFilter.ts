// The one filter over clinical sessions: the admin's session browser (sessions.list) and every
// export (exports.run) take the same fields with the same meaning, so the same filter gives the same
// sessions on screen and in a file (electron/core/sessions/filter.ts turns it into SQL). Imports
// nothing from Node: the renderer loads this file too.
import { z } from 'zod';

/**
 * A clinical session's status, as every list, filter and export names it: under way (any phase
 * before the signature), signed (closed for good), or aborted.
 */
export const SESSION_STATUSES = ['in_progress', 'signed', 'aborted'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar day, YYYY-MM-DD, that exists (no 2025-02-30). */
export const calendarDay = z
  .string()
  .regex(ISO_DAY, 'must be a date written YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'is not a real calendar date');
const id = z.number().int('must be a whole number').positive('must be a positive id').max(Number.MAX_SAFE_INTEGER);
const label = z.string().trim().min(1, 'may not be empty').max(64, 'must be at most 64 characters');

/** The filter's fields; each is optional and they combine with AND. */
export const sessionFilterFields = {
  /** First day included: sessions started on or after its local midnight (station time zone). */
  fromDate: calendarDay.optional(),
  /** Last day included: sessions started before the next local midnight (23, 24 or 25 hours later). */
  toDate: calendarDay.optional(),
  clinicianUserId: id.optional(),
  patientId: id.optional(),
  /** Sessions the gun took the profile for, or delivered any dose in (a gun swapped mid-session counts). */
  gunSerial: label.optional(),
  /** Sessions in which the patient received at least one dose from the lot (a lot recall). */
  lotNumber: label.optional(),
  /** Any of these statuses. */
  statuses: z.array(z.enum(SESSION_STATUSES)).min(1).max(SESSION_STATUSES.length).optional(),
};

/** The first day may not come after the last: refused, naming toDate, rather than matching nothing. */
export function daysInOrder(f: { fromDate?: string; toDate?: string }): boolean {
  return f.fromDate === undefined || f.toDate === undefined || f.fromDate <= f.toDate;
}
export const DAYS_OUT_OF_ORDER = { message: 'the first day is after the last day', path: ['toDate'] };

export const sessionFilterSchema = z.strictObject(sessionFilterFields).refine(daysInOrder, DAYS_OUT_OF_ORDER);

export type SessionFilter = z.output<typeof sessionFilterSchema>;
