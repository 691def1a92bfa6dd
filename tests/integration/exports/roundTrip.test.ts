// Every output read back by tools nobody here wrote: the CSVs by csv-parse (compared value by value
// with the database), the JSON by ajv against the published JSON Schema, the PDFs by qpdf --check,
// pdftoppm and pdftotext; the manifest's hashes recomputed; the audit entry looked up.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreNeutralised } from '../../../electron/core/exports/csv/cell.js';
import { PARTIAL_SUFFIX } from '../../../electron/core/exports/files/atomicFile.js';
import { openReadSnapshot } from '../../../electron/core/exports/query/readSnapshot.js';
import { csvKind, DOSE_COLUMNS, shotCsvColumns, storedSql, type ShotColumn } from '../../../electron/core/exports/query/shotColumns.js';
import { runExport, type ExportResult } from '../../../electron/core/exports/run.js';
import { openStation, type Station } from './fixture.js';
import { hasTool, readCsv, type Cell } from './tools.js';

const text = (c: Cell) => (c === null ? null : restoreNeutralised(c));
const num = (c: Cell) => (c === null ? null : Number(c));

let st: Station;
let result: ExportResult;
let files: Record<string, string>;

/** When each session closed (signed or aborted), as the export writes it: ISO UTC, null while in progress. */
const closedAt = (): Map<number, string | null> =>
  new Map(
    (st.db.prepare('SELECT id, ended_at FROM clinical_sessions').all() as { id: number; ended_at: number | null }[]).map((s) => [
      s.id,
      s.ended_at === null ? null : new Date(s.ended_at).toISOString(),
    ]),
  );

beforeAll(async () => {
  st = openStation();
  result = await runExport(
    st.request({ outputs: ['shots_csv', 'zones_csv', 'sessions_csv', 'json', 'pdf'], bom: true }),
    st.ctx(),
  );
  files = Object.fromEntries(result.manifest.files.map((f) => [f.name.replace(/^meso-export-[^.]+\./, ''), path.join(st.out, f.name)]));
});
afterAll(() => st.close());

describe('shot-level CSV', () => {
  // Read back by each column's kind, the way a spreadsheet user or a script would, and compared with
  // the value the database stores; the columns come from the one table (query/shotColumns.ts).
  const readBack = (c: ShotColumn, cell: Cell): string | number | null => {
    if (cell === null) return null;
    if (c.kind === 'time') return Date.parse(restoreNeutralised(cell));
    if (c.kind === 'boolean') return { yes: 1, no: 0 }[restoreNeutralised(cell)] ?? Number.NaN;
    return csvKind(c) === 'number' ? Number(cell) : restoreNeutralised(cell);
  };

  it('starts with a UTF-8 BOM when asked, and every cell reads back to the stored value', () => {
    const raw = readFileSync(files['shots.csv']!);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const columns = shotCsvColumns(false);
    const rows = readCsv(files['shots.csv']!);
    expect(Object.keys(rows[0]!)).toEqual(columns.map((c) => c.header));
    // The test's own join and order: sessions by start, each in firing order, then the shots of no session.
    // The export's own snapshot connection holds the patient codes (pseudonym.ts) in a TEMP table.
    const snap = openReadSnapshot(st.db, st.pseudonymSecret);
    const stored = snap.db
      .prepare(
        `SELECT ${columns.map((c, i) => `${storedSql(c)} AS c${i}`).join(', ')}
         FROM dose_records d LEFT JOIN clinical_sessions s ON s.id = d.session_id LEFT JOIN patients p ON p.id = s.patient_id
         LEFT JOIN temp.export_patient_codes pc ON pc.patient_id = s.patient_id LEFT JOIN users u ON u.id = d.clinician_user_id LEFT JOIN serum_versions sv ON sv.id = d.serum_version_id
         ORDER BY d.session_id IS NULL, s.started_at, s.id, d.gun_started_at_ms, d.gun_serial, d.record_id, d.id`,
      )
      .raw()
      .all() as (string | number | null)[][];
    snap.close();
    expect(rows.length).toBe(st.clinic.shots + st.clinic.unattributedShots);
    expect(rows.length).toBe(stored.length);
    expect(rows.length).toBeGreaterThan(0);
    rows.forEach((r, i) => columns.forEach((c, j) => expect(readBack(c, r[c.header!]!), `row ${i + 1}, ${c.header}`).toBe(stored[i]![j])));
    // Both kinds are in this clinic: authenticated v3 records and records without a verified MAC.
    expect(new Set(rows.map((r) => r.authenticated))).toEqual(new Set(['yes', 'no']));
    // Hostile names went through, and came back whole.
    expect(rows.some((r) => typeof r.patient_name === 'string' && restoreNeutralised(r.patient_name) !== r.patient_name)).toBe(true);
  });

  it("holds every column of the ledger but its internal links and the gun's MAC", () => {
    const exported = new Set(DOSE_COLUMNS.map((c) => c.source.column));
    const ledger = (st.db.prepare('SELECT name FROM pragma_table_info(?)').raw().all('dose_records') as [string][]).map(([n]) => n);
    // session_id is the session_id column (from the session side); the rest are the station's own links and checks.
    const internal = ['session_id', 'arm_window_id', 'lot_id', 'record_crc', 'record_mac', 'record_key_id'];
    expect(ledger.filter((n) => !exported.has(n) && !internal.includes(n))).toEqual([]);
    expect([...exported].filter((n) => !ledger.includes(n))).toEqual([]);
  });

  it('agrees with the sqlite3 command-line tool on the row count', ({ skip }) => {
    if (!hasTool('sqlite3')) skip('sqlite3 is not installed (apt-get install sqlite3)');
    const out = execFileSync('sqlite3', ['-readonly', path.join(st.dir, 'station.db'), 'SELECT count(*) FROM dose_records'], { encoding: 'utf8' });
    expect(Number(out.trim())).toBe(result.manifest.rowCounts.shots);
  });
});

describe('session- and zone-level CSVs', () => {
  it('one row per session, with totals summed from the ledger and context facts from the workflow', () => {
    const rows = readCsv(files['sessions.csv']!);
    expect(rows.length).toBe(st.clinic.sessions);
    const totals = new Map(
      (st.db.prepare('SELECT session_id, count(*) AS n, sum(delivered_nl) AS nl FROM dose_records WHERE session_id IS NOT NULL GROUP BY session_id').all() as { session_id: number; n: number; nl: number }[]).map(
        (t) => [t.session_id, t],
      ),
    );
    const closed = closedAt();
    expect(Object.keys(rows[0]!)).not.toContain('session_locked_at');
    for (const r of rows) {
      const t = totals.get(num(r.session_id!)!);
      expect(r.session_closed_at === null ? null : text(r.session_closed_at!), `session ${r.session_id} closed at`).toBe(closed.get(num(r.session_id!)!));
      expect(num(r.shots!)).toBe(t?.n ?? 0);
      expect(num(r.delivered_nl!)).toBe(t?.nl ?? 0);
      expect(text(r.gun_model!)).toMatch(/^MesoGun /);
      expect(text(r.gun_firmware!)).toMatch(/^2\.\d\.\d$/);
      expect(num(r.steam_active_s!)).toBe(600);
      if (text(r.session_status!) === 'signed') {
        expect(text(r.performed_signed_by!)).toMatch(/^clin\d\d$/);
        expect(text(r.aftercare_given!)).toBe('yes');
      }
    }
    expect(rows.filter((r) => text(r.session_status!) === 'in_progress')).toHaveLength(1);
  });

  it('eight rows per session (one per zone), matching the ledger grouped by zone', () => {
    const rows = readCsv(files['zones.csv']!);
    expect(rows.length).toBe(st.clinic.sessions * 8);
    const db = new Map(
      (st.db.prepare('SELECT session_id, zone, count(*) AS n, sum(delivered_nl) AS nl FROM dose_records WHERE session_id IS NOT NULL GROUP BY session_id, zone').all() as {
        session_id: number;
        zone: string;
        n: number;
        nl: number;
      }[]).map((z) => [`${z.session_id}/${z.zone}`, z]),
    );
    for (const r of rows) {
      const z = db.get(`${r.session_id}/${text(r.zone!)}`);
      expect(num(r.shots!)).toBe(z?.n ?? 0);
      expect(num(r.delivered_nl!)).toBe(z?.nl ?? 0);
    }
  });
});

describe('JSON', () => {
  it('validates against the published schema and holds every dose', () => {
    const doc = JSON.parse(readFileSync(files['records.json']!, 'utf8')) as {
      schemaVersion: string;
      sessions: { sessionId: number; closedAt: string | null; doses: unknown[]; patient: { fullName?: string } }[];
      unattributedDoses: unknown[];
      totals: { sessions: number; doses: number; unattributedDoses: number };
    };
    const schema = JSON.parse(readFileSync(files['schema.json']!, 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(schema);
    const ok = validate(doc);
    expect(validate.errors?.slice(0, 5) ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(doc.schemaVersion).toBe('2.0.0');
    expect(doc.sessions).toHaveLength(st.clinic.sessions);
    const closed = closedAt();
    for (const x of doc.sessions) expect(x.closedAt, `session ${x.sessionId} closedAt`).toBe(closed.get(x.sessionId));
    expect(doc.sessions.filter((x) => x.closedAt === null)).toHaveLength(1);
    expect(doc.sessions.reduce((s, x) => s + x.doses.length, 0)).toBe(st.clinic.shots);
    expect(doc.unattributedDoses).toHaveLength(st.clinic.unattributedShots);
    expect(doc.totals).toEqual({ sessions: st.clinic.sessions, doses: st.clinic.shots, unattributedDoses: st.clinic.unattributedShots });
    // The copy written beside the export is the schema the code ships.
    expect(readFileSync(files['schema.json']!, 'utf8')).toBe(readFileSync(new URL('../../../electron/core/exports/json/records-export.schema.json', import.meta.url), 'utf8'));
  });
});

describe('PDF reports', () => {
  const pdfs = () => Object.entries(files).filter(([k]) => k.endsWith('.pdf'));

  it('one per session, each passing qpdf --check', ({ skip }) => {
    if (!hasTool('qpdf')) skip('qpdf is not installed (apt-get install qpdf)');
    expect(pdfs()).toHaveLength(st.clinic.sessions);
    for (const [, file] of pdfs()) execFileSync('qpdf', ['--check', file], { stdio: 'pipe' });
  });

  it('renders to PNG with pdftoppm and carries every required fact as text', ({ skip }) => {
    if (!hasTool('pdftoppm') || !hasTool('pdftotext')) skip('poppler-utils is not installed (apt-get install poppler-utils)');
    const file = files['session-000001.pdf']!;
    execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', file, path.join(st.dir, 'page')]);
    const png = readdirSync(st.dir).find((f) => f.startsWith('page') && f.endsWith('.png'))!;
    expect(statSync(path.join(st.dir, png)).size).toBeGreaterThan(10_000);
    const txt = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const s = st.db.prepare('SELECT * FROM clinical_sessions WHERE id = 1').get() as { gun_serial: string; lot_number: string; clinician_username: string };
    for (const needle of [
      'Session #1',
      'Date of birth',
      'Patient code',
      s.gun_serial,
      'MesoGun',
      'Gun firmware',
      s.lot_number,
      'Lot expiry',
      'library version',
      'Steam',
      'Massage',
      'FRONT',
      'Occipital',
      'Vertex (crown)',
      'Shot timeline',
      'Limit events and overrides',
      'Closed',
      'Aftercare given',
      'performed',
      s.clinician_username,
    ])
      expect(txt, needle).toContain(needle);
    // The session's provenance line, with the ledger's own count.
    const { n, a } = st.db.prepare('SELECT count(*) AS n, sum(authenticated) AS a FROM dose_records WHERE session_id = 1').get() as { n: number; a: number };
    expect(txt.replace(/\s+/g, ' ')).toContain(a === n ? `all ${n} authenticated by the gun's MAC` : `${a} of ${n} authenticated by the gun's MAC`);
  });
});

describe('manifest and audit', () => {
  it('lists every file with its true size and SHA-256, and nothing else is in the folder', () => {
    const names = readdirSync(st.out).sort();
    expect(names.some((n) => n.endsWith(PARTIAL_SUFFIX))).toBe(false);
    const manifestName = path.basename(result.manifestPath);
    expect(names).toEqual([...result.manifest.files.map((f) => f.name), manifestName].sort());
    const onDisk = JSON.parse(readFileSync(result.manifestPath, 'utf8')) as typeof result.manifest;
    expect(onDisk.exportId).toBe(result.exportId);
    expect(onDisk.createdBy.username).toBe('admin1');
    for (const f of onDisk.files) {
      const bytes = readFileSync(path.join(st.out, f.name));
      expect(f.bytes).toBe(bytes.length);
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(onDisk.rowCounts).toMatchObject({ sessions: st.clinic.sessions, shots: st.clinic.shots + st.clinic.unattributedShots, zoneRows: st.clinic.sessions * 8, pdfReports: st.clinic.sessions });
  });

  it('appends one audit-trail entry naming the admin, the filters and every file hash', () => {
    const row = st.db.prepare("SELECT * FROM audit_log WHERE action = 'records.export' AND entity_id = ?").get(result.exportId) as { username: string; new_value: string } | undefined;
    expect(row?.username).toBe('admin1');
    const v = JSON.parse(row!.new_value) as { files: { name: string; sha256: string }[]; filters: object };
    expect(v.files.map((f) => f.sha256)).toEqual(result.manifest.files.map((f) => f.sha256));
    expect(st.audit.verify().ok).toBe(true);
  });
});
