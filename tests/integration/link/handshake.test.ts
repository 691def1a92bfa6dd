// Acceptance 1 and 5 over a real socat pty against the simulator: handshake, pairing with the code
// the gun shows, authentication on reconnect, and every way a gun is refused arming with a reason.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../../device/protocol/index.js';
import { GunLink, MemoryDoseSink, MemoryKeyStore } from '../../../device/link/index.js';
import { SimulatedGun } from '../../../device/sim/index.js';
import { pairUntilReady, waitForState, waitUntil } from '../../support/linkWait.js';
import { useTeardown } from '../../support/teardown.js';

const stopAfterTest = useTeardown();

async function startGun(opts: Parameters<typeof SimulatedGun.start>[0] = {}): Promise<SimulatedGun> {
  const gun = await SimulatedGun.start(opts);
  stopAfterTest(() => gun.stop());
  return gun;
}

function startLink(gun: SimulatedGun, keys = new MemoryKeyStore(), extra: Partial<ConstructorParameters<typeof GunLink>[0]> = {}): GunLink {
  const link = new GunLink({ path: gun.stationPath, keyStore: keys, sink: new MemoryDoseSink(), stationName: 'Room 1', ...extra });
  stopAfterTest(() => link.stop());
  link.start();
  return link;
}

/** Counts STATUS frames the link takes from now on: each proves the link heard the gun again. */
function statusCounter(link: GunLink): () => number {
  let n = 0;
  link.on('status', () => n++);
  return () => n;
}

describe('link handshake, pairing and refusal (real pty, simulator)', () => {
  it('pairs with the displayed code, then authenticates on reconnect without pairing again', async () => {
    const gun = await startGun();
    const keys = new MemoryKeyStore();
    const link = startLink(gun, keys);
    await waitForState(link, 'awaiting-pairing');
    expect(link.identity).toMatchObject({ serial: 'SIM-0001', simulated: true, protocolVersion: 3 });
    await expect(link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready', message: expect.stringMatching(/not paired/) });
    // A wrong code is refused and ends that pairing attempt.
    await link.beginPairing();
    const wrong = gun.pairingCode === '000000' ? '111111' : '000000';
    await expect(link.pair(wrong)).rejects.toMatchObject({ code: 'pairing-code-wrong' });
    expect(gun.model.paired).toBe(false);
    await pairUntilReady(link, gun);
    expect(keys.get('SIM-0001')).toHaveLength(32);

    await link.setProfile(DEFAULT_PROFILE);
    await link.arm(1_000_000);
    await waitUntil('gun armed', () => gun.armed, 2000);

    // Unplug and replug: the link reconnects, authenticates with the stored key, the gun is disarmed.
    const states: string[] = [];
    link.on('state', (s) => states.push(s));
    await gun.unplug();
    await waitForState(link, 'disconnected', 3000);
    await gun.replug();
    await waitForState(link, 'ready', 8000);
    expect(states).toContain('authenticating');
    expect(states).not.toContain('awaiting-pairing');
    expect(gun.armed).toBe(false);
    // Arming needs the profile echoed again on this connection.
    await expect(link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready', field: 'profile' });
    await link.setProfile(DEFAULT_PROFILE);
    await link.arm(1_000_000);
    await waitUntil('gun armed again', () => gun.armed, 2000);
    // Every frame of the authenticated connections verified on both sides.
    expect(link.stats.auth.refused).toEqual({ untagged: 0, badTag: 0, replayed: 0, outOfWindow: 0 });
    expect(gun.stats.auth.refused).toEqual({ untagged: 0, badTag: 0, replayed: 0, outOfWindow: 0 });
  });

  it('refuses a gun holding another key (wrong-key) and never arms it', async () => {
    const gun = await startGun();
    const keys = new MemoryKeyStore();
    keys.set('SIM-0001', new Uint8Array(32).fill(3));
    gun.setKey(new Uint8Array(32).fill(4));
    const link = startLink(gun, keys);
    await waitForState(link, 'refused');
    expect(link.refusal).toMatchObject({ code: 'wrong-key', message: expect.stringMatching(/another gun|another station/) });
    await expect(link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready', message: expect.stringMatching(/key/) });
    expect(gun.armed).toBe(false);
    // Re-pairing in the room (the code on the gun) replaces the key; then it can be used.
    await pairUntilReady(link, gun);
    expect(keys.get('SIM-0001')).not.toEqual(new Uint8Array(32).fill(3));
    // The silence watchdog is live again, and the gun's STATUS keeps it fed: four STATUS frames span
    // more than the 1.4 s the watchdog allows, and the link stayed ready through all of them.
    const disconnects: string[] = [];
    link.on('disconnected', ({ reason }) => disconnects.push(reason));
    const statuses = statusCounter(link);
    await waitUntil('four STATUS frames', () => statuses() >= 4, 4000);
    expect(disconnects).toEqual([]);
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

  it('refuses a version-2 gun (no authenticated frames) with a clear reason, and never arms it', async () => {
    const gun = await startGun({ protocolVersion: 2 });
    const link = startLink(gun);
    await waitForState(link, 'refused');
    expect(link.refusal).toMatchObject({
      code: 'protocol-version',
      message: expect.stringMatching(/speaks protocol version 2; this station speaks version 3, which authenticates the pairing, every frame and every dose record/),
    });
    await expect(link.arm(1_000_000)).rejects.toMatchObject({ code: 'not-ready', message: expect.stringMatching(/protocol version 2/) });
    // It stays refused: its frames cannot be decoded, so silence does not make the link flap. The
    // decoder sees its STATUS frames (as version errors) for longer than the 1.4 s watchdog.
    const disconnects: string[] = [];
    link.on('disconnected', ({ reason }) => disconnects.push(reason));
    const versionErrors = () => link.stats.decoder.byKind.version ?? 0;
    const from = versionErrors();
    await waitUntil('four STATUS frames of the old version', () => versionErrors() - from >= 4, 4000);
    expect(disconnects).toEqual([]);
    expect(link.state).toBe('refused');
    expect(gun.armed).toBe(false);
  });

  it('refuses a profile outside the limits on both sides, naming the field', async () => {
    const gun = await startGun();
    const keys = new MemoryKeyStore();
    const link = startLink(gun, keys);
    await pairUntilReady(link, gun);
    // Station side: checked against the gun's IDENTITY limits, nothing sent.
    const framesBefore = gun.stats.framesIn;
    await expect(link.setProfile({ ...DEFAULT_PROFILE, doseNl: 250_000 })).rejects.toMatchObject({
      code: 'out-of-limits',
      field: 'doseNl',
      message: expect.stringMatching(/dose 250 uL is outside/),
    });
    expect(gun.profile).toBeNull();
    expect(gun.stats.framesIn - framesBefore).toBeLessThanOrEqual(2); // heartbeats only

    // Gun side: a second link to the same gun with the station precheck off gets the gun's own NAK.
    await link.stop();
    const raw = startLink(gun, keys, { precheckProfiles: false });
    await waitForState(raw, 'ready');
    await expect(raw.setProfile({ ...DEFAULT_PROFILE, depthUm: 7_000 })).rejects.toMatchObject({
      code: 'out-of-limits',
      field: 'depthUm',
      message: expect.stringMatching(/depthUm.*depth 7 mm is outside/),
    });
    expect(gun.profile).toBeNull();
    await expect(raw.setProfile(DEFAULT_PROFILE)).resolves.toEqual(DEFAULT_PROFILE);
  });
});
