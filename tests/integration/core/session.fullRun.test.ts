// A whole session through every phase with the real core, the real GunLink on a socat pty and the
// simulator at the far end: the per-zone totals the station derives equal the simulator's own log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { DoseProfile } from '../../../device/protocol/index.js';
import { SimulatedGun } from '../../../device/sim/harness.js';
import { ZONES, type Zone } from '../../../electron/contract/sessions.js';
import { pairUntilReady, waitUntil } from '../../support/linkWait.js';
import { CLINICIAN_PASSWORD, LOT, completeStageEarly, openStation } from './station.js';
import { useTeardown } from '../../support/teardown.js';

const dir = mkdtempSync(join(tmpdir(), 'core-full-'));
const stopAfterTest = useTeardown();
stopAfterTest(() => rmSync(dir, { recursive: true, force: true }));

const PROFILE: DoseProfile = { doseNl: 20_000, entryPct: 0, dwellPct: 100, exitPct: 0, depthUm: 2_000, mode: 'papule', minIntervalMs: 150 };

it('walks every phase over the pty; zone totals equal the simulator log', async () => {
  const gun = await SimulatedGun.start({ dir: join(dir, 'pty'), reservoirNl: 10_000_000, seed: 7 });
  stopAfterTest(() => gun.stop());
  const st = await openStation({ dir: join(dir, 'station'), stationPath: gun.stationPath });
  stopAfterTest(() => st.close());
  const { sessions, clinician } = st;

  // Pairing (openStation started the link): the operator types the code the gun shows.
  await pairUntilReady(st.link, gun);

  let v = await sessions.start(clinician, { patientId: st.patientId, intake: { screeningId: st.screeningId, notes: 'integration run' } });
  const id = v.id;
  for (const stage of ['steam', 'massage'] as const) {
    await sessions.thermo(clinician, { sessionId: id, stage }, 'start');
    await sessions.thermo(clinician, { sessionId: id, stage }, 'pause');
    await sessions.thermo(clinician, { sessionId: id, stage }, 'resume');
    await completeStageEarly(sessions, clinician, id, stage);
  }
  await sessions.prepare(clinician, { sessionId: id, serum: { serumVersionId: st.serumVersionId, lotNumber: LOT.lotNumber, expiry: LOT.expiry }, needleNewConfirmed: true });
  await sessions.setProfile(clinician, { sessionId: id, profile: PROFILE });
  expect(gun.profile).toEqual(PROFILE);
  v = await sessions.prepare(clinician, { sessionId: id, primed: true });
  expect(v.phase).toBe('mesotherapy');
  expect(v.gun?.simulated).toBe(true);

  // Shots per zone: a different count each, so a misattribution would show.
  const expected = new Map<Zone, number>();
  const shotsFor = (i: number) => 2 + (i % 4);
  for (const [i, zone] of ZONES.entries()) {
    const from = gun.log.length;
    await sessions.selectZone(clinician, { sessionId: id, zone });
    await sessions.arm(clinician, { sessionId: id });
    await waitUntil('gun armed', () => gun.armed, 5_000);
    gun.fire(shotsFor(i));
    await waitUntil(`${zone} shots made`, () => gun.log.length === from + shotsFor(i), 10_000);
    await waitUntil(`${zone} shots committed`, () => sessions.get(id).zones.find((z) => z.zone === zone)!.shots === shotsFor(i), 10_000);
    await sessions.disarm(clinician, { sessionId: id });
    expect(gun.armed).toBe(false);
    expected.set(zone, gun.log.slice(from).reduce((s, r) => s + r.deliveredNl, 0));
  }
  // Presses while disarmed make no shot: the gun drops them as they come.
  const dropped = gun.stats.pressesDropped;
  gun.fire(2);
  expect(gun.stats.pressesDropped).toBe(dropped + 2);

  v = await sessions.closing(clinician, { sessionId: id, oilSerumApplied: true, aftercareGiven: true });
  expect(v.phase).toBe('review');
  v = await sessions.sign(clinician, { sessionId: id, password: CLINICIAN_PASSWORD });
  expect(v.phase).toBe('signed');

  // Every zone treated is in the view (the loop below cannot pass on an empty list).
  expect(expected.size).toBeGreaterThan(0);
  expect(v.zones.filter((z) => expected.has(z.zone)).map((z) => z.zone).sort()).toEqual([...expected.keys()].sort());
  for (const z of v.zones) expect({ zone: z.zone, deliveredNl: z.deliveredNl }).toEqual({ zone: z.zone, deliveredNl: expected.get(z.zone) });
  expect(v.totalDeliveredNl).toBe(gun.totalDeliveredNl());
  expect(v.totalShots).toBe(gun.log.length);
  expect(sessions.unattributed(100, 0)).toEqual([]);
  const held = st.db.prepare('SELECT record_id AS id, delivered_nl AS d FROM dose_records ORDER BY record_id').all() as { id: number; d: number }[];
  expect(held).toEqual(gun.log.map((r) => ({ id: r.recordId, d: r.deliveredNl })));
  await waitUntil('gun holds no unacknowledged record', () => gun.model.unackedRecordIds.length === 0, 5_000);
}, 90_000);
