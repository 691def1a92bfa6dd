// Quality review for admins: how often the station's safety rules were met, per 100 shots, broken
// down by clinician, serum version, zone or month over a date range; the sessions behind each figure;
// and the coded reasons given. Every figure is computed in SQL in the core (electron/core/quality/).
// Imports nothing from Node: the renderer loads this file too.
//
// What is counted (one rule, electron/core/quality/events.ts):
//   override          a soft limit passed with a reason: a profile beyond a soft limit, or a zone or
//                     session volume acknowledged past its soft maximum (one per limit)
//   hard_stop         the gun stopped at a hard limit (by the station or by its own budget; one per limit)
//   near_miss         a dose refused before anything was delivered: a profile refused at a hard limit,
//                     or arming refused because the next shot would pass a hard limit
//   thermo_cut        thermotherapy skipped, or a stage of it completed early (shortened)
//   interruption      a station restart or a lost link while the gun was armed
//   unattributed      a dose record that reached the station with no session armed for it
// Sessions are counted by the day they started (station time zone); unattributed doses by the day
// they reached the station. Shots are the dose records of those sessions (and the unattributed ones).
// An event with no value for the chosen breakdown (a session-wide limit by zone, an unattributed dose
// by clinician) falls in one row whose key is null, counted per 100 of all shots in the range.
import { z } from 'zod';
import { returning } from './define.js';
import { ADMIN_ONLY } from './fields.js';
import { REASON_USES, type ReasonUse } from './reasonCodes.js';
import type { SessionStatus } from './sessionFilter.js';

export const QUALITY_METRICS = ['override', 'hard_stop', 'near_miss', 'thermo_cut', 'interruption', 'unattributed'] as const;
export type QualityMetric = (typeof QUALITY_METRICS)[number];

export const QUALITY_DIMENSIONS = ['clinician', 'serum_version', 'zone', 'month'] as const;
export type QualityDimension = (typeof QUALITY_DIMENSIONS)[number];

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = z
  .string()
  .regex(ISO_DAY, 'must be a date written YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= 2000 && y <= 2199;
  }, 'is not a real calendar date between 2000 and 2199');

/** Longest range a dashboard question may span (the month axis stays readable, the query bounded). */
export const MAX_RANGE_DAYS = 3 * 366;

const rangeShape = { fromDate: day, toDate: day };
function rangeOk(r: { fromDate: string; toDate: string }, ctx: z.RefinementCtx): void {
  if (r.fromDate > r.toDate) ctx.addIssue({ code: 'custom', path: ['toDate'], message: 'the last day is before the first day' });
  const span = (Date.parse(`${r.toDate}T00:00:00Z`) - Date.parse(`${r.fromDate}T00:00:00Z`)) / 86_400_000;
  if (span >= MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['toDate'], message: `a range may span at most ${MAX_RANGE_DAYS} days` });
}

export const qualityRangeInput = z.strictObject(rangeShape).superRefine(rangeOk);
export type QualityRange = z.output<typeof qualityRangeInput>;

export const qualityRatesInput = z
  .strictObject({ ...rangeShape, metric: z.enum(QUALITY_METRICS), dimension: z.enum(QUALITY_DIMENSIONS) })
  .superRefine(rangeOk);
export type QualityRatesQuery = z.output<typeof qualityRatesInput>;

/**
 * The key of one row: a clinician's user id, a serum version id (as text), a zone, or a month
 * 'YYYY-MM'; null for the events with no value for the breakdown.
 */
const rowKey = z.string().min(1).max(40).nullable();

export const qualityDrillInput = z
  .strictObject({
    ...rangeShape,
    metric: z.enum(QUALITY_METRICS),
    dimension: z.enum(QUALITY_DIMENSIONS),
    key: rowKey,
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  })
  .superRefine(rangeOk);

export const qualityCsvInput = z.discriminatedUnion('table', [
  z.strictObject({ table: z.literal('rates'), ...rangeShape, metric: z.enum(QUALITY_METRICS), dimension: z.enum(QUALITY_DIMENSIONS) }).superRefine(rangeOk),
  z.strictObject({ table: z.literal('reasons'), ...rangeShape }).superRefine(rangeOk),
]);

export interface QualityRateRow {
  key: string | null;
  /** A clinician's name or a serum's name and version; null where the renderer words the key (zone, month) or for the null key. */
  label: string | null;
  /** A serum row's version number; null otherwise. */
  version: number | null;
  events: number;
  shots: number;
  /** events * 100 / shots, computed in SQL; null when there were no shots to count against. */
  ratePer100: number | null;
}

export interface QualityRates {
  metric: QualityMetric;
  dimension: QualityDimension;
  fromDate: string;
  toDate: string;
  /** In the breakdown's order (clinicians and serums by name, zones as on the scalp map, months in time); the null key last. */
  rows: QualityRateRow[];
  /** The whole range: every event per 100 of every shot. */
  total: QualityRateRow;
}

export interface QualityDrillSession {
  sessionId: number;
  startedAt: number;
  status: SessionStatus;
  clinicianName: string;
  patientName: string | null;
  patientClinicId: string | null;
  serum: { name: string; version: number } | null;
  /** Events of the metric in this session that fall in the row. */
  events: number;
}

export interface QualityDrillRecord {
  doseRecordId: number;
  gunSerial: string;
  recordId: number;
  receivedAt: number;
  deliveredNl: number;
  /** Why the ledger kept it without a session (as the ledger recorded it). */
  reason: string;
  /** Assigned since to a session and zone by an admin (a signed attribution, never an edit of the record). */
  assignment: { sessionId: number; zone: string } | null;
}

export interface QualityDrill {
  /** The sessions behind the row, newest first. */
  sessions: QualityDrillSession[];
  totalSessions: number;
  /** For unattributed doses: the records themselves, newest first. */
  records: QualityDrillRecord[];
  totalRecords: number;
}

export interface QualityReasonCount {
  use: ReasonUse;
  /** Null for reasons given before coded reasons (free text only). */
  code: string | null;
  label: string | null;
  retired: boolean;
  events: number;
}

export interface QualityCsv {
  fileName: string;
  /** RFC 4180 with the exports' cell rules (formula neutralisation), UTF-8 with a byte-order mark. */
  csv: string;
  rows: number;
}

export { REASON_USES };

export const qualityContract = {
  'quality.rates': returning<QualityRates>()(qualityRatesInput, ADMIN_ONLY),
  'quality.drill': returning<QualityDrill>()(qualityDrillInput, ADMIN_ONLY),
  'quality.reasonCounts': returning<QualityReasonCount[]>()(qualityRangeInput, ADMIN_ONLY),
  'quality.csv': returning<QualityCsv>()(qualityCsvInput, ADMIN_ONLY),
} as const;
