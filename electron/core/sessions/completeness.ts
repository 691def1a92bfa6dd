// Record completeness: which dose records the gun made for this session that the ledger does not
// hold yet. The gun fires only while armed, and only this session arms it, so every record id above
// the session's first window was made for it; the disarmed gun's last record id (a window's bound)
// says how many to expect. Signing waits until none is missing; the volume guard counts the missing
// ones against the limits, pessimistically.
import type { Zone } from '../../contract/sessions.js';
import type { Ledger } from '../ledger/ledger.js';
import type { ArmWindows } from './armWindows.js';
import type { GunFacts } from './gunFacts.js';
import type { GunPort } from './ports.js';

export interface RecordCompletenessDeps {
  gun: GunPort;
  windows: ArmWindows;
  ledger: Pick<Ledger, 'heldInRange'>;
  facts: GunFacts;
}

export class RecordCompleteness {
  constructor(private readonly o: RecordCompletenessDeps) {}

  /** Asks the (disarmed) gun for its last record id to bound the windows that wait for one. */
  async boundFromGun(): Promise<void> {
    const { gun, windows } = this.o;
    if (windows.unbounded().length === 0) return;
    const identity = gun.identity();
    if (!identity) return; // bounded by the gun's next STATUS once it is back
    try {
      const st = await gun.status();
      if (!st.armed) windows.bound(identity.serial, st);
    } catch {
      // Same: the next status after a reconnect bounds them.
    }
  }

  /**
   * Dose records the gun made for the session in progress that the ledger does not hold yet; -1 when
   * unknown (a window still open, or not yet bounded by a disarmed gun's report).
   */
  async missingRecords(): Promise<number> {
    const { gun, windows } = this.o;
    await this.boundFromGun();
    const all = windows.all();
    if (all.some((w) => w.open || w.disarmedGunTimeMs === null)) return -1;
    const bySerial = new Map<string, { after: number; through: number }>();
    for (const w of all) {
      const b = bySerial.get(w.gunSerial);
      const through = w.throughRecordId ?? w.afterRecordId;
      bySerial.set(w.gunSerial, b ? { after: Math.min(b.after, w.afterRecordId), through: Math.max(b.through, through) } : { after: w.afterRecordId, through });
    }
    // A shot under way at the disarm got the next id after the bound: ask the gun for its latest.
    const identity = gun.identity();
    if (identity && bySerial.has(identity.serial)) {
      const st = await gun.status().catch(() => null);
      const b = bySerial.get(identity.serial)!;
      if (st && !st.armed) b.through = Math.max(b.through, st.lastRecordId);
    }
    let missing = 0;
    for (const [serial, b] of bySerial) missing += this.missingBetween(serial, b.after, b.through);
    return missing;
  }

  /**
   * From the gun's last STATUS: records made for this session (in this zone) not held yet: every id
   * above the session's first window (the zone's first, for the zone) up to the gun's last record id,
   * less those held.
   */
  unconfirmed(sessionId: number, zone: Zone): { session: number; zone: number } {
    const windows = this.o.windows.all().filter((w) => w.sessionId === sessionId);
    let zoneRecords = 0;
    let sessionRecords = 0;
    for (const serial of new Set(windows.map((w) => w.gunSerial))) {
      const mine = windows.filter((w) => w.gunSerial === serial);
      const through = Math.max(this.o.facts.lastRecordId(serial), ...mine.map((w) => w.throughRecordId ?? 0));
      sessionRecords += this.missingBetween(serial, Math.min(...mine.map((w) => w.afterRecordId)), through);
      const inZone = mine.filter((w) => w.zone === zone);
      if (inZone.length > 0) zoneRecords += this.missingBetween(serial, Math.min(...inZone.map((w) => w.afterRecordId)), through);
    }
    return { session: sessionRecords, zone: zoneRecords };
  }

  private missingBetween(serial: string, after: number, through: number): number {
    return through > after ? through - after - this.o.ledger.heldInRange(serial, after, through) : 0;
  }
}
