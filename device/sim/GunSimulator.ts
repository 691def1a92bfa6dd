// The simulated gun on a real serial port: a GunModel whose bytes travel over the gun end of a pty
// (serialport), so the station's link code meets exactly the I/O it meets with the real gun,
// including the hang-up when the cable is pulled (socat killed). Transport only: what the gun does is
// `model`'s; SimulatedGun (harness.ts) is what tests and the CLI drive.
import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import { GunModel } from './gunModel.js';
import type { SimEvents, SimOptions } from './types.js';

export type { SimOptions, SimRecord, SimStats, SimEvents } from './types.js';

/** A close that never completes (dead pty) must not hang detach() forever. */
const CLOSE_TIMEOUT_MS = 1000;

const FORWARDED = ['pairing-code', 'paired', 'armed', 'disarmed', 'shot', 'fault', 'heartbeat-lost', 'session-dropped'] as const;

export class GunSimulator extends EventEmitter<SimEvents> {
  /** The transport-independent gun inside. */
  readonly model: GunModel;
  private port: SerialPort | null = null;
  private path: string | null = null;

  constructor(opts: SimOptions) {
    super();
    this.model = new GunModel(opts);
    for (const event of FORWARDED)
      this.model.on(event, (...args: unknown[]) => (this.emit as (e: string, ...a: unknown[]) => boolean)(event, ...args));
  }

  /** @deprecated The gun inside is `model`. */
  get core(): GunModel {
    return this.model;
  }

  /** Opens the gun end of the pty. */
  async attach(path: string): Promise<void> {
    if (this.port) {
      if (this.path === path) return;
      await this.detach();
    }
    const port = new SerialPort({ path, baudRate: 115_200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    this.port = port;
    this.path = path;
    port.on('data', (chunk: Buffer) => this.model.receive(chunk));
    // EIO on read or a hang-up closes the port: the cable is gone, so the gun lets go of it.
    port.on('close', () => this.lost(port));
    port.on('error', () => this.lost(port));
    this.model.connect((bytes) => {
      if (this.port !== port) return;
      // No callback wait: after a hang-up a write may never call back; the close event tells.
      port.write(Buffer.from(bytes), (err) => {
        if (err) this.lost(port);
      });
    });
  }

  async detach(): Promise<void> {
    const port = this.port;
    if (!port) return;
    this.release();
    if (port.isOpen) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
        port.close(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  get attached(): boolean {
    return this.port !== null;
  }

  /** The path last attached (kept after a hang-up, so a replug can re-open it). */
  get attachedPath(): string | null {
    return this.path;
  }

  /** Power cycle: volatile state gone, state file reloaded, the same port re-opened if it was open. */
  async reboot(): Promise<void> {
    const path = this.port ? this.path : null;
    await this.detach();
    this.model.reboot();
    if (path) await this.attach(path);
  }

  /** Detaches and stops every timer; the simulator cannot be used afterwards. */
  async close(): Promise<void> {
    await this.detach();
    this.model.close();
  }

  private lost(port: SerialPort): void {
    if (this.port !== port) return;
    this.release();
    if (port.isOpen) port.close(() => undefined);
  }

  private release(): void {
    this.port = null;
    this.model.disconnect();
    this.emit('detached');
  }
}
