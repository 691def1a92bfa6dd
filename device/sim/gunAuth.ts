// The gun's side of trust: pairing (CPace with the code it displays), authentication at every
// connect, and the session that tags and checks every later frame. See PROTOCOL.md, "Security".
import {
  NAK_CODES,
  authProofs,
  newNonce,
  newPairingCode,
  pairingKeys,
  pairingShare,
  sameProof,
  sessionKeys,
  FrameSession,
  type AuthStats,
  type Message,
  type MessageOf,
  type NakName,
  type PairingContext,
  type PairingShare,
} from '../protocol/index.js';
import type { Clock } from './clock.js';
import type { StateStore } from './stateStore.js';
import type { SimEvents } from './types.js';

export function nak(code: NakName, field: string, message: string): MessageOf<'NAK'> {
  return { type: 'NAK', code: NAK_CODES[code], field, message };
}

export interface GunAuthPorts {
  clock: Clock;
  store(): StateStore;
  /** Totals over every session, for the simulator's stats. */
  stats: AuthStats;
  emit<K extends keyof SimEvents>(event: K, ...args: SimEvents[K]): void;
  /** Pairing replaces the trust relationship: nothing stays armed through it. */
  disarm(reason: string): void;
}

export class GunAuth {
  private pairing: { code: string; ctx: PairingContext; own: PairingShare } | null = null;
  private challenge: { stationNonce: Uint8Array; gunNonce: Uint8Array } | null = null;
  private current: FrameSession | null = null;

  constructor(private readonly p: GunAuthPorts) {}

  /** The authenticated connection's frame session; null while unauthenticated. */
  get session(): FrameSession | null {
    return this.current;
  }

  get authenticated(): boolean {
    return this.current !== null;
  }

  get pairingCode(): string | null {
    return this.pairing?.code ?? null;
  }

  /** Shows a fresh code and answers with the gun's CPace share for it. */
  pairBegin(m: MessageOf<'PAIR_BEGIN'>): MessageOf<'PAIR_CHALLENGE'> {
    this.p.disarm('pairing');
    this.reset();
    const code = newPairingCode();
    const ctx: PairingContext = { serial: this.p.store().serial, stationNonce: m.stationNonce, gunNonce: newNonce() };
    const own = pairingShare(code, ctx);
    this.pairing = { code, ctx, own };
    this.p.emit('pairing-code', code);
    return { type: 'PAIR_CHALLENGE', gunNonce: ctx.gunNonce, gunShare: own.share };
  }

  /** Checks the station's confirmation; one attempt per code, so a code cannot be guessed online. */
  pairConfirm(m: MessageOf<'PAIR_CONFIRM'>): Message {
    const pairing = this.pairing;
    if (!pairing) return nak('noPairingInProgress', '', 'send PAIR_BEGIN first');
    this.pairing = null;
    const keys = pairingKeys(pairing.own, m.stationShare, pairing.ctx, 'gun');
    if (!keys || !sameProof(m.stationConfirm, keys.stationConfirm)) return nak('pairingCodeWrong', 'code', 'the code does not match the one shown on the gun');
    this.p.store().setKey(keys.linkKey);
    this.p.emit('paired');
    return { type: 'PAIR_RESULT', gunConfirm: keys.gunConfirm };
  }

  authBegin(m: MessageOf<'AUTH_BEGIN'>): Message {
    this.endSession();
    const key = this.p.store().key;
    if (!key) return nak('notPaired', '', 'this gun is not paired');
    const gunNonce = newNonce();
    this.challenge = { stationNonce: m.stationNonce, gunNonce };
    return { type: 'AUTH_CHALLENGE', gunNonce, gunProof: authProofs.gun(key, this.p.store().serial, m.stationNonce, gunNonce) };
  }

  /** On success the session starts: this reply (ACK) is the first frame the gun tags. */
  authProve(m: MessageOf<'AUTH_PROVE'>): Message {
    const key = this.p.store().key;
    const challenge = this.challenge;
    this.challenge = null;
    if (!key) return nak('notPaired', '', 'this gun is not paired');
    if (!challenge) return nak('authFailed', '', 'no AUTH_BEGIN before AUTH_PROVE');
    const serial = this.p.store().serial;
    if (!sameProof(m.stationProof, authProofs.station(key, serial, challenge.stationNonce, challenge.gunNonce)))
      return nak('authFailed', '', 'station proof does not match the stored key');
    const keys = sessionKeys(key, serial, challenge.stationNonce, challenge.gunNonce);
    this.current = new FrameSession({ send: keys.gunToStation, receive: keys.stationToGun }, this.p.stats, () => this.p.clock.now());
    return { type: 'ACK' };
  }

  /** The session ends (new connection, reboot, a burst of bad tags): the station must authenticate again. */
  endSession(): void {
    this.current = null;
  }

  /** HELLO or a reboot: no pairing, challenge or session survives. */
  reset(): void {
    this.pairing = null;
    this.challenge = null;
    this.current = null;
  }
}
