// Acceptance 1 and 5 over a real socat pty against the simulator: handshake, pairing with the code
// the gun shows, authentication on reconnect, and every way a gun is refused arming with a reason.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../../device/protocol/index.js';
import { GunLink } from '../../../device/link/GunLink.js';
import { MemoryDoseSink, MemoryKeyStore } from '../../../device/link/memorySink.js';
import { SimulatedGun } from '../../../device/sim/harness.js';
import { sleep, waitForState, waitUntil } from '../../support/linkWait.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startGun(opts: Parameters<typeof SimulatedGun.start>[0] = {}): Promise<SimulatedGun> {
  const gun = await SimulatedGun.start(opts);
  cleanups.push(() => gun.stop());
  return gun;
}

function startLink(gun: SimulatedGun, keys = new MemoryKeyStore(), extra: Partial<ConstructorParameters<typeof GunLink>[0]> = {}): GunLink {
  const link = new GunLink({ path: gun.stationPath, keyStore: keys, sink: new MemoryDoseSink(), stationName: 'Room 1', ...extra });
  cleanups.push(() => link.stop());
  link.start();
  return link;
}

async function pairWithDisplayedCode(link: GunLink, gun: SimulatedGun): Promise<void> {
  await waitForState(link, 'awaiting-pairing');
  const shown = new Promise<string>((resolve) => gun.sim.once('pairing-code', resolve));
  await link.beginPairing();
  const code = await shown;
  expect(gun.sim.pairingCode).toBe(code);
  await link.pair(code);
  await waitForState(link, 'ready');
}

describe('link handshake, pairing and refusal (real pty, simulator)', () => {
  it('pairs with the displayed code, then authenticates on reconnect without pairing again', async () => {
    const gun = await startGun();
    const keys = new MemoryKeyStore();
    const link = startLink(gun, keys);
    await waitForState(link, 'awaiting-pairing');
    expect(link.identity).toMatchObject({ serial: 'SIM-0001', simulated: true, protocolVersion: 2 });
    await expect(link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready', message: expect.stringMatching(/not paired/) });
    // A wrong code is refused and ends that pairing attempt.
    await link.beginPairing();
    const wrong = gun.sim.pairingCode === '000000' ? '111111' : '000000';
    await expect(link.pair(wrong)).rejects.toMatchObject({ code: 'pairing-code-wrong' });
    await pairWithDisplayedCode(link, gun);
    expect(keys.get('SIM-0001')).toHaveLength(32);

    await link.setProfile(DEFAULT_PROFILE);
    await link.arm(1_000_000);
    await waitUntil('gun armed', () => gun.sim.armed, 2000);

    // Unplug and replug: the link reconnects, authenticates with the stored key, the gun is disarmed.
    const states: string[] = [];
    link.on('state', (s) => states.push(s));
    await gun.unplug();
    await waitForState(link, 'disconnected', 3000);
    await sleep(100);
    await gun.replug();
    await waitForState(link, 'ready', 8000);
    expect(states).toContain('authenticating');
    expect(states).not.toContain('awaiting-pairing');
    expect(gun.sim.armed).toBe(false);
    // Arming needs the profile echoed again on this connection.
    await expect(link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready', field: 'profile' });
    await link.setProfile(DEFAULT_PROFILE);
    await link.arm(1_000_000);
    await waitUntil('gun armed again', () => gun.sim.armed, 2000);
  });

  it('refuses a gun holding another key (wrong-key) and never arms it', async () => {
    const gun = await startGun();
    const keys = new MemoryKeyStore();
    keys.set('SIM-0001', new Uint8Array(32).fill(3));
    gun.sim.setKey(new Uint8Array(32).fill(4));
    const link = startLink(gun, keys);
    await waitForState(link, 'refused');
    expect(link.refusal).toMatchObject({ code: 'wrong-key', message: expect.stringMatching(/another gun|another station/) });
    await expect(link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready', message: expect.stringMatching(/key/) });
    expect(gun.sim.armed).toBe(false);
    // Re-pairing in the room (the code on the gun) replaces the key; then it can be used.
    const shown = new Promise<string>((resolve) => gun.sim.once('pairing-code', resolve));
    await link.beginPairing();
    await link.pair(await shown);
    await waitForState(link, 'ready');
    expect(keys.get('SIM-0001')).not.toEqual(new Uint8Array(32).fill(3));
    await sleep(1600); // the silence watchdog is live again, and STATUS keeps it fed
    expect(link.state).toBe('ready');
  });

  it('an unknown serial waits for pairing and cannot be armed', async () => {
    const gun = await startGun({ serial: 'SIM-0777' });
    const keys = new MemoryKeyStore();
    keys.set('SIM-0001', new Uint8Array(32).fill(3)); // a key, but for another gun
    const link = startLink(gun, keys);
    await waitForState(link, 'awaiting-pairing');
    expect(link.refusal).toMatchObject({ code: 'not-paired', message: expect.stringMatching(/SIM-0777 is not paired/) });
    await expect(link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready' });
    await expect(link.setProfile(DEFAULT_PROFILE)).rejects.toMatchObject({ code: 'not-ready' });
  });

  it('refuses a gun that speaks protocol version 1 (ARM without a budget), with a clear reason', async () => {
    const gun = await startGun({ protocolVersion: 1 });
    const link = startLink(gun);
    await waitForState(link, 'refused');
    expect(link.refusal).toMatchObject({ code: 'protocol-version', message: expect.stringMatching(/protocol version 1; this station speaks version 2/) });
    await expect(link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready', message: expect.stringMatching(/protocol version 1/) });
    // It stays refused (its frames cannot be decoded, so silence does not make the link flap).
    await sleep(1600);
    expect(link.state).toBe('refused');
  });

  it('refuses a profile outside the limits on both sides, naming the field', async () => {
    const gun = await startGun();
    const keys = new MemoryKeyStore();
    const link = startLink(gun, keys);
    await pairWithDisplayedCode(link, gun);
    // Station side: checked against the gun's IDENTITY limits, nothing sent.
    const framesBefore = gun.sim.stats.framesIn;
    await expect(link.setProfile({ ...DEFAULT_PROFILE, doseNl: 250_000 })).rejects.toMatchObject({
      code: 'out-of-limits',
      field: 'doseNl',
      message: expect.stringMatching(/dose 250 uL is outside/),
    });
    expect(gun.sim.profile).toBeNull();
    expect(gun.sim.stats.framesIn - framesBefore).toBeLessThanOrEqual(2); // heartbeats only

    // Gun side: a second link to the same gun with the station precheck off gets the gun's own NAK.
    await link.stop();
    const raw = startLink(gun, keys, { precheckProfiles: false });
    await waitForState(raw, 'ready');
    await expect(raw.setProfile({ ...DEFAULT_PROFILE, depthUm: 7_000 })).rejects.toMatchObject({
      code: 'out-of-limits',
      field: 'depthUm',
      message: expect.stringMatching(/depthUm.*depth 7 mm is outside/),
    });
    expect(gun.sim.profile).toBeNull();
    await expect(raw.setProfile(DEFAULT_PROFILE)).resolves.toEqual(DEFAULT_PROFILE);
  });
});
