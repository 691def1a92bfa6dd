// The audit trail exported for an inspector: the rows an admin filtered (by time, user, entity,
// action), as CSV and/or JSON, each row with its place in the chain (prevHash, hash), and a manifest
// carrying the chain proof and the verify result:
// - the whole trail is verified first (every row's keyed hash, the keyed head, the key store's
//   checkpoint, the records that must each have their audit row), and the head is checkpointed;
// - the export holds the rows up to that head, no later ones, so what was verified is what is exported;
// - the chain proof: the head (row count, last hash, its MAC), the MAC'd checkpoint, and every run of
//   consecutive rows the export holds with the hash before its first row and of its last row. Without
//   the key anyone can check that each run links up and (unfiltered) that it ends at the head; with the
//   station's audit key each row's hash recomputes (audit/exportVerify.ts does both).
// Files are written the way records exports are (temporary, fsynced, renamed; the manifest last), and
// the export itself is audited.
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { auditExportInput, type AuditExportFile, type AuditExportFormat, type AuditExportResult, type AuditVerification } from '../../contract/audit.js';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../clock.js';
import { refused } from '../errors.js';
import { formatCsvRow, UTF8_BOM, type CsvCellKind, type CsvValue } from '../exports/csv/cell.js';
import { AtomicFile, syncDirectory } from '../exports/files/atomicFile.js';
import { BatchedWriter } from '../exports/files/batchedWriter.js';
import { CSV_RULES, writeManifestTemp } from '../exports/manifest.js';
import { parseInput, requireAdmin } from '../serviceChecks.js';
import { openSibling, type Db } from '../storage/db.js';
import { AUDIT_GENESIS_HASH } from '../storage/migrations/002_audit.js';
import { stationModeOf } from '../storage/stationMode.js';
import type { AuditCheckpoint } from './checkpoint.js';
import { auditCondition } from './filter.js';
import { toEntry, type AuditTrail, type StoredAuditRow } from './trail.js';

export const AUDIT_EXPORT_MANIFEST_VERSION = 1;

/** One run of consecutive rows in the export: the hash it follows from, and its last row's hash. */
export interface ChainSegment {
  fromId: number;
  toId: number;
  prevHash: string;
  lastHash: string;
}

export interface AuditExportManifest {
  manifestVersion: typeof AUDIT_EXPORT_MANIFEST_VERSION;
  kind: 'audit_trail';
  exportId: string;
  startedAt: string;
  completedAt: string;
  createdBy: { userId: number; username: string; displayName: string; role: string };
  software: string;
  training: boolean;
  filters: z.output<typeof auditExportInput>['filters'];
  formats: AuditExportFormat[];
  rows: number;
  files: (AuditExportFile & { format: AuditExportFormat })[];
  csvRules: string;
  chainProof: {
    algorithm: string;
    genesisHash: string;
    /** The trail's head as exported: rows 1..rows, the last row's hash, and the head's MAC. */
    head: { rows: number; lastHash: string; headMac: string };
    /** The checkpoint written into the key store as the export was made (MAC'd under the audit key). */
    checkpoint: AuditCheckpoint;
    segments: ChainSegment[];
    /** The export holds every row of the trail up to the head (no filter). */
    complete: boolean;
  };
  verification: AuditVerification & { verifiedAt: string };
}

export interface AuditExportDeps {
  db: Db;
  trail: Pick<AuditTrail, 'verify' | 'checkpoint' | 'append'>;
  clock: Clock;
  software: string;
  /** Where the export goes when the admin names no folder. */
  defaultDir: string;
}

export const CSV_COLUMNS = ['id', 'at', 'user_id', 'username', 'action', 'entity', 'entity_id', 'old_value', 'new_value', 'reason', 'prev_hash', 'hash'] as const;
const CSV_KINDS: CsvCellKind[] = CSV_COLUMNS.map((c) => (c === 'id' || c === 'user_id' ? 'number' : 'text'));

export const CHAIN_ALGORITHM =
  "HMAC-SHA256 under the station's audit key (kept in its key store, never exported) over the previous row's hash followed by the row's canonical JSON " +
  '{id, at, userId, username, action, entity, entityId, oldValue, newValue, reason} (keys sorted, oldValue and newValue as the stored canonical JSON text); ' +
  'the first row follows the genesis hash. The head MAC is HMAC-SHA256 of "audit-head\\n<rows>\\n<lastHash>".';

type StoredRow = StoredAuditRow;

function exportIdFor(ms: number): string {
  return `${new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

/** The JSON form of a row: the trail's own entry (values parsed) with its place in the chain. */
export function jsonRow(r: StoredRow): Record<string, unknown> {
  return { ...toEntry(r), prevHash: r.prev_hash, hash: r.hash };
}

export async function exportAuditTrail(actorOrNull: Actor | null, input: z.input<typeof auditExportInput>, deps: AuditExportDeps): Promise<AuditExportResult> {
  const actor = requireAdmin(actorOrNull);
  const req = parseInput(auditExportInput, input);
  const targetDir = req.targetDir ?? deps.defaultDir;
  if (!path.isAbsolute(targetDir)) throw refused('validation', { code: 'export.folder-not-absolute' }, 'targetDir: the target folder must be an absolute path', 'targetDir');
  if (!(await stat(targetDir).catch(() => null))?.isDirectory()) throw refused('validation', { code: 'export.folder-missing', params: { folder: targetDir } }, `targetDir: the target folder ${targetDir} does not exist`, 'targetDir');
  const formats = [...new Set(req.formats)];
  const startedMs = deps.clock.now();
  const exportId = exportIdFor(startedMs);
  const training = stationModeOf(deps.db) === 'training';
  const base = training ? `meso-TRAINING-audit-${exportId}` : `meso-audit-${exportId}`;

  // Verified and checkpointed in one synchronous stretch: nothing is appended in between.
  const verification = { ...deps.trail.verify(), verifiedAt: new Date(deps.clock.now()).toISOString() };
  const checkpoint = deps.trail.checkpoint();

  const files: { file: AtomicFile; format: AuditExportFormat; rows: number }[] = [];
  let manifestFile: AtomicFile | null = null;
  // A second connection: the main one keeps taking doses while the files are written.
  const ro = openSibling(deps.db);
  try {
    const writers = await Promise.all(
      formats.map(async (format) => {
        const file = await AtomicFile.create(targetDir, `${base}.${format === 'csv' ? 'audit.csv' : 'audit.json'}`);
        files.push({ file, format, rows: 0 });
        return { format, file, out: new BatchedWriter(file) };
      }),
    );
    const csv = writers.find((w) => w.format === 'csv');
    const json = writers.find((w) => w.format === 'json');
    const csvLine = (values: CsvValue[]) => formatCsvRow(values, CSV_KINDS);
    csv?.out.push(UTF8_BOM + formatCsvRow([...CSV_COLUMNS], CSV_COLUMNS.map(() => 'text')));
    json?.out.push(`{\n "format": "meso-station audit trail",\n "formatVersion": 1,\n "exportId": ${JSON.stringify(exportId)},\n "rows": [\n`);

    const cond = auditCondition(req.filters);
    const segments: ChainSegment[] = [];
    let rows = 0;
    for (const raw of ro.prepare(`SELECT * FROM audit_log WHERE ${cond.sql} AND id <= ? ORDER BY id`).iterate(...cond.params, checkpoint.rows)) {
      const r = raw as StoredRow;
      const last = segments.at(-1);
      if (last && last.toId === r.id - 1) Object.assign(last, { toId: r.id, lastHash: r.hash });
      else segments.push({ fromId: r.id, toId: r.id, prevHash: r.prev_hash, lastHash: r.hash });
      const waits: Promise<void>[] = [];
      if (csv) {
        const p = csv.out.push(csvLine(CSV_COLUMNS.map((c) => r[c])));
        if (p) waits.push(p);
      }
      if (json) {
        const p = json.out.push((rows === 0 ? '  ' : ',\n  ') + JSON.stringify(jsonRow(r)));
        if (p) waits.push(p);
      }
      rows++;
      if (waits.length > 0) await Promise.all(waits);
    }
    json?.out.push('\n ]\n}\n');
    for (const w of writers) {
      await w.out.flush();
      await w.file.finish();
      files.find((f) => f.file === w.file)!.rows = rows;
    }

    const written = files.map((f) => ({ ...f.file.written, rows: f.rows, format: f.format }));
    const manifest: AuditExportManifest = {
      manifestVersion: AUDIT_EXPORT_MANIFEST_VERSION,
      kind: 'audit_trail',
      exportId,
      startedAt: new Date(startedMs).toISOString(),
      completedAt: new Date(deps.clock.now()).toISOString(),
      createdBy: { userId: actor.userId, username: actor.username, displayName: actor.displayName, role: actor.role },
      software: deps.software,
      training,
      filters: req.filters,
      formats,
      rows,
      files: written,
      csvRules: `${CSV_RULES} old_value and new_value hold the stored canonical JSON text the row's hash covers.`,
      chainProof: {
        algorithm: CHAIN_ALGORITHM,
        genesisHash: AUDIT_GENESIS_HASH,
        head: { rows: checkpoint.rows, lastHash: checkpoint.lastHash, headMac: checkpoint.headMac },
        checkpoint,
        segments,
        complete: rows === checkpoint.rows && (segments.length === 0 ? checkpoint.rows === 0 : segments.length === 1 && segments[0]!.fromId === 1),
      },
      verification,
    };
    manifestFile = await writeManifestTemp(targetDir, `${base}.manifest.json`, manifest);
    for (const f of files) await f.file.commit();
    await syncDirectory(targetDir);
    await manifestFile.commit();
    await syncDirectory(targetDir);
    deps.trail.append({
      actor,
      action: 'audit.export',
      entity: 'audit',
      entityId: exportId,
      newValue: { filters: req.filters, formats, rows, headRows: checkpoint.rows, verified: verification.ok, problems: verification.problems.length, manifest: manifestFile.name, files: written.map((f) => ({ name: f.name, sha256: f.sha256, bytes: f.bytes })) },
    });
    return {
      exportId,
      manifestPath: manifestFile.finalPath,
      files: written.map(({ format: _f, ...f }) => f),
      rows,
      verification: { ok: verification.ok, problems: verification.problems.length },
    };
  } catch (e) {
    for (const f of files) await f.file.discard({ committed: true });
    await manifestFile?.discard({ committed: true });
    throw e;
  } finally {
    ro.close();
  }
}
