// The gun's active faults. Only changes are reported, because PROTOCOL.md sends a FAULT event when
// a fault becomes active or clears, while STATUS.faultFlags carries the full picture every 500 ms.
import { BLOCKING_FAULTS, faultNamesToFlags, type FaultName } from '../protocol/index.js';

export class FaultSet {
  private readonly active = new Set<FaultName>();

  /** Returns true when this changed the fault's state. */
  set(name: FaultName, on: boolean): boolean {
    if (this.active.has(name) === on) return false;
    if (on) this.active.add(name);
    else this.active.delete(name);
    return true;
  }

  has(name: FaultName): boolean {
    return this.active.has(name);
  }

  get names(): FaultName[] {
    return [...this.active];
  }

  get flags(): number {
    return faultNamesToFlags(this.active);
  }

  /** The first active fault that stops the gun firing, other than those listed in `except`. */
  firstBlocking(except: readonly FaultName[] = []): FaultName | undefined {
    return [...this.active].find((f) => BLOCKING_FAULTS.has(f) && !except.includes(f));
  }
}
