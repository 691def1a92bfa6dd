// The gun, without any transport: bytes from the station go into `receive`, bytes to the station
// come out of the `send` callback. Everything the real gun does on its side of PROTOCOL.md lives in
// this folder, so the protocol can be tested in-process with fake timers and the serial wrapper stays
// thin. This class decides which frames the gun takes, keeps its liveness watchdog, and wires the
// parts, each with one job:
//   gunLine.ts         the line: decoder, line noise each way
//   gunFramePolicy.ts  which station frames it takes, with and without a session
//   gunAuth.ts         pairing, authentication, the tagged session
//   requestHandler.ts  answers to requests, retransmission memory
//   shotEngine.ts      syringe, faults, arming and budget, the trigger, making records
//   recordOutbox.ts    making (MAC'd), sending, re-sending and replaying records until acknowledged
import { EventEmitter } from 'node:events';
import {
  DEFAULT_GUN_LIMITS,
  MESSAGES,
  PROTOCOL_VERSION,
  SCHEMA_HASH,
  TIMING,
  encodeFrame,
  isHandshake,
  newAuthStats,
  type AuthStats,
  type DoseProfile,
  type FaultName,
  type Frame,
  type GunLimits,
  type Message,
  type MessageOf,
} from '../protocol/index.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import { GunAuth } from './gunAuth.js';
import { admitStationFrame } from './gunFramePolicy.js';
import { GunLine, type SendFn } from './gunLine.js';
import { substream } from './prng.js';
import { RecordOutbox } from './recordOutbox.js';
import { RequestHandler } from './requestHandler.js';
import { ShotEngine } from './shotEngine.js';
import { StateStore } from './stateStore.js';
import { SIM_DEFAULTS, type SimEvents, type SimOptions, type SimRecord, type SimStats } from './types.js';

export type { SendFn } from './gunLine.js';

export interface GunModelOptions extends SimOptions {
  /** Injected time source; defaults to the real clock (which vitest fake timers replace). */
  clock?: Clock;
  send?: SendFn;
}

export class GunModel extends EventEmitter<SimEvents> {
  readonly model: string;
  readonly firmware: string;
  readonly limits: GunLimits;
  readonly protocolVersion: number;
  readonly schemaHash: Uint8Array;
  readonly rateLimit: boolean;

  private readonly clock: Clock;
  private readonly stateFile: string;
  private readonly defaultSerial: string;
  private store: StateStore;
  private readonly line: GunLine;
  private readonly timers: TimerHandle[] = [];
  private readonly auth: GunAuth;
  private readonly shots: ShotEngine;
  private readonly outbox: RecordOutbox;
  private readonly requests: RequestHandler;
  private readonly authStats: AuthStats = newAuthStats();
  private closed = false;
  private ignoringRequests = false;
  private lastStationFrameAt: number;
  private readonly counters = { framesIn: 0, versionMismatches: 0, taggedWithoutSession: 0 };

  constructor(opts: GunModelOptions, send?: SendFn) {
    super();
    this.clock = opts.clock ?? systemClock;
    this.stateFile = opts.stateFile;
    this.defaultSerial = opts.serial ?? SIM_DEFAULTS.serial;
    this.model = opts.model ?? SIM_DEFAULTS.model;
    this.firmware = opts.firmware ?? SIM_DEFAULTS.firmware;
    this.limits = opts.limits ?? DEFAULT_GUN_LIMITS;
    this.protocolVersion = opts.protocolVersion ?? PROTOCOL_VERSION;
    this.schemaHash = opts.schemaHash ?? SCHEMA_HASH;
    this.rateLimit = opts.rateLimit ?? true;
    const seed = opts.seed ?? SIM_DEFAULTS.seed;
    this.line = new GunLine(seed);
    this.store = new StateStore(this.stateFile, this.defaultSerial);
    this.lastStationFrameAt = this.clock.now();
    const emit = <K extends keyof SimEvents>(event: K, ...args: SimEvents[K]): void => {
      (this.emit as (e: K, ...a: SimEvents[K]) => boolean)(event, ...args);
    };
    this.auth = new GunAuth({ clock: this.clock, store: () => this.store, stats: this.authStats, emit, disarm: (r) => this.shots.disarm(r) });
    this.outbox = new RecordOutbox({ clock: this.clock, store: () => this.store, canSend: () => this.connected && this.auth.authenticated, send: (m) => this.sendEvent(m) });
    this.shots = new ShotEngine(
      {
        clock: this.clock,
        limits: this.limits,
        rateLimit: this.rateLimit,
        delivery: substream(seed, 1),
        emit,
        send: (m) => this.sendEvent(m),
        sendStatus: () => this.sendStatus(),
        record: (fields) => this.outbox.make(fields),
        closed: () => this.closed,
      },
      opts.reservoirNl ?? SIM_DEFAULTS.reservoirNl,
    );
    this.requests = new RequestHandler({
      auth: this.auth,
      shots: this.shots,
      outbox: this.outbox,
      limits: this.limits,
      identity: () => this.identity(),
      status: () => this.status(),
      newConnection: () => this.resetConnection('new-connection'),
      reply: (ack, message) => {
        const bytes = this.encode(message, ack);
        this.transmit(bytes);
        return bytes;
      },
      transmit: (bytes) => this.transmit(bytes),
    });
    this.shots.updateReservoirFaults(false);
    this.timers.push(this.clock.setInterval(() => this.sendStatus(), TIMING.heartbeatIntervalMs));
    this.timers.push(this.clock.setInterval(() => this.tick(), SIM_DEFAULTS.tickMs));
    const initialSend = send ?? opts.send;
    if (initialSend) this.connect(initialSend);
  }

  // ----- transport

  /** A station is on the line: bytes for it go to `send`. */
  connect(send: SendFn): void {
    this.line.connect(send);
  }

  /**
   * The line is gone. The gun does not disarm at once: like the real one it notices the missing
   * heartbeat and disarms within about a second (PROTOCOL.md, Liveness).
   */
  disconnect(): void {
    this.line.disconnect();
  }

  get connected(): boolean {
    return this.line.connected;
  }

  receive(bytes: Uint8Array): void {
    if (this.closed) return;
    for (const frame of this.line.receive(bytes)) this.handleFrame(frame);
  }

  // ----- what tests and the CLI read

  get serial(): string {
    return this.store.serial;
  }
  get armed(): boolean {
    return this.shots.armed;
  }
  /** What the current arming may still deliver (0 while disarmed). */
  get budgetNl(): number {
    return this.shots.budgetNl;
  }
  get authenticated(): boolean {
    return this.auth.authenticated;
  }
  get paired(): boolean {
    return this.store.key !== null;
  }
  get pairingCode(): string | null {
    return this.auth.pairingCode;
  }
  get profile(): DoseProfile | null {
    return this.shots.profile ? { ...this.shots.profile } : null;
  }
  get reservoirNl(): number {
    return this.shots.reservoirNl;
  }
  get batteryPct(): number {
    return this.shots.batteryPct;
  }
  get needleSeated(): boolean {
    return this.shots.needleSeated;
  }
  get activeFaults(): FaultName[] {
    return this.shots.faults.names;
  }
  get pendingShots(): number {
    return this.shots.pendingShots;
  }
  get log(): readonly SimRecord[] {
    return this.store.log;
  }
  get unackedRecordIds(): number[] {
    return [...this.store.unacked.keys()];
  }
  get lastRecordId(): number {
    return this.store.lastRecordId;
  }
  get stats(): SimStats {
    const s = this.shots;
    return {
      framesIn: this.counters.framesIn,
      framesBad: this.line.framesBad + this.counters.versionMismatches,
      taggedWithoutSession: this.counters.taggedWithoutSession,
      shotsFired: s.shotsFired,
      pressesDropped: s.pressesDropped,
      budgetRefusals: s.budgetRefusals,
      bytesCorrupted: this.line.bytesCorrupted,
      auth: structuredClone(this.authStats),
    };
  }
  totalDeliveredNl(): number {
    return this.store.log.reduce((sum, r) => sum + r.deliveredNl, 0);
  }

  // ----- the trigger

  /** Queues n trigger presses (see ShotEngine.fire: presses while disarmed are dropped and counted). */
  fire(n: number): void {
    this.shots.fire(n);
  }

  // ----- fault injection

  setCorruption(c: { toStation?: number; fromStation?: number }): void {
    this.line.setCorruption(c);
  }

  /** Blocking: disarms, and a shot in progress ends short with the fault recorded. */
  occlude(active = true): void {
    this.shots.setFault('occlusion', active, active ? 'line pressure too high' : 'pressure normal');
  }

  runEmpty(): void {
    this.shots.reservoirNl = 0;
    this.shots.updateReservoirFaults(true);
  }

  /** Non-blocking warning: battery at 10 %. */
  lowBattery(active = true): void {
    this.shots.batteryPct = active ? SIM_DEFAULTS.lowBatteryPct : SIM_DEFAULTS.batteryPct;
    this.shots.setFault('lowBattery', active, `battery ${this.shots.batteryPct} %`);
  }

  /** The gun goes deaf to requests (no reply, nothing executed); events and STATUS go on. */
  stopAcknowledging(active = true): void {
    this.ignoringRequests = active;
  }

  setNeedleSeated(seated: boolean): void {
    this.shots.needleSeated = seated;
    this.shots.setFault('needleNotSeated', !seated, seated ? 'needle seated' : 'needle not seated');
  }

  /** Replaces the stored link key (null: unpaired), as if the gun had been paired elsewhere or reset. */
  setKey(key: Uint8Array | null): void {
    this.store.setKey(key);
  }

  /**
   * The next record carries these codes instead of the real ones, as firmware newer than the station
   * might send (a fault or mode the station's tables lack). Its MAC covers them like any other.
   */
  recordCodesOnce(codes: { fault?: number; mode?: number }): void {
    this.shots.overrideNextRecordCodes(codes);
  }

  // ----- lifecycle

  /** Power cycle: volatile state is lost, non-volatile memory is read back from the state file. */
  reboot(): void {
    this.shots.powerOff();
    this.resetConnection('reboot');
    this.line.resetDecoder();
    this.lastStationFrameAt = this.clock.now();
    this.store.close();
    this.store = new StateStore(this.stateFile, this.defaultSerial);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) this.clock.clearInterval(t);
    this.shots.clearTimers();
    this.line.disconnect();
    this.store.close();
  }

  // ----- incoming frames

  private handleFrame(frame: Frame): void {
    const m = frame.message;
    // A gun of another protocol version cannot read this build's frames; only HELLO is common ground.
    if (this.protocolVersion !== PROTOCOL_VERSION && m.type !== 'HELLO') {
      this.counters.versionMismatches++;
      return;
    }
    const admission = admitStationFrame(frame, this.auth.session, (f, verdict) => this.requests.isRepeat(f, verdict));
    if (admission === 'tagged-without-session') this.counters.taggedWithoutSession++;
    else if (admission === 'burst') this.dropSession();
    else if (admission === 'repeat') {
      this.stationSeen();
      if (!this.ignoringRequests) this.requests.repeat();
    } else if (admission === 'take') {
      this.stationSeen();
      if (MESSAGES[m.type].kind === 'request') {
        if (!this.ignoringRequests) this.requests.handle(frame);
      } else if (m.type === 'RECORD_ACK' && this.auth.authenticated) {
        // Only an authenticated station's RECORD_ACK counts: anyone else could make the gun forget.
        this.outbox.acknowledge(m.recordId);
      }
      // HEARTBEAT carries nothing the gun needs beyond the fact that it arrived.
    }
  }

  private stationSeen(): void {
    this.counters.framesIn++;
    this.lastStationFrameAt = this.clock.now();
  }

  /** A burst of bad tags: someone else is writing to the line. Disarm, and trust nothing until re-authenticated. */
  private dropSession(): void {
    this.shots.disarm('auth-failures');
    this.auth.endSession();
    this.outbox.reset();
    this.emit('session-dropped', 'auth-failures');
    this.sendStatus();
  }

  // ----- outgoing frames

  private encode(message: Message, ack = 0): Uint8Array {
    const session = this.auth.session;
    const sealer = session && !isHandshake(message.type) ? session.sealer : undefined;
    return encodeFrame({ version: this.protocolVersion, seq: 0, ack, message, sealer });
  }

  private transmit(bytes: Uint8Array): void {
    this.line.transmit(bytes);
  }

  private sendEvent(message: Message): void {
    if (this.line.connected) this.transmit(this.encode(message));
  }

  private identity(): MessageOf<'IDENTITY'> {
    return {
      type: 'IDENTITY',
      model: this.model,
      serial: this.store.serial,
      firmware: this.firmware,
      protocolVersion: this.protocolVersion,
      schemaHash: this.schemaHash,
      paired: this.store.key !== null,
      ...this.limits,
    };
  }

  private status(): MessageOf<'STATUS'> {
    const s = this.shots;
    return {
      type: 'STATUS',
      armed: s.armed,
      authenticated: this.auth.authenticated,
      reservoirNl: s.reservoirNl,
      batteryPct: s.batteryPct,
      needleSeated: s.needleSeated,
      faultFlags: s.faults.flags,
      gunTimeMs: this.clock.now(),
      lastRecordId: this.store.lastRecordId,
    };
  }

  private sendStatus(): void {
    this.sendEvent(this.status());
  }

  // ----- housekeeping

  private tick(): void {
    const now = this.clock.now();
    if (this.shots.armed && now - this.lastStationFrameAt >= TIMING.gunDisarmAfterSilenceMs) {
      this.shots.disarm('heartbeat-lost');
      this.emit('heartbeat-lost');
    }
    this.outbox.tick(now);
  }

  private resetConnection(reason: string): void {
    this.requests.forget();
    this.shots.disarm(reason);
    this.auth.reset();
    this.outbox.reset();
  }
}
