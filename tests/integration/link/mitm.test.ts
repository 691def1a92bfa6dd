// A man in the middle between two real socat pty pairs (tests/support/mitm.ts): it can drop, inject,
// replay, modify and reorder frames each way. Injected ARM, SET_PROFILE, RECORD_ACK, DOSE_RECORD and
// STATUS frames never take effect and are counted by kind; replays are refused; a burst of bad tags
// ends the session and disarms the gun; and with 1 % of bytes corrupted each way, frames dropped,
// reordered and forged, and 5 unplugs over 500 shots, every record arrives exactly once. (This last
// test replaces the earlier corruption-only one: the same noise, plus everything else.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GunLink, MemoryDoseSink, MemoryKeyStore, type DoseSink } from '../../../device/link/index.js';
import { DEFAULT_PROFILE, encodeFrame, FrameSealer, type Message } from '../../../device/protocol/index.js';
import { SimulatedGun } from '../../../device/sim/index.js';
import { tryEveryForgery } from '../../support/forgeries.js';
import { pairUntilReady, sleep, waitForState, waitUntil } from '../../support/linkWait.js';
import { ManInTheMiddle } from '../../support/mitm.js';
import { fireUntil, toWire, unplugFor, waitForRecords, type Disruption } from '../../support/shotDriver.js';
import { SqliteDoseSink } from '../../support/sqliteDoseSink.js';
import { useTeardown } from '../../support/teardown.js';

const stopAfterTest = useTeardown();

async function rig(opts: { sink?: DoseSink; seed?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'link-mitm-'));
  stopAfterTest(() => rmSync(dir, { recursive: true, force: true }));
  const gun = await SimulatedGun.start({ dir: join(dir, 'gun-pty'), reservoirNl: 10_000_000, seed: opts.seed ?? 31 });
  stopAfterTest(() => gun.stop());
  const mitm = await ManInTheMiddle.start(gun, { dir: join(dir, 'station-pty'), seed: opts.seed ?? 31 });
  stopAfterTest(() => mitm.stop());
  const sink = opts.sink ?? new MemoryDoseSink();
  const link = new GunLink({ path: mitm.stationPath, keyStore: new MemoryKeyStore(), sink, stationName: 'Room 1' });
  stopAfterTest(() => link.stop());
  link.start();
  await pairUntilReady(link, gun);
  return { dir, gun, mitm, link, sink };
}

const forged = (message: Message) => encodeFrame({ message, sealer: new FrameSealer(new Uint8Array(32).fill(0x77)) });

describe('a man in the middle', () => {
  it('injected ARM, SET_PROFILE, RECORD_ACK, DOSE_RECORD and STATUS never take effect, and each is counted by kind', async () => {
    const { gun, mitm, link, sink } = await rig();
    const memory = sink as MemoryDoseSink;
    const report = await tryEveryForgery({ mitm, gun, link, stored: () => memory.all('SIM-0001') });
    expect(report.effects).toEqual([]);
    expect(report.notRefused).toBe(0);
    for (const type of ['ARM', 'SET_PROFILE', 'RECORD_ACK', 'DOSE_RECORD', 'STATUS'] as const) {
      expect(report.injected[type], type).toBeGreaterThanOrEqual(3);
      expect(report.refused[type], type).toBe(report.injected[type]);
    }
    // Replays of genuine frames were refused as such, at both ends.
    const replays = (s: { refused: { replayed: number; outOfWindow: number } }) => s.refused.replayed + s.refused.outOfWindow;
    expect(replays(gun.stats.auth)).toBeGreaterThanOrEqual(3);
    expect(replays(link.stats.auth)).toBeGreaterThanOrEqual(2);
    // Nothing the forgers did ended a session: each forgery was refused on its own.
    expect(gun.stats.auth.bursts + link.stats.auth.bursts).toBe(0);
    console.log(JSON.stringify(report));
  }, 60_000);

  it('a burst of bad tags ends the session: the gun disarms as on heartbeat loss, the link starts over', async () => {
    const { gun, mitm, link } = await rig();
    await link.setProfile(DEFAULT_PROFILE);
    await link.arm(1_000_000);
    await waitUntil('gun armed', () => gun.armed, 2000);
    const disarmed = new Promise<string>((resolve) => gun.once('disarmed', resolve));
    const dropped = new Promise<string>((resolve) => gun.once('session-dropped', resolve));
    for (let i = 0; i < 5; i++) mitm.inject('toGun', forged({ type: 'HEARTBEAT', stationTimeMs: i }));
    expect(await disarmed).toBe('auth-failures');
    expect(await dropped).toBe('auth-failures');
    expect(gun.stats.auth.bursts).toBe(1);
    // The gun holds no session now; the station notices (its frames go unanswered) and starts over.
    await waitUntil('link through a disconnect and ready again', () => link.stats.disconnects >= 1 && link.state === 'ready', 8000);
    expect(gun.armed).toBe(false);

    // And the other way: a burst of forged frames at the station drops its connection at once.
    const gone = new Promise<string>((resolve) => link.once('disconnected', ({ reason }) => resolve(reason)));
    for (let i = 0; i < 5; i++) mitm.inject('toStation', forged({ type: 'STATUS', armed: false, authenticated: true, reservoirNl: 1, batteryPct: 1, needleSeated: true, faultFlags: 0, gunTimeMs: i, lastRecordId: 0 }));
    expect(await gone).toMatch(/burst of frames failed authentication/);
    await waitForState(link, 'ready', 8000);
  }, 60_000);

  it('1 % corruption, drops, reordering, forgeries and 5 unplugs over 500 shots: every record exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'link-mitm-sink-'));
    stopAfterTest(() => rmSync(dir, { recursive: true, force: true }));
    const sink = new SqliteDoseSink(join(dir, 'doses.db'));
    stopAfterTest(() => sink.close());
    const { gun, mitm, link } = await rig({ sink, seed: 47 });
    const doses = new Map<number, number>();
    link.on('dose', (d) => doses.set(d.recordId, (doses.get(d.recordId) ?? 0) + 1));
    for (const d of ['toGun', 'toStation'] as const) mitm.policy(d, { corrupt: 0.01, drop: 0.005, reorder: 0.005 });
    // A forger keeps trying while the shots go on: one frame every 700 ms, alternating ends and kinds.
    const forgeries: [Parameters<ManInTheMiddle['inject']>[0], Message][] = [
      ['toGun', { type: 'ARM', budgetNl: 0xffff_ffff }],
      ['toStation', { type: 'DOSE_RECORD', recordId: 1, commandedNl: 1, deliveredNl: 1, depthUm: 1, entryPct: 0, dwellPct: 100, exitPct: 0, mode: 1, startedAtMs: 1, endedAtMs: 1, fault: 0, recordMac: new Uint8Array(32) }],
      ['toGun', { type: 'RECORD_ACK', recordId: 1 }],
      ['toStation', { type: 'STATUS', armed: false, authenticated: true, reservoirNl: 1, batteryPct: 1, needleSeated: true, faultFlags: 0, gunTimeMs: 1, lastRecordId: 0 }],
    ];
    let n = 0;
    const forger = setInterval(() => {
      const [d, m] = forgeries[n++ % forgeries.length]!;
      mitm.inject(d, n % 2 === 0 ? forged(m) : encodeFrame({ message: m }));
    }, 700);
    stopAfterTest(() => clearInterval(forger));
    const stationUnplug = (atRecords: number, ms: number): Disruption => ({
      atRecords,
      label: `station cable out ${ms} ms at ${atRecords}`,
      run: async () => {
        await mitm.unplugStation();
        await sleep(ms);
        await mitm.replugStation();
      },
    });
    const log: string[] = [];
    await fireUntil(link, gun, 500, {
      disruptions: [unplugFor(60, 300), stationUnplug(150, 400), unplugFor(240, 500), stationUnplug(330, 300), unplugFor(420, 200)],
      log: (s) => log.push(s),
    });
    clearInterval(forger);
    const made = gun.log.length;
    expect(made).toBe(500);
    await waitForRecords(() => sink.count('SIM-0001'), made, 30_000);
    for (const d of ['toGun', 'toStation'] as const) mitm.policy(d, {});
    await waitUntil('the gun holds no unacknowledged record', () => gun.unackedRecordIds.length === 0, 8000);

    const stored = sink.all('SIM-0001');
    expect(stored.map(toWire)).toEqual(gun.log); // nothing lost, nothing invented, nothing altered
    expect(stored.every((r) => r.authenticated)).toBe(true);
    // The noise was real, and caught by the CRC before any tag was checked.
    expect(link.stats.decoder.framesBad).toBeGreaterThan(0);
    expect(gun.stats.framesBad).toBeGreaterThan(0);
    expect(doses.size).toBe(made);
    expect([...doses.values()].every((c) => c === 1)).toBe(true);
    expect(log.filter((l) => l.includes('cable') || l.includes('unplug'))).toHaveLength(5);
    expect(n).toBeGreaterThan(20);
    const refusedForgeries = (['ARM', 'RECORD_ACK', 'DOSE_RECORD', 'STATUS'] as const).map((t) => (gun.stats.auth.refusedByType[t] ?? 0) + (link.stats.auth.refusedByType[t] ?? 0));
    expect(refusedForgeries.every((c) => c > 0)).toBe(true);
    console.log(JSON.stringify({ disruptions: log, forgeries: n, mitm: { toGun: mitm.stats('toGun'), toStation: mitm.stats('toStation') }, link: link.stats, gun: gun.stats }));
  }, 240_000);
});
