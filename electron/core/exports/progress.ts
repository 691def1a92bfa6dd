// Progress and cancellation for one export. The caller gets a report at most every `intervalMs`
// (plus one at every file boundary and at the end) so a progress bar never floods the contract, and
// the export checks its AbortSignal at every batch so a cancel takes effect within one batch.

export type ExportPhase = 'counting' | 'writing' | 'finalising' | 'done';

export interface ExportProgress {
  phase: ExportPhase;
  /** The file being written, or null between files. */
  file: string | null;
  /** Rows (or reports, for PDF) written so far across all files of this export. */
  rowsDone: number;
  /** Rows the export will write in all, counted before writing (same read snapshot). */
  rowsTotal: number;
  filesDone: number;
  filesTotal: number;
  bytesWritten: number;
}

export type ProgressListener = (p: ExportProgress) => void;

/** Thrown inside the export when its signal aborts; the orchestrator turns it into a 'cancelled' result. */
export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
    this.name = 'ExportCancelled';
  }
}

export class ProgressTracker {
  private last = 0;
  readonly state: ExportProgress = { phase: 'counting', file: null, rowsDone: 0, rowsTotal: 0, filesDone: 0, filesTotal: 0, bytesWritten: 0 };

  constructor(
    private readonly listener: ProgressListener | undefined,
    private readonly signal: AbortSignal | undefined,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = 200,
  ) {}

  checkCancelled(): void {
    if (this.signal?.aborted) throw new ExportCancelled();
  }

  update(patch: Partial<ExportProgress>, force = false): void {
    Object.assign(this.state, patch);
    const t = this.now();
    if (!force && t - this.last < this.intervalMs) return;
    this.last = t;
    this.emit();
  }

  addRows(rows: number, bytes: number): void {
    this.state.rowsDone += rows;
    this.state.bytesWritten += bytes;
    this.update({});
  }

  private emit(): void {
    if (!this.listener) return;
    try {
      this.listener({ ...this.state });
    } catch {
      // A broken progress bar must not break an export that is otherwise fine.
    }
  }
}
