// Exports as the admin screens run them: exports.run starts an export in the background and answers
// at once with a job; exports.progress reads the job; exports.cancel aborts it (the export then
// removes its temporary files). Jobs live in memory: a restart ends any running export, which leaves
// only temporary files behind, never a complete-looking one.
import { randomBytes } from 'node:crypto';
import type { ExportJobView, ExportOutputName } from '../../contract/exports.js';
import type { SessionFilter } from '../../contract/sessionFilter.js';
import type { Language } from '../../contract/languages.js';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../clock.js';
import { CoreError, refused } from '../errors.js';
import type { Db } from '../storage/db.js';
import { ExportCancelled, type ExportProgress } from './progress.js';
import { runExport, type ExportAuditPort, type ExportResult } from './run.js';

export interface ExportServiceDeps {
  db: Db;
  clock: Clock;
  audit: ExportAuditPort;
  /** The station's pseudonym secret, from the key store. */
  pseudonymSecret: Uint8Array;
  /** Where exports go when the admin names no folder. */
  defaultDir: string;
  /** "meso-station 0.1.0": written into every manifest, JSON and PDF. */
  software: string;
  /** The language an admin reads the export's PDF reports in (their own, else the station's). */
  languageOf(actor: Actor): Language;
  maxPdfReports?: number;
  /** Finished jobs kept for progress queries. */
  keepJobs?: number;
}

export interface ExportRunInput {
  outputs: ExportOutputName[];
  filters: SessionFilter;
  pseudonymise: boolean;
  bom: boolean;
  targetDir?: string | undefined;
}

interface Job {
  view: ExportJobView;
  abort: AbortController;
  done: Promise<void>;
}

function requireAdmin(actor: Actor): void {
  // The dispatcher checks the contract's roles; the core checks again (a host could call it directly).
  if (actor.role !== 'admin') throw refused('forbidden', { code: 'auth.forbidden', params: { role: actor.role } }, 'only an admin may export records');
}

export class ExportService {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly deps: ExportServiceDeps) {}

  run(actor: Actor, input: ExportRunInput): ExportJobView {
    requireAdmin(actor);
    const jobId = randomBytes(8).toString('hex');
    const abort = new AbortController();
    const targetDir = input.targetDir ?? this.deps.defaultDir;
    const view: ExportJobView = {
      jobId,
      exportId: null,
      state: 'running',
      phase: 'counting',
      rowsDone: 0,
      rowsTotal: 0,
      filesDone: 0,
      filesTotal: input.outputs.length,
      bytesWritten: 0,
      startedAt: new Date(this.deps.clock.now()).toISOString(),
      finishedAt: null,
      targetDir,
      manifestPath: null,
      files: 0,
      warnings: [],
      error: null,
    };
    const done = runExport(
      { outputs: input.outputs, filters: input.filters, pseudonymise: input.pseudonymise, bom: input.bom, targetDir },
      {
        stationDb: this.deps.db,
        pseudonymSecret: this.deps.pseudonymSecret,
        actor,
        language: this.deps.languageOf(actor),
        clock: this.deps.clock,
        audit: this.deps.audit,
        software: this.deps.software,
        via: 'admin_screen',
        onProgress: (p: ExportProgress) => {
          const { file: _file, ...counts } = p;
          Object.assign(view, counts);
        },
        signal: abort.signal,
        ...(this.deps.maxPdfReports === undefined ? {} : { maxPdfReports: this.deps.maxPdfReports }),
        onStart: (exportId) => {
          view.exportId = exportId;
        },
      },
    ).then(
      (r: ExportResult) => {
        Object.assign(view, {
          state: 'done',
          phase: 'done',
          manifestPath: r.manifestPath,
          files: r.manifest.files.length,
          warnings: r.warnings,
          finishedAt: new Date(this.deps.clock.now()).toISOString(),
        });
      },
      (e: unknown) => {
        view.finishedAt = new Date(this.deps.clock.now()).toISOString();
        if (e instanceof ExportCancelled) {
          view.state = 'cancelled';
          return;
        }
        view.state = 'failed';
        view.error = e instanceof CoreError ? e.toJSON() : { code: 'internal', message: `the export failed: ${(e as Error).message}`, reason: { code: 'export.failed' } };
      },
    );
    this.jobs.set(jobId, { view, abort, done });
    this.prune();
    return { ...view };
  }

  progress(actor: Actor, jobId: string): ExportJobView {
    requireAdmin(actor);
    return { ...this.job(jobId).view };
  }

  cancel(actor: Actor, jobId: string): ExportJobView {
    requireAdmin(actor);
    const job = this.job(jobId);
    if (job.view.state === 'running') job.abort.abort();
    return { ...job.view };
  }

  /** Resolves when the job has finished, whichever way (for hosts and tests). */
  async settled(jobId: string): Promise<ExportJobView> {
    const job = this.job(jobId);
    await job.done;
    return { ...job.view };
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw refused('not-found', { code: 'export.job-unknown' }, 'no such export job (jobs are forgotten when the station restarts)');
    return job;
  }

  private prune(): void {
    const keep = this.deps.keepJobs ?? 20;
    const finished = [...this.jobs.entries()].filter(([, j]) => j.view.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - keep))) this.jobs.delete(id);
  }
}
