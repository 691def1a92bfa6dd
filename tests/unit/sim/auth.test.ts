// The gun's side of the authenticated link: what it tags, which frames it takes in a session, and
// what a burst of bad tags does (it disarms, as on heartbeat loss, and ends the session).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { doseRecordMacValid, encodeFrame, FrameSealer, NAK_CODES, profileToWire, DEFAULT_PROFILE, recordKey } from '../../../device/protocol/index.js';
import { FakeStation } from './fakeStation.js';

let st: FakeStation;
beforeEach(() => {
  vi.useFakeTimers();
  st = FakeStation.create({ serial: 'SIM-0042', seed: 7 });
});
afterEach(() => {
  st.gun.close();
  vi.useRealTimers();
});

const forged = (st: FakeStation, message: Parameters<typeof encodeFrame>[0]['message']) =>
  st.gun.receive(encodeFrame({ message, sealer: new FrameSealer(new Uint8Array(32).fill(9)) }));

describe('the gun in an authenticated session', () => {
  it('tags every frame it sends after AUTH_PROVE, and each verifies at the station', () => {
    st.ready();
    st.gun.fire(2);
    vi.advanceTimersByTime(1100);
    st.heartbeat();
    const tagged = st.frames.filter((f) => f.tag !== null);
    expect(tagged.map((f) => f.message.type)).toEqual(expect.arrayContaining(['ACK', 'PROFILE_ECHO', 'STATUS', 'DOSE_RECORD']));
    expect(st.verdicts.length).toBe(tagged.length);
    expect(st.verdicts.every((v) => v === 'ok')).toBe(true);
    // Before AUTH_PROVE nothing is tagged: the handshake replies and the pre-auth STATUS.
    const proveAt = st.frames.findIndex((f) => f.message.type === 'ACK' && f.tag !== null);
    expect(st.frames.slice(0, proveAt).every((f) => f.tag === null)).toBe(true);
  });

  it('refuses untagged ARM, SET_PROFILE, SYNC_FROM and RECORD_ACK, counting each by type, executing none', () => {
    st.ready();
    st.gun.fire(1);
    vi.advanceTimersByTime(60);
    st.expect({ type: 'DISARM' }, 'ACK');
    expect(st.gun.unackedRecordIds).toEqual([1]);
    expect(st.request({ type: 'ARM', budgetNl: 1_000_000 }, 90, { untagged: true })).toBeNull();
    expect(st.request({ type: 'SET_PROFILE', ...profileToWire({ ...DEFAULT_PROFILE, doseNl: 90_000 }) }, 91, { untagged: true })).toBeNull();
    expect(st.request({ type: 'SYNC_FROM', afterRecordId: 5 }, 92, { untagged: true })).toBeNull();
    st.send({ type: 'RECORD_ACK', recordId: 1 }, 0, { untagged: true });
    expect(st.gun.armed).toBe(false);
    expect(st.gun.profile).toEqual(DEFAULT_PROFILE);
    expect(st.gun.unackedRecordIds).toEqual([1]);
    expect(st.gun.stats.auth.refused.untagged).toBe(4);
    expect(st.gun.stats.auth.refusedByType).toEqual({ ARM: 1, SET_PROFILE: 1, SYNC_FROM: 1, RECORD_ACK: 1 });
    // The station's own, tagged, acknowledgement does count.
    st.send({ type: 'RECORD_ACK', recordId: 1 });
    expect(st.gun.unackedRecordIds).toEqual([]);
  });

  it('takes an untagged DISARM (making safe never needs a key) and an untagged HELLO (a new connection)', () => {
    st.ready();
    expect(st.gun.armed).toBe(true);
    expect(st.request({ type: 'DISARM' }, 80, { untagged: true })?.type).toBe('ACK');
    expect(st.gun.armed).toBe(false);
    st.hello();
    expect(st.gun.authenticated).toBe(false);
  });

  it('untagged heartbeats do not keep an armed gun armed: it disarms as on heartbeat loss', () => {
    st.ready();
    const reasons: string[] = [];
    st.gun.on('disarmed', (r) => reasons.push(r));
    for (let t = 0; t < 1200; t += 400) {
      st.send({ type: 'HEARTBEAT', stationTimeMs: t }, 0, { untagged: true });
      vi.advanceTimersByTime(400);
    }
    expect(reasons).toEqual(['heartbeat-lost']);
    expect(st.gun.stats.auth.refusedByType.HEARTBEAT).toBe(3);
  });

  it('a burst of bad tags disarms the gun and ends the session; a spread of them does not', () => {
    st.ready();
    for (let i = 0; i < 4; i++) {
      forged(st, { type: 'HEARTBEAT', stationTimeMs: i });
      vi.advanceTimersByTime(300);
      st.heartbeat();
    }
    expect(st.gun.armed).toBe(true);
    expect(st.gun.stats.auth.refused.badTag).toBe(4);
    const dropped: string[] = [];
    const reasons: string[] = [];
    st.gun.on('session-dropped', (r) => dropped.push(r));
    st.gun.on('disarmed', (r) => reasons.push(r));
    for (let i = 0; i < 5; i++) forged(st, { type: 'ARM', budgetNl: 0xffff_ffff });
    expect(reasons).toEqual(['auth-failures']);
    expect(dropped).toEqual(['auth-failures']);
    expect(st.gun.authenticated).toBe(false);
    expect(st.gun.stats.auth.bursts).toBe(1);
    // It said so at once, untagged now (no session), and refuses what needs authentication.
    expect(st.frames.at(-1)?.message).toMatchObject({ type: 'STATUS', armed: false, authenticated: false });
    expect(st.frames.at(-1)?.tag).toBeNull();
    st.session = null;
    expect(st.request({ type: 'ARM', budgetNl: 1_000_000 })).toMatchObject({ type: 'NAK', code: NAK_CODES.notAuthenticated });
  });

  it('a record with codes this station may not know carries them, MAC\'d like any other', () => {
    const key = st.ready();
    st.gun.recordCodesOnce({ fault: 42, mode: 9 });
    st.gun.fire(2);
    vi.advanceTimersByTime(600); // two shots, 500 ms apart
    const [first, second] = st.gun.log;
    expect(first).toMatchObject({ fault: 42, mode: 9 });
    expect(second).toMatchObject({ fault: 0, mode: 1 });
    const { recordMac, ...fields } = first!;
    expect(doseRecordMacValid(recordKey(key, st.gun.serial), fields, recordMac)).toBe(true);
  });
});
