// The connect sequence of one connection, after the port opened: HELLO and IDENTITY (refusing a gun
// of another version or schema), then authentication with the stored key, or pairing by the code the
// gun shows (CPace, ../protocol/pake.ts) when there is none, then the record sync. It never arms.
//
//  handshaking --IDENTITY ok, key stored--> authenticating --proofs ok--> syncing (recordSync.ts)
//       |  \--no key--> awaiting-pairing --beginPairing(), pair(code)--> authenticating
//       \--version, schema, wrong key--> refused (never armed; pairing again is allowed on wrong-key)
import {
  authProofs,
  isPairingCode,
  linkKeyId,
  newNonce,
  pairingKeys,
  pairingShare,
  PROTOCOL_VERSION,
  recordKey,
  sameProof,
  sessionKeys,
  type MessageOf,
  type PairingContext,
} from '../protocol/index.js';
import type { Provenance } from './doseIntake.js';
import { isConnectionLoss, isLinkError, LinkError } from './errors.js';
import type { FrameGuard } from './frameGuard.js';
import { incompatibility, toIdentity } from './identity.js';
import type { Liveness } from './liveness.js';
import type { RequestMessage } from './requestQueue.js';
import type { GunIdentity, GunKeyStore, LinkState } from './types.js';

type ReplyName = 'IDENTITY' | 'PAIR_CHALLENGE' | 'PAIR_RESULT' | 'AUTH_CHALLENGE' | 'ACK';

/** What the sequence needs from the link that runs it. */
export interface ConnectHost {
  /** The current connection; an older epoch's steps see it changed and stop. */
  readonly epoch: number;
  readonly state: LinkState;
  setState(state: LinkState): void;
  call<R extends ReplyName>(message: RequestMessage, expect: R): Promise<MessageOf<R>>;
  connected(identity: GunIdentity): void;
  refused(error: LinkError, identity: GunIdentity | null): void;
  /** The connection is lost (ends this epoch; the link reconnects with backoff). */
  lost(epoch: number, reason: string): void;
  /** Authenticated: the record sync starts (and the link goes ready when it catches up). */
  startSync(epoch: number): Promise<void>;
  /** Pairing or a refusal settles the connection: the next reconnect starts from the shortest wait. */
  resetBackoff(): void;
  stopSync(): void;
  readonly liveness: Liveness;
  readonly guard: FrameGuard;
  readonly keyStore: GunKeyStore;
  readonly stationName: string;
}

export class ConnectSequence {
  /** The gun last seen (kept after a disconnect, for display). */
  identity: GunIdentity | null = null;
  /** Why the gun is refused, or why it needs pairing. */
  refusal: LinkError | null = null;
  /** How this connection's dose records are checked: set once authenticated. */
  provenance: Provenance | null = null;
  private pairing: { epoch: number; ctx: PairingContext; gunShare: Uint8Array } | null = null;
  /** The last connection's gun proof did not match: a second mismatch in a row refuses the gun. */
  private proofMismatched = false;

  constructor(private readonly host: ConnectHost) {}

  get pairingInProgress(): boolean {
    return this.pairing !== null && this.pairing.epoch === this.host.epoch;
  }

  /** A new connection (or none): nothing about the previous one is trusted. */
  reset(): void {
    this.refusal = null;
    this.pairing = null;
    this.provenance = null;
  }

  async handshake(epoch: number): Promise<void> {
    const host = this.host;
    try {
      const reply = await host.call({ type: 'HELLO', protocolVersion: PROTOCOL_VERSION, stationName: host.stationName }, 'IDENTITY');
      if (epoch !== host.epoch) return;
      // The heartbeat says "this station holds a session with you": it starts only once the gun has
      // answered, so a station that lost the gun never keeps an old, armed session alive by habit.
      host.liveness.startHeartbeat();
      const id = toIdentity(reply);
      this.identity = id;
      const why = incompatibility(id);
      if (why) return this.refuse(epoch, why);
      host.connected(id);
      const key = host.keyStore.get(id.serial);
      if (!key) return this.awaitPairing(new LinkError('not-paired', `Gun ${id.serial} is not paired with this station: pair it with the code it shows`));
      if (!reply.paired) return this.awaitPairing(new LinkError('not-paired', `Gun ${id.serial} has lost its pairing (reset?): pair it again`));
      await this.authenticate(epoch, key);
      await host.startSync(epoch);
    } catch (err) {
      this.stepFailed(epoch, err);
    }
  }

  canPair(): boolean {
    const s = this.host.state;
    return s === 'awaiting-pairing' || (s === 'refused' && this.refusal?.code === 'wrong-key');
  }

  /** Asks the gun to show a fresh pairing code; the gun answers with its CPace share for it. */
  async beginPairing(): Promise<void> {
    const host = this.host;
    const epoch = host.epoch;
    const id = this.identity;
    if (!this.canPair() || !id) throw this.notReady('pair');
    const stationNonce = newNonce();
    const challenge = await host.call({ type: 'PAIR_BEGIN', stationNonce }, 'PAIR_CHALLENGE');
    if (epoch !== host.epoch) throw new LinkError('disconnected', 'The gun disconnected while pairing began');
    this.pairing = { epoch, ctx: { serial: id.serial, stationNonce, gunNonce: challenge.gunNonce }, gunShare: challenge.gunShare };
  }

  /** Completes pairing with the code the gun shows, stores the key, then authenticates and syncs. */
  async pair(code: string): Promise<void> {
    const host = this.host;
    const epoch = host.epoch;
    const pairing = this.pairing;
    const id = this.identity;
    if (!this.canPair() || !id) throw this.notReady('pair');
    if (!pairing || pairing.epoch !== epoch) throw new LinkError('not-ready', 'Start pairing first (beginPairing) so the gun shows a code');
    if (!isPairingCode(code)) throw new LinkError('pairing-code-wrong', 'The pairing code is the 6 digits the gun shows');
    const own = pairingShare(code, pairing.ctx);
    const keys = pairingKeys(own, pairing.gunShare, pairing.ctx, 'station');
    if (!keys) {
      this.pairing = null;
      throw new LinkError('wrong-key', `Gun ${id.serial} sent a pairing share that is not a valid group element; not paired. Begin pairing again.`);
    }
    let result: MessageOf<'PAIR_RESULT'>;
    try {
      result = await host.call({ type: 'PAIR_CONFIRM', stationShare: own.share, stationConfirm: keys.stationConfirm }, 'PAIR_RESULT');
    } catch (err) {
      // The gun allows one attempt per code (a wrong code ends its pairing): begin again for a new code.
      if (isLinkError(err) && err.detail.nak) this.pairing = null;
      throw err;
    }
    this.pairing = null;
    if (!sameProof(result.gunConfirm, keys.gunConfirm)) throw new LinkError('wrong-key', `Gun ${id.serial} did not confirm the pairing key; not paired`);
    host.keyStore.set(id.serial, keys.linkKey);
    this.refusal = null;
    // A refused (wrong-key) gun had its silence watchdog off; from here on it is a live session again.
    host.liveness.startWatchdog();
    try {
      await this.authenticate(epoch, keys.linkKey);
      await host.startSync(epoch);
    } catch (err) {
      this.stepFailed(epoch, err);
      throw err;
    }
  }

  /** Mutual challenge-response with the link key; then the session keys tag every later frame. */
  private async authenticate(epoch: number, key: Uint8Array): Promise<void> {
    const host = this.host;
    const id = this.identity!;
    host.setState('authenticating');
    const stationNonce = newNonce();
    const ch = await host.call({ type: 'AUTH_BEGIN', stationNonce }, 'AUTH_CHALLENGE');
    if (epoch !== host.epoch) return;
    if (!sameProof(ch.gunProof, authProofs.gun(key, id.serial, stationNonce, ch.gunNonce))) {
      // Once is not proof: a reply left unread in the line by an earlier station process carries a
      // proof over another nonce. Connect once more; a second mismatch in a row refuses the gun.
      if (!this.proofMismatched) {
        this.proofMismatched = true;
        throw new LinkError('disconnected', `Gun ${id.serial}'s proof did not match this station's key; connecting once more before refusing it`);
      }
      throw new LinkError(
        'wrong-key',
        `Gun ${id.serial} does not hold the key this station paired with: it is another gun or was paired with another station. Pair it again to use it here.`,
      );
    }
    this.proofMismatched = false;
    // The gun proved the key: from here its frames must carry tags (its ACK to AUTH_PROVE is the first).
    host.guard.start(sessionKeys(key, id.serial, stationNonce, ch.gunNonce));
    this.provenance = { recordKey: recordKey(key, id.serial), keyId: linkKeyId(key) };
    await host.call({ type: 'AUTH_PROVE', stationProof: authProofs.station(key, id.serial, stationNonce, ch.gunNonce) }, 'ACK');
  }

  private awaitPairing(reason: LinkError): void {
    this.refusal = reason;
    this.host.resetBackoff();
    this.host.setState('awaiting-pairing');
  }

  refuse(epoch: number, error: LinkError): void {
    const host = this.host;
    if (epoch !== host.epoch) return;
    this.refusal = error;
    this.provenance = null;
    host.guard.end();
    host.stopSync();
    // A gun of another version may send frames we cannot decode: silence is expected, so only a
    // closed port (replug) or reconnect() retries.
    host.liveness.stopWatchdog();
    host.setState('refused');
    host.refused(error, this.identity);
  }

  /** A step of the connection sequence failed: lose the connection, wait for pairing, or refuse. */
  stepFailed(epoch: number, err: unknown): void {
    const host = this.host;
    if (epoch !== host.epoch) return;
    if (isConnectionLoss(err)) host.lost(epoch, err instanceof Error ? err.message : String(err));
    else if (isLinkError(err, 'not-paired')) this.awaitPairing(err);
    else if (isLinkError(err) && (err.code === 'wrong-key' || err.code === 'protocol-version' || err.code === 'schema-mismatch')) this.refuse(epoch, err);
    // Anything else (the gun refused a step we did not expect it to refuse): start over.
    else host.lost(epoch, `connection step failed: ${err instanceof Error ? err.message : String(err)}`);
  }

  notReady(what: string): LinkError {
    const s = this.host.state;
    const why = this.refusal && (s === 'refused' || s === 'awaiting-pairing') ? `: ${this.refusal.message}` : '';
    return new LinkError('not-ready', `Cannot ${what} while the gun link is ${s}${why}`);
  }
}
