// Training mode's side of the built-in simulated gun: its own display (pairing code, armed, reservoir,
// faults, shot counter) for the screens, and the on-screen trigger. Held down, the trigger presses the
// gun's trigger again as soon as the gun would take the next press, so it fires at the gun's own
// rate (the profile's interval, never faster than its 9 shots a second) and never queues presses
// that would fire after release. A held trigger must be confirmed at least every second (a window
// that vanished mid-press releases it), and a closed connection releases it at once.
import type { SimEvents, SimulatedGun } from '../../device/sim/index.js';
import type { FaultName } from '../contract/sessions.js';
import type { SimulatorDisplay } from '../contract/training.js';

/** How often the held trigger is looked at. */
const TICK_MS = 20;
/** A hold not confirmed for this long is released (the window went without saying so). */
const HOLD_EXPIRES_MS = 1_500;
/** The gun's own ceiling: 9 shots a second (domain.md). */
const GUN_MIN_INTERVAL_MS = Math.ceil(1000 / 9);
/** How long a shot takes on the simulated gun (needle in, release, out): its record comes at the end. */
const SHOT_MS = 50;

export class SimulatorControls {
  private readonly faults = new Set<FaultName>();
  private readonly listeners = new Set<() => void>();
  private holder: string | null = null;
  private confirmedAt = 0;
  private lastShotEndedAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private readonly offs: (() => void)[] = [];

  constructor(private readonly gun: SimulatedGun) {
    const changed = () => this.changed();
    const on = <K extends keyof SimEvents>(event: K, f: (...args: SimEvents[K]) => void) => {
      gun.on(event, f);
      this.offs.push(() => gun.off(event, f));
    };
    on('pairing-code', changed);
    on('paired', changed);
    on('armed', changed);
    on('disarmed', changed);
    on('detached', changed);
    on('shot', () => {
      this.lastShotEndedAt = Date.now();
      this.changed();
    });
    on('fault', (name: FaultName, active: boolean) => {
      if (active) this.faults.add(name);
      else this.faults.delete(name);
      this.changed();
    });
  }

  display(): SimulatorDisplay {
    const gun = this.gun;
    return {
      serial: gun.serial,
      pairingCode: gun.pairingCode,
      armed: gun.armed,
      reservoirNl: gun.reservoirNl,
      faults: [...this.faults],
      shots: gun.log.length,
      plugged: this.gun.plugged,
      triggerHeld: this.holder !== null,
    };
  }

  onChanged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The trigger of window `connectionId`, held or released; a hold is confirmed by sending it again. */
  trigger(held: boolean, connectionId: string): void {
    const now = Date.now();
    if (!held) {
      if (this.holder === connectionId) this.release();
      return;
    }
    if (this.holder !== connectionId) {
      this.holder = connectionId;
      this.changed();
    }
    this.confirmedAt = now;
    this.pressIfReady(now);
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
  }

  connectionClosed(connectionId: string): void {
    if (this.holder === connectionId) this.release();
  }

  close(): void {
    this.release();
    for (const off of this.offs) off();
    this.listeners.clear();
  }

  private tick(): void {
    const now = Date.now();
    if (this.holder === null) return;
    if (now - this.confirmedAt > HOLD_EXPIRES_MS) return this.release();
    this.pressIfReady(now);
  }

  /** One press when the gun would fire it now: armed, nothing queued, its interval since the last shot run. */
  private pressIfReady(now: number): void {
    const gun = this.gun;
    if (!gun.armed || gun.pendingShots > 0) return;
    const interval = Math.max(gun.profile?.minIntervalMs ?? 0, GUN_MIN_INTERVAL_MS);
    // The last shot started SHOT_MS before its record ended it.
    if (now - (this.lastShotEndedAt - SHOT_MS) < interval) return;
    gun.fire(1);
  }

  private release(): void {
    const was = this.holder !== null;
    this.holder = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (was) this.changed();
  }

  private changed(): void {
    for (const l of this.listeners)
      try {
        l();
      } catch {
        // A screen's listener must not stop the simulator's events.
      }
  }
}
