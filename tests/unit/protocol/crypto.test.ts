// The link's cryptography on its own: CPace pairing, frame tags with their replay window, the burst
// rule, the key derivations, and the schema hash covering the code tables.
import { describe, expect, it } from 'vitest';
import {
  AuthFailureBurst,
  authProofs,
  bytesToHex,
  decodeFrame,
  encodeFrame,
  FAULT_CODES,
  FrameOpener,
  FrameSealer,
  linkKeyId,
  MESSAGES,
  newNonce,
  newPairingCode,
  pairingGenerator,
  pairingKeys,
  pairingShare,
  recordKey,
  REPLAY_WINDOW,
  sameBytes,
  SCHEMA_HASH,
  SCHEMA_TABLES,
  schemaHash,
  sessionKeys,
  type Frame,
} from '../../../device/protocol/index.js';

const ctx = () => ({ serial: 'SIM-0001', stationNonce: newNonce(), gunNonce: newNonce() });

describe('CPace pairing', () => {
  it('gives both sides the same link key and matching confirmations when they hold the same code', () => {
    const c = ctx();
    const gun = pairingShare('482913', c);
    const station = pairingShare('482913', c);
    const g = pairingKeys(gun, station.share, c, 'gun')!;
    const s = pairingKeys(station, gun.share, c, 'station')!;
    expect(g.linkKey).toHaveLength(32);
    expect(sameBytes(g.linkKey, s.linkKey)).toBe(true);
    expect(sameBytes(g.stationConfirm, s.stationConfirm)).toBe(true);
    expect(sameBytes(g.gunConfirm, s.gunConfirm)).toBe(true);
    expect(sameBytes(g.gunConfirm, g.stationConfirm)).toBe(false);
  });

  it('gives unrelated keys, and a confirmation that fails, for a code one digit off', () => {
    const c = ctx();
    const gun = pairingShare('482913', c);
    const station = pairingShare('482914', c);
    const g = pairingKeys(gun, station.share, c, 'gun')!;
    const s = pairingKeys(station, gun.share, c, 'station')!;
    expect(sameBytes(g.linkKey, s.linkKey)).toBe(false);
    expect(sameBytes(g.stationConfirm, s.stationConfirm)).toBe(false);
  });

  it('binds the generator to the code, the serial and both nonces', () => {
    const c = ctx();
    const base = bytesToHex(pairingGenerator('111111', c).toBytes());
    expect(bytesToHex(pairingGenerator('111112', c).toBytes())).not.toBe(base);
    expect(bytesToHex(pairingGenerator('111111', { ...c, serial: 'SIM-0002' }).toBytes())).not.toBe(base);
    expect(bytesToHex(pairingGenerator('111111', { ...c, gunNonce: newNonce() }).toBytes())).not.toBe(base);
    expect(bytesToHex(pairingGenerator('111111', c).toBytes())).toBe(base);
  });

  it('refuses a peer share that is not a group element or is the identity', () => {
    const c = ctx();
    const own = pairingShare('000000', c);
    expect(pairingKeys(own, new Uint8Array(32).fill(0xff), c, 'station')).toBeNull();
    expect(pairingKeys(own, new Uint8Array(32), c, 'station')).toBeNull(); // the identity's encoding
  });

  it('draws every code with the same chance (no bias towards low codes)', () => {
    const firstDigit = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) firstDigit[Number(newPairingCode()[0])]++;
    for (const n of firstDigit) expect(n).toBeGreaterThan(1700); // 2000 expected
  });
});

describe('keys after pairing', () => {
  const key = new Uint8Array(32).fill(1);
  it('authentication proofs differ by role and depend on the serial', () => {
    const sn = newNonce();
    const gn = newNonce();
    expect(sameBytes(authProofs.gun(key, 'A', sn, gn), authProofs.station(key, 'A', sn, gn))).toBe(false);
    expect(sameBytes(authProofs.gun(key, 'A', sn, gn), authProofs.gun(key, 'B', sn, gn))).toBe(false);
  });

  it('session keys are fresh per connection and differ per direction; the record key is stable', () => {
    const a = sessionKeys(key, 'A', newNonce(), newNonce());
    const b = sessionKeys(key, 'A', newNonce(), newNonce());
    expect(sameBytes(a.stationToGun, a.gunToStation)).toBe(false);
    expect(sameBytes(a.stationToGun, b.stationToGun)).toBe(false);
    expect(sameBytes(recordKey(key, 'A'), recordKey(key, 'A'))).toBe(true);
    expect(sameBytes(recordKey(key, 'A'), a.gunToStation)).toBe(false);
    expect(linkKeyId(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(linkKeyId(key)).not.toBe(linkKeyId(new Uint8Array(32).fill(2)));
  });
});

function decoded(wire: Uint8Array): Frame {
  const r = decodeFrame(wire.subarray(0, -1));
  if (!r.ok) throw new Error(r.error.detail);
  return r.frame;
}

describe('frame tags', () => {
  const key = new Uint8Array(32).fill(3);

  it('a tagged frame decodes with its trailer; the tag verifies once', () => {
    const sealer = new FrameSealer(key);
    const f = decoded(encodeFrame({ seq: 4, message: { type: 'ARM', budgetNl: 1000 }, sealer }));
    expect(f.tag?.counter).toBe(1);
    expect(f.message).toEqual({ type: 'ARM', budgetNl: 1000 });
    const opener = new FrameOpener(key);
    expect(opener.open(f.tag!, f.signed)).toBe('ok');
    expect(opener.open(f.tag!, f.signed)).toBe('replayed');
  });

  it('covers the header and the payload: a changed seq, ack, type or field fails', () => {
    const sealer = new FrameSealer(key);
    const f = decoded(encodeFrame({ seq: 4, message: { type: 'ARM', budgetNl: 1000 }, sealer }));
    for (const i of [1, 2, 3, 6]) {
      const signed = Uint8Array.from(f.signed);
      signed[i] = signed[i]! ^ 1;
      expect(new FrameOpener(key).open(f.tag!, signed)).toBe('badTag');
    }
    expect(new FrameOpener(key).open({ ...f.tag!, counter: 2 }, f.signed)).toBe('badTag');
    expect(new FrameOpener(new Uint8Array(32).fill(4)).open(f.tag!, f.signed)).toBe('badTag');
  });

  it('accepts reordering within the window, refuses repeats and frames from before it', () => {
    const sealer = new FrameSealer(key);
    const frames = Array.from({ length: REPLAY_WINDOW + 10 }, (_, i) => decoded(encodeFrame({ message: { type: 'HEARTBEAT', stationTimeMs: i }, sealer })));
    const opener = new FrameOpener(key);
    const open = (f: Frame) => opener.open(f.tag!, f.signed);
    expect(open(frames[5]!)).toBe('ok');
    expect(open(frames[2]!)).toBe('ok');
    expect(open(frames[2]!)).toBe('replayed');
    expect(open(frames[REPLAY_WINDOW + 9]!)).toBe('ok');
    expect(open(frames[REPLAY_WINDOW + 5]!)).toBe('ok');
    expect(open(frames[10]!)).toBe('ok'); // 63 behind the highest
    expect(open(frames[9]!)).toBe('outOfWindow'); // 64 behind
    expect(open(frames[5]!)).toBe('outOfWindow'); // accepted once, long ago: still never again
  });

  it('a frame exactly the window size behind is out of window', () => {
    const sealer = new FrameSealer(key);
    const frames = Array.from({ length: REPLAY_WINDOW + 2 }, (_, i) => decoded(encodeFrame({ message: { type: 'HEARTBEAT', stationTimeMs: i }, sealer })));
    const opener = new FrameOpener(key);
    expect(opener.open(frames[REPLAY_WINDOW + 1]!.tag!, frames[REPLAY_WINDOW + 1]!.signed)).toBe('ok');
    expect(opener.open(frames[2]!.tag!, frames[2]!.signed)).toBe('ok'); // 63 behind
    expect(opener.open(frames[1]!.tag!, frames[1]!.signed)).toBe('outOfWindow'); // 64 behind
  });

  it('a burst is the fifth failure within a second, not five spread out', () => {
    let now = 0;
    const burst = new AuthFailureBurst(5, 1000, () => now);
    for (let i = 0; i < 20; i++) {
      expect(burst.note()).toBe(false); // one every 300 ms: never five within a second
      now += 300;
    }
    now += 2000;
    for (let i = 0; i < 4; i++) {
      expect(burst.note()).toBe(false);
      now += 10;
    }
    expect(burst.note()).toBe(true);
    expect(burst.note()).toBe(false); // counting starts again after a burst
  });
});

describe('schema hash', () => {
  it('covers the fault, mode and NAK code tables as well as the message table', () => {
    const hex = (h: Uint8Array) => bytesToHex(h);
    expect(hex(schemaHash(SCHEMA_TABLES))).toBe(hex(SCHEMA_HASH));
    expect(hex(schemaHash({ ...SCHEMA_TABLES, faults: { ...FAULT_CODES, bubbleInLine: 10 } }))).not.toBe(hex(SCHEMA_HASH));
    expect(hex(schemaHash({ ...SCHEMA_TABLES, modes: { ...SCHEMA_TABLES.modes, papule: 5 } }))).not.toBe(hex(SCHEMA_HASH));
    expect(hex(schemaHash({ ...SCHEMA_TABLES, naks: { ...SCHEMA_TABLES.naks, busy: 11 } }))).not.toBe(hex(SCHEMA_HASH));
    const messages = { ...MESSAGES, ARM: { ...MESSAGES.ARM, fields: [['budgetNl', 'u16']] } } as unknown as typeof MESSAGES;
    expect(hex(schemaHash({ ...SCHEMA_TABLES, messages }))).not.toBe(hex(SCHEMA_HASH));
  });
});
