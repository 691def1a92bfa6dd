// What the station knows of the gun between commands: its last STATUS per serial (its lastRecordId
// says which records are still on their way), whether the ledger is failing to store records, whether
// an arming is under way, and why an automatic profile re-send failed. Gun news writes these; arming,
// the volume guard and the session views read them.
import type { GunStatus } from '../../../device/link/index.js';
import type { Reason } from '../../contract/reasons.js';

export class GunFacts {
  private readonly statuses = new Map<string, GunStatus>();
  /** Set when the ledger failed to store a record: limits are blind, so arming waits for a good commit. */
  ledgerFailure: string | null = null;
  /** True while arm() talks to the gun: its own checks cover that time, gun news leaves the window alone. */
  arming = false;
  /** Why the last automatic profile re-send (after a reconnect) failed, by session; cleared by any profile set. */
  readonly resendFailures = new Map<number, Reason>();

  /** Keeps the gun's STATUS; returns the last record id it reported before. */
  noteStatus(gunSerial: string, status: GunStatus): number {
    const before = this.statuses.get(gunSerial)?.lastRecordId ?? 0;
    this.statuses.set(gunSerial, status);
    return before;
  }

  lastRecordId(gunSerial: string): number {
    return this.statuses.get(gunSerial)?.lastRecordId ?? 0;
  }

  /** Whether any gun's last STATUS said armed. */
  anyArmed(): boolean {
    return [...this.statuses.values()].some((s) => s.armed);
  }
}
