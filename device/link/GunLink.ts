// One GunLink owns one gun: it opens the port (explicit path or discovery), runs the handshake,
// pairing or authentication and record sync, keeps the heartbeat, takes dose records into the sink,
// and reconnects with backoff when the line drops. It never arms on its own: arming is always an
// explicit call, and every new connection starts disarmed (the gun disarms on HELLO).
//
//  disconnected -> connecting -> handshaking -> authenticating -> syncing -> ready
//                                    |  \-> awaiting-pairing --beginPairing/pair--> authenticating
//                                    \-> refused (version, schema, wrong key: never armed)
//  any state --port closed / write failed / 1.4 s silence--> disconnected --backoff--> connecting
import {
  checkProfile,
  deriveLinkKey,
  encodeFrame,
  FrameDecoder,
  faultName,
  isPairingCode,
  MESSAGES,
  newNonce,
  profileFromWire,
  profileToWire,
  proofs,
  PROTOCOL_VERSION,
  sameProfile,
  sameProof,
  TIMING,
  type DecoderStats,
  type DoseProfile,
  type FaultName,
  type Frame,
  type Message,
  type MessageName,
  type MessageOf,
} from '../protocol/index.js';
import { discoverGunPort, type PortLister, type UsbId } from './discovery.js';
import { DoseIntake, type DoseIntakeStats } from './doseIntake.js';
import { isConnectionLoss, isLinkError, LinkError, nakToError } from './errors.js';
import { incompatibility, toIdentity, toStatus } from './identity.js';
import { Liveness } from './liveness.js';
import { describeOpenError, serialPortFactory, type LinkPort, type PortFactory } from './port.js';
import { RequestQueue } from './requestQueue.js';
import { TypedEmitter } from './typedEmitter.js';
import type { DoseRecord, DoseSink, GunIdentity, GunKeyStore, GunStatus, LinkState } from './types.js';

export interface GunLinkTiming {
  requestTimeoutMs: number;
  requestRetries: number;
  heartbeatIntervalMs: number;
  linkDeadAfterMs: number;
  /** A write not completed in this time counts as an unplug (serialport may never call back). */
  writeTimeoutMs: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** Ready anyway this long after SYNC_STARTED if SYNC_DONE was lost (records keep flowing when ready). */
  syncDoneTimeoutMs: number;
  /**
   * The gun says it has records we do not hold, yet none has arrived for this long: ask it to
   * replay (SYNC_FROM). Catches a gun that rebooted behind a port that stayed open, which only
   * replays after a SYNC_FROM. Doubles while it does not help.
   */
  recordStallMs: number;
  /** Extra time to gather dose records into one commit; 0 = those read in the same I/O turn. */
  batchWindowMs: number;
}

export const DEFAULT_LINK_TIMING: GunLinkTiming = {
  requestTimeoutMs: TIMING.requestTimeoutMs,
  requestRetries: TIMING.requestRetries,
  heartbeatIntervalMs: TIMING.heartbeatIntervalMs,
  linkDeadAfterMs: TIMING.stationLinkDeadAfterMs,
  writeTimeoutMs: 1000,
  reconnectMinMs: 200,
  reconnectMaxMs: 5000,
  syncDoneTimeoutMs: 2000,
  recordStallMs: 1500,
  batchWindowMs: 0,
};

export interface GunLinkOptions {
  /** An explicit port path (a socat pty is never listed by discovery). */
  path?: string;
  /** Discovery by USB id when no path is given; re-run on every reconnect. */
  discovery?: { ids: readonly UsbId[]; serialNumber?: string; list?: PortLister };
  keyStore: GunKeyStore;
  sink: DoseSink;
  stationName: string;
  timing?: Partial<GunLinkTiming>;
  /** For unit tests: an in-process fake port. */
  portFactory?: PortFactory;
  /**
   * Check profiles against the gun's limits before sending (default true). Only tests that exercise
   * the gun's own limit check turn it off.
   */
  precheckProfiles?: boolean;
}

export interface GunLinkEvents {
  state: (state: LinkState) => void;
  /** A compatible gun answered HELLO (it may still need pairing). */
  connected: (identity: GunIdentity) => void;
  disconnected: (info: { reason: string }) => void;
  /** The port could not be opened or found; the link keeps retrying with backoff. */
  'connect-failed': (info: { error: LinkError }) => void;
  /** The gun cannot be used (version, schema, wrong key); it is never armed. */
  refused: (info: { error: LinkError; identity: GunIdentity | null }) => void;
  status: (status: GunStatus) => void;
  dose: (record: DoseRecord) => void;
  fault: (info: { fault: FaultName; active: boolean; detail: string }) => void;
  /** The sink failed; nothing was acknowledged, the gun re-sends and the link retries. */
  'commit-failed': (info: { error: Error }) => void;
}

export interface LinkStats extends DoseIntakeStats {
  decoder: DecoderStats;
  retransmits: number;
  requestTimeouts: number;
  writeTimeouts: number;
  writeErrors: number;
  connects: number;
  reconnects: number;
  disconnects: number;
  /** Records that arrived before the connection was authenticated: ignored, the gun re-sends. */
  recordsBeforeAuth: number;
  /** Record-id gaps given up on: a replay did not fill them, so the gun no longer holds those ids. */
  gapsSkipped: number;
}

type ReplyName = { [N in MessageName]: (typeof MESSAGES)[N]['from'] extends 'gun' ? N : never }[MessageName];
type RequestMessage = Parameters<RequestQueue['request']>[0];

const U32_MAX = 0xffff_ffff;
/** Held ids above a gap kept for sync bookkeeping; past this the gap is skipped (skipGap). */
const MAX_HELD_ABOVE = 10_000;

const AUTHENTICATED: ReadonlySet<LinkState> = new Set<LinkState>(['syncing', 'ready']);

export class GunLink extends TypedEmitter<GunLinkEvents> {
  private readonly timing: GunLinkTiming;
  private readonly portFactory: PortFactory;
  private readonly decoder = new FrameDecoder('gun');
  private readonly queue: RequestQueue;
  private readonly liveness: Liveness;
  private readonly intake: DoseIntake;
  private readonly counters = {
    requestTimeouts: 0,
    retransmits: 0,
    writeTimeouts: 0,
    writeErrors: 0,
    connects: 0,
    reconnects: 0,
    disconnects: 0,
    recordsBeforeAuth: 0,
    gapsSkipped: 0,
  };

  private _state: LinkState = 'stopped';
  /** Bumped on every connect and every loss: async steps of an older connection see it and stop. */
  private epoch = 0;
  private port: LinkPort | null = null;
  private _identity: GunIdentity | null = null;
  private _status: GunStatus | null = null;
  private _refusal: LinkError | null = null;
  private _profile: DoseProfile | null = null;
  private pairing: { epoch: number; stationNonce: Uint8Array; gunNonce: Uint8Array } | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private backoffMs: number;
  /** Highest n with 1..n held by the sink, plus held ids above n: to see when a sync has caught up. */
  private held = { contiguous: 0, above: new Set<number>() };
  private sync: { started: boolean; done: boolean; timer: ReturnType<typeof setTimeout> | null } | null = null;
  /**
   * resyncedAt: `held.contiguous` when the last stall resync went out. A second stall at the same
   * point means the replay brought nothing: the gun no longer holds those ids (see skipGap).
   */
  private stall = { lastProgressAt: 0, waitMs: 0, resyncing: false, resyncedAt: -1 };

  constructor(private readonly opts: GunLinkOptions) {
    super();
    if (!opts.path && !opts.discovery) throw new Error('GunLink needs a path or discovery options');
    this.timing = { ...DEFAULT_LINK_TIMING, ...opts.timing };
    this.backoffMs = this.timing.reconnectMinMs;
    this.portFactory = opts.portFactory ?? serialPortFactory;
    this.queue = new RequestQueue({
      write: (bytes) => this.write(bytes),
      timeoutMs: this.timing.requestTimeoutMs,
      retries: this.timing.requestRetries,
      onRetransmit: () => this.counters.retransmits++,
    });
    this.liveness = new Liveness({
      heartbeatMs: this.timing.heartbeatIntervalMs,
      deadAfterMs: this.timing.linkDeadAfterMs,
      sendHeartbeat: () => {
        this.sendEvents([{ type: 'HEARTBEAT', stationTimeMs: Date.now() }]);
        this.resyncIfStalled();
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
  }

  get state(): LinkState {
    return this._state;
  }
  /** The gun last seen (kept after a disconnect, for display). */
  get identity(): GunIdentity | null {
    return this._identity;
  }
  get status(): GunStatus | null {
    return this._status;
  }
  /** Why the gun is refused, while state is 'refused'; or why it needs pairing. */
  get refusal(): LinkError | null {
    return this._refusal;
  }
  /** The profile the gun echoed on this connection (null after a reconnect until set again). */
  get profile(): DoseProfile | null {
    return this._profile;
  }
  get armed(): boolean {
    return this._state === 'ready' && this._status?.armed === true;
  }
  get pairingInProgress(): boolean {
    return this.pairing !== null && this.pairing.epoch === this.epoch;
  }

  get stats(): LinkStats {
    const d = this.decoder.stats;
    return {
      ...this.intake.stats,
      ...this.counters,
      decoder: { framesOk: d.framesOk, framesBad: d.framesBad, bytesDiscarded: d.bytesDiscarded, byKind: { ...d.byKind } },
    };
  }

  /** Opens the port and keeps the link up until stop(). */
  start(): void {
    if (this._state !== 'stopped') return;
    this.backoffMs = this.timing.reconnectMinMs;
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
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.clearSync();
    this.liveness.stop();
    this.queue.failAll(new LinkError('stopped', 'The link was stopped'));
    this.pairing = null;
    this.port?.close();
    this.port = null;
    this.setState('stopped');
  }

  /** Drops the current connection and connects again now (e.g. after the operator re-paired a gun elsewhere). */
  reconnect(): void {
    if (this._state === 'stopped') return;
    if (this.port) this.lost(this.epoch, 'reconnect requested');
    else {
      if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
      void this.connect();
    }
  }

  /**
   * Stops sending heartbeats on this connection, as if the station had hung, so the gun's own
   * watchdog can be observed disarming it. Diagnostics and tests only; the next connection resumes.
   */
  suspendHeartbeat(): void {
    this.liveness.stopHeartbeat();
  }

  /** Asks the gun to show a fresh pairing code; then call pair(code) with what it shows. */
  async beginPairing(): Promise<void> {
    const epoch = this.epoch;
    if (!this.canPair()) throw this.notReady('pair');
    const stationNonce = newNonce();
    const challenge = await this.call({ type: 'PAIR_BEGIN', stationNonce }, 'PAIR_CHALLENGE');
    if (epoch !== this.epoch) throw new LinkError('disconnected', 'The gun disconnected while pairing began');
    this.pairing = { epoch, stationNonce, gunNonce: challenge.gunNonce };
  }

  /** Completes pairing with the 6-digit code the gun shows, stores the key, then authenticates and syncs. */
  async pair(code: string): Promise<void> {
    const epoch = this.epoch;
    const pairing = this.pairing;
    const id = this._identity;
    if (!this.canPair() || !id) throw this.notReady('pair');
    if (!pairing || pairing.epoch !== epoch) throw new LinkError('not-ready', 'Start pairing first (beginPairing) so the gun shows a code');
    if (!isPairingCode(code)) throw new LinkError('pairing-code-wrong', 'The pairing code is the 6 digits the gun shows');
    const key = deriveLinkKey(code, id.serial, pairing.stationNonce, pairing.gunNonce);
    let result: MessageOf<'PAIR_RESULT'>;
    try {
      result = await this.call({ type: 'PAIR_CONFIRM', stationProof: proofs.pairStation(key, pairing.gunNonce) }, 'PAIR_RESULT');
    } catch (err) {
      // The gun allows one attempt per code (a wrong code ends its pairing): begin again for a new code.
      if (isLinkError(err) && err.detail.nak) this.pairing = null;
      throw err;
    }
    this.pairing = null;
    if (!sameProof(result.gunProof, proofs.pairGun(key, pairing.stationNonce)))
      throw new LinkError('wrong-key', `Gun ${id.serial} did not prove the pairing key; not paired`);
    this.opts.keyStore.set(id.serial, key);
    this._refusal = null;
    // A refused (wrong-key) gun had its silence watchdog off; from here on it is a live session again.
    this.liveness.startWatchdog();
    try {
      await this.authenticate(epoch, key);
      await this.startSync(epoch);
    } catch (err) {
      this.stepFailed(epoch, err);
      throw err;
    }
  }

  /** Sends a dose profile; resolves with the profile the gun echoed (always equal to `profile`). */
  async setProfile(profile: DoseProfile): Promise<DoseProfile> {
    const id = this._identity;
    if (this._state !== 'ready' || !id) throw this.notReady('set a profile');
    if (this.opts.precheckProfiles !== false) {
      const v = checkProfile(profile, id.limits);
      if (v) throw new LinkError('out-of-limits', `Profile refused by the station: ${v.message}`, { field: v.field });
    }
    const echo = await this.call({ type: 'SET_PROFILE', ...profileToWire(profile) }, 'PROFILE_ECHO');
    const stored = profileFromWire(echo);
    if (!stored || !sameProfile(stored, profile)) {
      this._profile = null;
      const differ = stored ? (Object.keys(profile) as (keyof DoseProfile)[]).filter((k) => profile[k] !== stored[k]) : ['mode'];
      throw new LinkError('echo-mismatch', `The gun stored a different profile than sent (${differ.join(', ')}); do not arm`, { field: differ[0] });
    }
    this._profile = stored;
    return stored;
  }

  /**
   * Arms the gun with a volume budget: the most it may deliver (nL) before it disarms itself
   * (PROTOCOL.md, "Budget"). Needs a profile the gun echoed correctly on this connection (set it
   * again after a reconnect) and a budget of at least one shot of that profile.
   */
  async arm(budgetNl: number): Promise<void> {
    if (this._state !== 'ready') throw this.notReady('arm');
    const profile = this._profile;
    if (!profile)
      throw new LinkError('not-ready', 'Set the dose profile before arming: the gun must echo it back on this connection', { field: 'profile' });
    // Refused here, never clamped: a wrong budget is a station bug, and clamping could raise it.
    if (!Number.isInteger(budgetNl) || budgetNl < 0 || budgetNl > U32_MAX)
      throw new LinkError('cannot-arm', `The volume budget must be a whole number of nL from 0 to ${U32_MAX} (got ${budgetNl})`, { field: 'budgetNl' });
    if (budgetNl < profile.doseNl)
      throw new LinkError('cannot-arm', `The volume budget ${budgetNl / 1000} uL is less than one ${profile.doseNl / 1000} uL shot`, { field: 'budgetNl' });
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
    if (!this.port) throw this.notReady('ask for status');
    const reply = await this.call({ type: 'GET_STATUS' }, 'STATUS');
    return toStatus(reply);
  }

  // ----- connection lifecycle

  private async connect(): Promise<void> {
    const epoch = ++this.epoch;
    this.setState('connecting');
    let port: LinkPort;
    let path = this.opts.path ?? '';
    try {
      path = this.opts.path ?? (await discoverGunPort(this.opts.discovery!));
      if (epoch !== this.epoch) return;
      port = await this.portFactory(path, {
        data: (chunk) => this.onData(epoch, chunk),
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
    this.port = port;
    this.decoder.reset();
    this._refusal = null;
    this._status = null;
    // A reconnect may be a rebooted or different gun: only a profile echoed on this connection counts.
    this._profile = null;
    this.setState('handshaking');
    this.liveness.startWatchdog();
    void this.handshake(epoch);
  }

  private async handshake(epoch: number): Promise<void> {
    try {
      const reply = await this.call({ type: 'HELLO', protocolVersion: PROTOCOL_VERSION, stationName: this.opts.stationName }, 'IDENTITY');
      if (epoch !== this.epoch) return;
      // The heartbeat says "this station holds a session with you": it starts only once the gun has
      // answered, so a station that lost the gun never keeps an old, armed session alive by habit.
      this.liveness.startHeartbeat();
      const id = toIdentity(reply);
      this._identity = id;
      const why = incompatibility(id);
      if (why) return this.refuse(epoch, why);
      this.emit('connected', id);
      const key = this.opts.keyStore.get(id.serial);
      if (!key) return this.awaitPairing(new LinkError('not-paired', `Gun ${id.serial} is not paired with this station: pair it with the code it shows`));
      if (!reply.paired) return this.awaitPairing(new LinkError('not-paired', `Gun ${id.serial} has lost its pairing (reset?): pair it again`));
      await this.authenticate(epoch, key);
      await this.startSync(epoch);
    } catch (err) {
      this.stepFailed(epoch, err);
    }
  }

  private async authenticate(epoch: number, key: Uint8Array): Promise<void> {
    const id = this._identity!;
    this.setState('authenticating');
    const stationNonce = newNonce();
    const ch = await this.call({ type: 'AUTH_BEGIN', stationNonce }, 'AUTH_CHALLENGE');
    if (epoch !== this.epoch) return;
    if (!sameProof(ch.gunProof, proofs.authGun(key, stationNonce, ch.gunNonce)))
      throw new LinkError(
        'wrong-key',
        `Gun ${id.serial} does not hold the key this station paired with: it is another gun or was paired with another station. Pair it again to use it here.`,
      );
    await this.call({ type: 'AUTH_PROVE', stationProof: proofs.authStation(key, stationNonce, ch.gunNonce) }, 'ACK');
  }

  private async startSync(epoch: number): Promise<void> {
    if (epoch !== this.epoch) return;
    const serial = this._identity!.serial;
    this.setState('syncing');
    this.clearSync();
    const sync = { started: false, done: false, timer: null as ReturnType<typeof setTimeout> | null };
    this.sync = sync;
    const after = await this.opts.sink.highestContiguousRecordId(serial);
    if (epoch !== this.epoch) return;
    this.held = { contiguous: after, above: new Set() };
    await this.call({ type: 'SYNC_FROM', afterRecordId: after }, 'SYNC_STARTED');
    if (epoch !== this.epoch || this.sync !== sync) return;
    sync.started = true;
    sync.timer = setTimeout(() => this.syncCaughtUp(), this.timing.syncDoneTimeoutMs);
    if (sync.done) this.syncCaughtUp();
  }

  private syncCaughtUp(): void {
    if (this._state !== 'syncing' || !this.sync?.started) return;
    this.clearSync();
    this.stall = { lastProgressAt: Date.now(), waitMs: this.timing.recordStallMs, resyncing: false, resyncedAt: -1 };
    this.backoffMs = this.timing.reconnectMinMs;
    this.setState('ready');
  }

  private resyncIfStalled(): void {
    const st = this.stall;
    const behind = (this._status?.lastRecordId ?? 0) > this.held.contiguous;
    if (this._state !== 'ready' || !behind || st.resyncing || Date.now() - st.lastProgressAt < st.waitMs) return;
    if (st.resyncedAt === this.held.contiguous) {
      // A replay from here already went out and filled nothing: the missing ids are not among the
      // records the gun still holds (acknowledged to an earlier database, say). Asking again would
      // repeat forever; the gun still re-sends anything it does hold on its own.
      this.skipGap();
      return;
    }
    const epoch = this.epoch;
    st.resyncedAt = this.held.contiguous;
    st.resyncing = true;
    st.lastProgressAt = Date.now();
    st.waitMs = Math.min(st.waitMs * 2, 60_000);
    this.call({ type: 'SYNC_FROM', afterRecordId: this.held.contiguous }, 'SYNC_STARTED')
      .catch((err: unknown) => this.stepFailed(epoch, err))
      .finally(() => (st.resyncing = false));
  }

  private clearSync(): void {
    if (this.sync?.timer) clearTimeout(this.sync.timer);
    this.sync = null;
  }

  private awaitPairing(reason: LinkError): void {
    this._refusal = reason;
    this.backoffMs = this.timing.reconnectMinMs;
    this.setState('awaiting-pairing');
  }

  private refuse(epoch: number, error: LinkError): void {
    if (epoch !== this.epoch) return;
    this._refusal = error;
    this.clearSync();
    // A gun of another version may send frames we cannot decode: silence is expected, so only a
    // closed port (replug) or reconnect() retries.
    this.liveness.stopWatchdog();
    this.setState('refused');
    this.emit('refused', { error, identity: this._identity });
  }

  /** A step of the connection sequence failed: lose the connection, wait for pairing, or refuse. */
  private stepFailed(epoch: number, err: unknown): void {
    if (epoch !== this.epoch) return;
    if (isConnectionLoss(err)) {
      this.lost(epoch, err instanceof Error ? err.message : String(err));
    } else if (isLinkError(err, 'not-paired')) {
      this.awaitPairing(err);
    } else if (isLinkError(err) && (err.code === 'wrong-key' || err.code === 'protocol-version' || err.code === 'schema-mismatch')) {
      this.refuse(epoch, err);
    } else {
      // Anything else (the gun refused a step we did not expect it to refuse): start over.
      this.lost(epoch, `connection step failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** The connection is gone (unplug, write failure, silence). Never emits 'error'. */
  private lost(epoch: number, reason: string): void {
    if (epoch !== this.epoch || !this.port || this._state === 'stopped') return;
    this.epoch++;
    const port = this.port;
    this.port = null;
    this.liveness.stop();
    this.clearSync();
    this.pairing = null;
    this.queue.failAll(new LinkError('disconnected', `The link to the gun was lost (${reason})`));
    port.close();
    this.counters.disconnects++;
    if (this._status) this._status = { ...this._status, armed: false };
    this.setState('disconnected');
    this.emit('disconnected', { reason });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this._state === 'stopped' || this.reconnectTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.timing.reconnectMaxMs);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.counters.reconnects++;
      void this.connect();
    }, delay);
  }

  // ----- frames in

  private onData(epoch: number, chunk: Uint8Array): void {
    if (epoch !== this.epoch) return;
    for (const r of this.decoder.push(chunk)) {
      if (!r.ok) continue; // counted by the decoder, by kind
      this.liveness.frameSeen();
      this.onFrame(r.frame);
      if (epoch !== this.epoch) return;
    }
  }

  private onFrame(frame: Frame): void {
    const m = frame.message;
    if (frame.ack !== 0) this.queue.handleReply(frame);
    if (MESSAGES[m.type].kind === 'reply') return;
    switch (m.type) {
      case 'STATUS':
        this._status = toStatus(m);
        this.emit('status', this._status);
        // The gun restarted behind a port that stayed open: start over (handshake, auth, sync).
        if (!m.authenticated && AUTHENTICATED.has(this._state)) {
          this.lost(this.epoch, 'the gun restarted and no longer knows this session');
          return;
        }
        if (this.sync?.started && m.lastRecordId <= this.held.contiguous) this.syncCaughtUp();
        break;
      case 'DOSE_RECORD':
        // Records are taken only from an authenticated gun: an impostor's records never reach the ledger.
        if (!AUTHENTICATED.has(this._state) || !this._identity) this.counters.recordsBeforeAuth++;
        else this.intake.offer(this._identity.serial, m);
        break;
      case 'SYNC_DONE':
        if (this.sync) {
          this.sync.done = true;
          this.syncCaughtUp();
        }
        break;
      case 'FAULT': {
        const fault = faultName(m.code);
        if (fault) this.emit('fault', { fault, active: m.active, detail: m.detail });
        break;
      }
    }
  }

  // ----- frames out

  private async call<R extends ReplyName>(message: RequestMessage, expect: R): Promise<MessageOf<R>> {
    if (!this.port) throw new LinkError('disconnected', `No connection to the gun (${message.type})`);
    const epoch = this.epoch;
    let reply: Message;
    try {
      reply = await this.queue.request(message);
    } catch (err) {
      if (isLinkError(err, 'timeout')) {
        this.counters.requestTimeouts++;
        // Five unanswered tries: the link is unusable even if STATUS still arrives. Start over
        // (HELLO disarms the gun), as after an unplug.
        this.lost(epoch, `the gun did not answer ${message.type}`);
      }
      throw err;
    }
    if (reply.type === expect) return reply as MessageOf<R>;
    if (reply.type === 'NAK') {
      const err = nakToError(reply, message.type);
      // We think the session is authenticated and the gun does not: it restarted behind a port that
      // stayed open. Start over (handshake, auth, sync) as after an unplug.
      if (err.detail.nak === 'notAuthenticated' && AUTHENTICATED.has(this._state)) this.lost(epoch, 'the gun no longer knows this session (restarted?)');
      throw err;
    }
    throw new LinkError('unexpected-reply', `The gun answered ${message.type} with ${reply.type}, expected ${expect}`);
  }

  private acknowledge(ids: readonly number[]): void {
    for (const id of ids) this.noteHeld(id);
    this.sendEvents(ids.map((recordId) => ({ type: 'RECORD_ACK', recordId })));
    if (this.sync?.started && (this._status?.lastRecordId ?? Infinity) <= this.held.contiguous) this.syncCaughtUp();
  }

  private noteHeld(id: number): void {
    const h = this.held;
    this.stall.lastProgressAt = Date.now();
    this.stall.waitMs = this.timing.recordStallMs;
    if (id <= h.contiguous) return;
    h.above.add(id);
    while (h.above.delete(h.contiguous + 1)) h.contiguous++;
    // A gap that never fills (record 1 was never held here, say) must not grow the set without bound.
    if (h.above.size > MAX_HELD_ABOVE) this.skipGap();
  }

  /** Treats the lowest gap as closed: `contiguous` moves up to the next held id (or the gun's last id). */
  private skipGap(): void {
    const h = this.held;
    let lowest = Infinity;
    for (const id of h.above) lowest = Math.min(lowest, id);
    const target = lowest === Infinity ? (this._status?.lastRecordId ?? h.contiguous) : lowest - 1;
    if (target <= h.contiguous) return;
    h.contiguous = target;
    while (h.above.delete(h.contiguous + 1)) h.contiguous++;
    this.counters.gapsSkipped++;
  }

  /** Events are not answered: one write for all of them, no retransmit (acks are re-sent when the gun re-sends). */
  private sendEvents(messages: Message[]): void {
    if (!this.port || messages.length === 0) return;
    const frames = messages.map((message) => encodeFrame({ message }));
    const bytes = frames.length === 1 ? frames[0]! : Buffer.concat(frames);
    this.write(bytes).catch(() => undefined); // a failed write already counts as link loss
  }

  /** Writes with a timeout owned by the link: after an unplug, serialport's write may never call back. */
  private write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    const epoch = this.epoch;
    if (!port) return Promise.reject(new LinkError('disconnected', 'No connection to the gun'));
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        this.counters.writeTimeouts++;
        reject(new LinkError('timeout', `A write to the gun did not complete within ${this.timing.writeTimeoutMs} ms (unplugged?)`));
        // After the caller has seen the timeout, treat the port as unplugged.
        queueMicrotask(() => this.lost(epoch, 'write did not complete'));
      }, this.timing.writeTimeoutMs);
      try {
        port.write(bytes, (err) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (!err) return resolve();
          this.counters.writeErrors++;
          reject(new LinkError('disconnected', `Write to the gun failed: ${err.message}`));
          queueMicrotask(() => this.lost(epoch, `write failed: ${err.message}`));
        });
      } catch (err) {
        settled = true;
        clearTimeout(timer);
        this.counters.writeErrors++;
        reject(new LinkError('disconnected', `Write to the gun failed: ${err instanceof Error ? err.message : String(err)}`));
        queueMicrotask(() => this.lost(epoch, 'write failed'));
      }
    });
  }

  // ----- helpers

  private canPair(): boolean {
    return this._state === 'awaiting-pairing' || (this._state === 'refused' && this._refusal?.code === 'wrong-key');
  }

  private notReady(what: string): LinkError {
    const why = this._refusal && (this._state === 'refused' || this._state === 'awaiting-pairing') ? `: ${this._refusal.message}` : '';
    return new LinkError('not-ready', `Cannot ${what} while the gun link is ${this._state}${why}`);
  }

  private setState(state: LinkState): void {
    if (this._state === state) return;
    this._state = state;
    this.emit('state', state);
  }
}
