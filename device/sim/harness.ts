// A simulated gun on a fresh socat pty pair: what integration and end-to-end tests (and the CLI)
// start. The station opens `stationPath`; `unplug()`/`replug()` pull and reinsert the "cable".
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GunSimulator } from './GunSimulator.js';
import { PtyPair } from './ptyPair.js';
import type { SimOptions } from './types.js';

/** How long the simulator may take to notice the hang-up before it is detached by force. */
const DETACH_WAIT_MS = 2000;

export type HarnessOptions = Omit<SimOptions, 'stateFile'> & {
  /** Defaults to `gun-state.jsonl` in `dir` (or in the pty pair's own temporary folder). */
  stateFile?: string;
  /** Folder for the pty links (`station`, `gun`); a fresh temporary folder when absent. */
  dir?: string;
};

export class SimulatedGun {
  private constructor(
    private readonly pair: PtyPair,
    readonly sim: GunSimulator,
  ) {}

  static async start(opts: HarnessOptions): Promise<SimulatedGun> {
    const { dir, stateFile, ...rest } = opts;
    if (dir) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // Links left by a crashed run would make PtyPair think socat is ready before it is.
      for (const name of ['station', 'gun']) rmSync(join(dir, name), { force: true });
    }
    const pair = new PtyPair(dir);
    await pair.plug();
    const sim = new GunSimulator({ ...rest, stateFile: stateFile ?? join(dir ?? dirname(pair.gunPath), 'gun-state.jsonl') });
    try {
      await sim.attach(pair.gunPath);
    } catch (e) {
      await sim.close();
      await pair.dispose();
      throw e;
    }
    return new SimulatedGun(pair, sim);
  }

  get stationPath(): string {
    return this.pair.stationPath;
  }

  get gunPath(): string {
    return this.pair.gunPath;
  }

  get plugged(): boolean {
    return this.pair.plugged;
  }

  /** Kills socat; resolves once the simulator has let go of its end. */
  async unplug(): Promise<void> {
    const detached = this.sim.attached ? new Promise<void>((resolve) => this.sim.once('detached', () => resolve())) : Promise.resolve();
    await this.pair.unplug();
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      detached.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), DETACH_WAIT_MS))),
    ]);
    clearTimeout(timer);
    if (!waited) await this.sim.detach();
  }

  /** Starts socat again with the same paths and re-attaches the simulator. */
  async replug(): Promise<void> {
    await this.pair.plug();
    await this.sim.attach(this.pair.gunPath);
  }

  async reboot(): Promise<void> {
    await this.sim.reboot();
  }

  async stop(): Promise<void> {
    await this.sim.close();
    await this.pair.dispose();
  }
}
