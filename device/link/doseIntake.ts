// Dose records from the gun into the DoseSink: check each record's MAC (its provenance), gather
// records that arrive together into one batch, commit the batch (one durable write for many records:
// group commit), and only then acknowledge them to the gun. One commit is in flight at a time, so
// batches commit in arrival order; records arriving meanwhile form the next batch.
//
// Nothing the gun recorded is dropped here. A record whose MAC does not verify under the key of the
// authenticated connection it came over is still stored, marked unauthenticated (the ledger's verify
// names it); a mode or fault code this build does not know is stored as "unknown (code N)".
import {
  doseRecordBody,
  doseRecordCrc,
  doseRecordMacValid,
  recordedMode,
  reportedFault,
  unknownCodeNumber,
  type DoseRecordFields,
  type MessageOf,
} from '../protocol/index.js';
import type { DoseRecord, DoseSink } from './types.js';

/** How one connection's records are checked: the key the gun MACs them with, and its fingerprint. */
export interface Provenance {
  recordKey: Uint8Array;
  keyId: string;
}

export interface DoseIntakeStats {
  recordsReceived: number;
  /** Stored but marked unauthenticated: the MAC did not verify under the connection's key. */
  badRecordMacs: number;
  /** Stored with a mode or fault code this build does not know ("unknown (code N)"). */
  unknownCodes: number;
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

export function toDoseRecord(gunSerial: string, m: MessageOf<'DOSE_RECORD'>, provenance: Provenance, receivedAtMs: number): DoseRecord {
  const { type: _type, recordMac, ...fields } = m;
  const body = doseRecordBody(fields satisfies DoseRecordFields);
  return {
    gunSerial,
    recordId: m.recordId,
    commandedNl: m.commandedNl,
    deliveredNl: m.deliveredNl,
    depthUm: m.depthUm,
    entryPct: m.entryPct,
    dwellPct: m.dwellPct,
    exitPct: m.exitPct,
    mode: recordedMode(m.mode),
    startedAtMs: m.startedAtMs,
    endedAtMs: m.endedAtMs,
    fault: m.fault === 0 ? null : reportedFault(m.fault),
    recordCrc: doseRecordCrc(body),
    recordMac: Uint8Array.from(recordMac),
    keyId: provenance.keyId,
    authenticated: doseRecordMacValid(provenance.recordKey, body, recordMac),
    receivedAtMs,
  };
}

export class DoseIntake {
  readonly stats: DoseIntakeStats = {
    recordsReceived: 0,
    badRecordMacs: 0,
    unknownCodes: 0,
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

  /** Takes one DOSE_RECORD that came over an authenticated connection. */
  offer(gunSerial: string, m: MessageOf<'DOSE_RECORD'>, provenance: Provenance): void {
    this.stats.recordsReceived++;
    const record = toDoseRecord(gunSerial, m, provenance, (this.opts.now ?? Date.now)());
    if (!record.authenticated) this.stats.badRecordMacs++;
    if (unknownCodeNumber(record.mode) !== undefined || (record.fault !== null && unknownCodeNumber(record.fault) !== undefined)) this.stats.unknownCodes++;
    if (this.pending.has(record.recordId)) this.stats.duplicatesDropped++;
    else this.pending.set(record.recordId, record);
    this.schedule();
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
