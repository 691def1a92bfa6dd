// Dose records from the gun into the DoseSink: verify each record's own CRC, gather records that
// arrive together into one batch, commit the batch (one durable write for many records: group
// commit), and only then acknowledge them to the gun. One commit is in flight at a time, so batches
// commit in arrival order; records arriving meanwhile form the next batch.
import { doseModeName, doseRecordCrc, faultName, type MessageOf } from '../protocol/index.js';
import type { DoseRecord, DoseSink } from './types.js';

export interface DoseIntakeStats {
  recordsReceived: number;
  badRecordCrcs: number;
  /** CRC fine but a mode or fault code this build does not know: not stored, not acknowledged. */
  invalidRecords: number;
  duplicatesDropped: number;
  recordsCommitted: number;
  commits: number;
  commitFailures: number;
}

export interface DoseIntakeOptions {
  sink: DoseSink;
  /** Acknowledges these record ids to the gun (called only after they are durable). */
  ack(recordIds: readonly number[]): void;
  /** Records the sink reported as new, in commit order. */
  onNew(records: readonly DoseRecord[]): void;
  onCommitError(err: Error): void;
  /** How long to keep gathering after the first record of a batch; 0 = until the current I/O turn ends. */
  batchWindowMs?: number;
  now?: () => number;
}

export function toDoseRecord(gunSerial: string, m: MessageOf<'DOSE_RECORD'>, receivedAtMs: number): DoseRecord | null {
  const mode = doseModeName(m.mode);
  const fault = m.fault === 0 ? null : faultName(m.fault);
  if (!mode || fault === undefined) return null;
  return {
    gunSerial,
    recordId: m.recordId,
    commandedNl: m.commandedNl,
    deliveredNl: m.deliveredNl,
    depthUm: m.depthUm,
    entryPct: m.entryPct,
    dwellPct: m.dwellPct,
    exitPct: m.exitPct,
    mode,
    startedAtMs: m.startedAtMs,
    endedAtMs: m.endedAtMs,
    fault,
    recordCrc: m.recordCrc,
    receivedAtMs,
  };
}

export class DoseIntake {
  readonly stats: DoseIntakeStats = {
    recordsReceived: 0,
    badRecordCrcs: 0,
    invalidRecords: 0,
    duplicatesDropped: 0,
    recordsCommitted: 0,
    commits: 0,
    commitFailures: 0,
  };
  private pending = new Map<number, DoseRecord>();
  private committing: Promise<void> | null = null;
  private flushScheduled = false;
  private stopped = false;

  constructor(private readonly opts: DoseIntakeOptions) {}

  /** Takes one DOSE_RECORD. Returns false when it was dropped (bad CRC or unknown codes). */
  offer(gunSerial: string, m: MessageOf<'DOSE_RECORD'>): boolean {
    this.stats.recordsReceived++;
    const { type: _type, recordCrc, ...fields } = m;
    if (doseRecordCrc(fields) !== recordCrc) {
      // Not acknowledged: the gun still holds it and re-sends it.
      this.stats.badRecordCrcs++;
      return false;
    }
    const record = toDoseRecord(gunSerial, m, (this.opts.now ?? Date.now)());
    if (!record) {
      this.stats.invalidRecords++;
      return false;
    }
    if (this.pending.has(record.recordId)) this.stats.duplicatesDropped++;
    else this.pending.set(record.recordId, record);
    this.schedule();
    return true;
  }

  /** Resolves when everything offered so far has been committed (or failed). */
  async idle(): Promise<void> {
    while (this.committing || this.pending.size > 0 || this.flushScheduled) {
      await (this.committing ?? new Promise<void>((r) => setTimeout(r, 1)));
    }
  }

  /** Takes records again after stop() (the link was started again). */
  start(): void {
    this.stopped = false;
  }

  /** Drops anything not yet handed to the sink (a commit in flight still completes). */
  stop(): void {
    this.stopped = true;
    this.pending.clear();
  }

  private schedule(): void {
    if (this.flushScheduled || this.committing) return;
    this.flushScheduled = true;
    const go = () => {
      this.flushScheduled = false;
      this.flush();
    };
    // setImmediate runs after the current poll phase, so frames read in the same turn share a batch.
    const windowMs = this.opts.batchWindowMs ?? 0;
    if (windowMs > 0) setTimeout(go, windowMs);
    else setImmediate(go);
  }

  private flush(): void {
    if (this.stopped || this.committing || this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.committing = this.commit(batch).finally(() => {
      this.committing = null;
      if (this.pending.size > 0) this.schedule();
    });
  }

  private async commit(batch: DoseRecord[]): Promise<void> {
    let fresh: readonly DoseRecord[];
    try {
      fresh = await this.opts.sink.commit(batch);
    } catch (err) {
      // Nothing acknowledged: the gun re-sends the records and the next commit tries again.
      this.stats.commitFailures++;
      this.opts.onCommitError(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    this.stats.commits++;
    this.stats.recordsCommitted += fresh.length;
    this.stats.duplicatesDropped += batch.length - fresh.length;
    this.opts.ack(batch.map((r) => r.recordId));
    if (fresh.length > 0) this.opts.onNew(fresh);
  }
}
