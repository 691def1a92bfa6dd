// One export, start to finish: validate, take a read snapshot, write every chosen output to
// temporary files, then - only when all of them are whole and fsynced - rename them into place,
// write the manifest the same way, and append the audit-trail entry. Any failure or a cancel on the
// way discards every temporary file (and rolls back renamed ones), so the target folder never holds a
// complete-looking export that is not one; the attempt is still written to the audit trail.
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Language } from '../../contract/languages.js';
import type { Reason } from '../../contract/reasons.js';
import type { Actor } from '../access/actor.js';
import type { AuditCheckpoint } from '../audit/checkpoint.js';
import type { Clock } from '../clock.js';
import { refused } from '../errors.js';
import type { Db } from '../storage/db.js';
import { stationModeOf } from '../storage/stationMode.js';
import { CsvRowWriter } from './csv/rowWriter.js';
import { streamShotsCsv } from './csv/shotsStream.js';
import { AtomicFile, syncDirectory } from './files/atomicFile.js';
import { BatchedWriter } from './files/batchedWriter.js';
import { doseJson, jsonOpening, JSON_SCHEMA_ID, JSON_SCHEMA_VERSION, sessionJson } from './json/document.js';
import { actorOf, CSV_RULES, MANIFEST_VERSION, manifestWarning, writeManifestTemp, type ExportManifest, type ExportOutput, type ManifestFile, type RowCounts } from './manifest.js';
import type { SessionReport } from './model.js';
import { writeSessionReportPdf } from './pdf/sessionReport.js';
import { ExportCancelled, ProgressTracker, type ProgressListener } from './progress.js';
import type { SessionFilter } from '../../contract/sessionFilter.js';
import { sessionCondition } from '../sessions/filter.js';
import { unattributedCondition } from './query/filters.js';
import { openReadSnapshot } from './query/readSnapshot.js';
import { DOSE_SELECT, SessionReader } from './query/sessionReader.js';
import type { DoseRow } from './query/shotColumns.js';
import { shotCountQueries } from './query/shots.js';
import {
  recallPatientColumns,
  recallSessionColumns,
  sessionColumns,
  zoneColumns,
  type RecallPatientRow,
  type RecallSessionRow,
  type ZoneRow,
} from './query/summaries.js';

export interface ExportRequest {
  outputs: ExportOutput[];
  filters: SessionFilter;
  pseudonymise: boolean;
  /** Start CSV files with a UTF-8 byte-order mark, which Excel needs to read UTF-8. */
  bom: boolean;
  /** An existing folder; the export's files are created in it. */
  targetDir: string;
}

/** The audit trail as exports use it (electron/core/audit AuditTrail satisfies it). */
export interface ExportAuditPort {
  append(entry: { actor: Actor | null; action: string; entity: string; entityId: string | number | null; newValue?: unknown; reason?: string | null }): void;
  /** Stores the trail's head as the key store's checkpoint and returns it, for the manifest. */
  checkpoint?(): AuditCheckpoint;
}

export interface ExportContext {
  stationDb: Db;
  /** The station's pseudonym secret, from the key store. */
  pseudonymSecret: Uint8Array;
  actor: Actor;
  /**
   * The language people read the export in: the PDF reports' words, figures and dates. The data files
   * (CSV, JSON) are language-neutral: stable column names and coded values.
   */
  language: Language;
  clock: Clock;
  audit: ExportAuditPort;
  software: string;
  via: ExportManifest['via'];
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  /** One PDF file per session: past this many, the admin is asked to narrow the filters. */
  maxPdfReports?: number;
  /** Called with the export id as soon as it is known (before any file is written). */
  onStart?: (exportId: string) => void;
}

export interface ExportResult {
  exportId: string;
  manifestPath: string;
  manifest: ExportManifest;
  /** The manifest's warnings as codes, for a screen to word in its reader's language. */
  warnings: Reason[];
}

export const DEFAULT_MAX_PDF_REPORTS = 1000;

const SCHEMA_PATH = new URL('./json/records-export.schema.json', import.meta.url);

function exportIdFor(ms: number): string {
  return `${new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

async function checkRequest(req: ExportRequest, ctx: ExportContext): Promise<void> {
  if (ctx.actor.role !== 'admin') throw refused('forbidden', { code: 'auth.forbidden', params: { role: ctx.actor.role } }, 'only an admin may export records');
  if (req.outputs.length === 0) throw refused('validation', { code: 'export.no-output' }, 'choose at least one output', 'outputs');
  if (req.outputs.includes('recall_csv') && req.filters.lotNumber === undefined)
    throw refused('validation', { code: 'export.lot-needed' }, 'a lot recall needs the lot number', 'filters.lotNumber');
  if (!path.isAbsolute(req.targetDir)) throw refused('validation', { code: 'export.folder-not-absolute' }, 'the target folder must be an absolute path', 'targetDir');
  const st = await stat(req.targetDir).catch(() => null);
  if (!st?.isDirectory()) throw refused('validation', { code: 'export.folder-missing', params: { folder: req.targetDir } }, `the target folder ${req.targetDir} does not exist`, 'targetDir');
}

export async function runExport(req: ExportRequest, ctx: ExportContext): Promise<ExportResult> {
  await checkRequest(req, ctx);
  const startedMs = ctx.clock.now();
  const exportId = exportIdFor(startedMs);
  ctx.onStart?.(exportId);
  // A training station's database (the simulated gun) is never a clinical record: its files say so
  // in their names, the manifest and every PDF page.
  const training = stationModeOf(ctx.stationDb) === 'training';
  const base = training ? `meso-TRAINING-export-${exportId}` : `meso-export-${exportId}`;
  const outputs = [...new Set(req.outputs)];
  const tracker = new ProgressTracker(ctx.onProgress, ctx.signal);
  const files: { file: AtomicFile; meta: Omit<ManifestFile, 'name' | 'bytes' | 'sha256'> }[] = [];
  let manifestFile: AtomicFile | null = null;
  const counts: RowCounts = { sessions: 0, shots: 0, unattributedShots: 0, zoneRows: 0, pdfReports: 0, recallPatients: 0, recallSessions: 0 };
  const auditBase = { outputs, filters: req.filters, pseudonymised: req.pseudonymise, targetDir: req.targetDir, via: ctx.via };
  const snap = openReadSnapshot(ctx.stationDb, ctx.pseudonymSecret);
  const open = async (name: string, output: ManifestFile['output']) => {
    const file = await AtomicFile.create(req.targetDir, `${base}.${name}`);
    const entry = { file, meta: { output, rows: 0 } };
    files.push(entry);
    return entry;
  };
  try {
    const ro = snap.db;
    const reader = new SessionReader(ro);
    const cond = sessionCondition(req.filters);
    const sessionTotal = (ro.prepare(`SELECT count(*) FROM clinical_sessions s WHERE ${cond.sql}`).raw().get(cond.params) as [number])[0];
    const maxPdf = ctx.maxPdfReports ?? DEFAULT_MAX_PDF_REPORTS;
    if (outputs.includes('pdf') && sessionTotal > maxPdf)
      throw refused('validation', { code: 'export.too-many-pdfs', params: { sessions: sessionTotal, max: maxPdf } }, `${sessionTotal} sessions match; PDF reports are limited to ${maxPdf} per export - narrow the filters`, 'outputs');
    // Counted in the same snapshot the files are written from, so the progress total is exact.
    const shotCounts = outputs.includes('shots_csv') ? shotCountQueries(req.filters).map((q) => (ro.prepare(`SELECT count(*) ${q.body}`).raw().get(q.params) as [number])[0]) : [];
    const shotTotal = shotCounts.reduce((a, b) => a + b, 0);
    counts.unattributedShots = shotCounts[1] ?? 0;
    const perSession = outputs.filter((o) => o !== 'shots_csv');
    tracker.update({ phase: 'writing', rowsTotal: shotTotal + (perSession.length > 0 ? sessionTotal : 0), filesTotal: outputs.length }, true);

    // 1. Shots: one SQL stream.
    if (outputs.includes('shots_csv')) {
      const e = await open('shots.csv', 'shots_csv');
      tracker.update({ file: e.file.name }, true);
      e.meta.rows = await streamShotsCsv(ro, e.file, req.filters, req.pseudonymise, tracker, req.bom);
      counts.shots = e.meta.rows;
      await e.file.finish();
      tracker.update({ filesDone: tracker.state.filesDone + 1, file: null }, true);
    }

    // 2. Everything per session, in one pass over the sessions.
    if (perSession.length > 0) {
      const sessionsCsv = outputs.includes('sessions_csv') ? new CsvRowWriter<SessionReport>((await open('sessions.csv', 'sessions_csv')).file, sessionColumns(req.pseudonymise), req.bom) : null;
      const zonesCsv = outputs.includes('zones_csv') ? new CsvRowWriter<ZoneRow>((await open('zones.csv', 'zones_csv')).file, zoneColumns(req.pseudonymise), req.bom) : null;
      const recallSessions = outputs.includes('recall_csv')
        ? new CsvRowWriter<RecallSessionRow>((await open('recall-sessions.csv', 'recall_csv')).file, recallSessionColumns(req.pseudonymise), req.bom)
        : null;
      const jsonEntry = outputs.includes('json') ? await open('records.json', 'json') : null;
      const json = jsonEntry ? new BatchedWriter(jsonEntry.file) : null;
      const lotStmt = ro.prepare('SELECT count(*) AS shots, coalesce(sum(delivered_nl), 0) AS nl FROM dose_records WHERE session_id = ? AND lot_number = ?');
      const patients = new Map<number, RecallPatientRow>();
      const wantDoses = json !== null || outputs.includes('pdf');
      if (json && jsonEntry)
        json.push(
          jsonOpening({
            exportId,
            exportedAt: new Date(startedMs).toISOString(),
            exportedBy: { userId: ctx.actor.userId, username: ctx.actor.username, role: ctx.actor.role },
            software: ctx.software,
            pseudonymised: req.pseudonymise,
            filters: { ...req.filters },
          }),
        );
      let first = true;
      for (const row of reader.iterateRows(cond)) {
        tracker.checkCancelled();
        const doses: DoseRow[] | undefined = wantDoses ? reader.doses(row.id) : undefined;
        const report = reader.report(row, { pseudonymise: req.pseudonymise, timeline: outputs.includes('pdf') }, doses);
        counts.sessions++;
        if (sessionsCsv) await sessionsCsv.write(report);
        if (zonesCsv) for (const zone of report.zones) await zonesCsv.write({ report, zone });
        if (recallSessions && req.filters.lotNumber !== undefined) {
          const lot = lotStmt.get(row.id, req.filters.lotNumber) as { shots: number; nl: number };
          await recallSessions.write({ report, lotShots: lot.shots, lotDeliveredNl: lot.nl });
          const p = patients.get(report.patient.id);
          if (p) {
            p.sessions++;
            p.lastSessionMs = Math.max(p.lastSessionMs, report.startedAtMs);
            p.firstSessionMs = Math.min(p.firstSessionMs, report.startedAtMs);
            p.lotShots += lot.shots;
            p.lotDeliveredNl += lot.nl;
          } else
            patients.set(report.patient.id, { patient: report.patient, sessions: 1, firstSessionMs: report.startedAtMs, lastSessionMs: report.startedAtMs, lotShots: lot.shots, lotDeliveredNl: lot.nl });
        }
        if (json) {
          const p = json.push((first ? '  ' : ',\n  ') + JSON.stringify(sessionJson(report, doses ?? [], req.pseudonymise)));
          first = false;
          if (p) await p;
        }
        if (outputs.includes('pdf')) {
          const e = await open(`session-${String(report.sessionId).padStart(6, '0')}.pdf`, 'pdf');
          await writeSessionReportPdf(
            report,
            { exportId, exportedAtMs: startedMs, exportedBy: ctx.actor.username, pseudonymised: req.pseudonymise, software: ctx.software, language: ctx.language, training },
            e.file,
          );
          await e.file.finish();
          e.meta.rows = 1;
          counts.pdfReports++;
        }
        tracker.addRows(1, 0);
      }
      if (sessionsCsv) {
        await sessionsCsv.end();
        await sessionsCsv.file.finish();
        files.find((f) => f.file === sessionsCsv.file)!.meta.rows = sessionsCsv.rows;
      }
      if (zonesCsv) {
        await zonesCsv.end();
        await zonesCsv.file.finish();
        files.find((f) => f.file === zonesCsv.file)!.meta.rows = zonesCsv.rows;
        counts.zoneRows = zonesCsv.rows;
      }
      if (recallSessions) {
        await recallSessions.end();
        await recallSessions.file.finish();
        files.find((f) => f.file === recallSessions.file)!.meta.rows = recallSessions.rows;
        counts.recallSessions = recallSessions.rows;
        const e = await open('recall-patients.csv', 'recall_csv');
        const w = new CsvRowWriter<RecallPatientRow>(e.file, recallPatientColumns(req.pseudonymise), req.bom);
        for (const p of [...patients.values()].sort((a, b) => a.firstSessionMs - b.firstSessionMs || a.patient.code.localeCompare(b.patient.code))) await w.write(p);
        await w.end();
        await e.file.finish();
        e.meta.rows = w.rows;
        counts.recallPatients = w.rows;
      }
      if (json && jsonEntry) {
        json.push('\n ],\n "unattributedDoses": [\n');
        const u = unattributedCondition(req.filters);
        let n = 0;
        if (u)
          for (const d of ro.prepare(`SELECT ${DOSE_SELECT} FROM dose_records d WHERE ${u.sql} ORDER BY d.id`).iterate(u.params)) {
            const p = json.push((n === 0 ? '  ' : ',\n  ') + JSON.stringify(doseJson(d as DoseRow)));
            n++;
            if (p) {
              await p;
              tracker.checkCancelled();
            }
          }
        counts.unattributedShots = n;
        const dosesInSessions = (ro.prepare(`SELECT count(*) FROM clinical_sessions s JOIN dose_records d ON d.session_id = s.id WHERE ${cond.sql}`).raw().get(cond.params) as [number])[0];
        json.push(`\n ],\n "totals": ${JSON.stringify({ sessions: counts.sessions, doses: dosesInSessions, unattributedDoses: n })}\n}\n`);
        await json.flush();
        await jsonEntry.file.finish();
        jsonEntry.meta.rows = counts.sessions;
        const schema = await open('schema.json', 'json_schema');
        await schema.file.write(await readFile(SCHEMA_PATH));
        await schema.file.finish();
      }
      tracker.update({ filesDone: outputs.length, file: null }, true);
    }
    tracker.checkCancelled();
    counts.sessions = sessionTotal;

    // 3. Manifest (temp), then the renames: data files first, the manifest last.
    tracker.update({ phase: 'finalising' }, true);
    const written: ManifestFile[] = files.map((f) => ({ ...f.file.written, ...f.meta }));
    const warnings: Reason[] = training ? [{ code: 'export.training-database' }, ...reader.warnings] : reader.warnings;
    const manifest: ExportManifest = {
      manifestVersion: MANIFEST_VERSION,
      exportId,
      kind: outputs.includes('recall_csv') ? 'lot_recall' : 'records',
      startedAt: new Date(startedMs).toISOString(),
      completedAt: new Date(ctx.clock.now()).toISOString(),
      createdBy: actorOf(ctx.actor, req.pseudonymise),
      via: ctx.via,
      software: ctx.software,
      filters: req.filters,
      pseudonymised: req.pseudonymise,
      utf8Bom: req.bom,
      outputs,
      rowCounts: counts,
      files: written,
      csvRules: CSV_RULES,
      jsonSchema: outputs.includes('json') ? { id: JSON_SCHEMA_ID, version: JSON_SCHEMA_VERSION } : null,
      training,
      warnings: warnings.map(manifestWarning),
      // The trail's head as this export was made: proof of which state of the records it comes from.
      auditCheckpoint: ctx.audit.checkpoint?.() ?? null,
    };
    manifestFile = await writeManifestTemp(req.targetDir, `${base}.manifest.json`, manifest);
    tracker.checkCancelled();
    for (const f of files) await f.file.commit();
    await syncDirectory(req.targetDir);
    await manifestFile.commit();
    await syncDirectory(req.targetDir);
    // The audit entry is the last step: if it cannot be written, the export is taken back.
    ctx.audit.append({
      actor: ctx.actor,
      action: 'records.export',
      entity: 'export',
      entityId: exportId,
      newValue: { ...auditBase, manifest: manifestFile.name, rowCounts: counts, files: written.map((f) => ({ name: f.name, sha256: f.sha256, bytes: f.bytes, rows: f.rows })) },
    });
    tracker.update({ phase: 'done' }, true);
    return { exportId, manifestPath: manifestFile.finalPath, manifest, warnings };
  } catch (e) {
    for (const f of files) await f.file.discard({ committed: true });
    await manifestFile?.discard({ committed: true });
    const cancelled = e instanceof ExportCancelled;
    try {
      ctx.audit.append({
        actor: ctx.actor,
        action: cancelled ? 'records.export-cancelled' : 'records.export-failed',
        entity: 'export',
        entityId: exportId,
        newValue: { ...auditBase, rowsWritten: tracker.state.rowsDone },
        reason: cancelled ? 'cancelled by the user' : (e as Error).message.slice(0, 500),
      });
    } catch {
      // The original error matters more than a failed note about it.
    }
    throw e;
  } finally {
    snap.close();
  }
}
