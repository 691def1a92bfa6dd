// A minimal station for driving GunModel in-process: real frames through the real encoder and
// decoder, no mocks of the protocol. It is deliberately dumb (no retransmit, no queue) so each test
// decides exactly which bytes reach the gun.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_PROFILE,
  FrameDecoder,
  NAK_CODES,
  deriveLinkKey,
  encodeFrame,
  newNonce,
  profileToWire,
  proofs,
  sameProof,
  type DoseProfile,
  type Frame,
  type Message,
  type MessageName,
  type MessageOf,
  type NakName,
} from '../../../device/protocol/index.js';
import { GunModel, type GunModelOptions } from '../../../device/sim/gunModel.js';

export function tempStateFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'meso-sim-test-')), 'gun-state.jsonl');
}

export class FakeStation {
  readonly frames: Frame[] = [];
  readonly decoder = new FrameDecoder('gun');
  bytesReceived = 0;
  private seq = 0;

  constructor(readonly gun: GunModel) {
    gun.connect((bytes) => this.onBytes(bytes));
  }

  static create(opts: Partial<GunModelOptions> = {}): FakeStation {
    return new FakeStation(new GunModel({ stateFile: tempStateFile(), ...opts }));
  }

  onBytes(bytes: Uint8Array): void {
    this.bytesReceived += bytes.length;
    for (const r of this.decoder.push(bytes)) if (r.ok) this.frames.push(r.frame);
  }

  nextSeq(): number {
    this.seq = (this.seq % 255) + 1;
    return this.seq;
  }

  /** Sends a frame; returns its seq. */
  send(message: Message, seq = 0): number {
    this.gun.receive(encodeFrame({ seq, message }));
    return seq;
  }

  /** Sends a request and returns the gun's reply to it (the last frame with ack = seq), or null. */
  request(message: Message, seq = this.nextSeq()): Message | null {
    const before = this.frames.length;
    this.send(message, seq);
    const replies = this.frames.slice(before).filter((f) => f.ack === seq);
    return replies.at(-1)?.message ?? null;
  }

  expect<N extends MessageName>(message: Message, type: N, seq?: number): MessageOf<N> {
    const reply = this.request(message, seq);
    if (reply?.type !== type) throw new Error(`${message.type}: expected ${type}, got ${JSON.stringify(reply)}`);
    return reply as MessageOf<N>;
  }

  expectNak(message: Message, code: NakName): MessageOf<'NAK'> {
    const nak = this.expect(message, 'NAK');
    if (nak.code !== NAK_CODES[code]) throw new Error(`expected NAK ${code}, got ${JSON.stringify(nak)}`);
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
    return this.expect({ type: 'HELLO', protocolVersion: 1, stationName: 'test station' }, 'IDENTITY');
  }

  /** Pairs with the code the gun shows (or `code` to type a wrong one); returns the link key. */
  pair(code?: string): Uint8Array {
    const stationNonce = newNonce();
    const { gunNonce } = this.expect({ type: 'PAIR_BEGIN', stationNonce }, 'PAIR_CHALLENGE');
    const shown = this.gun.pairingCode;
    if (!shown) throw new Error('the gun shows no pairing code');
    const key = deriveLinkKey(code ?? shown, this.gun.serial, stationNonce, gunNonce);
    const result = this.expect({ type: 'PAIR_CONFIRM', stationProof: proofs.pairStation(key, gunNonce) }, 'PAIR_RESULT');
    if (!sameProof(result.gunProof, proofs.pairGun(key, stationNonce))) throw new Error('gun pairing proof does not match');
    return key;
  }

  /** Mutual authentication; returns the gun's reply to AUTH_PROVE and whether the gun's proof matched. */
  auth(key: Uint8Array): { reply: Message | null; gunProofOk: boolean } {
    const stationNonce = newNonce();
    const ch = this.expect({ type: 'AUTH_BEGIN', stationNonce }, 'AUTH_CHALLENGE');
    const gunProofOk = sameProof(ch.gunProof, proofs.authGun(key, stationNonce, ch.gunNonce));
    const reply = this.request({ type: 'AUTH_PROVE', stationProof: proofs.authStation(key, stationNonce, ch.gunNonce) });
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
