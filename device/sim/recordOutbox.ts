// The gun's record outbox: records already on "flash" (StateStore) going to the station. A record is
// sent when it is made, re-sent every 300 ms until the station acknowledges it, and replayed in order
// after SYNC_FROM. Records are only ever sent to an authenticated station: nobody else may read the
// dose log, and only an authenticated RECORD_ACK makes the gun forget a record.
import { doseRecordMac, recordKey, TIMING, type DoseRecordFields, type Message } from '../protocol/index.js';
import type { Clock } from './clock.js';
import type { StateStore } from './stateStore.js';
import type { SimRecord } from './types.js';

export interface RecordOutboxPorts {
  clock: Clock;
  /** The gun's non-volatile memory (replaced on reboot, hence a getter). */
  store(): StateStore;
  /** True while an authenticated station is on the line. */
  canSend(): boolean;
  send(message: Message): void;
}

export class RecordOutbox {
  /** When each unacknowledged record was last sent on this connection; absent = awaiting SYNC_FROM. */
  private readonly sentAt = new Map<number, number>();
  /** The record key, derived once per link key (HKDF is not free at 9 shots a second, or at 1000). */
  private keyCache: { linkKey: Uint8Array; serial: string; recordKey: Uint8Array } | null = null;

  constructor(private readonly p: RecordOutboxPorts) {}

  /**
   * A shot's record: numbered, MAC'd under the link key, stored on "flash", then sent at once when a
   * station can take it. A gun fires only after authenticating, so it holds a key; without one the
   * MAC is zeros and can never verify.
   */
  make(fields: Omit<DoseRecordFields, 'recordId'>): SimRecord {
    const store = this.p.store();
    const withId: DoseRecordFields = { recordId: store.nextRecordId, ...fields };
    const key = this.recordKeyFor(store.key, store.serial);
    const recordMac = key ? doseRecordMac(key, withId) : new Uint8Array(32);
    const record: SimRecord = { ...withId, recordMac };
    store.addRecord(record);
    this.send(record);
    return record;
  }

  acknowledge(recordId: number): void {
    this.p.store().acknowledge([recordId]);
    this.sentAt.delete(recordId);
  }

  /** SYNC_FROM(n): records up to n count as acknowledged. Returns how many are still pending. */
  syncFrom(afterRecordId: number): number {
    const store = this.p.store();
    store.acknowledge([...store.unacked.keys()].filter((id) => id <= afterRecordId));
    for (const id of [...this.sentAt.keys()]) if (!store.unacked.has(id)) this.sentAt.delete(id);
    return store.unacked.size;
  }

  /** Re-sends every unacknowledged record after `afterId`, in order, then SYNC_DONE. */
  replay(afterId: number): void {
    const store = this.p.store();
    for (const r of store.unacked.values()) if (r.recordId > afterId) this.send(r);
    this.p.send({ type: 'SYNC_DONE', lastRecordId: store.lastRecordId });
  }

  /**
   * Re-sends what was sent on this connection and not acknowledged in time. Records never sent on
   * this connection wait for the station's SYNC_FROM, which replays them in order.
   */
  tick(now: number): void {
    const store = this.p.store();
    for (const [id, at] of this.sentAt) {
      if (now - at < TIMING.recordResendAfterMs) continue;
      const r = store.unacked.get(id);
      if (r) this.send(r);
      else this.sentAt.delete(id);
    }
  }

  /** A new connection: nothing counts as sent on it yet. */
  reset(): void {
    this.sentAt.clear();
  }

  private recordKeyFor(linkKey: Uint8Array | null, serial: string): Uint8Array | null {
    if (!linkKey) return null;
    const c = this.keyCache;
    if (!c || c.linkKey !== linkKey || c.serial !== serial) this.keyCache = { linkKey, serial, recordKey: recordKey(linkKey, serial) };
    return this.keyCache!.recordKey;
  }

  private send(r: SimRecord): void {
    if (!this.p.canSend()) return;
    this.sentAt.set(r.recordId, this.p.clock.now());
    this.p.send({ type: 'DOSE_RECORD', ...r });
  }
}
