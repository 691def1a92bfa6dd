// GunLink against an in-process fake port: exact bytes in, exact bytes out, fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PROFILE, encodeFrame, PROTOCOL_VERSION, type MessageOf } from '../../../device/protocol/index.js';
import { GunLink, type GunLinkOptions } from '../../../device/link/GunLink.js';
import { MemoryDoseSink, MemoryKeyStore } from '../../../device/link/memorySink.js';
import type { DoseRecord, DoseSink, LinkState } from '../../../device/link/types.js';
import { FakePort } from '../../support/fakePort.js';
import { doseRecordMessage, identityMessage, ScriptedGun } from '../../support/scriptedGun.js';

const KEY = new Uint8Array(32).fill(42);
const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

interface Rig {
  port: FakePort;
  gun: ScriptedGun;
  link: GunLink;
  sink: MemoryDoseSink;
  keys: MemoryKeyStore;
  states: LinkState[];
}

function rig(opts: { key?: Uint8Array | null; gunKey?: Uint8Array | null; sink?: DoseSink; link?: Partial<GunLinkOptions> } = {}): Rig {
  const port = new FakePort();
  const keys = new MemoryKeyStore();
  const stationKey = opts.key === undefined ? KEY : opts.key;
  if (stationKey) keys.set('SIM-0001', stationKey);
  const gun = new ScriptedGun(port, { key: opts.gunKey === undefined ? stationKey : opts.gunKey });
  const sink = new MemoryDoseSink();
  const link = new GunLink({ path: '/dev/fake', keyStore: keys, sink: opts.sink ?? sink, stationName: 'Room 1', portFactory: port.factory, ...opts.link });
  const states: LinkState[] = [];
  link.on('state', (s) => states.push(s));
  return { port, gun, link, sink, keys, states };
}

async function ready(r: Rig): Promise<void> {
  r.link.start();
  await tick(10);
  expect(r.link.state).toBe('ready');
}

describe('GunLink handshake', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes HELLO as the exact first request and walks handshake -> auth -> sync -> ready', async () => {
    const r = rig();
    const t0 = Date.now();
    await ready(r);
    // HELLO first; the heartbeat starts once the gun has answered.
    expect(r.port.writes[0]).toEqual(encodeFrame({ seq: 1, message: { type: 'HELLO', protocolVersion: PROTOCOL_VERSION, stationName: 'Room 1' } }));
    expect(r.port.writes[1]).toEqual(encodeFrame({ message: { type: 'HEARTBEAT', stationTimeMs: t0 } }));
    expect(r.port.requests.map((f) => f.message.type)).toEqual(['HELLO', 'AUTH_BEGIN', 'AUTH_PROVE', 'SYNC_FROM']);
    expect(r.states).toEqual(['connecting', 'handshaking', 'authenticating', 'syncing', 'ready']);
    expect(r.link.identity?.simulated).toBe(true);
    await r.link.stop();
  });

  it('refuses a gun of another protocol version, with a reason, and never arms it', async () => {
    const r = rig();
    r.gun.overrides.set('HELLO', () => identityMessage({ protocolVersion: 1 }));
    const refused = vi.fn();
    r.link.on('refused', refused);
    r.link.start();
    await tick(10);
    expect(r.link.state).toBe('refused');
    expect(r.link.refusal?.code).toBe('protocol-version');
    expect(r.link.refusal?.message).toMatch(/protocol version 1.*version 2/);
    expect(refused).toHaveBeenCalledOnce();
    await expect(r.link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready' });
    expect(r.port.requests.map((f) => f.message.type)).toEqual(['HELLO']);
    await r.link.stop();
  });

  it('refuses a gun whose schema hash differs', async () => {
    const r = rig();
    r.gun.overrides.set('HELLO', () => identityMessage({ schemaHash: new Uint8Array(8).fill(1) }));
    r.link.start();
    await tick(10);
    expect(r.link.refusal?.code).toBe('schema-mismatch');
    await r.link.stop();
  });

  it('refuses a gun whose proof does not match the stored key (wrong-key) before proving anything', async () => {
    const r = rig({ gunKey: new Uint8Array(32).fill(1) });
    r.link.start();
    await tick(10);
    expect(r.link.state).toBe('refused');
    expect(r.link.refusal?.code).toBe('wrong-key');
    expect(r.port.requests.map((f) => f.message.type)).toEqual(['HELLO', 'AUTH_BEGIN']);
    await expect(r.link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready' });
    await r.link.stop();
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
    await r.link.beginPairing();
    const pairing = r.link.pair('123456');
    await tick(10);
    await pairing;
    expect(r.keys.get('SIM-0001')).toEqual(r.gun.key);
    expect(r.link.state).toBe('ready');
    await r.link.stop();
  });
});

describe('GunLink requests', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('checks the profile against the gun limits before sending, naming the field', async () => {
    const r = rig();
    await ready(r);
    const before = r.port.requests.length;
    await expect(r.link.setProfile({ ...DEFAULT_PROFILE, depthUm: 9_000 })).rejects.toMatchObject({ code: 'out-of-limits', field: 'depthUm' });
    expect(r.port.requests.length).toBe(before);
    await r.link.stop();
  });

  it('maps the gun NAK outOfLimits to out-of-limits with the gun field', async () => {
    const r = rig({ link: { precheckProfiles: false } });
    await ready(r);
    r.gun.overrides.set('SET_PROFILE', () => ({ type: 'NAK', code: 6, field: 'doseNl', message: 'dose 300 uL is outside the limits' }));
    const err = await r.link.setProfile({ ...DEFAULT_PROFILE, doseNl: 300_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'out-of-limits', field: 'doseNl', message: expect.stringMatching(/doseNl.*300 uL/) });
    await r.link.stop();
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
    await r.link.stop();
  });

  it('maps cannotArm with its field', async () => {
    const r = rig();
    await ready(r);
    await expect(r.link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready', field: 'profile' }); // no profile echoed yet
    await r.link.setProfile(DEFAULT_PROFILE);
    r.gun.overrides.set('ARM', () => ({ type: 'NAK', code: 8, field: 'needleSeated', message: 'needle not seated' }));
    await expect(r.link.arm(1_000_000)).rejects.toMatchObject({ code: 'cannot-arm', field: 'needleSeated' });
    await r.link.stop();
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
    await r.link.stop();
  });

  it('gives up on a record-id gap a replay did not fill, instead of asking for a replay forever', async () => {
    const r = rig();
    await ready(r);
    const syncs = () => r.port.requests.filter((f) => f.message.type === 'SYNC_FROM').length;
    // The gun says it made records 1..3, but it no longer holds them (acknowledged to another database).
    for (let t = 0; t < 12_000; t += 400) {
      r.port.send({ type: 'STATUS', armed: false, authenticated: true, reservoirNl: 1, batteryPct: 100, needleSeated: true, faultFlags: 0, gunTimeMs: t, lastRecordId: 3 });
      await tick(400);
    }
    expect(syncs()).toBe(2); // the connection's own, and one stall replay; then the gap is skipped
    expect(r.link.stats.gapsSkipped).toBe(1);
    await r.link.stop();
  });

  it('retransmits ARM with the same seq and fails with a timeout, then treats the gun as gone', async () => {
    const r = rig();
    await ready(r);
    await r.link.setProfile(DEFAULT_PROFILE);
    r.gun.overrides.set('ARM', () => null);
    const arm = r.link.arm(1_000_000).catch((e: unknown) => e);
    const armBytes = encodeFrame({ seq: 6, message: { type: 'ARM', budgetNl: 1_000_000 } });
    await tick(1249);
    expect(r.port.writes.filter((w) => Buffer.from(w).equals(armBytes))).toHaveLength(5);
    await tick(1);
    expect(await arm).toMatchObject({ code: 'timeout' });
    expect(r.link.stats.retransmits).toBe(4);
    expect(r.link.stats.requestTimeouts).toBe(1);
    expect(r.link.state).toBe('disconnected');
    await r.link.stop();
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
    await r.link.stop();
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
    await r.link.stop();
  });

  it('disarm is safe in any state and never rejects', async () => {
    const r = rig({ key: null });
    await expect(r.link.disarm()).resolves.toBe(false); // stopped
    r.link.start();
    await tick(10);
    await expect(r.link.disarm()).resolves.toBe(false); // awaiting pairing
    await r.link.stop();
    const r2 = rig();
    await ready(r2);
    await expect(r2.link.disarm()).resolves.toBe(true);
    r2.gun.overrides.set('DISARM', () => null);
    const d = r2.link.disarm();
    await tick(1300);
    await expect(d).resolves.toBe(false);
    expect(r2.link.state).toBe('disconnected');
    await r2.link.stop();
  });
});

describe('GunLink dose records', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('commits records read together in one batch and acks each after the commit', async () => {
    const r = rig();
    await ready(r);
    const doses: DoseRecord[] = [];
    r.link.on('dose', (d) => doses.push(d));
    const commits = r.sink.commits;
    r.port.feed(Buffer.concat([1, 2, 3].map((id) => encodeFrame({ message: doseRecordMessage(id) }))));
    await tick(5);
    expect(r.sink.commits - commits).toBe(1);
    expect(r.port.acks()).toEqual([1, 2, 3]);
    expect(doses.map((d) => d.recordId)).toEqual([1, 2, 3]);
    expect(doses[0]).toMatchObject({ gunSerial: 'SIM-0001', mode: 'papule', fault: null, deliveredNl: 19_501 });
    await r.link.stop();
  });

  it('never acks before the commit resolves', async () => {
    let release: (() => void) | null = null;
    const inner = new MemoryDoseSink();
    const slow: DoseSink = {
      highestContiguousRecordId: (s) => inner.highestContiguousRecordId(s),
      commit: async (records) => {
        await new Promise<void>((res) => (release = res));
        return inner.commit(records);
      },
    };
    const r = rig({ sink: slow });
    await ready(r);
    r.port.send(doseRecordMessage(1));
    await tick(50);
    expect(release).not.toBeNull();
    r.port.send(doseRecordMessage(2)); // arrives while the first commit is in flight
    await tick(50);
    expect(r.port.acks()).toEqual([]);
    release!();
    await tick(1);
    expect(r.port.acks()).toEqual([1]);
    release!();
    await tick(1);
    expect(r.port.acks()).toEqual([1, 2]);
    await r.link.stop();
  });

  it('drops a record with a bad CRC, does not ack it, and counts it', async () => {
    const r = rig();
    await ready(r);
    const good = doseRecordMessage(1);
    r.port.send({ ...good, recordCrc: (good.recordCrc ^ 1) >>> 0 });
    await tick(5);
    expect(r.port.acks()).toEqual([]);
    expect(r.link.stats.badRecordCrcs).toBe(1);
    expect(r.sink.all('SIM-0001')).toEqual([]);
    r.port.send(good); // the gun re-sends it
    await tick(5);
    expect(r.port.acks()).toEqual([1]);
    await r.link.stop();
  });

  it('re-acks a duplicate but does not emit it again', async () => {
    const r = rig();
    await ready(r);
    const doses = vi.fn();
    r.link.on('dose', doses);
    r.port.send(doseRecordMessage(1));
    await tick(5);
    r.port.send(doseRecordMessage(1));
    await tick(5);
    r.port.feed(Buffer.concat([encodeFrame({ message: doseRecordMessage(2) }), encodeFrame({ message: doseRecordMessage(2) })]));
    await tick(5);
    expect(r.port.acks()).toEqual([1, 1, 2]);
    expect(doses).toHaveBeenCalledTimes(2);
    expect(r.link.stats.duplicatesDropped).toBe(2);
    await r.link.stop();
  });

  it('a failed commit acknowledges nothing and reports commit-failed; the re-sent record is committed', async () => {
    const inner = new MemoryDoseSink();
    let fail = true;
    const flaky: DoseSink = {
      highestContiguousRecordId: (g) => inner.highestContiguousRecordId(g),
      commit: async (records) => {
        if (fail) throw new Error('disk full');
        return inner.commit(records);
      },
    };
    const r = rig({ sink: flaky });
    await ready(r);
    const failed = vi.fn();
    r.link.on('commit-failed', failed);
    r.port.send(doseRecordMessage(1));
    await tick(5);
    expect(r.port.acks()).toEqual([]);
    expect(failed).toHaveBeenCalledWith({ error: expect.objectContaining({ message: 'disk full' }) });
    fail = false;
    r.port.send(doseRecordMessage(1)); // the gun re-sends after 300 ms
    await tick(5);
    expect(r.port.acks()).toEqual([1]);
    expect(r.link.stats.commitFailures).toBe(1);
    await r.link.stop();
  });

  it('ignores records from a gun that has not authenticated', async () => {
    const r = rig({ key: null });
    r.link.start();
    await tick(10);
    r.port.send(doseRecordMessage(1));
    await tick(5);
    expect(r.port.acks()).toEqual([]);
    expect(r.link.stats.recordsBeforeAuth).toBe(1);
    await r.link.stop();
  });

  it('syncs from the highest contiguous id the sink holds', async () => {
    const r = rig();
    await r.sink.commit([1, 2, 3, 5].map((id) => ({ ...doseRecordMessage(id), gunSerial: 'SIM-0001', mode: 'papule' as const, fault: null, receivedAtMs: 0 })));
    await ready(r);
    expect(r.port.requests.find((f) => f.message.type === 'SYNC_FROM')?.message).toEqual({ type: 'SYNC_FROM', afterRecordId: 3 });
    await r.link.stop();
  });
});

describe('GunLink liveness and reconnect', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('heartbeats every 500 ms', async () => {
    const r = rig();
    await ready(r);
    const beats = () => r.port.frames.filter((f) => f.message.type === 'HEARTBEAT').length;
    const n = beats();
    r.port.send({ type: 'STATUS', armed: false, authenticated: true, reservoirNl: 1, batteryPct: 100, needleSeated: true, faultFlags: 0, gunTimeMs: 1, lastRecordId: 0 });
    await tick(1000);
    expect(beats() - n).toBe(2);
    await r.link.stop();
  });

  it('declares the gun gone after 1.4 s without a valid frame, then reopens after 200 ms', async () => {
    const r = rig();
    await ready(r);
    const gone = vi.fn();
    r.link.on('disconnected', gone);
    r.port.send({ type: 'STATUS', armed: false, authenticated: true, reservoirNl: 1, batteryPct: 100, needleSeated: true, faultFlags: 0, gunTimeMs: 1, lastRecordId: 0 });
    await tick(1300);
    r.port.feed(new Uint8Array([1, 2, 3, 0])); // garbage is not a sign of life
    await tick(99);
    expect(gone).not.toHaveBeenCalled();
    await tick(1);
    expect(gone).toHaveBeenCalledOnce();
    expect(r.port.isOpen).toBe(false);
    expect(r.port.opened).toHaveLength(1);
    await tick(200);
    expect(r.port.opened).toHaveLength(2);
    expect(r.link.state).toBe('ready');
    expect(r.link.stats.reconnects).toBe(1);
    expect(r.link.stats.decoder.framesBad).toBeGreaterThan(0);
    await r.link.stop();
  });

  it('treats close (unplug) as link loss, backs off 200 ms doubling while the port is missing', async () => {
    const r = rig();
    await ready(r);
    const failures = vi.fn();
    r.link.on('connect-failed', failures);
    r.port.openError = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    r.port.unplug();
    expect(r.link.state).toBe('disconnected');
    await tick(200);
    expect(failures).toHaveBeenCalledWith({ error: expect.objectContaining({ code: 'port-not-found' }) });
    await tick(399);
    expect(r.port.opened).toHaveLength(1);
    await tick(1);
    await tick(5);
    expect(r.port.opened).toHaveLength(2);
    expect(r.link.state).toBe('ready');
    await r.link.stop();
  });

  it('stop() leaves no timers behind', async () => {
    const r = rig();
    await ready(r);
    await r.link.stop();
    expect(r.link.state).toBe('stopped');
    expect(r.port.isOpen).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a port permission error names the dialout fix', async () => {
    const r = rig();
    r.port.openError = Object.assign(new Error('Error: Permission denied, cannot open /dev/ttyACM0'), { code: 'EACCES' });
    const failed = vi.fn();
    r.link.on('connect-failed', failed);
    r.link.start();
    await tick(0);
    expect(failed.mock.calls[0]?.[0].error).toMatchObject({ code: 'port-permission', message: expect.stringMatching(/usermod -aG dialout/) });
    await r.link.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('GunLink with discovery and gun events', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('finds the port by USB id and serial number, and rediscovers it after an unplug', async () => {
    const port = new FakePort();
    const keys = new MemoryKeyStore();
    keys.set('SIM-0001', KEY);
    new ScriptedGun(port, { key: KEY });
    let listed: { path: string; vendorId: string; productId: string; serialNumber: string }[] = [
      { path: '/dev/ttyACM0', vendorId: '1209', productId: 'a9e5', serialNumber: 'OTHER' },
      { path: '/dev/ttyACM1', vendorId: '1209', productId: 'a9e5', serialNumber: 'MG9-1' },
    ];
    const link = new GunLink({
      discovery: { ids: [{ vendorId: '1209', productId: 'A9E5' }], serialNumber: 'MG9-1', list: async () => listed },
      keyStore: keys,
      sink: new MemoryDoseSink(),
      stationName: 'Room 1',
      portFactory: port.factory,
    });
    link.start();
    await tick(10);
    expect(port.opened).toEqual(['/dev/ttyACM1']);
    expect(link.state).toBe('ready');
    listed = [{ path: '/dev/ttyACM3', vendorId: '1209', productId: 'a9e5', serialNumber: 'MG9-1' }]; // re-enumerated
    port.unplug();
    await tick(210);
    expect(port.opened).toEqual(['/dev/ttyACM1', '/dev/ttyACM3']);
    expect(link.state).toBe('ready');
    await link.stop();
  });

  it('reports a missing udevadm through connect-failed, never as an unhandled rejection', async () => {
    const failed = vi.fn();
    const link = new GunLink({
      discovery: { ids: [{ vendorId: '1209', productId: 'a9e5' }], list: () => Promise.reject(Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' })) },
      keyStore: new MemoryKeyStore(),
      sink: new MemoryDoseSink(),
      stationName: 'Room 1',
      portFactory: new FakePort().factory,
    });
    link.on('connect-failed', failed);
    link.start();
    await tick(0);
    expect(failed.mock.calls[0]?.[0].error).toMatchObject({ code: 'udev-missing', message: expect.stringMatching(/[Ii]nstall udev/) });
    expect(link.state).toBe('disconnected');
    await link.stop();
  });

  it('emits status and fault events from the gun', async () => {
    const r = rig();
    await ready(r);
    const statuses = vi.fn();
    const faults = vi.fn();
    r.link.on('status', statuses);
    r.link.on('fault', faults);
    r.port.send({ type: 'STATUS', armed: true, authenticated: true, reservoirNl: 900_000, batteryPct: 80, needleSeated: true, faultFlags: 0b10, gunTimeMs: 5, lastRecordId: 0 });
    r.port.send({ type: 'FAULT', code: 3, active: true, detail: 'line pressure too high' });
    expect(statuses).toHaveBeenCalledWith(expect.objectContaining({ armed: true, faults: ['reservoirLow'] }));
    expect(faults).toHaveBeenCalledWith({ fault: 'occlusion', active: true, detail: 'line pressure too high' });
    expect(r.link.armed).toBe(true);
    await r.link.stop();
  });

  it('a NAK notAuthenticated while ready means the gun restarted: the link starts over', async () => {
    const r = rig();
    await ready(r);
    await r.link.setProfile(DEFAULT_PROFILE);
    r.gun.overrides.set('ARM', () => ({ type: 'NAK', code: 4, field: '', message: 'authenticate first' }));
    await expect(r.link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready' });
    expect(r.link.state).toBe('disconnected');
    r.gun.overrides.delete('ARM');
    await tick(210);
    expect(r.link.state).toBe('ready');
    await r.link.stop();
  });

  it('a STATUS saying the gun holds no authenticated session makes the link start over at once', async () => {
    const r = rig();
    await ready(r);
    const hellos = () => r.port.requests.filter((f) => f.message.type === 'HELLO').length;
    expect(hellos()).toBe(1);
    r.port.send({ type: 'STATUS', armed: false, authenticated: false, reservoirNl: 1, batteryPct: 100, needleSeated: true, faultFlags: 0, gunTimeMs: 1, lastRecordId: 0 });
    expect(r.link.state).toBe('disconnected');
    await tick(210);
    expect(hellos()).toBe(2);
    expect(r.link.state).toBe('ready');
    await r.link.stop();
  });

  it('asks for a replay when the gun reports records that do not arrive', async () => {
    const r = rig();
    await ready(r);
    const syncs = () => r.port.requests.filter((f) => f.message.type === 'SYNC_FROM').length;
    expect(syncs()).toBe(1);
    for (let t = 0; t < 2000; t += 400) {
      r.port.send({ type: 'STATUS', armed: false, authenticated: true, reservoirNl: 1, batteryPct: 100, needleSeated: true, faultFlags: 0, gunTimeMs: t, lastRecordId: 3 });
      await tick(400);
    }
    expect(syncs()).toBe(2);
    expect(r.port.lastRequest()?.message).toEqual({ type: 'SYNC_FROM', afterRecordId: 0 });
    await r.link.stop();
  });
});
