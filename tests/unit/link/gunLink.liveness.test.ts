// GunLink liveness, reconnect and discovery, and the gun's own events, against a scripted gun.
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_PROFILE, encodeFrame } from '../../../device/protocol/index.js';
import { GunLink, MemoryDoseSink, MemoryKeyStore } from '../../../device/link/index.js';
import { FakePort } from '../../support/fakePort.js';
import { identityMessage, ScriptedGun } from '../../support/scriptedGun.js';
import { KEY, ready, statusMessage, tick, useLinkRigs } from './linkRig.js';

const { rig, track } = useLinkRigs();

describe('GunLink liveness and reconnect', () => {
  it('heartbeats every 500 ms', async () => {
    const r = rig();
    await ready(r);
    const beats = () => r.port.frames.filter((f) => f.message.type === 'HEARTBEAT').length;
    const n = beats();
    r.gun.send(statusMessage());
    await tick(1000);
    expect(beats() - n).toBe(2);
  });

  it('declares the gun gone after 1.4 s without a valid frame, then reopens after 200 ms', async () => {
    const r = rig();
    await ready(r);
    const gone = vi.fn();
    r.link.on('disconnected', gone);
    r.gun.send(statusMessage());
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
  });

  // The wait doubles for a gun that is not there (silence), not for one whose answers arrive damaged:
  // it is on the line, and waiting longer would not clean the line.
  for (const [line, reply, secondOpenAt, thirdOpenAt] of [
    ['silent', 'no reply', 1450 + 400, 1450 + 400 + 1250 + 800],
    ['noisy', 'a damaged reply', 1450 + 200, 1450 + 200 + 1250 + 200],
  ] as const) {
    it(`a gun whose HELLO gets ${reply} is retried after ${secondOpenAt - 1450} ms, then ${thirdOpenAt - secondOpenAt - 1250} ms (${line} line)`, async () => {
      const r = rig();
      await ready(r);
      r.gun.overrides.set('HELLO', (f) => {
        if (line === 'noisy') {
          const bytes = encodeFrame({ ack: f.seq, message: identityMessage() });
          bytes[12] = bytes[12]! ^ 0x40; // one flipped bit: the CRC fails
          r.port.feed(bytes);
        }
        return null;
      });
      const reasons: string[] = [];
      r.link.on('disconnected', (e) => reasons.push(e.reason));
      r.port.unplug(); // lost at t = 0; reopened at 200 ms; HELLO and its 4 retransmits run out at 1450 ms
      await tick(1450);
      expect(r.port.opened).toHaveLength(2);
      expect(reasons).toEqual(['unplugged', expect.stringMatching(/did not answer HELLO/)]);
      await tick(secondOpenAt - 1450 - 1);
      expect(r.port.opened).toHaveLength(2);
      await tick(1);
      expect(r.port.opened).toHaveLength(3);
      await tick(thirdOpenAt - secondOpenAt - 1);
      expect(r.port.opened).toHaveLength(3);
      await tick(1);
      expect(r.port.opened).toHaveLength(4);
      expect(r.link.stats.decoder.framesBad > 0).toBe(line === 'noisy');
    });
  }

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

  it('a rebooted gun (untagged frames, no session) is dropped by the watchdog and authenticated afresh', async () => {
    const r = rig();
    await ready(r);
    const hellos = () => r.port.requests.filter((f) => f.message.type === 'HELLO').length;
    const gone = vi.fn();
    r.link.on('disconnected', gone);
    // The gun restarted behind a port that stayed open: it has no session, so its frames are untagged.
    r.gun.session = null;
    for (let i = 0; i < 3; i++) {
      r.gun.send(statusMessage({ authenticated: false }));
      await tick(500);
    }
    expect(gone).toHaveBeenCalledWith({ reason: expect.stringMatching(/no frame from the gun/) });
    expect(r.link.stats.auth.refused.untagged).toBe(3);
    await tick(210);
    expect(hellos()).toBe(2);
    expect(r.link.state).toBe('ready');
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
  });

  it('asks for a replay when the gun reports records that do not arrive', async () => {
    const r = rig();
    await ready(r);
    const syncs = () => r.port.requests.filter((f) => f.message.type === 'SYNC_FROM').length;
    expect(syncs()).toBe(1);
    for (let t = 0; t < 2000; t += 400) {
      r.gun.send(statusMessage({ gunTimeMs: t, lastRecordId: 3 }));
      await tick(400);
    }
    expect(syncs()).toBe(2);
    expect(r.port.lastRequest()?.message).toEqual({ type: 'SYNC_FROM', afterRecordId: 0 });
  });
});

describe('GunLink with discovery and gun events', () => {
  it('finds the port by USB id and serial number, and rediscovers it after an unplug', async () => {
    const port = new FakePort();
    const keys = new MemoryKeyStore();
    keys.set('SIM-0001', KEY);
    new ScriptedGun(port, { key: KEY });
    let listed: { path: string; vendorId: string; productId: string; serialNumber: string }[] = [
      { path: '/dev/ttyACM0', vendorId: '1209', productId: 'a9e5', serialNumber: 'OTHER' },
      { path: '/dev/ttyACM1', vendorId: '1209', productId: 'a9e5', serialNumber: 'MG9-1' },
    ];
    const link = track(
      new GunLink({
        discovery: { ids: [{ vendorId: '1209', productId: 'A9E5' }], serialNumber: 'MG9-1', list: async () => listed },
        keyStore: keys,
        sink: new MemoryDoseSink(),
        stationName: 'Room 1',
        portFactory: port.factory,
      }),
    );
    link.start();
    await tick(10);
    expect(port.opened).toEqual(['/dev/ttyACM1']);
    expect(link.state).toBe('ready');
    listed = [{ path: '/dev/ttyACM3', vendorId: '1209', productId: 'a9e5', serialNumber: 'MG9-1' }]; // re-enumerated
    port.unplug();
    await tick(210);
    expect(port.opened).toEqual(['/dev/ttyACM1', '/dev/ttyACM3']);
    expect(link.state).toBe('ready');
  });

  it('reports a missing udevadm through connect-failed, never as an unhandled rejection', async () => {
    const failed = vi.fn();
    const link = track(
      new GunLink({
        discovery: { ids: [{ vendorId: '1209', productId: 'a9e5' }], list: () => Promise.reject(Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' })) },
        keyStore: new MemoryKeyStore(),
        sink: new MemoryDoseSink(),
        stationName: 'Room 1',
        portFactory: new FakePort().factory,
      }),
    );
    link.on('connect-failed', failed);
    link.start();
    await tick(0);
    expect(failed.mock.calls[0]?.[0].error).toMatchObject({ code: 'udev-missing', message: expect.stringMatching(/[Ii]nstall udev/) });
    expect(link.state).toBe('disconnected');
  });

  it('emits status and fault events from the gun, unknown codes named as such', async () => {
    const r = rig();
    await ready(r);
    const statuses = vi.fn();
    const faults = vi.fn();
    r.link.on('status', statuses);
    r.link.on('fault', faults);
    r.gun.send(statusMessage({ armed: true, reservoirNl: 900_000, batteryPct: 80, faultFlags: 0b10 | (1 << 12), gunTimeMs: 5 }));
    r.gun.send({ type: 'FAULT', code: 3, active: true, detail: 'line pressure too high' });
    r.gun.send({ type: 'FAULT', code: 13, active: true, detail: 'new firmware fault' });
    expect(statuses).toHaveBeenCalledWith(expect.objectContaining({ armed: true, faults: ['reservoirLow', 'unknown (code 13)'] }));
    expect(faults).toHaveBeenNthCalledWith(1, { fault: 'occlusion', active: true, detail: 'line pressure too high' });
    expect(faults).toHaveBeenNthCalledWith(2, { fault: 'unknown (code 13)', active: true, detail: 'new firmware fault' });
    expect(r.link.armed).toBe(true);
  });

  it('shows no status before authentication: an unauthenticated STATUS proves nothing', async () => {
    const r = rig({ key: null });
    const statuses = vi.fn();
    r.link.on('status', statuses);
    r.link.start();
    await tick(10);
    expect(r.link.state).toBe('awaiting-pairing');
    r.port.send(statusMessage({ armed: true }));
    await tick(1);
    expect(statuses).not.toHaveBeenCalled();
    expect(r.link.status).toBeNull();
  });
});
