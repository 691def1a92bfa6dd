// The gun's non-volatile memory: serial, link key, next record id, unacknowledged records and the
// full log of every record ever made (the simulator's own truth, which tests compare the station's
// ledger against).
//
// Storage is an append-only JSON-lines journal: one line per change, written synchronously before
// the change is announced (a record is on "flash" before its DOSE_RECORD leaves). Appending keeps a
// benchmark at ~1000 records/s cheap. On load the journal is replayed and compacted (write a temp
// file, then rename) so acknowledgement lines do not pile up. A torn last line, as after a crash
// mid-write, is skipped. No fsync: the simulator models a process crash, not a power cut of the PC.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SimRecord } from './types.js';

/** A record as journalled: the MAC as hex (JSON has no bytes). */
type StoredRecord = Omit<SimRecord, 'recordMac'> & { recordMac: string };

type JournalLine =
  | { t: 'meta'; serial: string; key: string | null }
  | { t: 'rec'; r: StoredRecord }
  | { t: 'ack'; ids: number[] };

const toStored = (r: SimRecord): StoredRecord => ({ ...r, recordMac: Buffer.from(r.recordMac).toString('hex') });
const fromStored = (r: StoredRecord): SimRecord => ({ ...r, recordMac: new Uint8Array(Buffer.from(r.recordMac, 'hex')) });

export class StateStore {
  serial: string;
  key: Uint8Array | null = null;
  /** Every record ever made, in id order. */
  readonly log: SimRecord[] = [];
  /** Records not yet acknowledged by a station, by id. */
  readonly unacked = new Map<number, SimRecord>();
  private fd: number | null = null;

  constructor(
    private readonly file: string,
    defaultSerial: string,
  ) {
    this.serial = defaultSerial;
    this.load();
  }

  get nextRecordId(): number {
    return (this.log.at(-1)?.recordId ?? 0) + 1;
  }

  get lastRecordId(): number {
    return this.nextRecordId - 1;
  }

  setKey(key: Uint8Array | null): void {
    this.key = key ? Uint8Array.from(key) : null;
    this.append({ t: 'meta', serial: this.serial, key: this.key ? Buffer.from(this.key).toString('hex') : null });
  }

  /** Stores a new record; call before sending it. */
  addRecord(r: SimRecord): void {
    if (r.recordId !== this.nextRecordId) throw new Error(`record id ${r.recordId} out of order (next is ${this.nextRecordId})`);
    this.append({ t: 'rec', r: toStored(r) });
    this.log.push(r);
    this.unacked.set(r.recordId, r);
  }

  /** Forgets acknowledged records; returns how many were still held. */
  acknowledge(ids: Iterable<number>): number {
    const held = [...ids].filter((id) => this.unacked.has(id));
    if (held.length === 0) return 0;
    this.append({ t: 'ack', ids: held });
    for (const id of held) this.unacked.delete(id);
    return held.length;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private append(line: JournalLine): void {
    // Owner-only, as every file under the station's data folder (it holds the gun's link key).
    if (this.fd === null) this.fd = openSync(this.file, 'a', 0o600);
    writeSync(this.fd, JSON.stringify(line) + '\n');
  }

  private load(): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    if (existsSync(this.file)) {
      for (const text of readFileSync(this.file, 'utf8').split('\n')) {
        if (!text.trim()) continue;
        let line: JournalLine;
        try {
          line = JSON.parse(text) as JournalLine;
        } catch {
          continue; // torn write at the end of the journal
        }
        this.apply(line);
      }
    }
    this.compact();
  }

  private apply(line: JournalLine): void {
    if (line.t === 'meta') {
      this.serial = line.serial;
      this.key = line.key ? new Uint8Array(Buffer.from(line.key, 'hex')) : null;
    } else if (line.t === 'rec') {
      if (line.r.recordId !== this.nextRecordId || typeof line.r.recordMac !== 'string') return; // never reuse or skip an id
      const r = fromStored(line.r);
      this.log.push(r);
      this.unacked.set(r.recordId, r);
    } else if (line.t === 'ack') {
      for (const id of line.ids) this.unacked.delete(id);
    }
  }

  private compact(): void {
    const acked = this.log.filter((r) => !this.unacked.has(r.recordId)).map((r) => r.recordId);
    const lines: JournalLine[] = [
      { t: 'meta', serial: this.serial, key: this.key ? Buffer.from(this.key).toString('hex') : null },
      ...this.log.map((r): JournalLine => ({ t: 'rec', r: toStored(r) })),
      ...(acked.length ? [{ t: 'ack', ids: acked } as const] : []),
    ];
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, lines.map((l) => JSON.stringify(l)).join('\n') + '\n', { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
