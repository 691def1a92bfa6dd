// The station a host runs (the browser host and Electron's main.ts alike): its core, in clinical or
// training mode, with the gun for that mode, and the switch between the two modes in process.
//
// Clinical mode uses the data folder it is given and a real gun (--gun, or discovery by USB id); when
// none is found the link says so and keeps looking; the simulator is never started. Training mode
// uses `<dataDir>/training/` (its own settings file, database and simulator journal; the host's key
// vault gives that folder keys of its own) and the simulated gun. A switch closes the current core
// (link, database) and opens the other; the host then drops its windows' connections so they
// reconnect to the new core. Connection contexts do not belong to a core, so the host keeps them;
// their logins simply no longer exist in the new one.
import { join } from 'node:path';
import type { SimulatedGun } from '../../device/sim/harness.js';
import type { StationEvents, StationMode } from '../contract/station.js';
import { newConnection, type ConnectionContext } from '../core/access/connection.js';
import { EventBus } from '../core/bus.js';
import { ownerOnlyDir } from '../core/keys/fileVault.js';
import type { SettingsStore } from '../core/settings/store.js';
import type { Station, StationOptions } from '../core/station.js';
import type { TrainingPort } from '../core/training/port.js';
import { forwardEvents } from './events.js';
import { chooseGun } from './gunSource.js';
import type { HostedStation } from './server.js';
import { SimulatorControls } from './simulatorControls.js';

export const TRAINING_FOLDER = 'training';

/** The folder a mode keeps its data in: training never shares the clinical one. */
export function dataDirFor(dataDir: string, mode: StationMode): string {
  return mode === 'training' ? join(dataDir, TRAINING_FOLDER) : dataDir;
}

export interface RuntimeOptions {
  /** The clinical data folder; training mode uses `<dataDir>/training`. */
  dataDir: string;
  mode: StationMode;
  /** An explicit gun port: a real gun in clinical mode, a simulator run elsewhere in training mode. */
  gunPath?: string;
  /** The settings store of a mode's data folder. */
  openSettings(dir: string): SettingsStore;
  log(line: string): void;
  /** After a switch, once the new core is ready: the host reconnects its windows to it. */
  onSwitched?(mode: StationMode): void;
  /**
   * Builds a core over a mode's folder: the host's createStation with its key vault and start-up
   * choices (encrypting a plain database, a restored copy) added.
   */
  createStation(options: Pick<StationOptions, 'dataDir' | 'settings' | 'gun' | 'mode' | 'training'>): Station;
}

interface Running {
  station: Station;
  mode: StationMode;
  sim: SimulatedGun | null;
  controls: SimulatorControls | null;
  unforward: () => void;
}

export class StationRuntime implements HostedStation {
  /** Every core's events, whichever core is running: what hosts forward to their windows. */
  readonly events = new EventBus<StationEvents>();
  private running: Running | null = null;
  /** Resolves when the current core is ready; calls wait behind a switch. */
  private ready: Promise<Running>;
  private switching = false;
  private closed = false;

  private constructor(private readonly opts: RuntimeOptions) {
    this.ready = this.open(opts.mode);
  }

  static async start(opts: RuntimeOptions): Promise<StationRuntime> {
    const r = new StationRuntime(opts);
    await r.ready;
    return r;
  }

  get mode(): StationMode {
    return this.running?.mode ?? this.opts.mode;
  }

  /** The running core (for the host's own use and tests). */
  get station(): Station {
    if (!this.running) throw new Error('the station is switching modes');
    return this.running.station;
  }

  /** The built-in simulator, in training mode. */
  get sim(): SimulatedGun | null {
    return this.running?.sim ?? null;
  }

  async dispatch(conn: ConnectionContext, method: string, rawInput: unknown, options?: { passive?: boolean }): Promise<unknown> {
    const r = await this.ready;
    return r.station.dispatch(conn, method, rawInput, options);
  }

  newConnection(): ConnectionContext {
    return newConnection();
  }

  closeConnection(conn: ConnectionContext): void {
    this.running?.station.closeConnection(conn);
  }

  receivesEvents(conn: ConnectionContext): boolean {
    return this.running?.station.receivesEvents(conn) ?? false;
  }

  /** Closes the running core and opens the other mode's; resolves when it is ready. */
  async switchTo(mode: StationMode): Promise<void> {
    if (this.closed || this.switching || this.mode === mode) return;
    this.switching = true;
    try {
      const old = await this.ready;
      this.opts.log(`switching to ${mode.toUpperCase()} mode`);
      const next = this.shut(old).then(() => this.open(mode));
      this.ready = next;
      await next;
      this.opts.onSwitched?.(mode);
    } finally {
      this.switching = false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.shut(await this.ready);
  }

  private async open(mode: StationMode): Promise<Running> {
    const dir = dataDirFor(this.opts.dataDir, mode);
    ownerOnlyDir(dir);
    const settings = this.opts.openSettings(dir);
    const gun = await chooseGun({ mode, gunPath: this.opts.gunPath, usbIds: settings.get('gunUsbIds'), dataDir: dir, log: (l) => this.opts.log(l) });
    const controls = gun.sim ? new SimulatorControls(gun.sim) : null;
    const port: TrainingPort = {
      mode,
      simulator: () => controls?.display() ?? null,
      trigger: (held, id) => controls?.trigger(held, id),
      connectionClosed: (id) => controls?.connectionClosed(id),
      // After the call that asked has answered.
      switchTo: (to) => void setTimeout(() => void this.switchTo(to).catch((e: unknown) => this.opts.log(`the switch to ${to} mode failed: ${String(e)}`)), 50),
      onChanged: (l) => controls?.onChanged(l) ?? (() => undefined),
    };
    let station: Station;
    try {
      station = this.opts.createStation({ dataDir: dir, settings, gun: gun.source, mode, training: port });
      await station.ready;
    } catch (e) {
      controls?.close();
      await gun.sim?.stop();
      throw e;
    }
    const unforward = forwardEvents(station.events, (ev) => this.events.emit(ev.event, ev.payload as never));
    const running: Running = { station, mode, sim: gun.sim, controls, unforward };
    this.running = running;
    return running;
  }

  private async shut(r: Running): Promise<void> {
    if (this.running === r) this.running = null;
    r.controls?.close();
    r.unforward();
    await r.station.close();
    await r.sim?.stop();
  }
}
