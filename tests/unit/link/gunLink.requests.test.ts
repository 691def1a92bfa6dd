// GunLink requests against a scripted gun: limits checked before sending, NAKs mapped to codes with
// their field, stop-and-wait retransmission of the same tagged bytes, and write failures.
import { describe, expect, it, vi } from 'vitest';
import { bytesToHex, DEFAULT_PROFILE, FrameDecoder, type MessageOf } from '../../../device/protocol/index.js';
import { ready, statusMessage, tick, useLinkRigs } from './linkRig.js';

const { rig } = useLinkRigs();

describe('GunLink requests', () => {
  it('checks the profile against the gun limits before sending, naming the field', async () => {
    const r = rig();
    await ready(r);
    const before = r.port.requests.length;
    await expect(r.link.setProfile({ ...DEFAULT_PROFILE, depthUm: 9_000 })).rejects.toMatchObject({ code: 'out-of-limits', field: 'depthUm' });
    expect(r.port.requests.length).toBe(before);
  });

  it('maps the gun NAK outOfLimits to out-of-limits with the gun field', async () => {
    const r = rig({ link: { precheckProfiles: false } });
    await ready(r);
    r.gun.overrides.set('SET_PROFILE', () => ({ type: 'NAK', code: 6, field: 'doseNl', message: 'dose 300 uL is outside the limits' }));
    const err = await r.link.setProfile({ ...DEFAULT_PROFILE, doseNl: 300_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'out-of-limits', field: 'doseNl', message: expect.stringMatching(/doseNl.*300 uL/) });
  });

  it('requires PROFILE_ECHO to equal what was sent', async () => {
    const r = rig();
    await ready(r);
    r.gun.overrides.set('SET_PROFILE', (f) => {
      const m = f.message as MessageOf<'SET_PROFILE'>;
      return { ...m, type: 'PROFILE_ECHO', depthUm: m.depthUm + 100 };
    });
    await expect(r.link.setProfile(DEFAULT_PROFILE)).rejects.toMatchObject({ code: 'echo-mismatch', field: 'depthUm' });
    expect(r.link.profile).toBeNull();
    r.gun.overrides.delete('SET_PROFILE');
    await expect(r.link.setProfile(DEFAULT_PROFILE)).resolves.toEqual(DEFAULT_PROFILE);
  });

  it('maps cannotArm with its field', async () => {
    const r = rig();
    await ready(r);
    await expect(r.link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready', field: 'profile' }); // no profile echoed yet
    await r.link.setProfile(DEFAULT_PROFILE);
    r.gun.overrides.set('ARM', () => ({ type: 'NAK', code: 8, field: 'needleSeated', message: 'needle not seated' }));
    await expect(r.link.arm(1_000_000)).rejects.toMatchObject({ code: 'cannot-arm', field: 'needleSeated' });
  });

  it('sends the budget with ARM, and refuses a budget that is not a u32 or is under one shot before sending', async () => {
    const r = rig();
    await ready(r);
    await r.link.setProfile(DEFAULT_PROFILE);
    const arms = () => r.port.requests.filter((f) => f.message.type === 'ARM').length;
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 32, DEFAULT_PROFILE.doseNl - 1])
      await expect(r.link.arm(bad)).rejects.toMatchObject({ code: 'cannot-arm', field: 'budgetNl' });
    expect(arms()).toBe(0);
    await r.link.arm(DEFAULT_PROFILE.doseNl);
    expect(r.port.lastRequest()?.message).toEqual({ type: 'ARM', budgetNl: DEFAULT_PROFILE.doseNl });
  });

  it('gives up on a record-id gap a replay did not fill, instead of asking for a replay forever', async () => {
    const r = rig();
    await ready(r);
    const syncs = () => r.port.requests.filter((f) => f.message.type === 'SYNC_FROM').length;
    // The gun says it made records 1..3, but it no longer holds them (acknowledged to another database).
    for (let t = 0; t < 12_000; t += 400) {
      r.gun.send(statusMessage({ gunTimeMs: t, lastRecordId: 3 }));
      await tick(400);
    }
    expect(syncs()).toBe(2); // the connection's own, and one stall replay; then the gap is skipped
    expect(r.link.stats.gapsSkipped).toBe(1);
  });

  it('retransmits ARM as the same tagged bytes (same seq, same counter) and fails with a timeout', async () => {
    const r = rig();
    await ready(r);
    await r.link.setProfile(DEFAULT_PROFILE);
    r.gun.overrides.set('ARM', () => null);
    const arm = r.link.arm(1_000_000).catch((e: unknown) => e);
    await tick(1249);
    const decoder = new FrameDecoder('station');
    const armWrites = r.port.writes.filter((w) => decoder.push(w).some((d) => d.ok && d.frame.message.type === 'ARM'));
    expect(armWrites).toHaveLength(5);
    expect(new Set(armWrites.map((w) => bytesToHex(w))).size).toBe(1);
    // The gun took the first copy; the four repeats carry the counter already used.
    const armVerdicts = r.gun.seen.filter((s) => s.frame.message.type === 'ARM').map((s) => s.verdict);
    expect(armVerdicts).toEqual(['ok', 'replayed', 'replayed', 'replayed', 'replayed']);
    await tick(1);
    expect(await arm).toMatchObject({ code: 'timeout' });
    expect(r.link.stats.retransmits).toBe(4);
    expect(r.link.stats.requestTimeouts).toBe(1);
    expect(r.link.state).toBe('disconnected');
  });

  it('a write that never calls back times out and counts as an unplug', async () => {
    const r = rig();
    await ready(r);
    const disconnected = vi.fn();
    r.link.on('disconnected', disconnected);
    await r.link.setProfile(DEFAULT_PROFILE);
    r.port.writeMode = 'never';
    r.gun.overrides.set('ARM', () => null);
    const arm = r.link.arm(1_000_000).catch((e: unknown) => e);
    await tick(1000);
    expect(await arm).toMatchObject({ code: 'timeout', message: expect.stringMatching(/write/) });
    expect(disconnected).toHaveBeenCalledWith({ reason: 'write did not complete' });
    expect(r.link.stats.writeTimeouts).toBeGreaterThan(0);
  });

  it('a write error counts as an unplug', async () => {
    const r = rig();
    await ready(r);
    const gone = vi.fn();
    r.link.on('disconnected', gone);
    r.port.writeMode = 'error';
    await r.link.disarm();
    await tick(1);
    expect(gone).toHaveBeenCalledWith({ reason: 'write failed: EIO: i/o error' });
    expect(r.link.state).toBe('disconnected');
    r.port.writeMode = 'ok';
    await tick(210);
    expect(r.link.state).toBe('ready');
  });

  it('disarm is safe in any state and never rejects', async () => {
    const r = rig({ key: null });
    await expect(r.link.disarm()).resolves.toBe(false); // stopped
    r.link.start();
    await tick(10);
    await expect(r.link.disarm()).resolves.toBe(false); // awaiting pairing
    const r2 = rig();
    await ready(r2);
    await expect(r2.link.disarm()).resolves.toBe(true);
    r2.gun.overrides.set('DISARM', () => null);
    const d = r2.link.disarm();
    await tick(1300);
    await expect(d).resolves.toBe(false);
    expect(r2.link.state).toBe('disconnected');
  });
});
