// A shot replayed after a reconnect is stored late (a higher ledger row id) but was fired earlier:
// exports list a session's shots in firing order (gun time), like the station's own shot list.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport } from '../../../electron/core/exports/run.js';
import { openStation, type Station } from './fixture.js';
import { readCsv } from './tools.js';

let st: Station;
let replayedRowId: number;
beforeAll(() => {
  st = openStation({ rooms: 1, sessionsPerRoomPerDay: 2, days: 1, shotsPerSession: 6, patients: 2, seed: 9 });
  const first = st.db.prepare('SELECT * FROM dose_records WHERE session_id = 1 ORDER BY gun_started_at_ms LIMIT 1').get() as Record<string, unknown>;
  const r = st.db
    .prepare(
      `INSERT INTO dose_records (gun_serial, record_id, session_id, arm_window_id, zone, serum_version_id, lot_id, lot_number, clinician_user_id, unattributed_reason,
         gun_started_at_ms, gun_ended_at_ms, received_at_ms, committed_at_ms, commanded_nl, delivered_nl, depth_um, entry_pct, dwell_pct, exit_pct, mode, fault, record_crc)
       VALUES (@gun_serial, 99999, 1, @arm_window_id, @zone, @serum_version_id, @lot_id, @lot_number, @clinician_user_id, NULL,
         @early, @early + 300, @late, @late, 20000, 20000, 2000, 0, 100, 0, 'papule', NULL, 1)`,
    )
    .run({ ...first, early: (first.gun_started_at_ms as number) - 60_000, late: Date.now() } as Record<string, string | number | null>);
  replayedRowId = Number(r.lastInsertRowid);
});
afterAll(() => st.close());

describe('firing order', () => {
  it('the late-stored shot comes first in its session, in the CSV and in the JSON', async () => {
    const r = await runExport(st.request({ outputs: ['shots_csv', 'json'] }), st.ctx());
    const shots = readCsv(path.join(st.out, r.manifest.files.find((f) => f.name.endsWith('shots.csv'))!.name)).filter((x) => x.session_id === '1');
    expect(Number(shots[0]!.ledger_row_id)).toBe(replayedRowId);
    const times = shots.map((x) => x.gun_started_at!);
    expect([...times].sort()).toEqual(times);
    const doc = JSON.parse(readFileSync(path.join(st.out, r.manifest.files.find((f) => f.name.endsWith('records.json'))!.name), 'utf8')) as {
      sessions: { sessionId: number; doses: { ledgerRowId: number }[] }[];
    };
    expect(doc.sessions.find((x) => x.sessionId === 1)!.doses[0]!.ledgerRowId).toBe(replayedRowId);
  });
});
