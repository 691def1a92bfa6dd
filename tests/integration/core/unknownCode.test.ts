// A record with a fault or mode code the station does not know (newer gun firmware, say) over the
// real link, ledger and session workflow: it is stored as "unknown (code N)", acknowledged to the
// gun (which then forgets it: no endless resend), counted in the session, and shown in its shot list
// and in the admin's record verification as authenticated like any other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { MemoryKeyStore } from '../../../device/link/index.js';
import type { DoseProfile } from '../../../device/protocol/index.js';
import { SimulatedGun } from '../../../device/sim/index.js';
import { verifyDoseRecords } from '../../../electron/core/ledger/provenance.js';
import { pairUntilReady, waitUntil } from '../../support/linkWait.js';
import { useTeardown } from '../../support/teardown.js';
import { LOT, openStation, shortenedThermotherapy } from './station.js';

const stopAfterTest = useTeardown();
const PROFILE: DoseProfile = { doseNl: 20_000, entryPct: 0, dwellPct: 100, exitPct: 0, depthUm: 2_000, mode: 'papule', minIntervalMs: 150 };

it('a record with an unknown fault code is stored, acknowledged and shown', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'core-unknown-code-'));
  stopAfterTest(() => rmSync(dir, { recursive: true, force: true }));
  const gun = await SimulatedGun.start({ dir: join(dir, 'pty'), seed: 5 });
  stopAfterTest(() => gun.stop());
  const st = await openStation({ dir: join(dir, 'station'), stationPath: gun.stationPath });
  stopAfterTest(() => st.close());
  const { sessions, clinician } = st;
  await pairUntilReady(st.link, gun);
  const id = (await sessions.start(clinician, { patientId: st.patientId, intake: { screeningId: st.screeningId } })).id;
  await shortenedThermotherapy(sessions, clinician, id);
  await sessions.prepare(clinician, { sessionId: id, serum: { serumVersionId: st.serumVersionId, lotNumber: LOT.lotNumber, expiry: LOT.expiry }, needleNewConfirmed: true });
  await sessions.setProfile(clinician, { sessionId: id, profile: PROFILE });
  await sessions.prepare(clinician, { sessionId: id, primed: true });
  await sessions.selectZone(clinician, { sessionId: id, zone: 'vertex' });
  await sessions.arm(clinician, { sessionId: id });
  await waitUntil('gun armed', () => gun.armed, 5000);

  gun.model.recordCodesOnce({ fault: 42 });
  gun.fire(2);
  await waitUntil('both shots in the session', () => sessions.get(id).zones.find((z) => z.zone === 'vertex')!.shots === 2, 10_000);
  // Acknowledged: the gun no longer holds (or re-sends) it.
  await waitUntil('the gun holds no unacknowledged record', () => gun.unackedRecordIds.length === 0, 5000);
  expect(gun.log.map((r) => r.fault)).toEqual([42, 0]);

  const stored = st.db.prepare('SELECT record_id, fault, authenticated FROM dose_records ORDER BY record_id').all() as { record_id: number; fault: string | null; authenticated: number }[];
  expect(stored.map((r) => [r.record_id, r.fault, r.authenticated])).toEqual([
    [1, 'unknown (code 42)', 1],
    [2, null, 1],
  ]);
  // Shown: the session's shot list (what the screens and the admin's session detail read).
  expect(sessions.shots(id).map((s) => s.fault)).toEqual(['unknown (code 42)', null]);
  expect(sessions.get(id).totalShots).toBe(2);
  expect(st.link.stats.unknownCodes).toBe(1);
  // Its MAC covers code 42, and re-verifies from the stored text.
  expect(verifyDoseRecords(st.db, st.gunKeys)).toMatchObject({ ok: true, records: 2, authenticated: 2 });
  expect(verifyDoseRecords(st.db, new MemoryKeyStore()).problems.map((p) => p.problem)).toEqual(['key-not-held', 'key-not-held']);
}, 60_000);
