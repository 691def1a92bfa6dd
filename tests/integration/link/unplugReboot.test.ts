// Acceptance 2: 500 shots at the gun's full rate with the cable pulled 5 times and the gun rebooted
// twice mid-stream. Every record reaches the SQLite sink exactly once and the delivered volume adds
// up to the simulator's own total.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { GunLink } from '../../../device/link/GunLink.js';
import { MemoryKeyStore } from '../../../device/link/memorySink.js';
import { SimulatedGun } from '../../../device/sim/harness.js';
import { sleep, waitForState } from '../../support/linkWait.js';
import { fireUntil, rebootAt, toWire, unplugFor, waitForRecords } from '../../support/shotDriver.js';
import { SqliteDoseSink } from '../../support/sqliteDoseSink.js';

const dir = mkdtempSync(join(tmpdir(), 'link-unplug-'));
const cleanups: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('500 shots, 5 unplugs, 2 reboots: every record exactly once, volumes add up', async () => {
  const gun = await SimulatedGun.start({ dir: join(dir, 'pty'), reservoirNl: 10_000_000, seed: 11 });
  cleanups.push(() => gun.stop());
  const sink = new SqliteDoseSink(join(dir, 'doses.db'));
  cleanups.push(() => sink.close());
  const link = new GunLink({ path: gun.stationPath, keyStore: new MemoryKeyStore(), sink, stationName: 'Room 1' });
  cleanups.push(() => link.stop());
  const disconnects: string[] = [];
  link.on('disconnected', ({ reason }) => disconnects.push(reason));
  const doses = new Map<number, number>();
  link.on('dose', (d) => doses.set(d.recordId, (doses.get(d.recordId) ?? 0) + 1));
  let shotsWhileUnplugged = 0;
  gun.sim.on('shot', () => {
    if (!gun.plugged || !gun.sim.attached) shotsWhileUnplugged++;
  });
  link.start();

  await waitForState(link, 'awaiting-pairing');
  const code = new Promise<string>((resolve) => gun.sim.once('pairing-code', resolve));
  await link.beginPairing();
  await link.pair(await code);
  await waitForState(link, 'ready');

  const log: string[] = [];
  await fireUntil(link, gun, 500, {
    disruptions: [unplugFor(40, 300), unplugFor(110, 500), rebootAt(170), unplugFor(240, 200), unplugFor(310, 800), rebootAt(370), unplugFor(430, 300)],
    log: (s) => log.push(s),
  });
  const made = gun.sim.log.length;
  expect(made).toBe(500);
  await waitForRecords(() => sink.count('SIM-0001'), made);
  await sleep(400); // let the last acks reach the gun

  const stored = sink.all('SIM-0001');
  expect(stored.map((r) => r.recordId)).toEqual(gun.sim.log.map((r) => r.recordId));
  expect(stored.map(toWire)).toEqual(gun.sim.log);
  expect(stored.reduce((s, r) => s + r.deliveredNl, 0)).toBe(gun.sim.totalDeliveredNl());
  // 'dose' fired once per record, never for a replayed duplicate.
  expect(doses.size).toBe(made);
  expect([...doses.values()].every((n) => n === 1)).toBe(true);
  expect(disconnects.length).toBeGreaterThanOrEqual(7);
  expect(link.stats.reconnects).toBeGreaterThanOrEqual(7);
  expect(gun.sim.core.unackedRecordIds).toEqual([]);
  // Presses queued before a pull fire while the gun is still armed: those records are replayed.
  expect(shotsWhileUnplugged).toBeGreaterThan(0);
  console.log(JSON.stringify({ shotsWhileUnplugged, disruptions: log, disconnects, stats: link.stats }));
}, 180_000);
