// The manifest: what an export contains and who made it, written LAST (after every data file is on
// disk under its final name), itself temp-then-rename. A folder with data files but no manifest is an
// export that did not finish; a reader checks every file against the SHA-256 listed here.
import { EXPORT_OUTPUTS, type ExportOutputName } from '../../contract/exports.js';
import type { Reason } from '../../contract/reasons.js';
import type { Actor } from '../access/actor.js';
import type { AuditCheckpoint } from '../audit/checkpoint.js';
import { AtomicFile, type WrittenFile } from './files/atomicFile.js';
import type { SessionFilter } from '../../contract/sessionFilter.js';

// 2: auditCheckpoint added.
// 3: the files changed, not the manifest's fields: sessions.csv's session_locked_at is session_closed_at,
// and the JSON is schema 2.0.0 (a session's lockedAt is closedAt). EXPORTS.md, "Format versions".
export const MANIFEST_VERSION = 3;

export { EXPORT_OUTPUTS };
export type ExportOutput = ExportOutputName;

export interface ManifestFile extends WrittenFile {
  output: ExportOutput | 'json_schema';
  /** Data rows (CSV, header excluded), sessions (JSON), reports (PDF: 1). */
  rows: number;
}

export interface RowCounts {
  sessions: number;
  shots: number;
  unattributedShots: number;
  zoneRows: number;
  pdfReports: number;
  recallPatients: number;
  recallSessions: number;
}

export interface ExportManifest {
  manifestVersion: typeof MANIFEST_VERSION;
  exportId: string;
  kind: 'records' | 'lot_recall';
  startedAt: string;
  completedAt: string;
  /** displayName is null in a pseudonymised export (no person's name in it, staff included). */
  createdBy: { userId: number; username: string; displayName: string | null; role: string };
  via: 'admin_screen' | 'command_line';
  software: string;
  filters: SessionFilter;
  pseudonymised: boolean;
  utf8Bom: boolean;
  outputs: ExportOutput[];
  rowCounts: RowCounts;
  files: ManifestFile[];
  csvRules: string;
  jsonSchema: { id: string; version: string } | null;
  /** From a training station's database (the simulated gun): not clinical records. */
  training: boolean;
  /** In English, for tools and auditors reading the file (manifestWarning); the admin screen words the codes. */
  warnings: string[];
  /** The audit trail's head when the export was made (rows, last hash, keyed MACs); null from a tool without the trail. */
  auditCheckpoint: AuditCheckpoint | null;
}

export const CSV_RULES =
  'RFC 4180: comma-separated, CRLF line ends, UTF-8. Text cells are always double-quoted with inner quotes doubled; ' +
  'number cells are never quoted; an empty unquoted field is an absent value (SQL NULL), "" is an empty text. ' +
  "A text cell whose value starts with = + - @ TAB CR ' (or the full-width = + - @) is written with one extra leading apostrophe " +
  'so spreadsheets never run it as a formula; strip exactly one leading apostrophe from a text cell to get the stored value. ' +
  'Number columns are typed: a negative number is written as a number. Times are ISO 8601 UTC; volumes are nL (1 µL = 1000 nL).';

/**
 * An export warning as the manifest writes it: the manifest is a file for tools and auditors, written
 * in English like its CSV rules, whatever the exporting admin's language. The admin screen gets the
 * codes (ExportJobView.warnings) and words them in the admin's language.
 */
export function manifestWarning(w: Reason): string {
  const p = w.params ?? {};
  switch (w.code) {
    case 'export.training-database':
      return 'TRAINING DATABASE: every session here was given with the simulated gun in training mode; none is a clinical record';
    case 'export.workflow-unreadable':
      return `session ${p.sessionId}: workflow context unreadable (${p.detail}); gun model/firmware, thermotherapy and closing left empty`;
    default:
      return `${w.code} ${JSON.stringify(p)}`;
  }
}

export function actorOf(actor: Actor, pseudonymise: boolean): ExportManifest['createdBy'] {
  return { userId: actor.userId, username: actor.username, displayName: pseudonymise ? null : actor.displayName, role: actor.role };
}

/**
 * Writes a manifest (this records export's, or the audit export's) to its temporary file and fsyncs
 * it; the caller commits it after the data files.
 */
export async function writeManifestTemp(dir: string, name: string, manifest: ExportManifest | object): Promise<AtomicFile> {
  const file = await AtomicFile.create(dir, name);
  try {
    await file.write(JSON.stringify(manifest, null, 2) + '\n');
    await file.finish();
    return file;
  } catch (e) {
    await file.discard();
    throw e;
  }
}
