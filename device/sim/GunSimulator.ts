// The simulated gun on a real serial port: a GunModel whose bytes travel over the gun end of a pty
// (serialport), so the station's link code meets exactly the I/O it meets with the real gun,
// including the hang-up when the cable is pulled (socat killed).
import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import type { DoseProfile } from '../protocol/index.js';
import { GunModel } from './gunModel.js';
import type { SimEvents, SimOptions, SimRecord, SimStats } from './types.js';

export type { SimOptions, SimRecord, SimStats, SimEvents } from './types.js';

/** A close that never completes (dead pty) must not hang detach() forever. */
const CLOSE_TIMEOUT_MS = 1000;

export class GunSimulator extends EventEmitter<SimEvents> {
  /** The transport-independent gun inside, for tests that need more than this wrapper shows. */
  readonly core: GunModel;
  private port: SerialPort | null = null;
  private path: string | null = null;

  constructor(opts: SimOptions) {
    super();
    this.core = new GunModel(opts);
    this.core.on('pairing-code', (code) => this.emit('pairing-code', code));
    this.core.on('paired', () => this.emit('paired'));
    this.core.on('armed', () => this.emit('armed'));
    this.core.on('disarmed', (reason) => this.emit('disarmed', reason));
    this.core.on('shot', (record) => this.emit('shot', record));
    this.core.on('fault', (name, active) => this.emit('fault', name, active));
    this.core.on('heartbeat-lost', () => this.emit('heartbeat-lost'));
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
    port.on('data', (chunk: Buffer) => this.core.receive(chunk));
    // EIO on read or a hang-up closes the port: the cable is gone, so the gun lets go of it.
    port.on('close', () => this.lost(port));
    port.on('error', () => this.lost(port));
    this.core.connect((bytes) => {
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
    this.core.reboot();
    if (path) await this.attach(path);
  }

  /** Detaches and stops every timer; the simulator cannot be used afterwards. */
  async close(): Promise<void> {
    await this.detach();
    this.core.close();
  }

  fire(n: number): void {
    this.core.fire(n);
  }
  get pendingShots(): number {
    return this.core.pendingShots;
  }
  setCorruption(c: { toStation?: number; fromStation?: number }): void {
    this.core.setCorruption(c);
  }
  occlude(active = true): void {
    this.core.occlude(active);
  }
  runEmpty(): void {
    this.core.runEmpty();
  }
  lowBattery(active = true): void {
    this.core.lowBattery(active);
  }
  stopAcknowledging(active = true): void {
    this.core.stopAcknowledging(active);
  }
  setNeedleSeated(seated: boolean): void {
    this.core.setNeedleSeated(seated);
  }
  setKey(key: Uint8Array | null): void {
    this.core.setKey(key);
  }
  get serial(): string {
    return this.core.serial;
  }
  get pairingCode(): string | null {
    return this.core.pairingCode;
  }
  get armed(): boolean {
    return this.core.armed;
  }
  get reservoirNl(): number {
    return this.core.reservoirNl;
  }
  get profile(): DoseProfile | null {
    return this.core.profile;
  }
  get log(): readonly SimRecord[] {
    return this.core.log;
  }
  totalDeliveredNl(): number {
    return this.core.totalDeliveredNl();
  }
  get stats(): SimStats {
    return this.core.stats;
  }

  private lost(port: SerialPort): void {
    if (this.port !== port) return;
    this.release();
    if (port.isOpen) port.close(() => undefined);
  }

  private release(): void {
    this.port = null;
    this.core.disconnect();
    this.emit('detached');
  }
}
