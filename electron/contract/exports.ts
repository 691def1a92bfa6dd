// Records exports from the admin screens: start one (it runs in the background and returns a job
// id at once), poll its progress, cancel it. Admin only; the core checks the role again. Imports
// nothing from Node: the renderer loads this file too.
import { z } from 'zod';
import { returning, type ContractError } from './define.js';
import type { Reason } from './reasons.js';
import { SESSION_STATUSES, sessionFilterSchema } from './sessionFilter.js';

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

/** The session statuses an export can filter on: the one vocabulary of contract/sessionFilter.ts. */
export const EXPORT_STATUS_NAMES = SESSION_STATUSES;

/** Which sessions to export: the same filter, with the same meaning, as the session browser's. */
export const exportFiltersSchema = sessionFilterSchema;

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
  .refine((r) => !r.outputs.includes('recall_csv') || r.filters.lotNumber !== undefined, { message: 'a lot recall needs the lot number', path: ['filters', 'lotNumber'], params: { reason: 'export.lot-needed' } });

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
  /** What the reader of the export should know (a training database, a session read in part). */
  warnings: Reason[];
  error: ContractError | null;
}

const admins = ['admin'] as const;

export const exportsContract = {
  'exports.run': returning<ExportJobView>()(exportsRunInput, admins),
  'exports.progress': returning<ExportJobView>()(jobRef, admins),
  'exports.cancel': returning<ExportJobView>()(jobRef, admins),
} as const;
