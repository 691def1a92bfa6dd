// Acceptance 2: 500 shots at the gun's full rate with the cable pulled 5 times and the gun rebooted
// twice mid-stream. Every record reaches the SQLite sink exactly once, authenticated by the gun's MAC,
// and the delivered volume adds up to the simulator's own total.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { GunLink, MemoryKeyStore } from '../../../device/link/index.js';
import { SimulatedGun } from '../../../device/sim/index.js';
import { pairUntilReady, waitUntil } from '../../support/linkWait.js';
import { fireUntil, rebootAt, toWire, unplugFor, waitForRecords } from '../../support/shotDriver.js';
import { SqliteDoseSink } from '../../support/sqliteDoseSink.js';
import { useTeardown } from '../../support/teardown.js';

const stopAfterTest = useTeardown();

it('500 shots, 5 unplugs, 2 reboots: every record exactly once, volumes add up', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'link-unplug-'));
  stopAfterTest(() => rmSync(dir, { recursive: true, force: true }));
  const gun = await SimulatedGun.start({ dir: join(dir, 'pty'), reservoirNl: 10_000_000, seed: 11 });
  stopAfterTest(() => gun.stop());
  const sink = new SqliteDoseSink(join(dir, 'doses.db'));
  stopAfterTest(() => sink.close());
  const link = new GunLink({ path: gun.stationPath, keyStore: new MemoryKeyStore(), sink, stationName: 'Room 1' });
  stopAfterTest(() => link.stop());
  const disconnects: string[] = [];
  link.on('disconnected', ({ reason }) => disconnects.push(reason));
  const doses = new Map<number, number>();
  link.on('dose', (d) => doses.set(d.recordId, (doses.get(d.recordId) ?? 0) + 1));
  let shotsWhileUnplugged = 0;
  gun.on('shot', () => {
    if (!gun.plugged || !gun.attached) shotsWhileUnplugged++;
  });
  link.start();
  await pairUntilReady(link, gun);

  const log: string[] = [];
  await fireUntil(link, gun, 500, {
    disruptions: [unplugFor(40, 300), unplugFor(110, 500), rebootAt(170), unplugFor(240, 200), unplugFor(310, 800), rebootAt(370), unplugFor(430, 300)],
    log: (s) => log.push(s),
  });
  const made = gun.log.length;
  expect(made).toBe(500);
  await waitForRecords(() => sink.count('SIM-0001'), made);
  await waitUntil('the gun holds no unacknowledged record', () => gun.unackedRecordIds.length === 0, 5000);

  const stored = sink.all('SIM-0001');
  expect(stored.map((r) => r.recordId)).toEqual(gun.log.map((r) => r.recordId));
  expect(stored.map(toWire)).toEqual(gun.log);
  expect(stored.every((r) => r.authenticated)).toBe(true);
  expect(stored.reduce((s, r) => s + r.deliveredNl, 0)).toBe(gun.totalDeliveredNl());
  // 'dose' fired once per record, never for a replayed duplicate.
  expect(doses.size).toBe(made);
  expect([...doses.values()].every((n) => n === 1)).toBe(true);
  expect(disconnects.length).toBeGreaterThanOrEqual(7);
  expect(link.stats.reconnects).toBeGreaterThanOrEqual(7);
  // Presses queued before a pull fire while the gun is still armed: those records are replayed.
  expect(shotsWhileUnplugged).toBeGreaterThan(0);
  // Nothing on this line failed authentication.
  expect(link.stats.auth.refused.badTag + gun.stats.auth.refused.badTag).toBe(0);
  console.log(JSON.stringify({ shotsWhileUnplugged, disruptions: log, disconnects, stats: link.stats }));
}, 180_000);
