// Acceptance 3: 1 % of the bytes corrupted each way during 500 shots. No record is lost, none is
// invented (every stored record equals the simulator's own), and the corrupt frames are counted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { GunLink, MemoryKeyStore } from '../../../device/link/index.js';
import { SimulatedGun } from '../../../device/sim/harness.js';
import { sleep, waitForState } from '../../support/linkWait.js';
import { fireUntil, toWire, waitForRecords } from '../../support/shotDriver.js';
import { SqliteDoseSink } from '../../support/sqliteDoseSink.js';

const dir = mkdtempSync(join(tmpdir(), 'link-noise-'));
const cleanups: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('1 % corrupted bytes each way over 500 shots: nothing lost, nothing invented, corruption counted', async () => {
  const gun = await SimulatedGun.start({ dir: join(dir, 'pty'), reservoirNl: 10_000_000, seed: 23 });
  cleanups.push(() => gun.stop());
  const sink = new SqliteDoseSink(join(dir, 'doses.db'));
  cleanups.push(() => sink.close());
  const link = new GunLink({ path: gun.stationPath, keyStore: new MemoryKeyStore(), sink, stationName: 'Room 1' });
  cleanups.push(() => link.stop());
  const disconnects: string[] = [];
  link.on('disconnected', ({ reason }) => disconnects.push(reason));
  link.start();
  await waitForState(link, 'awaiting-pairing');
  const code = new Promise<string>((resolve) => gun.sim.once('pairing-code', resolve));
  await link.beginPairing();
  await link.pair(await code);
  await waitForState(link, 'ready');

  gun.sim.setCorruption({ toStation: 0.01, fromStation: 0.01 });
  const log: string[] = [];
  await fireUntil(link, gun, 500, { log: (s) => log.push(s) });
  const made = gun.sim.log.length;
  await waitForRecords(() => sink.count('SIM-0001'), made, 30_000);
  gun.sim.setCorruption({ toStation: 0, fromStation: 0 });
  await sleep(800); // the last acks (and re-sent ones) reach the gun

  const stored = sink.all('SIM-0001');
  expect(stored.length).toBe(made);
  expect(stored.map(toWire)).toEqual(gun.sim.log); // none lost, none invented or altered
  expect(stored.reduce((s, r) => s + r.deliveredNl, 0)).toBe(gun.sim.totalDeliveredNl());
  const stats = link.stats;
  expect(gun.sim.stats.bytesCorrupted).toBeGreaterThan(0);
  expect(stats.decoder.framesBad).toBeGreaterThan(0);
  expect(gun.sim.core.unackedRecordIds).toEqual([]);
  console.log(JSON.stringify({ made, disconnects, driver: log.length, sim: gun.sim.stats, stats }));
}, 180_000);
