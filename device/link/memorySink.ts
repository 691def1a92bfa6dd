// In-memory DoseSink and GunKeyStore for unit tests and the simulator demo. Not durable: the real
// ledger (SQLite, synchronous=FULL) implements DoseSink in the core.
import type { DoseRecord, DoseSink, GunKeyStore } from './types.js';

export class MemoryDoseSink implements DoseSink {
  /** By gun serial, then record id. */
  readonly records = new Map<string, Map<number, DoseRecord>>();
  commits = 0;

  async commit(records: readonly DoseRecord[]): Promise<readonly DoseRecord[]> {
    this.commits++;
    const fresh: DoseRecord[] = [];
    for (const r of records) {
      let byId = this.records.get(r.gunSerial);
      if (!byId) this.records.set(r.gunSerial, (byId = new Map()));
      if (byId.has(r.recordId)) continue;
      byId.set(r.recordId, r);
      fresh.push(r);
    }
    return fresh;
  }

  async highestContiguousRecordId(gunSerial: string): Promise<number> {
    const byId = this.records.get(gunSerial);
    let n = 0;
    while (byId?.has(n + 1)) n++;
    return n;
  }

  all(gunSerial: string): DoseRecord[] {
    return [...(this.records.get(gunSerial)?.values() ?? [])].sort((a, b) => a.recordId - b.recordId);
  }
}

export class MemoryKeyStore implements GunKeyStore {
  private readonly keys = new Map<string, Uint8Array>();
  get(serial: string): Uint8Array | undefined {
    return this.keys.get(serial);
  }
  set(serial: string, key: Uint8Array): void {
    this.keys.set(serial, new Uint8Array(key));
  }
  delete(serial: string): void {
    this.keys.delete(serial);
  }
}
