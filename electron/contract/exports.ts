// Records exports from the admin screens: start one (it runs in the background and returns a job
// id at once), poll its progress, cancel it. Admin only; the core checks the role again. Imports
// nothing from Node: the renderer loads this file too.
import { z } from 'zod';
import { returning, type ContractError } from './define.js';

/** What an export can write. Each output is one file (recall: two; PDF: one per session). */
export const EXPORT_OUTPUTS = ['shots_csv', 'zones_csv', 'sessions_csv', 'json', 'pdf', 'recall_csv'] as const;
export type ExportOutputName = (typeof EXPORT_OUTPUTS)[number];

export const EXPORT_OUTPUT_LABELS: Record<ExportOutputName, string> = {
  shots_csv: 'CSV, one row per shot',
  zones_csv: 'CSV, one row per zone per session',
  sessions_csv: 'CSV, one row per session',
  json: 'JSON, everything (with its JSON Schema)',
  pdf: 'PDF, one report per session',
  recall_csv: 'Lot recall: every patient and session that received the lot (CSV)',
};

export const EXPORT_STATUS_NAMES = ['signed', 'aborted', 'in_progress'] as const;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = z
  .string()
  .regex(ISO_DAY, 'must be a date written YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'is not a real calendar date');
const id = z.number().int('must be a whole number').positive('must be a positive id').max(Number.MAX_SAFE_INTEGER);
const label = z.string().trim().min(1, 'may not be empty').max(64, 'must be at most 64 characters');

export const exportFiltersSchema = z
  .strictObject({
    /** First day included (session start, station time zone). */
    fromDate: day.optional(),
    /** Last day included. */
    toDate: day.optional(),
    clinicianUserId: id.optional(),
    patientId: id.optional(),
    gunSerial: label.optional(),
    lotNumber: label.optional(),
    statuses: z.array(z.enum(EXPORT_STATUS_NAMES)).min(1).max(3).optional(),
  })
  .refine((f) => f.fromDate === undefined || f.toDate === undefined || f.fromDate <= f.toDate, { message: 'the first day is after the last day', path: ['toDate'] });

export type ExportFiltersInput = z.output<typeof exportFiltersSchema>;

export const exportsRunInput = z
  .strictObject({
    outputs: z.array(z.enum(EXPORT_OUTPUTS)).min(1, 'choose at least one output').max(EXPORT_OUTPUTS.length),
    filters: exportFiltersSchema.default({}),
    /** No names or birth dates: a stable patient code instead (and no free text). */
    pseudonymise: z.boolean().default(false),
    /** UTF-8 byte-order mark at the start of CSV files, for Excel. */
    bom: z.boolean().default(true),
    /** Absolute path of an existing folder; the station's export folder when absent. */
    targetDir: z.string().min(1).max(4096).optional(),
  })
  .refine((r) => !r.outputs.includes('recall_csv') || r.filters.lotNumber !== undefined, { message: 'a lot recall needs the lot number', path: ['filters', 'lotNumber'] });

const jobRef = z.strictObject({ jobId: z.string().regex(/^[0-9a-f]{16}$/, 'is not an export job id') });

export interface ExportJobView {
  jobId: string;
  /** Names the export's files; null until the export has started. */
  exportId: string | null;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  phase: 'counting' | 'writing' | 'finalising' | 'done';
  rowsDone: number;
  rowsTotal: number;
  filesDone: number;
  filesTotal: number;
  bytesWritten: number;
  startedAt: string;
  finishedAt: string | null;
  targetDir: string;
  /** Set when done: the manifest, which lists every file with its SHA-256. */
  manifestPath: string | null;
  files: number;
  warnings: string[];
  error: ContractError | null;
}

const admins = ['admin'] as const;

export const exportsContract = {
  'exports.run': returning<ExportJobView>()(exportsRunInput, admins),
  'exports.progress': returning<ExportJobView>()(jobRef, admins),
  'exports.cancel': returning<ExportJobView>()(jobRef, admins),
} as const;
