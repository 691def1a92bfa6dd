// GunLink's connect sequence against a scripted gun on a fake port: exact bytes, fake timers.
import { describe, expect, it, vi } from 'vitest';
import { encodeFrame, PROTOCOL_VERSION } from '../../../device/protocol/index.js';
import { identityMessage } from '../../support/scriptedGun.js';
import { ready, tick, useLinkRigs } from './linkRig.js';

const { rig } = useLinkRigs();

describe('GunLink handshake', () => {
  it('writes HELLO as the exact first request and walks handshake -> auth -> sync -> ready', async () => {
    const r = rig();
    const t0 = Date.now();
    await ready(r);
    // HELLO first (its seq is random per link: see GunLink's firstSeq); the heartbeat starts once the
    // gun has answered (untagged: no session yet).
    const hello = r.port.frames[0]!;
    expect(r.port.writes[0]).toEqual(encodeFrame({ seq: hello.seq, message: { type: 'HELLO', protocolVersion: PROTOCOL_VERSION, stationName: 'Room 1' } }));
    expect(hello.seq).toBeGreaterThanOrEqual(1);
    expect(r.port.writes[1]).toEqual(encodeFrame({ message: { type: 'HEARTBEAT', stationTimeMs: t0 } }));
    // Each request takes the next seq (1..255, wrapping).
    expect(r.port.requests.map((f) => f.seq)).toEqual([0, 1, 2, 3].map((i) => ((hello.seq - 1 + i) % 255) + 1));
    expect(r.port.requests.map((f) => f.message.type)).toEqual(['HELLO', 'AUTH_BEGIN', 'AUTH_PROVE', 'SYNC_FROM']);
    expect(r.states).toEqual(['connecting', 'handshaking', 'authenticating', 'syncing', 'ready']);
    expect(r.link.identity?.simulated).toBe(true);
  });

  it('tags every frame after AUTH_PROVE, and the gun verifies each one', async () => {
    const r = rig();
    await ready(r);
    await tick(1200); // heartbeats
    const proveAt = r.gun.seen.findIndex((s) => s.frame.message.type === 'AUTH_PROVE');
    const before = r.gun.seen.slice(0, proveAt + 1);
    const after = r.gun.seen.slice(proveAt + 1);
    expect(before.every((s) => s.frame.tag === null)).toBe(true);
    expect(after.length).toBeGreaterThanOrEqual(3); // SYNC_FROM and heartbeats
    expect(after.map((s) => s.verdict)).toEqual(after.map(() => 'ok'));
  });

  it('refuses a version-2 gun with a reason that says why, and never arms it', async () => {
    const r = rig();
    r.gun.overrides.set('HELLO', () => identityMessage({ protocolVersion: 2 }));
    const refused = vi.fn();
    r.link.on('refused', refused);
    r.link.start();
    await tick(10);
    expect(r.link.state).toBe('refused');
    expect(r.link.refusal?.code).toBe('protocol-version');
    // The code is asserted above; the link words its refusals itself (the no-gun screen shows this text), so what it tells the person is checked too.
    expect(r.link.refusal?.message).toMatch(/protocol version 2; this station speaks version 3, which authenticates the pairing, every frame and every dose record/);
    expect(r.link.refusal?.message).toMatch(/update the gun's firmware/);
    expect(refused).toHaveBeenCalledOnce();
    await expect(r.link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready' });
    expect(r.port.requests.map((f) => f.message.type)).toEqual(['HELLO']);
  });

  it('refuses a gun newer than the station, asking for a station update', async () => {
    const r = rig();
    r.gun.overrides.set('HELLO', () => identityMessage({ protocolVersion: 4 }));
    r.link.start();
    await tick(10);
    expect(r.link.refusal).toMatchObject({ code: 'protocol-version', message: expect.stringMatching(/version 4.*Update the station/) });
  });

  it('refuses a gun whose schema hash differs', async () => {
    const r = rig();
    r.gun.overrides.set('HELLO', () => identityMessage({ schemaHash: new Uint8Array(8).fill(1) }));
    r.link.start();
    await tick(10);
    expect(r.link.refusal?.code).toBe('schema-mismatch');
  });

  it('refuses a gun whose proof does not match the stored key twice in a row (wrong-key), before proving anything', async () => {
    const r = rig({ gunKey: new Uint8Array(32).fill(1) });
    r.link.start();
    await tick(10);
    // Once could be a stale reply left in the line: it connects once more.
    expect(r.link.state).toBe('disconnected');
    await tick(210);
    expect(r.link.state).toBe('refused');
    expect(r.link.refusal?.code).toBe('wrong-key');
    expect(r.port.requests.map((f) => f.message.type)).toEqual(['HELLO', 'AUTH_BEGIN', 'HELLO', 'AUTH_BEGIN']);
    await expect(r.link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready' });
  });

  it('an unknown serial waits for pairing; arm is refused; pairing stores the key and goes ready', async () => {
    const r = rig({ key: null });
    r.link.start();
    await tick(10);
    expect(r.link.state).toBe('awaiting-pairing');
    expect(r.link.refusal?.code).toBe('not-paired');
    await expect(r.link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready', message: expect.stringMatching(/not paired/) });
    await expect(r.link.pair('123456')).rejects.toMatchObject({ code: 'not-ready' }); // no code shown yet
    await r.link.beginPairing();
    await expect(r.link.pair('000000')).rejects.toMatchObject({ code: 'pairing-code-wrong' });
    expect(r.keys.get('SIM-0001')).toBeUndefined();
    // The wrong code ended that pairing: pair() needs a fresh code.
    await expect(r.link.pair('123456')).rejects.toMatchObject({ code: 'not-ready' });
    await r.link.beginPairing();
    const pairing = r.link.pair('123456');
    await tick(10);
    await pairing;
    expect(r.keys.get('SIM-0001')).toEqual(r.gun.key);
    expect(r.keys.get('SIM-0001')).toHaveLength(32);
    expect(r.link.state).toBe('ready');
  });

  it('refuses to pair with a gun whose confirmation does not match, storing nothing', async () => {
    const r = rig({ key: null });
    r.gun.overrides.set('PAIR_CONFIRM', () => ({ type: 'PAIR_RESULT', gunConfirm: new Uint8Array(32).fill(5) }));
    r.link.start();
    await tick(10);
    await r.link.beginPairing();
    await expect(r.link.pair('123456')).rejects.toMatchObject({ code: 'wrong-key', message: expect.stringMatching(/did not confirm/) });
    expect(r.keys.get('SIM-0001')).toBeUndefined();
  });

  it('sends nothing derived from the code when the gun\'s share is not a group element', async () => {
    const r = rig({ key: null });
    r.gun.overrides.set('PAIR_BEGIN', () => ({ type: 'PAIR_CHALLENGE', gunNonce: new Uint8Array(16), gunShare: new Uint8Array(32).fill(0xff) }));
    r.link.start();
    await tick(10);
    await r.link.beginPairing();
    await expect(r.link.pair('123456')).rejects.toMatchObject({ code: 'wrong-key', message: expect.stringMatching(/not a valid group element/) });
    expect(r.port.requests.map((f) => f.message.type)).not.toContain('PAIR_CONFIRM');
  });
});
