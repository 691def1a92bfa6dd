// The gun, without any transport: bytes from the station go into `receive`, bytes to the station
// come out of the `send` callback. Everything the real gun does on its side of PROTOCOL.md lives
// here (handshake, pairing, authentication, profile, arming, shots, dose records, liveness, faults),
// so the protocol can be tested in-process with fake timers and the serial wrapper stays thin.
import { EventEmitter } from 'node:events';
import {
  BLOCKING_FAULTS,
  DEFAULT_GUN_LIMITS,
  DOSE_MODES,
  FAULT_CODES,
  FrameDecoder,
  MESSAGES,
  NAK_CODES,
  PROTOCOL_VERSION,
  SCHEMA_HASH,
  TIMING,
  checkProfile,
  deriveLinkKey,
  doseRecordCrc,
  encodeFrame,
  newNonce,
  newPairingCode,
  profileFromWire,
  profileToWire,
  proofs,
  sameProof,
  type DoseProfile,
  type FaultName,
  type Frame,
  type GunLimits,
  type Message,
  type MessageOf,
  type NakName,
} from '../protocol/index.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import { BitFlipper } from './corruption.js';
import { FaultSet } from './faultSet.js';
import { substream, type Random } from './prng.js';
import { StateStore } from './stateStore.js';
import { SIM_DEFAULTS, type SimEvents, type SimOptions, type SimRecord, type SimStats } from './types.js';

export type SendFn = (bytes: Uint8Array) => void;

export interface GunModelOptions extends SimOptions {
  /** Injected time source; defaults to the real clock (which vitest fake timers replace). */
  clock?: Clock;
  send?: SendFn;
}

/** The last request executed, so a retransmission (same seq and type) gets the same reply again. */
interface RequestMemory {
  seq: number;
  type: Message['type'];
  replies: Uint8Array[];
  /** For SYNC_FROM: the replay that followed the reply is repeated too. */
  syncAfter?: number;
}

interface ShotInProgress {
  startedAtMs: number;
  commandedNl: number;
  /** What the whole shot would deliver: commanded with the syringe's +/-10 % error applied. */
  targetNl: number;
  profile: DoseProfile;
  timer: TimerHandle | null;
}

/** Syringe tolerance (ISO 7886-1, domain.md): delivered = commanded * (1 + e), e in [-10 %, +10 %]. */
const DELIVERY_ERROR = 0.1;
/** Shots fired per timer turn when not rate-limited, so a benchmark burst does not starve I/O. */
const UNLIMITED_BATCH = 100;

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
  private sendFn: SendFn | null = null;
  private decoder = new FrameDecoder('station');
  private readonly delivery: Random;
  private readonly toStation: BitFlipper;
  private readonly fromStation: BitFlipper;
  private readonly faults = new FaultSet();
  private readonly timers: TimerHandle[] = [];
  private closed = false;

  // Physical state: survives a reboot.
  private reservoir: number;
  private battery: number = SIM_DEFAULTS.batteryPct;
  private needle = true;
  private ignoringRequests = false;

  // Volatile state: lost on reboot; HELLO resets the per-connection part.
  private isArmed = false;
  /**
   * Volume (nL) this arming may still deliver (PROTOCOL.md, "Budget"). The gun's own backstop for
   * the station's volume limits: it holds even when dose records or DISARM are lost on the line.
   */
  private budget = 0;
  private isAuthenticated = false;
  private currentProfile: DoseProfile | null = null;
  private pairing: { code: string; stationNonce: Uint8Array; gunNonce: Uint8Array } | null = null;
  private authChallenge: { stationNonce: Uint8Array; gunNonce: Uint8Array } | null = null;
  private lastRequest: RequestMemory | null = null;
  private lastStationFrameAt: number;
  /** When each unacknowledged record was last sent on this connection; absent = awaiting SYNC_FROM. */
  private readonly sentAt = new Map<number, number>();
  private pending = 0;
  private shot: ShotInProgress | null = null;
  private nextShotTimer: TimerHandle | null = null;
  private lastShotStartAt = Number.NEGATIVE_INFINITY;
  private readonly counters = { framesIn: 0, framesBad: 0, shotsFired: 0, pressesDropped: 0, budgetRefusals: 0 };

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
    this.delivery = substream(seed, 1);
    this.toStation = new BitFlipper(substream(seed, 2));
    this.fromStation = new BitFlipper(substream(seed, 3));
    this.reservoir = opts.reservoirNl ?? SIM_DEFAULTS.reservoirNl;
    this.store = new StateStore(this.stateFile, this.defaultSerial);
    this.lastStationFrameAt = this.clock.now();
    this.updateReservoirFaults(false);
    this.timers.push(this.clock.setInterval(() => this.sendStatus(), TIMING.heartbeatIntervalMs));
    this.timers.push(this.clock.setInterval(() => this.tick(), SIM_DEFAULTS.tickMs));
    const initialSend = send ?? opts.send;
    if (initialSend) this.connect(initialSend);
  }

  // ----- transport

  /** A station is on the line: bytes for it go to `send`. */
  connect(send: SendFn): void {
    this.sendFn = send;
    this.decoder.reset();
  }

  /**
   * The line is gone. The gun does not disarm at once: like the real one it notices the missing
   * heartbeat and disarms within about a second (PROTOCOL.md, Liveness).
   */
  disconnect(): void {
    this.sendFn = null;
    this.decoder.reset();
  }

  get connected(): boolean {
    return this.sendFn !== null;
  }

  receive(bytes: Uint8Array): void {
    if (this.closed) return;
    for (const result of this.decoder.push(this.fromStation.apply(bytes))) {
      if (!result.ok) this.counters.framesBad++;
      else this.handleFrame(result.frame);
    }
  }

  // ----- what tests and the CLI read

  get serial(): string {
    return this.store.serial;
  }
  get armed(): boolean {
    return this.isArmed;
  }
  /** What the current arming may still deliver (0 while disarmed). */
  get budgetNl(): number {
    return this.budget;
  }
  get authenticated(): boolean {
    return this.isAuthenticated;
  }
  get paired(): boolean {
    return this.store.key !== null;
  }
  get pairingCode(): string | null {
    return this.pairing?.code ?? null;
  }
  get profile(): DoseProfile | null {
    return this.currentProfile ? { ...this.currentProfile } : null;
  }
  get reservoirNl(): number {
    return this.reservoir;
  }
  get batteryPct(): number {
    return this.battery;
  }
  get needleSeated(): boolean {
    return this.needle;
  }
  get activeFaults(): FaultName[] {
    return this.faults.names;
  }
  get pendingShots(): number {
    return this.pending + (this.shot ? 1 : 0);
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
    return { ...this.counters, bytesCorrupted: this.toStation.corrupted + this.fromStation.corrupted };
  }
  totalDeliveredNl(): number {
    return this.store.log.reduce((sum, r) => sum + r.deliveredNl, 0);
  }

  // ----- the trigger

  /**
   * Queues n trigger presses. Presses while disarmed are dropped and counted, as on a real gun
   * whose trigger does nothing until armed; presses still queued when the gun disarms are dropped
   * too, so a burst can never fire later, after a re-arm nobody connected to those presses.
   */
  fire(n: number): void {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`fire(${n}): a whole number of presses`);
    if (!this.isArmed) {
      this.counters.pressesDropped += n;
      return;
    }
    this.pending += n;
    this.pump();
  }

  // ----- fault injection

  setCorruption(c: { toStation?: number; fromStation?: number }): void {
    if (c.toStation !== undefined) this.toStation.setFraction(c.toStation);
    if (c.fromStation !== undefined) this.fromStation.setFraction(c.fromStation);
  }

  /** Blocking: disarms, and a shot in progress ends short with the fault recorded. */
  occlude(active = true): void {
    this.setFault('occlusion', active, active ? 'line pressure too high' : 'pressure normal');
  }

  runEmpty(): void {
    this.reservoir = 0;
    this.updateReservoirFaults(true);
  }

  /** Non-blocking warning: battery at 10 %. */
  lowBattery(active = true): void {
    this.battery = active ? SIM_DEFAULTS.lowBatteryPct : SIM_DEFAULTS.batteryPct;
    this.setFault('lowBattery', active, `battery ${this.battery} %`);
  }

  /** The gun goes deaf to requests (no reply, nothing executed); events and STATUS go on. */
  stopAcknowledging(active = true): void {
    this.ignoringRequests = active;
  }

  setNeedleSeated(seated: boolean): void {
    this.needle = seated;
    this.setFault('needleNotSeated', !seated, seated ? 'needle seated' : 'needle not seated');
  }

  /** Replaces the stored link key (null: unpaired), as if the gun had been paired elsewhere or reset. */
  setKey(key: Uint8Array | null): void {
    this.store.setKey(key);
  }

  // ----- lifecycle

  /** Power cycle: volatile state is lost, non-volatile memory is read back from the state file. */
  reboot(): void {
    this.resetVolatile('reboot');
    this.store.close();
    this.store = new StateStore(this.stateFile, this.defaultSerial);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) this.clock.clearInterval(t);
    this.clearShotTimers();
    this.sendFn = null;
    this.store.close();
  }

  // ----- incoming frames

  private handleFrame(frame: Frame): void {
    const m = frame.message;
    // A gun of another protocol version cannot read this build's frames; only HELLO is common ground.
    if (this.protocolVersion !== PROTOCOL_VERSION && m.type !== 'HELLO') {
      this.counters.framesBad++;
      return;
    }
    this.counters.framesIn++;
    this.lastStationFrameAt = this.clock.now();
    if (MESSAGES[m.type].kind === 'request') {
      if (!this.ignoringRequests) this.handleRequest(frame.seq, m);
      return;
    }
    if (m.type === 'RECORD_ACK') {
      this.store.acknowledge([m.recordId]);
      this.sentAt.delete(m.recordId);
    }
    // HEARTBEAT carries nothing the gun needs beyond the fact that it arrived.
  }

  private handleRequest(seq: number, m: Message): void {
    const last = this.lastRequest;
    if (m.type !== 'HELLO' && last && last.seq === seq && last.type === m.type) {
      // A retransmission: the reply was lost. Send it again, never execute twice.
      for (const bytes of last.replies) this.transmit(bytes);
      if (last.syncAfter !== undefined) this.replayRecords(last.syncAfter);
      return;
    }
    const memory: RequestMemory = { seq, type: m.type, replies: [] };
    const reply = (message: Message) => {
      const bytes = encodeFrame({ version: this.protocolVersion, seq: 0, ack: seq, message });
      memory.replies.push(bytes);
      this.transmit(bytes);
    };
    const nak = (code: NakName, field: string, message: string) => reply({ type: 'NAK', code: NAK_CODES[code], field, message });
    if (m.type === 'HELLO') this.resetConnection();
    this.lastRequest = memory;
    switch (m.type) {
      case 'HELLO':
        return reply(this.identity());
      case 'PAIR_BEGIN':
        return reply(this.pairBegin(m));
      case 'PAIR_CONFIRM':
        return this.pairConfirm(m, reply, nak);
      case 'AUTH_BEGIN': {
        const key = this.store.key;
        if (!key) return nak('notPaired', '', 'this gun is not paired');
        const gunNonce = newNonce();
        this.authChallenge = { stationNonce: m.stationNonce, gunNonce };
        return reply({ type: 'AUTH_CHALLENGE', gunNonce, gunProof: proofs.authGun(key, m.stationNonce, gunNonce) });
      }
      case 'AUTH_PROVE': {
        const key = this.store.key;
        const challenge = this.authChallenge;
        this.authChallenge = null;
        if (!key) return nak('notPaired', '', 'this gun is not paired');
        if (!challenge) return nak('authFailed', '', 'no AUTH_BEGIN before AUTH_PROVE');
        if (!sameProof(m.stationProof, proofs.authStation(key, challenge.stationNonce, challenge.gunNonce)))
          return nak('authFailed', '', 'station proof does not match the stored key');
        this.isAuthenticated = true;
        return reply({ type: 'ACK' });
      }
      case 'SET_PROFILE': {
        if (!this.isAuthenticated) return nak('notAuthenticated', '', 'authenticate first');
        const profile = profileFromWire(m);
        if (!profile) return nak('outOfLimits', 'mode', `unknown mode ${m.mode}`);
        const violation = checkProfile(profile, this.limits);
        if (violation) return nak('outOfLimits', violation.field, violation.message);
        this.disarm('profile-changed'); // PROTOCOL.md: setting a profile disarms
        this.currentProfile = profile;
        return reply({ type: 'PROFILE_ECHO', ...profileToWire(profile) });
      }
      case 'ARM': {
        if (!this.isAuthenticated) return nak('notAuthenticated', '', 'authenticate first');
        const refusal = this.armRefusal(m.budgetNl);
        if (refusal) return nak('cannotArm', refusal.field, refusal.message);
        this.arm(m.budgetNl);
        return reply({ type: 'ACK' });
      }
      case 'DISARM':
        // Always accepted, authenticated or not: making the gun safe never needs a key.
        this.disarm('station');
        return reply({ type: 'ACK' });
      case 'SYNC_FROM': {
        if (!this.isAuthenticated) return nak('notAuthenticated', '', 'authenticate first');
        const n = m.afterRecordId;
        // Records the station says it holds count as acknowledged.
        this.store.acknowledge([...this.store.unacked.keys()].filter((id) => id <= n));
        for (const id of [...this.sentAt.keys()]) if (!this.store.unacked.has(id)) this.sentAt.delete(id);
        reply({ type: 'SYNC_STARTED', pendingRecords: this.store.unacked.size });
        memory.syncAfter = n;
        this.replayRecords(n);
        return;
      }
      case 'GET_STATUS':
        // STATUS is the answer; sent as a reply (ack = the request's seq) so the station can match it.
        return reply(this.status());
      default:
        return nak('malformed', '', `${m.type} is not a request`);
    }
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

  private pairBegin(m: MessageOf<'PAIR_BEGIN'>): MessageOf<'PAIR_CHALLENGE'> {
    // Pairing replaces the trust relationship: nothing stays armed or authenticated through it.
    this.disarm('pairing');
    this.isAuthenticated = false;
    this.authChallenge = null;
    const code = newPairingCode();
    const gunNonce = newNonce();
    this.pairing = { code, stationNonce: m.stationNonce, gunNonce };
    this.emit('pairing-code', code);
    return { type: 'PAIR_CHALLENGE', gunNonce };
  }

  private pairConfirm(
    m: MessageOf<'PAIR_CONFIRM'>,
    reply: (message: Message) => void,
    nak: (code: NakName, field: string, message: string) => void,
  ): void {
    const pairing = this.pairing;
    if (!pairing) return nak('noPairingInProgress', '', 'send PAIR_BEGIN first');
    // One attempt per code: a wrong code ends the pairing, so the code cannot be guessed online.
    this.pairing = null;
    const key = deriveLinkKey(pairing.code, this.store.serial, pairing.stationNonce, pairing.gunNonce);
    if (!sameProof(m.stationProof, proofs.pairStation(key, pairing.gunNonce)))
      return nak('pairingCodeWrong', 'code', 'the code does not match the one shown on the gun');
    this.store.setKey(key);
    this.emit('paired');
    reply({ type: 'PAIR_RESULT', gunProof: proofs.pairGun(key, pairing.stationNonce) });
  }

  private armRefusal(budgetNl: number): { field: string; message: string } | null {
    if (!this.currentProfile) return { field: 'profile', message: 'no dose profile set' };
    // A budget that cannot hold one shot arms nothing useful: say so rather than arm and refuse the press.
    if (budgetNl < this.currentProfile.doseNl)
      return { field: 'budgetNl', message: `budget ${budgetNl} nL is less than one ${this.currentProfile.doseNl} nL shot` };
    if (!this.needle) return { field: 'needleSeated', message: 'needle not seated' };
    const fault = this.faults.firstBlocking(['needleNotSeated']);
    if (fault) return { field: `fault:${fault}`, message: `fault ${fault} is active` };
    return null;
  }

  // ----- outgoing frames

  private transmit(bytes: Uint8Array): void {
    if (!this.sendFn) return;
    this.sendFn(this.toStation.apply(bytes));
  }

  private sendEvent(message: Message): void {
    this.transmit(encodeFrame({ version: this.protocolVersion, message }));
  }

  private status(): MessageOf<'STATUS'> {
    return {
      type: 'STATUS',
      armed: this.isArmed,
      authenticated: this.isAuthenticated,
      reservoirNl: this.reservoir,
      batteryPct: this.battery,
      needleSeated: this.needle,
      faultFlags: this.faults.flags,
      gunTimeMs: this.clock.now(),
      lastRecordId: this.store.lastRecordId,
    };
  }

  private sendStatus(): void {
    if (this.connected) this.sendEvent(this.status());
  }

  /** Records go only to an authenticated station: nobody else may read the dose log. */
  private sendRecord(r: SimRecord): void {
    if (!this.connected || !this.isAuthenticated) return;
    this.sentAt.set(r.recordId, this.clock.now());
    this.sendEvent({ type: 'DOSE_RECORD', ...r });
  }

  private replayRecords(afterId: number): void {
    for (const r of this.store.unacked.values()) if (r.recordId > afterId) this.sendRecord(r);
    this.sendEvent({ type: 'SYNC_DONE', lastRecordId: this.store.lastRecordId });
  }

  // ----- housekeeping

  private tick(): void {
    const now = this.clock.now();
    if (this.isArmed && now - this.lastStationFrameAt >= TIMING.gunDisarmAfterSilenceMs) {
      this.disarm('heartbeat-lost');
      this.emit('heartbeat-lost');
    }
    // Re-send what was sent on this connection and not acknowledged in time. Records never sent on
    // this connection wait for the station's SYNC_FROM, which replays them in order.
    for (const [id, at] of this.sentAt) {
      if (now - at < TIMING.recordResendAfterMs) continue;
      const r = this.store.unacked.get(id);
      if (r) this.sendRecord(r);
      else this.sentAt.delete(id);
    }
  }

  private resetConnection(): void {
    this.lastRequest = null;
    this.disarm('new-connection');
    this.isAuthenticated = false;
    this.authChallenge = null;
    this.pairing = null;
    this.sentAt.clear();
  }

  private resetVolatile(reason: string): void {
    this.disarm(reason);
    // A shot cut by power loss never reached the log: the gun had nothing to store it with.
    this.clearShotTimers();
    this.shot = null;
    this.resetConnection();
    this.currentProfile = null;
    this.decoder = new FrameDecoder('station');
    this.lastStationFrameAt = this.clock.now();
  }

  // ----- arming and shots

  private arm(budgetNl: number): void {
    // A repeated ARM (new seq) while armed replaces the budget: the station's latest word is the one
    // computed from the most records.
    this.budget = budgetNl;
    if (this.isArmed) return;
    this.isArmed = true;
    this.emit('armed');
  }

  private disarm(reason: string): void {
    if (!this.isArmed) return;
    this.isArmed = false;
    this.budget = 0;
    this.counters.pressesDropped += this.pending;
    this.pending = 0;
    if (this.nextShotTimer !== null) this.clock.clearTimeout(this.nextShotTimer);
    this.nextShotTimer = null;
    // A shot already under way finishes (the needle is in the skin) unless a fault cuts it short.
    this.emit('disarmed', reason);
  }

  private clearShotTimers(): void {
    if (this.nextShotTimer !== null) this.clock.clearTimeout(this.nextShotTimer);
    this.nextShotTimer = null;
    if (this.shot?.timer != null) this.clock.clearTimeout(this.shot.timer);
  }

  /** The shortest gap between shot starts: the profile's, never under the gun's 9 shots/s. */
  private intervalMs(profile: DoseProfile): number {
    if (!this.rateLimit) return 0;
    return Math.max(profile.minIntervalMs, this.limits.minIntervalMs);
  }

  private pump(): void {
    let burst = 0;
    while (this.isArmed && this.pending > 0 && !this.shot && this.nextShotTimer === null && !this.closed) {
      const profile = this.currentProfile;
      if (!profile) return;
      const wait = this.lastShotStartAt + this.intervalMs(profile) - this.clock.now();
      if (wait > 0 || burst >= UNLIMITED_BATCH) {
        this.nextShotTimer = this.clock.setTimeout(() => {
          this.nextShotTimer = null;
          this.pump();
        }, Math.max(0, wait));
        return;
      }
      if (this.budget < profile.doseNl) {
        // The next shot would not fit the budget: no shot, no record; the gun disarms itself and says
        // so at once (STATUS armed=false) instead of waiting for the next periodic STATUS.
        this.counters.budgetRefusals += this.pending;
        this.disarm('budget-exhausted');
        this.sendStatus();
        return;
      }
      burst++;
      this.startShot(profile);
    }
  }

  private startShot(profile: DoseProfile): void {
    this.pending--;
    const now = this.clock.now();
    this.lastShotStartAt = now;
    const e = (this.delivery() * 2 - 1) * DELIVERY_ERROR;
    const shot: ShotInProgress = {
      startedAtMs: now,
      commandedNl: profile.doseNl,
      targetNl: Math.round(profile.doseNl * (1 + e)),
      profile,
      timer: null,
    };
    this.shot = shot;
    if (!this.rateLimit) return this.finishShot(null);
    shot.timer = this.clock.setTimeout(() => {
      shot.timer = null;
      this.finishShot(null);
      this.pump();
    }, SIM_DEFAULTS.shotDurationMs);
  }

  /** Ends the shot in progress, whole or cut short by `fault`, and stores then sends its record. */
  private finishShot(fault: FaultName | null): void {
    const shot = this.shot;
    if (!shot) return;
    if (shot.timer !== null) this.clock.clearTimeout(shot.timer);
    this.shot = null;
    const now = this.clock.now();
    const share = fault ? Math.min(1, (now - shot.startedAtMs) / SIM_DEFAULTS.shotDurationMs) : 1;
    let delivered = Math.round(shot.targetNl * share);
    let recordedFault = fault;
    if (delivered > this.reservoir) {
      delivered = this.reservoir;
      recordedFault ??= 'reservoirEmpty';
    }
    this.reservoir -= delivered;
    // The budget counts what went into the patient, not what was asked for (a syringe is +/-10 %).
    this.budget = Math.max(0, this.budget - delivered);
    const p = shot.profile;
    const fields = {
      recordId: this.store.nextRecordId,
      commandedNl: shot.commandedNl,
      deliveredNl: delivered,
      depthUm: p.depthUm,
      entryPct: p.entryPct,
      dwellPct: p.dwellPct,
      exitPct: p.exitPct,
      mode: DOSE_MODES[p.mode],
      startedAtMs: shot.startedAtMs,
      endedAtMs: now,
      fault: recordedFault ? FAULT_CODES[recordedFault] : 0,
    };
    const record: SimRecord = { ...fields, recordCrc: doseRecordCrc(fields) };
    this.store.addRecord(record); // on "flash" before it is announced
    this.counters.shotsFired++;
    this.sendRecord(record);
    this.emit('shot', record);
    this.updateReservoirFaults(recordedFault === 'reservoirEmpty');
  }

  private updateReservoirFaults(emptied: boolean): void {
    this.setFault('reservoirLow', this.reservoir < SIM_DEFAULTS.reservoirLowNl, `${this.reservoir} nL left`);
    this.setFault('reservoirEmpty', emptied || this.reservoir === 0, 'reservoir empty');
  }

  private setFault(name: FaultName, active: boolean, detail: string): void {
    if (!this.faults.set(name, active)) return;
    if (active && BLOCKING_FAULTS.has(name)) {
      this.finishShot(name);
      this.disarm(`fault:${name}`);
    }
    this.sendEvent({ type: 'FAULT', code: FAULT_CODES[name], active, detail });
    this.emit('fault', name, active);
  }
}
