// The review queue: every near miss, hard stop, skipped or shortened thermotherapy, interruption and
// unattributed dose is an item for an admin to review. An item is new until an admin records a
// disposition and a comment, signing with their password (an electronic signature meaning
// "reviewed"); a review is final. An unattributed dose may be assigned to a session and zone, with a
// reason and a signature: a separate, audited attribution row, never an edit of the dose record.
// Imports nothing from Node.
import { z } from 'zod';
import type { Reason } from './define.js';
import { returning } from './define.js';
import { ADMIN_ONLY, id, reason } from './fields.js';
import type { RecordedBy } from './patients.js';
import { ZONES, type SessionStatus, type Zone } from './sessions.js';

export const REVIEW_ITEM_KINDS = ['near_miss', 'hard_stop', 'thermo_skipped', 'thermo_shortened', 'interruption', 'unattributed_dose'] as const;
export type ReviewItemKind = (typeof REVIEW_ITEM_KINDS)[number];

/** What a reviewer concluded (the renderer words each code). */
export const REVIEW_DISPOSITIONS = ['no-action', 'clinically-justified', 'staff-follow-up', 'library-change', 'device-service', 'incident-report'] as const;
export type ReviewDisposition = (typeof REVIEW_DISPOSITIONS)[number];

/** Where an item comes from: the record it is derived from, by table and id. */
export const REVIEW_SOURCES = ['limit_event', 'session_step', 'interruption', 'dose_record'] as const;
export type ReviewSource = (typeof REVIEW_SOURCES)[number];

/** "limit_event:42": the source record of an item. */
export const reviewItemId = z
  .string()
  .regex(new RegExp(`^(${REVIEW_SOURCES.join('|')}):[1-9][0-9]{0,15}$`), 'is not a review item id')
  .refine((s) => Number(s.split(':')[1]) <= Number.MAX_SAFE_INTEGER, 'is not a review item id');

const password = z.string().min(1, 'a signature needs your password').max(256);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = z.string().regex(ISO_DAY, 'must be a date written YYYY-MM-DD');

export const reviewListInput = z
  .strictObject({
    status: z.enum(['new', 'reviewed', 'all']).default('new'),
    kinds: z.array(z.enum(REVIEW_ITEM_KINDS)).min(1).max(REVIEW_ITEM_KINDS.length).optional(),
    /** Days the events happened (station time zone), both included. */
    fromDate: day.optional(),
    toDate: day.optional(),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  })
  .refine((f) => f.fromDate === undefined || f.toDate === undefined || f.fromDate <= f.toDate, { message: 'the last day is before the first day', path: ['toDate'] });

export const reviewSignInput = z.strictObject({
  itemId: reviewItemId,
  disposition: z.enum(REVIEW_DISPOSITIONS, `must be one of ${REVIEW_DISPOSITIONS.join(', ')}`),
  comment: z.string().trim().min(1, 'a comment is required').max(2000, 'must be at most 2000 characters'),
  /** The reviewer's own password: the electronic signature, meaning "reviewed". */
  password,
});

export const reviewAssignInput = z.strictObject({
  doseRecordId: id,
  sessionId: id,
  zone: z.enum(ZONES),
  reason,
  /** The admin's own password: the electronic signature, meaning "attributed". */
  password,
});

export const reviewCandidatesInput = z.strictObject({ doseRecordId: id });

export interface ReviewView {
  disposition: ReviewDisposition;
  comment: string;
  by: RecordedBy;
  at: string;
}

export interface DoseAssignmentView {
  sessionId: number;
  zone: Zone;
  reason: string;
  by: RecordedBy;
  at: string;
}

export interface ReviewItemView {
  itemId: string;
  kind: ReviewItemKind;
  /** Station time of the event (ms). */
  at: number;
  sessionId: number | null;
  patient: { id: number; name: string | null; clinicId: string | null } | null;
  clinician: { userId: number; name: string } | null;
  /**
   * What happened, as a code with parameters (the renderer words it): 'review.hard-stop' with scope,
   * zone, totalNl, limitNl; 'review.near-miss' with scope, zone; 'review.thermo-skipped';
   * 'review.thermo-shortened' with stage, givenSeconds, plannedSeconds; 'review.interruption' with
   * interruption, recovered, missing; 'review.unattributed' with gunSerial, recordId, deliveredNl.
   */
  what: Reason;
  /** The free text recorded with the event (an approver's reason, the ledger's note); null when none. */
  recordedReason: string | null;
  /** The coded reason given with it, when one was. */
  reasonCode: string | null;
  /** Who approved a skip or shortening at the time (an admin's user name), when one did. */
  approvedBy: string | null;
  status: 'new' | 'reviewed';
  review: ReviewView | null;
  /** Unattributed doses only: the session and zone an admin assigned it to. */
  assignment: DoseAssignmentView | null;
}

export interface ReviewPage {
  items: ReviewItemView[];
  total: number;
}

export interface ReviewCounts {
  open: number;
  byKind: Record<ReviewItemKind, number>;
}

/** A session an unattributed dose could belong to: the same gun, close in time. */
export interface AssignCandidate {
  sessionId: number;
  startedAt: number;
  endedAt: number | null;
  status: SessionStatus;
  clinicianName: string;
  patientName: string | null;
  /** Zones the session delivered into, in scalp-map order. */
  zones: Zone[];
}

export const reviewContract = {
  'review.list': returning<ReviewPage>()(reviewListInput, ADMIN_ONLY),
  'review.counts': returning<ReviewCounts>()(z.strictObject({}), ADMIN_ONLY),
  'review.sign': returning<ReviewItemView>()(reviewSignInput, ADMIN_ONLY),
  'review.assignCandidates': returning<AssignCandidate[]>()(reviewCandidatesInput, ADMIN_ONLY),
  'review.assignDose': returning<ReviewItemView>()(reviewAssignInput, ADMIN_ONLY),
} as const;
