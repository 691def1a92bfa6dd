// Fuzz of authenticated frames, 10^5 at the station and 5 x 10^4 at the gun: random and mutated frames, the tag fields
// included (counter, tag, header, payload; the CRC made right so each reaches the tag check), forged
// tags, untagged frames, replays, and noise. No exception escapes, and nothing is accepted but the
// genuine frames, once each: no message is taken without a valid tag. Seeded, so a failure replays.
import { afterEach, describe, expect, it } from 'vitest';
import {
  bytesToHex,
  cobsDecode,
  encodeFrame,
  FrameDecoder,
  FrameSealer,
  MESSAGES,
  newNonce,
  sessionKeys,
  type Message,
  type MessageName,
} from '../../../device/protocol/index.js';
import { mulberry32, type GunModel } from '../../../device/sim/index.js';
import { FrameGuard } from '../../../device/link/frameGuard.js';
import { withCrc } from '../../support/mitm.js';
import { FakeStation } from '../sim/fakeStation.js';

const STATION_FRAMES = 100_000;
/** Fewer at the gun: every burst of bad tags there ends its session, and re-authenticating costs time. */
const GUN_FRAMES = 50_000;
type Rand = () => number;

function randomMessage(rand: Rand, from: 'gun' | 'station', exclude: readonly MessageName[] = []): Message {
  const names = (Object.keys(MESSAGES) as MessageName[]).filter((n) => MESSAGES[n].from === from && !exclude.includes(n));
  const name = names[Math.floor(rand() * names.length)]!;
  const msg: Record<string, unknown> = { type: name };
  const int = (max: number) => Math.floor(rand() * (max + 1));
  for (const [field, type] of MESSAGES[name].fields) {
    if (type === 'u8') msg[field] = int(0xff);
    else if (type === 'u16') msg[field] = int(0xffff);
    else if (type === 'u32') msg[field] = int(0xffffffff);
    else if (type === 'u64') msg[field] = int(2 ** 48);
    else if (type === 'bool') msg[field] = rand() < 0.5;
    else if (type === 'str') msg[field] = 'x'.repeat(int(20));
    else msg[field] = new Uint8Array(type === 'bytes8' ? 8 : type === 'bytes16' ? 16 : 32).map(() => int(0xff));
  }
  return msg as unknown as Message;
}

/** One to three bits flipped anywhere before the CRC (header, payload, counter, tag), CRC made right. */
function mutate(rand: Rand, wire: Uint8Array): Uint8Array {
  const raw = cobsDecode(wire.subarray(0, -1))!;
  const body = raw.slice(0, raw.length - 4);
  for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
    const i = Math.floor(rand() * body.length);
    body[i] = body[i]! ^ (1 << Math.floor(rand() * 8));
  }
  return withCrc(body);
}

/**
 * The frames an attacker and the line throw at one end, interleaved with the genuine sender's own.
 * `genuine()` makes a new genuine frame; returns every frame to deliver and which were genuine.
 */
function* traffic(frames: number, rand: Rand, from: 'gun' | 'station', genuine: () => Uint8Array, exclude: readonly MessageName[]) {
  const sent: Uint8Array[] = [];
  const forger = new FrameSealer(new Uint8Array(32).map(() => Math.floor(rand() * 256)));
  for (let i = 0; i < frames; i++) {
    const p = rand();
    if (p < 0.15 || sent.length === 0) {
      const w = genuine();
      sent.push(w);
      yield { wire: w, genuine: true };
    } else if (p < 0.55) yield { wire: mutate(rand, sent[Math.floor(rand() * sent.length)]!), genuine: false };
    else if (p < 0.7) yield { wire: encodeFrame({ message: randomMessage(rand, from, exclude), sealer: forger }), genuine: false };
    else if (p < 0.8) yield { wire: encodeFrame({ message: randomMessage(rand, from, exclude) }), genuine: false };
    else if (p < 0.9) yield { wire: sent[Math.floor(rand() * sent.length)]!, genuine: false }; // replay
    else yield { wire: new Uint8Array(1 + Math.floor(rand() * 60)).map(() => (rand() < 0.05 ? 0 : Math.floor(rand() * 256))), genuine: false };
  }
}

describe('authenticated frames under fuzz', () => {
  it(`the station takes only genuine gun frames, each once, from ${STATION_FRAMES} random, mutated, forged and replayed frames`, () => {
    const rand = mulberry32(0xfa11);
    const keys = sessionKeys(new Uint8Array(32).fill(5), 'SIM-0001', newNonce(), newNonce());
    const gunSealer = new FrameSealer(keys.gunToStation);
    const guard = new FrameGuard();
    guard.start(keys);
    const decoder = new FrameDecoder('gun');
    const genuineBytes = new Set<string>();
    const accepted = new Set<string>();
    let genuineSent = 0;
    let accepts = 0;
    const violations: string[] = [];
    const genuine = () => encodeFrame({ message: randomMessage(rand, 'gun', ['IDENTITY', 'PAIR_CHALLENGE', 'PAIR_RESULT', 'AUTH_CHALLENGE']), sealer: gunSealer });
    let thrown: unknown = null;
    try {
      for (const f of traffic(STATION_FRAMES, rand, 'gun', genuine, [])) {
        if (f.genuine) {
          genuineSent++;
          genuineBytes.add(bytesToHex(f.wire));
        }
        for (const r of decoder.push(Uint8Array.from([0, ...f.wire]))) {
          if (!r.ok || guard.admit(r.frame, null) !== 'accept') continue;
          accepts++;
          const key = bytesToHex(f.wire);
          if (!genuineBytes.has(key)) violations.push(`accepted a frame that is not a genuine one: ${key}`);
          else if (accepted.has(key)) violations.push(`accepted a genuine frame twice: ${key}`);
          accepted.add(key);
        }
      }
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeNull();
    expect(violations).toEqual([]);
    expect(accepts).toBe(genuineSent);
    expect(genuineSent).toBeGreaterThan(10_000);
    const refused = guard.stats.refused;
    expect(refused.badTag).toBeGreaterThan(30_000);
    expect(refused.untagged).toBeGreaterThan(5_000);
    expect(refused.replayed + refused.outOfWindow).toBeGreaterThan(5_000);
  });

  const guns: GunModel[] = [];
  afterEach(() => guns.splice(0).forEach((g) => g.close()));

  it(`the gun takes only genuine station frames, each once, from ${GUN_FRAMES} random, mutated, forged and replayed frames`, () => {
    const rand = mulberry32(0xfa12);
    const st = FakeStation.create({ seed: 3 });
    guns.push(st.gun);
    const key = st.ready();
    st.expect({ type: 'DISARM' }, 'ACK');
    const profile = st.gun.profile;
    let armings = 0;
    st.gun.on('armed', () => armings++);
    const acceptedBefore = st.gun.stats.auth.accepted;
    let genuineSent = 0;
    // Only harmless genuine frames (heartbeats); the forgeries are of every station message but the
    // two the gun takes untagged by design (HELLO, a new connection; DISARM, making safe).
    const genuine = () => {
      if (!st.gun.authenticated) {
        // A burst of bad tags ended the session: authenticate again (after a delimiter, as a station
        // does after trouble, so noise left in the gun's decoder does not swallow the request).
        st.gun.receive(new Uint8Array([0]));
        st.auth(key);
      }
      genuineSent++;
      return st.encode({ type: 'HEARTBEAT', stationTimeMs: genuineSent });
    };
    let thrown: unknown = null;
    try {
      for (const f of traffic(GUN_FRAMES, rand, 'station', genuine, ['HELLO', 'DISARM'])) st.gun.receive(Uint8Array.from([0, ...f.wire]));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeNull();
    const authAcks = st.gun.stats.auth.accepted - acceptedBefore;
    // Exactly the genuine frames were taken: no replay, mutation or forgery was ever counted as valid.
    expect(authAcks).toBe(genuineSent);
    expect(armings).toBe(0);
    expect(st.gun.armed).toBe(false);
    expect(st.gun.profile).toEqual(profile);
    expect(st.gun.stats.auth.bursts).toBeGreaterThan(0);
  });
});
