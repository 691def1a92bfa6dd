// A minimal station for driving GunModel in-process: real frames through the real encoder and
// decoder, no mocks of the protocol. It is deliberately dumb (no retransmit, no queue) so each test
// decides exactly which bytes reach the gun. Once authenticated it tags what it sends and checks the
// gun's tags, as the real link does; `encode` gives a test the exact bytes to send again or alter.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_PROFILE,
  FrameDecoder,
  FrameSession,
  NAK_CODES,
  PROTOCOL_VERSION,
  authProofs,
  encodeFrame,
  isHandshake,
  newAuthStats,
  newNonce,
  pairingKeys,
  pairingShare,
  profileToWire,
  sameProof,
  sessionKeys,
  type DoseProfile,
  type Frame,
  type Message,
  type MessageName,
  type MessageOf,
  type NakName,
  type PairingContext,
} from '../../../device/protocol/index.js';
import { GunModel, type GunModelOptions } from '../../../device/sim/index.js';

export function tempStateFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'meso-sim-test-')), 'gun-state.jsonl');
}

export class FakeStation {
  /** Every frame the gun sent, decoded (tags are checked once a session exists; see `verdicts`). */
  readonly frames: Frame[] = [];
  /** For each tagged frame from the gun: whether its tag verified ('ok') or why not. */
  readonly verdicts: string[] = [];
  readonly decoder = new FrameDecoder('gun');
  readonly authStats = newAuthStats();
  session: FrameSession | null = null;
  bytesReceived = 0;
  private seq = 0;
  private pairing: { ctx: PairingContext; gunShare: Uint8Array } | null = null;

  constructor(readonly gun: GunModel) {
    gun.connect((bytes) => this.onBytes(bytes));
  }

  static create(opts: Partial<GunModelOptions> = {}): FakeStation {
    return new FakeStation(new GunModel({ stateFile: tempStateFile(), ...opts }));
  }

  onBytes(bytes: Uint8Array): void {
    this.bytesReceived += bytes.length;
    for (const r of this.decoder.push(bytes)) {
      if (!r.ok) continue;
      if (r.frame.tag) this.verdicts.push(this.session ? this.session.check(r.frame) : 'no-session');
      this.frames.push(r.frame);
    }
  }

  nextSeq(): number {
    this.seq = (this.seq % 255) + 1;
    return this.seq;
  }

  /** The bytes of one frame, tagged when a session exists (unless `untagged`), as this station would send them. */
  encode(message: Message, seq = 0, opts: { untagged?: boolean } = {}): Uint8Array {
    const sealer = this.session && !isHandshake(message.type) && !opts.untagged ? this.session.sealer : undefined;
    return encodeFrame({ seq, message, sealer });
  }

  /** Sends a frame; returns its seq. */
  send(message: Message, seq = 0, opts: { untagged?: boolean } = {}): number {
    this.gun.receive(this.encode(message, seq, opts));
    return seq;
  }

  /** Sends a request and returns the gun's reply to it (the last frame with ack = seq), or null. */
  request(message: Message, seq = this.nextSeq(), opts: { untagged?: boolean } = {}): Message | null {
    return this.replyTo(() => this.send(message, seq, opts), seq);
  }

  /** Puts exact bytes on the line and returns the gun's reply to `seq`, or null. */
  replyTo(write: () => unknown, seq: number): Message | null {
    const before = this.frames.length;
    write();
    const replies = this.frames.slice(before).filter((f) => f.ack === seq);
    return replies.at(-1)?.message ?? null;
  }

  expect<N extends MessageName>(message: Message, type: N, seq?: number): MessageOf<N> {
    const reply = this.request(message, seq);
    if (reply?.type !== type) throw new Error(`${message.type}: expected ${type}, got ${JSON.stringify(reply)}`);
    return reply as MessageOf<N>;
  }

  expectNak(message: Message, code: NakName, opts: { untagged?: boolean } = {}): MessageOf<'NAK'> {
    const nak = this.request(message, this.nextSeq(), opts);
    if (nak?.type !== 'NAK' || nak.code !== NAK_CODES[code]) throw new Error(`expected NAK ${code}, got ${JSON.stringify(nak)}`);
    return nak;
  }

  /** Every frame of that type received so far. */
  all<N extends MessageName>(type: N): MessageOf<N>[] {
    return this.frames.filter((f) => f.message.type === type).map((f) => f.message as MessageOf<N>);
  }

  clear(): void {
    this.frames.length = 0;
  }

  hello(): MessageOf<'IDENTITY'> {
    this.session = null;
    return this.expect({ type: 'HELLO', protocolVersion: PROTOCOL_VERSION, stationName: 'test station' }, 'IDENTITY');
  }

  /** PAIR_BEGIN: the gun shows a code and sends its CPace share. */
  beginPairing(): void {
    const stationNonce = newNonce();
    const { gunNonce, gunShare } = this.expect({ type: 'PAIR_BEGIN', stationNonce }, 'PAIR_CHALLENGE');
    this.pairing = { ctx: { serial: this.gun.serial, stationNonce, gunNonce }, gunShare };
  }

  /** PAIR_CONFIRM for `code`: returns the gun's reply and the link key this side derived. */
  confirmPairing(code: string): { reply: Message | null; key: Uint8Array | null; gunConfirmOk: boolean } {
    const p = this.pairing;
    if (!p) throw new Error('beginPairing first');
    const own = pairingShare(code, p.ctx);
    const keys = pairingKeys(own, p.gunShare, p.ctx, 'station');
    if (!keys) return { reply: null, key: null, gunConfirmOk: false };
    const reply = this.request({ type: 'PAIR_CONFIRM', stationShare: own.share, stationConfirm: keys.stationConfirm });
    const gunConfirmOk = reply?.type === 'PAIR_RESULT' && sameProof(reply.gunConfirm, keys.gunConfirm);
    return { reply, key: keys.linkKey, gunConfirmOk };
  }

  /** Pairs with the code the gun shows; returns the link key. */
  pair(): Uint8Array {
    this.beginPairing();
    const shown = this.gun.pairingCode;
    if (!shown) throw new Error('the gun shows no pairing code');
    const { reply, key, gunConfirmOk } = this.confirmPairing(shown);
    if (!gunConfirmOk || !key) throw new Error(`pairing failed: ${JSON.stringify(reply)}`);
    return key;
  }

  /** Mutual authentication; returns the gun's reply to AUTH_PROVE and whether the gun's proof matched. */
  auth(key: Uint8Array): { reply: Message | null; gunProofOk: boolean } {
    const serial = this.gun.serial;
    const stationNonce = newNonce();
    this.session = null;
    const ch = this.expect({ type: 'AUTH_BEGIN', stationNonce }, 'AUTH_CHALLENGE');
    const gunProofOk = sameProof(ch.gunProof, authProofs.gun(key, serial, stationNonce, ch.gunNonce));
    const keys = sessionKeys(key, serial, stationNonce, ch.gunNonce);
    this.session = new FrameSession({ send: keys.stationToGun, receive: keys.gunToStation }, this.authStats);
    const reply = this.request({ type: 'AUTH_PROVE', stationProof: authProofs.station(key, serial, stationNonce, ch.gunNonce) });
    if (reply?.type !== 'ACK') this.session = null;
    return { reply, gunProofOk };
  }

  setProfile(profile: DoseProfile = DEFAULT_PROFILE): Message | null {
    return this.request({ type: 'SET_PROFILE', ...profileToWire(profile) });
  }

  /** HELLO, pair, authenticate, set the profile and arm: a gun ready to fire. */
  ready(profile: DoseProfile = DEFAULT_PROFILE): Uint8Array {
    this.hello();
    const key = this.pair();
    const { reply } = this.auth(key);
    if (reply?.type !== 'ACK') throw new Error(`auth failed: ${JSON.stringify(reply)}`);
    this.expect({ type: 'SET_PROFILE', ...profileToWire(profile) }, 'PROFILE_ECHO');
    this.expect({ type: 'ARM', budgetNl: 0xffff_ffff }, 'ACK');
    return key;
  }

  heartbeat(nowMs = Date.now()): void {
    this.send({ type: 'HEARTBEAT', stationTimeMs: nowMs });
  }
}
