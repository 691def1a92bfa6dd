// The gun's mechanics: the syringe, the battery and the needle, the active faults, arming with a
// volume budget, and the trigger. A press fires only while armed; each shot stores its dose record
// (MAC'd by the gun) before it is announced. Faults that stop the gun cut a shot short and disarm.
import {
  BLOCKING_FAULTS,
  DOSE_MODES,
  FAULT_CODES,
  type DoseProfile,
  type DoseRecordFields,
  type FaultName,
  type GunLimits,
  type Message,
} from '../protocol/index.js';
import type { Clock, TimerHandle } from './clock.js';
import { FaultSet } from './faultSet.js';
import type { Random } from './prng.js';
import { SIM_DEFAULTS, type SimEvents, type SimRecord } from './types.js';

/** Syringe tolerance (ISO 7886-1, domain.md): delivered = commanded * (1 + e), e in [-10 %, +10 %]. */
const DELIVERY_ERROR = 0.1;
/** Shots fired per timer turn when not rate-limited, so a benchmark burst does not starve I/O. */
const UNLIMITED_BATCH = 100;

export interface ShotEnginePorts {
  clock: Clock;
  limits: GunLimits;
  rateLimit: boolean;
  delivery: Random;
  emit<K extends keyof SimEvents>(event: K, ...args: SimEvents[K]): void;
  /** Sends an event frame to the station (FAULT, and STATUS when the budget runs out). */
  send(message: Message): void;
  sendStatus(): void;
  /** Numbers the record, stores it on "flash" with its MAC and announces it; returns what was stored. */
  record(fields: Omit<DoseRecordFields, 'recordId'>): SimRecord;
  closed(): boolean;
}

interface ShotInProgress {
  startedAtMs: number;
  commandedNl: number;
  /** What the whole shot would deliver: commanded with the syringe's +/-10 % error applied. */
  targetNl: number;
  profile: DoseProfile;
  timer: TimerHandle | null;
}

export class ShotEngine {
  // Physical state: survives a reboot.
  reservoirNl: number;
  batteryPct: number = SIM_DEFAULTS.batteryPct;
  needleSeated = true;
  readonly faults = new FaultSet();
  // Volatile state: lost on reboot.
  armed = false;
  /**
   * Volume (nL) this arming may still deliver (PROTOCOL.md, "Budget"). The gun's own backstop for
   * the station's volume limits: it holds even when dose records or DISARM are lost on the line.
   */
  budgetNl = 0;
  profile: DoseProfile | null = null;
  pressesDropped = 0;
  budgetRefusals = 0;
  shotsFired = 0;
  /** Codes the next record carries instead of the real ones (a firmware quirk, for tests). */
  private codeOverride: { fault?: number; mode?: number } | null = null;
  private pending = 0;
  private shot: ShotInProgress | null = null;
  private nextShotTimer: TimerHandle | null = null;
  private lastShotStartAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly p: ShotEnginePorts,
    reservoirNl: number,
  ) {
    this.reservoirNl = reservoirNl;
  }

  get pendingShots(): number {
    return this.pending + (this.shot ? 1 : 0);
  }

  /**
   * Queues n trigger presses. Presses while disarmed are dropped and counted, as on a real gun whose
   * trigger does nothing until armed; presses still queued when the gun disarms are dropped too, so a
   * burst can never fire later, after a re-arm nobody connected to those presses.
   */
  fire(n: number): void {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`fire(${n}): a whole number of presses`);
    if (!this.armed) {
      this.pressesDropped += n;
      return;
    }
    this.pending += n;
    this.pump();
  }

  /** Why ARM with this budget is refused, or null. */
  armRefusal(budgetNl: number): { field: string; message: string } | null {
    if (!this.profile) return { field: 'profile', message: 'no dose profile set' };
    // A budget that cannot hold one shot arms nothing useful: say so rather than arm and refuse the press.
    if (budgetNl < this.profile.doseNl) return { field: 'budgetNl', message: `budget ${budgetNl} nL is less than one ${this.profile.doseNl} nL shot` };
    if (!this.needleSeated) return { field: 'needleSeated', message: 'needle not seated' };
    const fault = this.faults.firstBlocking(['needleNotSeated']);
    if (fault) return { field: `fault:${fault}`, message: `fault ${fault} is active` };
    return null;
  }

  arm(budgetNl: number): void {
    // A repeated ARM (new seq) while armed replaces the budget: the station's latest word is the one
    // computed from the most records.
    this.budgetNl = budgetNl;
    if (this.armed) return;
    this.armed = true;
    this.p.emit('armed');
  }

  disarm(reason: string): void {
    if (!this.armed) return;
    this.armed = false;
    this.budgetNl = 0;
    this.pressesDropped += this.pending;
    this.pending = 0;
    if (this.nextShotTimer !== null) this.p.clock.clearTimeout(this.nextShotTimer);
    this.nextShotTimer = null;
    // A shot already under way finishes (the needle is in the skin) unless a fault cuts it short.
    this.p.emit('disarmed', reason);
  }

  /** Power lost: the shot under way never reached the log (nothing was left to store it with). */
  powerOff(): void {
    this.disarm('reboot');
    this.clearTimers();
    this.shot = null;
    this.profile = null;
  }

  clearTimers(): void {
    if (this.nextShotTimer !== null) this.p.clock.clearTimeout(this.nextShotTimer);
    this.nextShotTimer = null;
    if (this.shot?.timer != null) this.p.clock.clearTimeout(this.shot.timer);
  }

  overrideNextRecordCodes(codes: { fault?: number; mode?: number }): void {
    this.codeOverride = codes;
  }

  setFault(name: FaultName, active: boolean, detail: string): void {
    if (!this.faults.set(name, active)) return;
    if (active && BLOCKING_FAULTS.has(name)) {
      this.finishShot(name);
      this.disarm(`fault:${name}`);
    }
    this.p.send({ type: 'FAULT', code: FAULT_CODES[name], active, detail });
    this.p.emit('fault', name, active);
  }

  updateReservoirFaults(emptied: boolean): void {
    this.setFault('reservoirLow', this.reservoirNl < SIM_DEFAULTS.reservoirLowNl, `${this.reservoirNl} nL left`);
    this.setFault('reservoirEmpty', emptied || this.reservoirNl === 0, 'reservoir empty');
  }

  /** The shortest gap between shot starts: the profile's, never under the gun's 9 shots/s. */
  private intervalMs(profile: DoseProfile): number {
    if (!this.p.rateLimit) return 0;
    return Math.max(profile.minIntervalMs, this.p.limits.minIntervalMs);
  }

  private pump(): void {
    let burst = 0;
    while (this.armed && this.pending > 0 && !this.shot && this.nextShotTimer === null && !this.p.closed()) {
      const profile = this.profile;
      if (!profile) return;
      const wait = this.lastShotStartAt + this.intervalMs(profile) - this.p.clock.now();
      if (wait > 0 || burst >= UNLIMITED_BATCH) {
        this.nextShotTimer = this.p.clock.setTimeout(() => {
          this.nextShotTimer = null;
          this.pump();
        }, Math.max(0, wait));
        return;
      }
      if (this.budgetNl < profile.doseNl) {
        // The next shot would not fit the budget: no shot, no record; the gun disarms itself and says
        // so at once (STATUS armed=false) instead of waiting for the next periodic STATUS.
        this.budgetRefusals += this.pending;
        this.disarm('budget-exhausted');
        this.p.sendStatus();
        return;
      }
      burst++;
      this.startShot(profile);
    }
  }

  private startShot(profile: DoseProfile): void {
    this.pending--;
    const now = this.p.clock.now();
    this.lastShotStartAt = now;
    const e = (this.p.delivery() * 2 - 1) * DELIVERY_ERROR;
    const shot: ShotInProgress = { startedAtMs: now, commandedNl: profile.doseNl, targetNl: Math.round(profile.doseNl * (1 + e)), profile, timer: null };
    this.shot = shot;
    if (!this.p.rateLimit) return this.finishShot(null);
    shot.timer = this.p.clock.setTimeout(() => {
      shot.timer = null;
      this.finishShot(null);
      this.pump();
    }, SIM_DEFAULTS.shotDurationMs);
  }

  /** Ends the shot in progress, whole or cut short by `fault`, and stores then sends its record. */
  private finishShot(fault: FaultName | null): void {
    const shot = this.shot;
    if (!shot) return;
    if (shot.timer !== null) this.p.clock.clearTimeout(shot.timer);
    this.shot = null;
    const now = this.p.clock.now();
    const share = fault ? Math.min(1, (now - shot.startedAtMs) / SIM_DEFAULTS.shotDurationMs) : 1;
    let delivered = Math.round(shot.targetNl * share);
    let recordedFault = fault;
    if (delivered > this.reservoirNl) {
      delivered = this.reservoirNl;
      recordedFault ??= 'reservoirEmpty';
    }
    this.reservoirNl -= delivered;
    // The budget counts what went into the patient, not what was asked for (a syringe is +/-10 %).
    this.budgetNl = Math.max(0, this.budgetNl - delivered);
    const p = shot.profile;
    const override = this.codeOverride;
    this.codeOverride = null;
    const record = this.p.record({
      commandedNl: shot.commandedNl,
      deliveredNl: delivered,
      depthUm: p.depthUm,
      entryPct: p.entryPct,
      dwellPct: p.dwellPct,
      exitPct: p.exitPct,
      mode: override?.mode ?? DOSE_MODES[p.mode],
      startedAtMs: shot.startedAtMs,
      endedAtMs: now,
      fault: override?.fault ?? (recordedFault ? FAULT_CODES[recordedFault] : 0),
    });
    this.shotsFired++;
    this.p.emit('shot', record);
    this.updateReservoirFaults(recordedFault === 'reservoirEmpty');
  }
}
