// The shot CSV's fast writer (csv/shotsStream.ts: session cells once per session, looked-up names
// once per export, cells placed by a compiled layout) against the plain statement of the same file
// (query/shots.ts shotSelect + shotQueries: one join, one row per shot, every cell formatted by
// cell.ts). Both are derived from the one column table (query/shotColumns.ts); they must agree byte
// for byte, for every filter shape and with or without pseudonymisation, on a clinic whose names and
// free text are hostile.
import { mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionFilter } from '../../../electron/contract/sessionFilter.js';
import { formatCsvRow, type CsvValue } from '../../../electron/core/exports/csv/cell.js';
import { openReadSnapshot } from '../../../electron/core/exports/query/readSnapshot.js';
import { csvKind, shotCsvColumns } from '../../../electron/core/exports/query/shotColumns.js';
import { shotQueries, shotSelect } from '../../../electron/core/exports/query/shots.js';
import { runExport } from '../../../electron/core/exports/run.js';
import { openStation, SMALL_CLINIC, type Station } from './fixture.js';

let st: Station;
beforeAll(() => {
  st = openStation(SMALL_CLINIC);
});
afterAll(() => st.close());

async function fast(filters: SessionFilter, pseudonymise: boolean): Promise<{ csv: string; rows: number }> {
  const dir = mkdtempSync(path.join(st.dir, 'fast-'));
  const r = await runExport(st.request({ outputs: ['shots_csv'], filters, pseudonymise, targetDir: dir }), st.ctx());
  return { csv: readFileSync(path.join(dir, r.manifest.files[0]!.name), 'utf8'), rows: r.manifest.rowCounts.shots };
}

/** A lot some doses came from (the clinic draws each serum's second lot only from day 30 on). */
const usedLot = () => (st.db.prepare('SELECT lot_number FROM dose_records WHERE lot_number IS NOT NULL ORDER BY id DESC LIMIT 1').get() as { lot_number: string }).lot_number;

/** The plain query's rows, each cell formatted on its own by cell.ts (no layout, no lookup cache). */
function plain(filters: SessionFilter, pseudonymise: boolean): { csv: string; rows: number } {
  const snap = openReadSnapshot(st.db, st.pseudonymSecret);
  try {
    const columns = shotCsvColumns(pseudonymise);
    const kinds = columns.map(csvKind);
    let csv = formatCsvRow(
      columns.map((c) => c.header),
      columns.map(() => 'text'),
    );
    let rows = 0;
    for (const q of shotQueries(filters))
      for (const row of snap.db.prepare(`SELECT ${shotSelect(pseudonymise)} ${q.body}`).raw().iterate(q.params)) {
        csv += formatCsvRow(row as CsvValue[], kinds);
        rows++;
      }
    return { csv, rows };
  } finally {
    snap.close();
  }
}

describe('the shot CSV: fast writer = plain query', () => {
  const cases: [string, () => SessionFilter][] = [
    ['no filter (with the shots of no session)', () => ({})],
    ['a lot', () => ({ lotNumber: usedLot() })],
    ['a clinician and signed sessions', () => ({ clinicianUserId: st.clinic.clinicians[0]!.id, statuses: ['signed'] })],
    ['in-progress and aborted sessions', () => ({ statuses: ['in_progress', 'aborted'] })],
    ['one day and a gun', () => ({ fromDate: st.clinic.lastDay, toDate: st.clinic.lastDay, gunSerial: st.clinic.guns[0]! })],
  ];
  for (const [name, filters] of cases)
    for (const pseudonymise of [false, true])
      it(`${name}${pseudonymise ? ', pseudonymised' : ''}`, async () => {
        const want = plain(filters(), pseudonymise);
        // A case that selects nothing would compare two header lines.
        expect(want.rows).toBeGreaterThan(0);
        const got = await fast(filters(), pseudonymise);
        expect(got.rows).toBe(want.rows);
        expect(got.csv).toBe(want.csv);
      });

  it('the pseudonymised file leaves the identifying columns out, not empty', () => {
    const headers = (p: boolean) => shotCsvColumns(p).map((c) => c.header);
    const dropped = headers(false).filter((h) => !headers(true).includes(h));
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.every((h) => h!.startsWith('patient_'))).toBe(true);
    expect(headers(true)).toContain('patient_code');
  });
});
