// One GunLink owns one gun: it opens the port (explicit path or discovery), runs the connect sequence
// (connectSequence.ts), keeps the heartbeat, takes only authenticated frames (frameGuard.ts), takes
// dose records into the sink (doseIntake.ts, recordSync.ts), and reconnects with backoff when the
// line drops. It never arms on its own: arming is always an explicit call, and every new connection
// starts disarmed (the gun disarms on HELLO).
//
//  disconnected -> connecting -> handshaking -> authenticating -> syncing -> ready
//                                    |  \-> awaiting-pairing --beginPairing/pair--> authenticating
//                                    \-> refused (version, schema, wrong key: never armed)
//  any state --port closed / write failed / 1.4 s silence / burst of bad tags--> disconnected --backoff--> connecting
//  (the backoff doubles while the line is silent; damaged frames mean a noisy line: the shortest wait again)
import { randomInt } from 'node:crypto';
import {
  checkProfile,
  profileToWire,
  reportedFault,
  type DoseProfile,
  type Message,
  type MessageOf,
} from '../protocol/index.js';
import { Backoff } from './backoff.js';
import { armRefusal, checkEcho } from './commandChecks.js';
import { ConnectSequence } from './connectSequence.js';
import { discoverGunPort } from './discovery.js';
import { DoseIntake } from './doseIntake.js';
import { isLinkError, LinkError } from './errors.js';
import { FrameGuard } from './frameGuard.js';
import { requestReply, type ReplyName } from './gunRequest.js';
import { ReceivePath } from './receivePath.js';
import { toStatus } from './identity.js';
import { DEFAULT_LINK_TIMING, type GunLinkEvents, type GunLinkOptions, type GunLinkTiming, type LinkStats } from './linkOptions.js';
import { Liveness } from './liveness.js';
import { describeOpenError, serialPortFactory, type LinkPort, type PortFactory } from './port.js';
import { PortWriter } from './portWriter.js';
import { RecordSync } from './recordSync.js';
import { RequestQueue, type RequestMessage } from './requestQueue.js';
import { TypedEmitter } from './typedEmitter.js';
import type { GunIdentity, GunStatus, LinkState } from './types.js';

export { DEFAULT_LINK_TIMING, type GunLinkEvents, type GunLinkOptions, type GunLinkTiming, type LinkStats } from './linkOptions.js';

const AUTHENTICATED: ReadonlySet<LinkState> = new Set<LinkState>(['syncing', 'ready']);

export class GunLink extends TypedEmitter<GunLinkEvents> {
  private readonly timing: GunLinkTiming;
  private readonly portFactory: PortFactory;
  private readonly guard = new FrameGuard();
  private readonly receive: ReceivePath;
  private readonly writer: PortWriter;
  private readonly queue: RequestQueue;
  private readonly liveness: Liveness;
  private readonly intake: DoseIntake;
  private readonly records: RecordSync;
  private readonly steps: ConnectSequence;
  private readonly counters = { requestTimeouts: 0, retransmits: 0, connects: 0, reconnects: 0, disconnects: 0, recordsBeforeAuth: 0 };

  private _state: LinkState = 'stopped';
  /** Bumped on every connect and every loss: async steps of an older connection see it and stop. */
  private epoch = 0;
  private _status: GunStatus | null = null;
  private _profile: DoseProfile | null = null;
  private readonly backoff: Backoff;

  constructor(private readonly opts: GunLinkOptions) {
    super();
    if (!opts.path && !opts.discovery) throw new Error('GunLink needs a path or discovery options');
    this.timing = { ...DEFAULT_LINK_TIMING, ...opts.timing };
    this.backoff = new Backoff(this.timing.reconnectMinMs, this.timing.reconnectMaxMs);
    this.portFactory = opts.portFactory ?? serialPortFactory;
    this.writer = new PortWriter({ timeoutMs: this.timing.writeTimeoutMs, onLost: (epoch, reason) => this.lost(epoch, reason) });
    this.queue = new RequestQueue({
      write: (bytes) => this.writer.write(bytes),
      encode: (seq, message) => this.guard.encode(message, seq),
      timeoutMs: this.timing.requestTimeoutMs,
      retries: this.timing.requestRetries,
      onRetransmit: () => this.counters.retransmits++,
      // Random, so a reply an earlier station process left unread in the line rarely matches ours.
      firstSeq: 1 + randomInt(255),
    });
    this.liveness = new Liveness({
      heartbeatMs: this.timing.heartbeatIntervalMs,
      deadAfterMs: this.timing.linkDeadAfterMs,
      sendHeartbeat: () => {
        this.sendEvents([{ type: 'HEARTBEAT', stationTimeMs: Date.now() }]);
        if (this._state === 'ready') this.records.checkStall();
      },
      onDead: (ms) => this.lost(this.epoch, `no frame from the gun for ${ms} ms`),
    });
    this.intake = new DoseIntake({
      sink: opts.sink,
      batchWindowMs: this.timing.batchWindowMs,
      ack: (ids) => this.acknowledge(ids),
      onNew: (records) => {
        for (const r of records) this.emit('dose', r);
      },
      onCommitError: (error) => this.emit('commit-failed', { error }),
    });
    this.records = new RecordSync({
      syncDoneTimeoutMs: this.timing.syncDoneTimeoutMs,
      recordStallMs: this.timing.recordStallMs,
      syncFrom: async (afterRecordId) => void (await this.call({ type: 'SYNC_FROM', afterRecordId }, 'SYNC_STARTED')),
      onCaughtUp: () => {
        if (this._state !== 'syncing') return;
        this.backoff.reset();
        this.setState('ready');
      },
      onResyncFailed: (err) => this.steps.stepFailed(this.epoch, err),
    });
    this.steps = new ConnectSequence(this.connectHost());
    this.receive = new ReceivePath({
      guard: this.guard,
      queue: this.queue,
      authenticated: () => this.guard.active && AUTHENTICATED.has(this._state),
      frameSeen: () => this.liveness.frameSeen(),
      burst: () => this.lost(this.epoch, 'a burst of frames failed authentication (is something else writing to the line?)'),
      events: {
        status: (m) => {
          this._status = toStatus(m);
          this.emit('status', this._status);
          this.records.onStatus(m.lastRecordId);
        },
        record: (m) => this.intake.offer(this.steps.identity!.serial, m, this.steps.provenance!),
        syncDone: () => this.records.onSyncDone(),
        fault: (m) => this.emit('fault', { fault: reportedFault(m.code), active: m.active, detail: m.detail }),
        recordBeforeAuth: () => this.counters.recordsBeforeAuth++,
      },
    });
  }

  get state(): LinkState {
    return this._state;
  }
  /** The gun last seen (kept after a disconnect, for display). */
  get identity(): GunIdentity | null {
    return this.steps.identity;
  }
  /** The gun's last authenticated STATUS on this connection (null before authentication). */
  get status(): GunStatus | null {
    return this._status;
  }
  /** Why the gun is refused, while state is 'refused'; or why it needs pairing. */
  get refusal(): LinkError | null {
    return this.steps.refusal;
  }
  /** The profile the gun echoed on this connection (null after a reconnect until set again). */
  get profile(): DoseProfile | null {
    return this._profile;
  }
  get armed(): boolean {
    return this._state === 'ready' && this._status?.armed === true;
  }
  get pairingInProgress(): boolean {
    return this.steps.pairingInProgress;
  }

  get stats(): LinkStats {
    return {
      ...this.intake.stats,
      ...this.counters,
      ...this.writer.counters,
      gapsSkipped: this.records.gapsSkipped,
      decoder: this.receive.stats,
      auth: structuredClone(this.guard.stats),
      taggedWithoutSession: this.guard.taggedWithoutSession,
    };
  }

  /** Opens the port and keeps the link up until stop(). */
  start(): void {
    if (this._state !== 'stopped') return;
    this.backoff.reset();
    this.intake.start();
    void this.connect();
  }

  /** Disarms if it can, lets commits in flight finish and acknowledge, closes the port; no timers remain. */
  async stop(): Promise<void> {
    if (this._state === 'stopped') return;
    if (AUTHENTICATED.has(this._state)) await this.disarm();
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.intake.idle(), new Promise((r) => (idleTimer = setTimeout(r, 2000)))]);
    clearTimeout(idleTimer);
    // Records still waiting (the idle wait timed out) are not committed after stop: the gun keeps
    // them unacknowledged and replays them on the next connection.
    this.intake.stop();
    this.epoch++;
    this.backoff.cancel();
    this.endConnection(new LinkError('stopped', 'The link was stopped'));
    this.setState('stopped');
  }

  /** Drops the current connection and connects again now (e.g. after the operator re-paired a gun elsewhere). */
  reconnect(): void {
    if (this._state === 'stopped') return;
    if (this.writer.attached) this.lost(this.epoch, 'reconnect requested');
    else {
      this.backoff.cancel();
      void this.connect();
    }
  }

  /** Stops this connection's heartbeats, as if the station hung, to watch the gun disarm itself (tests, diagnostics). */
  suspendHeartbeat(): void {
    this.liveness.stopHeartbeat();
  }

  /** Asks the gun to show a fresh pairing code; then call pair(code) with what it shows. */
  beginPairing(): Promise<void> {
    return this.steps.beginPairing();
  }

  /** Completes pairing with the 6-digit code the gun shows, stores the key, then authenticates and syncs. */
  pair(code: string): Promise<void> {
    return this.steps.pair(code);
  }

  /** Sends a dose profile; resolves with the profile the gun echoed (always equal to `profile`). */
  async setProfile(profile: DoseProfile): Promise<DoseProfile> {
    const id = this.steps.identity;
    if (this._state !== 'ready' || !id) throw this.steps.notReady('set a profile');
    if (this.opts.precheckProfiles !== false) {
      const v = checkProfile(profile, id.limits);
      if (v) throw new LinkError('out-of-limits', `Profile refused by the station: ${v.message}`, { field: v.field });
    }
    const echo = await this.call({ type: 'SET_PROFILE', ...profileToWire(profile) }, 'PROFILE_ECHO');
    const stored = checkEcho(profile, echo);
    this._profile = stored instanceof LinkError ? null : stored;
    if (stored instanceof LinkError) throw stored;
    return stored;
  }

  /**
   * Arms the gun with a volume budget: the most it may deliver (nL) before it disarms itself
   * (PROTOCOL.md, "Budget"). Needs a profile the gun echoed correctly on this connection (set it
   * again after a reconnect) and a budget of at least one shot of that profile.
   */
  async arm(budgetNl: number): Promise<void> {
    if (this._state !== 'ready') throw this.steps.notReady('arm');
    const refusal = armRefusal(budgetNl, this._profile);
    if (refusal) throw refusal;
    await this.call({ type: 'ARM', budgetNl }, 'ACK');
  }

  /**
   * Safe in any state, never rejects. Resolves true when the gun acknowledged; false when there is no
   * authenticated connection (the gun is then disarmed anyway: HELLO and silence both disarm it).
   */
  async disarm(): Promise<boolean> {
    if (!AUTHENTICATED.has(this._state)) return false;
    try {
      await this.call({ type: 'DISARM' }, 'ACK');
      return true;
    } catch {
      return false;
    }
  }

  /** Asks the gun for its STATUS now (it also sends one every 500 ms). */
  async refreshStatus(): Promise<GunStatus> {
    if (!AUTHENTICATED.has(this._state)) throw this.steps.notReady('ask for status');
    const reply = await this.call({ type: 'GET_STATUS' }, 'STATUS');
    return toStatus(reply);
  }

  // ----- connection lifecycle

  private connectHost(): ConstructorParameters<typeof ConnectSequence>[0] {
    const epoch = () => this.epoch;
    const state = () => this._state;
    return {
      get epoch() {
        return epoch();
      },
      get state() {
        return state();
      },
      setState: (s) => this.setState(s),
      call: (message, expect) => this.call(message, expect),
      connected: (id) => this.emit('connected', id),
      refused: (error, identity) => this.emit('refused', { error, identity }),
      lost: (epoch, reason) => this.lost(epoch, reason),
      startSync: (epoch) => this.startSync(epoch),
      resetBackoff: () => this.backoff.reset(),
      stopSync: () => this.records.clear(),
      liveness: this.liveness,
      guard: this.guard,
      keyStore: this.opts.keyStore,
      stationName: this.opts.stationName,
    };
  }

  private async connect(): Promise<void> {
    const epoch = ++this.epoch;
    this.setState('connecting');
    let port: LinkPort;
    let path = this.opts.path ?? '';
    try {
      path = this.opts.path ?? (await discoverGunPort(this.opts.discovery!));
      if (epoch !== this.epoch) return;
      port = await this.portFactory(path, {
        data: (chunk) => epoch === this.epoch && this.receive.push(chunk, () => epoch === this.epoch),
        closed: (reason) => this.lost(epoch, reason),
      });
    } catch (err) {
      if (epoch !== this.epoch) return;
      const error = isLinkError(err) ? err : describeOpenError(err, path);
      this.setState('disconnected');
      this.emit('connect-failed', { error });
      this.scheduleReconnect();
      return;
    }
    if (epoch !== this.epoch) {
      port.close();
      return;
    }
    this.counters.connects++;
    this.writer.attach(port, epoch);
    this.receive.reset();
    this.guard.end();
    this.steps.reset();
    this._status = null;
    // A reconnect may be a rebooted or different gun: only a profile echoed on this connection counts.
    this._profile = null;
    this.setState('handshaking');
    this.liveness.startWatchdog();
    void this.steps.handshake(epoch);
  }

  private async startSync(epoch: number): Promise<void> {
    if (epoch !== this.epoch) return;
    this.setState('syncing');
    const after = await this.opts.sink.highestContiguousRecordId(this.steps.identity!.serial);
    if (epoch !== this.epoch) return;
    await this.records.begin(after, () => epoch === this.epoch);
  }

  /** The connection is gone (unplug, write failure, silence, forged frames). Never emits 'error'. */
  private lost(epoch: number, reason: string): void {
    if (epoch !== this.epoch || !this.writer.attached || this._state === 'stopped') return;
    this.epoch++;
    this.endConnection(new LinkError('disconnected', `The link to the gun was lost (${reason})`));
    this.counters.disconnects++;
    if (this._status) this._status = { ...this._status, armed: false };
    this.setState('disconnected');
    this.emit('disconnected', { reason });
    // Damaged frames mean the gun is there and the line is noisy: waiting longer would not clean it.
    if (this.receive.damagedSinceReset) this.backoff.reset();
    this.scheduleReconnect();
  }

  private endConnection(reason: LinkError): void {
    this.liveness.stop();
    this.records.clear();
    this.guard.end();
    this.steps.reset();
    this.queue.failAll(reason);
    this.writer.detach()?.close();
  }

  private scheduleReconnect(): void {
    if (this._state === 'stopped') return;
    this.backoff.schedule(() => {
      this.counters.reconnects++;
      void this.connect();
    });
  }

  // ----- frames out

  private async call<R extends ReplyName>(message: RequestMessage, expect: R): Promise<MessageOf<R>> {
    if (!this.writer.attached) throw new LinkError('disconnected', `No connection to the gun (${message.type})`);
    const epoch = this.epoch;
    return requestReply(this.queue, message, expect, (reason, kind) => {
      if (kind === 'timeout') this.counters.requestTimeouts++;
      // A gun that no longer knows a session we hold restarted behind a port that stayed open; one
      // that does not answer is unusable. Either way: start over (HELLO disarms the gun).
      else if (!AUTHENTICATED.has(this._state)) return;
      this.lost(epoch, reason);
    });
  }

  private acknowledge(ids: readonly number[]): void {
    this.records.onHeld(ids);
    this.sendEvents(ids.map((recordId) => ({ type: 'RECORD_ACK', recordId })));
  }

  /** Events are not answered: one write for all of them, no retransmit (acks are re-sent when the gun re-sends). */
  private sendEvents(messages: Message[]): void {
    if (!this.writer.attached || messages.length === 0) return;
    const frames = messages.map((message) => this.guard.encode(message));
    this.writer.send(frames.length === 1 ? frames[0]! : Buffer.concat(frames));
  }

  private setState(state: LinkState): void {
    if (this._state === state) return;
    this._state = state;
    this.emit('state', state);
  }
}
