// Line faults: corrupted bytes in each direction, a gun that stops answering, GET_STATUS.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeStation } from './fakeStation.js';

const open: FakeStation[] = [];
function create(seed = 21): FakeStation {
  const st = FakeStation.create({ seed });
  open.push(st);
  return st;
}
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  for (const st of open.splice(0)) st.gun.close();
  vi.useRealTimers();
});

describe('corruption', () => {
  it('flips bits in roughly the requested fraction of bytes to the station; the decoder drops the damaged frames', () => {
    const st = create();
    st.hello();
    st.gun.setCorruption({ toStation: 0.01 });
    const bytesBefore = st.bytesReceived;
    vi.advanceTimersByTime(120_000); // 240 STATUS frames
    const bytes = st.bytesReceived - bytesBefore;
    const fraction = st.gun.stats.bytesCorrupted / bytes;
    expect(fraction).toBeGreaterThan(0.006);
    expect(fraction).toBeLessThan(0.014);
    expect(st.decoder.stats.framesBad).toBeGreaterThan(0);
    expect(st.all('STATUS').length).toBeGreaterThan(100);
    expect(st.all('STATUS').length).toBeLessThan(240);
  });

  it('corrupts bytes from the station: damaged requests are counted and never executed', () => {
    const st = create();
    st.gun.setCorruption({ fromStation: 0.2 });
    for (let i = 0; i < 30; i++) st.send({ type: 'HELLO', protocolVersion: 1, stationName: 'station' }, i + 1);
    const { framesIn, framesBad, bytesCorrupted } = st.gun.stats;
    expect(bytesCorrupted).toBeGreaterThan(0);
    expect(framesBad).toBeGreaterThan(10);
    expect(framesIn).toBeLessThan(5);
    expect(st.all('IDENTITY')).toHaveLength(framesIn); // only intact frames were acted on
    st.gun.setCorruption({ fromStation: 0 });
    st.gun.receive(new Uint8Array([0])); // a delimiter flushes the noise, as a station does after trouble
    expect(st.hello().serial).toBe('SIM-0001');
    expect(st.gun.stats.framesIn).toBe(framesIn + 1);
  });

  it('is repeatable for a seed', () => {
    const run = (seed: number) => {
      const st = create(seed);
      st.gun.setCorruption({ toStation: 0.05 });
      vi.advanceTimersByTime(10_000);
      return st.gun.stats.bytesCorrupted;
    };
    const a = run(4);
    expect(run(4)).toBe(a);
  });

  it('rejects a fraction outside 0..1', () => {
    expect(() => create().gun.setCorruption({ toStation: 1.5 })).toThrow(RangeError);
  });
});

describe('a gun that stops acknowledging', () => {
  it('ignores requests (no reply, not executed) but keeps sending STATUS', () => {
    const st = create();
    st.hello();
    st.gun.stopAcknowledging();
    const codes: string[] = [];
    st.gun.on('pairing-code', (c) => codes.push(c));
    expect(st.request({ type: 'PAIR_BEGIN', stationNonce: new Uint8Array(16) })).toBeNull();
    expect(codes).toHaveLength(0);
    st.clear();
    vi.advanceTimersByTime(1000);
    expect(st.all('STATUS')).toHaveLength(2);
    st.gun.stopAcknowledging(false);
    expect(st.request({ type: 'GET_STATUS' })?.type).toBe('STATUS');
  });
});

it('GET_STATUS is answered with a STATUS frame whose ack is the request seq', () => {
  const st = create();
  st.hello();
  st.clear();
  st.send({ type: 'GET_STATUS' }, 33);
  expect(st.frames).toHaveLength(1);
  expect(st.frames[0]).toMatchObject({ ack: 33, message: { type: 'STATUS', armed: false, authenticated: false, reservoirNl: 5_000_000 } });
});
