// A simulated gun on a fresh socat pty pair: what integration and end-to-end tests (and the CLI)
// start. The station opens `stationPath`; `unplug()`/`replug()` pull and reinsert the "cable".
//
// Three layers, each named for what it is: SimulatedGun (this: the gun and its cable), its
// `simulator` (the gun on the pty's serial port) and `model` (the gun's protocol and mechanics, no
// transport). What a test does to the gun it does here: fire, read the log, inject faults.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DoseProfile } from '../protocol/index.js';
import type { GunModel } from './gunModel.js';
import { GunSimulator } from './GunSimulator.js';
import { PtyPair } from './ptyPair.js';
import type { SimEvents, SimOptions, SimRecord, SimStats } from './types.js';

/** How long the simulator may take to notice the hang-up before it is detached by force. */
const DETACH_WAIT_MS = 2000;

export type HarnessOptions = Omit<SimOptions, 'stateFile'> & {
  /** Defaults to `gun-state.jsonl` in `dir` (or in the pty pair's own temporary folder). */
  stateFile?: string;
  /** Folder for the pty links (`station`, `gun`); a fresh temporary folder when absent. */
  dir?: string;
};

type Listener<K extends keyof SimEvents> = (...args: SimEvents[K]) => void;

export class SimulatedGun {
  /** The gun's protocol and mechanics (no transport). */
  readonly model: GunModel;

  private constructor(
    private readonly pair: PtyPair,
    /** The gun on the gun end of the pty. */
    readonly simulator: GunSimulator,
  ) {
    this.model = simulator.model;
  }

  static async start(opts: HarnessOptions): Promise<SimulatedGun> {
    const { dir, stateFile, ...rest } = opts;
    if (dir) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // Links left by a crashed run would make PtyPair think socat is ready before it is.
      for (const name of ['station', 'gun']) rmSync(join(dir, name), { force: true });
    }
    const pair = new PtyPair(dir);
    await pair.plug();
    const simulator = new GunSimulator({ ...rest, stateFile: stateFile ?? join(dir ?? dirname(pair.gunPath), 'gun-state.jsonl') });
    try {
      await simulator.attach(pair.gunPath);
    } catch (e) {
      await simulator.close();
      await pair.dispose();
      throw e;
    }
    return new SimulatedGun(pair, simulator);
  }

  get stationPath(): string {
    return this.pair.stationPath;
  }

  get gunPath(): string {
    return this.pair.gunPath;
  }

  /** The cable is in (socat running). */
  get plugged(): boolean {
    return this.pair.plugged;
  }

  /** The gun holds its end of the pty open. */
  get attached(): boolean {
    return this.simulator.attached;
  }

  // ----- the cable and the power

  /** Kills socat; resolves once the simulator has let go of its end. */
  async unplug(): Promise<void> {
    const detached = this.simulator.attached ? new Promise<void>((resolve) => this.simulator.once('detached', () => resolve())) : Promise.resolve();
    await this.pair.unplug();
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      detached.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), DETACH_WAIT_MS))),
    ]);
    clearTimeout(timer);
    if (!waited) await this.simulator.detach();
  }

  /** Starts socat again with the same paths and re-attaches the simulator. */
  async replug(): Promise<void> {
    await this.pair.plug();
    await this.simulator.attach(this.pair.gunPath);
  }

  async reboot(): Promise<void> {
    await this.simulator.reboot();
  }

  async stop(): Promise<void> {
    await this.simulator.close();
    await this.pair.dispose();
  }

  // ----- events

  on<K extends keyof SimEvents>(event: K, listener: Listener<K>): this {
    (this.simulator.on as (e: K, l: Listener<K>) => unknown)(event, listener);
    return this;
  }

  once<K extends keyof SimEvents>(event: K, listener: Listener<K>): this {
    (this.simulator.once as (e: K, l: Listener<K>) => unknown)(event, listener);
    return this;
  }

  off<K extends keyof SimEvents>(event: K, listener: Listener<K>): this {
    (this.simulator.off as (e: K, l: Listener<K>) => unknown)(event, listener);
    return this;
  }

  /** Resolves with the next pairing code the gun displays. */
  nextPairingCode(): Promise<string> {
    return new Promise((resolve) => this.once('pairing-code', resolve));
  }

  // ----- the gun, as a test drives it

  fire(n: number): void {
    this.model.fire(n);
  }
  get pendingShots(): number {
    return this.model.pendingShots;
  }
  setCorruption(c: { toStation?: number; fromStation?: number }): void {
    this.model.setCorruption(c);
  }
  occlude(active = true): void {
    this.model.occlude(active);
  }
  runEmpty(): void {
    this.model.runEmpty();
  }
  lowBattery(active = true): void {
    this.model.lowBattery(active);
  }
  stopAcknowledging(active = true): void {
    this.model.stopAcknowledging(active);
  }
  setNeedleSeated(seated: boolean): void {
    this.model.setNeedleSeated(seated);
  }
  setKey(key: Uint8Array | null): void {
    this.model.setKey(key);
  }
  get serial(): string {
    return this.model.serial;
  }
  get pairingCode(): string | null {
    return this.model.pairingCode;
  }
  get armed(): boolean {
    return this.model.armed;
  }
  get reservoirNl(): number {
    return this.model.reservoirNl;
  }
  get profile(): DoseProfile | null {
    return this.model.profile;
  }
  get log(): readonly SimRecord[] {
    return this.model.log;
  }
  get unackedRecordIds(): number[] {
    return this.model.unackedRecordIds;
  }
  totalDeliveredNl(): number {
    return this.model.totalDeliveredNl();
  }
  get stats(): SimStats {
    return this.model.stats;
  }
}
