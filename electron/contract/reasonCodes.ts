// Coded reasons: why a clinician overrode a soft limit, skipped or shortened thermotherapy, or
// aborted a session, chosen from a list the admins keep, plus optional free text. A code is a short
// stable name ('patient-request'); it never changes once made, so counts by code stay comparable
// over years. Its label is the clinic's own words and can be edited; a code is retired, never
// deleted (events keep naming it). Imports nothing from Node.
import { z } from 'zod';
import { returning } from './define.js';
import { ADMIN_ONLY, CLINICAL_ROLES, id, reason } from './fields.js';
import type { RecordedBy } from './patients.js';

/** Where a coded reason is asked for. */
export const REASON_USES = ['override', 'skip', 'shorten', 'abort'] as const;
export type ReasonUse = (typeof REASON_USES)[number];

export const reasonCodeName = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'must be at least 2 characters')
  .max(40, 'must be at most 40 characters')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case letters and digits, joined by single dashes');

const label = z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters');
const uses = z
  .array(z.enum(REASON_USES, `must be one of ${REASON_USES.join(', ')}`))
  .min(1, 'choose at least one use')
  .max(REASON_USES.length)
  .transform((u) => REASON_USES.filter((x) => u.includes(x)));

/**
 * A reason as a clinician gives it: a code from the list (active, and meant for this use) and
 * optional words; a code marked "text required" (such as 'other') needs the words.
 */
export const codedReason = z.strictObject({
  code: reasonCodeName,
  text: z.string().trim().max(500, 'must be at most 500 characters').optional(),
});
export type CodedReasonInput = z.input<typeof codedReason>;

export interface ReasonCodeView {
  id: number;
  code: string;
  label: string;
  uses: ReasonUse[];
  /** The free text is required with this code (e.g. 'other'). */
  textRequired: boolean;
  retired: boolean;
  createdAt: string;
  /** Null for the codes installed with the station. */
  createdBy: RecordedBy | null;
  updatedAt: string;
}

export const reasonCodesListInput = z.strictObject({
  /** Only codes for this use. */
  use: z.enum(REASON_USES).optional(),
  /** Retired codes too (the admin's list); clinicians choose among active ones. */
  includeRetired: z.boolean().default(false),
});

export const reasonCodesCreateInput = z.strictObject({ code: reasonCodeName, label, uses, textRequired: z.boolean().default(false) });

export const reasonCodesUpdateInput = z.strictObject({
  id,
  label: label.optional(),
  uses: uses.optional(),
  textRequired: z.boolean().optional(),
  /** Why the list changed (audited). */
  reason,
});

export const reasonCodesRetireInput = z.strictObject({ id, retired: z.boolean(), reason });

export const reasonCodesContract = {
  'reasonCodes.list': returning<ReasonCodeView[]>()(reasonCodesListInput, CLINICAL_ROLES),
  'reasonCodes.create': returning<ReasonCodeView>()(reasonCodesCreateInput, ADMIN_ONLY),
  'reasonCodes.update': returning<ReasonCodeView>()(reasonCodesUpdateInput, ADMIN_ONLY),
  /** Retires a code (no longer offered) or brings it back. */
  'reasonCodes.setRetired': returning<ReasonCodeView>()(reasonCodesRetireInput, ADMIN_ONLY),
} as const;
