// What the link does with frames it cannot trust: after authentication every gun frame must carry a
// tag that verifies, on a counter not used before and inside the window. Forged, untagged, replayed
// and out-of-window frames never take effect and are counted by reason and by message type; a burst
// of bad tags drops the connection (the gun disarms on the new connection's HELLO).
import { describe, expect, it, vi } from 'vitest';
import { encodeFrame, FrameSealer, type Message } from '../../../device/protocol/index.js';
import { KEY, ready, statusMessage, tick, useLinkRigs, type Rig } from './linkRig.js';

const { rig } = useLinkRigs();

/** A frame with a trailer that does not verify (a forger without the session key). */
function forged(message: Message, ack = 0): Uint8Array {
  return encodeFrame({ ack, message, sealer: new FrameSealer(new Uint8Array(32).fill(0x66)) });
}

async function watched(r: Rig) {
  await ready(r);
  const events = { status: vi.fn(), dose: vi.fn(), fault: vi.fn(), disconnected: vi.fn() };
  r.link.on('status', events.status);
  r.link.on('dose', events.dose);
  r.link.on('fault', events.fault);
  r.link.on('disconnected', events.disconnected);
  return events;
}

describe('GunLink frame authentication', () => {
  it('refuses untagged STATUS, DOSE_RECORD and FAULT after authentication, counting each by type', async () => {
    const r = rig();
    const ev = await watched(r);
    r.port.send(statusMessage({ armed: true }));
    r.port.send(r.gun.record(1));
    r.port.send({ type: 'FAULT', code: 3, active: true, detail: 'forged' });
    await tick(5);
    expect(ev.status).not.toHaveBeenCalled();
    expect(ev.dose).not.toHaveBeenCalled();
    expect(ev.fault).not.toHaveBeenCalled();
    expect(r.sink.all('SIM-0001')).toEqual([]);
    expect(r.port.acks()).toEqual([]);
    const auth = r.link.stats.auth;
    expect(auth.refused.untagged).toBe(3);
    expect(auth.refusedByType).toEqual({ STATUS: 1, DOSE_RECORD: 1, FAULT: 1 });
    expect(r.link.state).toBe('ready');
  });

  it('refuses frames whose tag does not verify, and drops the connection on a burst of them', async () => {
    const r = rig();
    const ev = await watched(r);
    for (let i = 0; i < 4; i++) r.port.feed(forged(statusMessage({ armed: true })));
    await tick(1);
    expect(ev.status).not.toHaveBeenCalled();
    expect(r.link.stats.auth.refused.badTag).toBe(4);
    expect(r.link.state).toBe('ready');
    r.port.feed(forged({ type: 'SYNC_DONE', lastRecordId: 99 }));
    await tick(1);
    expect(ev.disconnected).toHaveBeenCalledWith({ reason: expect.stringMatching(/burst of frames failed authentication/) });
    expect(r.link.stats.auth.bursts).toBe(1);
    // The next connection starts with HELLO (which disarms the gun) and authenticates afresh.
    await tick(210);
    expect(r.link.state).toBe('ready');
    expect(r.port.requests.filter((f) => f.message.type === 'HELLO')).toHaveLength(2);
  });

  it('a forged reply never completes a request: ARM waits for the gun\'s own answer', async () => {
    const r = rig();
    await ready(r);
    await r.link.setProfile({ doseNl: 20_000, entryPct: 0, dwellPct: 100, exitPct: 0, depthUm: 2_000, mode: 'papule', minIntervalMs: 500 });
    let armSeq = 0;
    r.gun.overrides.set('ARM', (f) => {
      armSeq = f.seq;
      return null; // the gun is slow; a forger answers first
    });
    const arm = r.link.arm(1_000_000);
    await tick(1);
    r.port.feed(forged({ type: 'NAK', code: 8, field: 'needleSeated', message: 'forged' }, armSeq));
    r.port.send({ type: 'NAK', code: 8, field: 'needleSeated', message: 'untagged' }, armSeq);
    await tick(1);
    r.gun.send({ type: 'ACK' }, armSeq);
    await expect(arm).resolves.toBeUndefined();
    expect(r.link.stats.auth.refusedByType.NAK).toBe(2);
  });

  it('takes a frame once: a replay of the same bytes is refused and counted, a record is not offered twice', async () => {
    const r = rig();
    const ev = await watched(r);
    const bytes = encodeFrame({ message: statusMessage({ lastRecordId: 0, gunTimeMs: 7 }), sealer: r.gun.session!.sealer });
    r.port.feed(bytes);
    r.port.feed(bytes);
    const record = encodeFrame({ message: r.gun.record(1), sealer: r.gun.session!.sealer });
    r.port.feed(record);
    await tick(5);
    r.port.feed(record);
    await tick(5);
    expect(ev.status).toHaveBeenCalledTimes(1);
    expect(ev.dose).toHaveBeenCalledTimes(1);
    expect(r.link.stats.auth.refused.replayed).toBe(2);
    expect(r.link.stats.recordsReceived).toBe(1);
    expect(r.link.state).toBe('ready'); // replays are refused, not a reason to drop the link
  });

  it('accepts frames out of order inside the window and refuses one from before it', async () => {
    const r = rig();
    const ev = await watched(r);
    const sealer = r.gun.session!.sealer;
    const early = encodeFrame({ message: statusMessage({ gunTimeMs: 1 }), sealer });
    const frames = Array.from({ length: 70 }, (_, i) => encodeFrame({ message: statusMessage({ gunTimeMs: 2 + i }), sealer }));
    // Reordered on the line, by less than the 64-frame window.
    for (const f of [...frames.slice(20, 40), ...frames.slice(0, 20), ...frames.slice(40)]) r.port.feed(f);
    await tick(1);
    expect(ev.status).toHaveBeenCalledTimes(70);
    r.port.feed(early);
    await tick(1);
    expect(ev.status).toHaveBeenCalledTimes(70);
    expect(r.link.stats.auth.refused.outOfWindow).toBe(1);
  });

  it('drops tagged frames that arrive before there is a session to check them', async () => {
    const r = rig({ key: null });
    r.link.start();
    await tick(10);
    expect(r.link.state).toBe('awaiting-pairing');
    r.port.feed(encodeFrame({ message: statusMessage(), sealer: new FrameSealer(KEY) }));
    await tick(1);
    expect(r.link.stats.taggedWithoutSession).toBe(1);
  });
});
