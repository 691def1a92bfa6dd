// Filters choose exactly the sessions the database says they should; pseudonymised exports carry no
// name, birth date, clinic number or free text but a stable patient code; a lot recall lists every
// patient and session that received the lot.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionFilter } from '../../../electron/contract/sessionFilter.js';
import { localDayEndMs, localDayStartMs } from '../../../electron/core/sessions/dates.js';
import { restoreNeutralised } from '../../../electron/core/exports/csv/cell.js';
import { PATIENT_CODE_PATTERN } from '../../../electron/core/exports/pseudonym.js';
import { runExport } from '../../../electron/core/exports/run.js';
import { openStation, type Station } from './fixture.js';
import { readCsv } from './tools.js';

let st: Station;
beforeAll(() => {
  st = openStation({ rooms: 3, sessionsPerRoomPerDay: 4, days: 5, shotsPerSession: 14, patients: 20, lastInProgress: true, unattributedShots: 4, seed: 11 });
});
afterAll(() => st.close());

async function exportSessions(filters: SessionFilter, extra: { pseudonymise?: boolean } = {}) {
  const dir = mkdtempSync(path.join(st.dir, 'f-'));
  const r = await runExport(st.request({ outputs: ['sessions_csv', 'shots_csv'], filters, targetDir: dir, ...extra }), st.ctx());
  const file = (s: string) => path.join(dir, r.manifest.files.find((f) => f.name.endsWith(s))!.name);
  return { r, dir, sessions: readCsv(file('sessions.csv')), shots: readCsv(file('shots.csv')) };
}

function ids(where: string, params: unknown[] = []): number[] {
  return (st.db.prepare(`SELECT id FROM clinical_sessions s WHERE ${where} ORDER BY started_at, id`).all(...params) as { id: number }[]).map((r) => r.id);
}

const firstPatient = () => (st.db.prepare('SELECT patient_id FROM clinical_sessions ORDER BY id LIMIT 1').get() as { patient_id: number }).patient_id;

describe('filters', () => {
  const cases: [string, () => SessionFilter, () => number[]][] = [
    ['none', () => ({}), () => ids('1')],
    [
      'dates',
      () => ({ fromDate: '2025-01-07', toDate: '2025-01-08' }),
      () => ids('started_at >= ? AND started_at < ?', [localDayStartMs('2025-01-07'), localDayEndMs('2025-01-08')]),
    ],
    ['clinician', () => ({ clinicianUserId: st.clinic.clinicians[1]!.id }), () => ids('clinician_user_id = ?', [st.clinic.clinicians[1]!.id])],
    ['patient', () => ({ patientId: firstPatient() }), () => ids('patient_id = ?', [firstPatient()])],
    ['gun', () => ({ gunSerial: st.clinic.guns[2]! }), () => ids('gun_serial = ?', [st.clinic.guns[2]!])],
    // Received the lot: a dose from it (sessionFilter.test.ts has sessions that only loaded it).
    ['lot', () => ({ lotNumber: st.clinic.lots[2]!.lotNumber }), () => ids('id IN (SELECT session_id FROM dose_records WHERE lot_number = ?)', [st.clinic.lots[2]!.lotNumber])],
    ['status aborted', () => ({ statuses: ['aborted'] }), () => ids("status = 'aborted'")],
    ['status signed + in progress', () => ({ statuses: ['signed', 'in_progress'] }), () => ids("status IN ('signed', 'in_progress')")],
    [
      'combined',
      () => ({ fromDate: '2025-01-06', toDate: '2025-01-09', gunSerial: st.clinic.guns[0]!, statuses: ['signed'] }),
      () => ids("started_at >= ? AND started_at < ? AND gun_serial = ? AND status = 'signed'", [localDayStartMs('2025-01-06'), localDayEndMs('2025-01-09'), st.clinic.guns[0]!]),
    ],
  ];
  for (const [name, filters, expected] of cases)
    it(`${name}: exactly the sessions the database selects, and their shots`, async () => {
      const want = expected();
      expect(want.length).toBeGreaterThan(0);
      const { sessions, shots } = await exportSessions(filters());
      expect(sessions.map((r) => Number(r.session_id))).toEqual(want);
      const attributed = shots.filter((r) => r.session_id !== null);
      expect(new Set(attributed.map((r) => Number(r.session_id)))).toEqual(new Set(want.filter((id) => (st.db.prepare('SELECT count(*) AS n FROM dose_records WHERE session_id = ?').get(id) as { n: number }).n > 0)));
      // Shots that belong to no session only come with no patient/clinician/status/lot filter.
      const f = filters();
      const sessionOnly = f.patientId !== undefined || f.clinicianUserId !== undefined || f.lotNumber !== undefined || f.statuses !== undefined;
      if (sessionOnly) expect(shots.length).toBe(attributed.length);
    });

  it('refuses a recall without a lot, a relative folder and a missing folder', async () => {
    await expect(runExport(st.request({ outputs: ['recall_csv'] }), st.ctx())).rejects.toMatchObject({ code: 'validation', field: 'filters.lotNumber' });
    await expect(runExport(st.request({ targetDir: 'relative/dir' }), st.ctx())).rejects.toMatchObject({ code: 'validation', field: 'targetDir' });
    await expect(runExport(st.request({ targetDir: path.join(st.dir, 'nope') }), st.ctx())).rejects.toMatchObject({ code: 'validation', field: 'targetDir' });
    await expect(runExport(st.request({ outputs: ['pdf'] }), st.ctx({ maxPdfReports: 3 }))).rejects.toMatchObject({ code: 'validation', field: 'outputs' });
  });

  it('refuses a clinician (the core checks the role, not only the contract)', async () => {
    const clinician = { userId: st.clinic.clinicians[0]!.id, username: st.clinic.clinicians[0]!.username, displayName: 'x', role: 'clinician' as const };
    await expect(runExport(st.request(), st.ctx({ actor: clinician }))).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('pseudonymise', () => {
  it('no names, birth dates, clinic numbers or free text anywhere in the files; a stable code instead', async () => {
    const dir = mkdtempSync(path.join(st.dir, 'p-'));
    const r = await runExport(st.request({ outputs: ['shots_csv', 'zones_csv', 'sessions_csv', 'json', 'pdf', 'recall_csv'], filters: { lotNumber: st.clinic.lots[0]!.lotNumber }, pseudonymise: true, targetDir: dir }), st.ctx());
    const patients = st.db.prepare('SELECT full_name, birth_date, clinic_id FROM patients').all() as { full_name: string; birth_date: string; clinic_id: string }[];
    const clinicians = st.db.prepare('SELECT display_name FROM users').all() as { display_name: string }[];
    // Nothing below may pass on an empty set: people to look for, and every file the export wrote.
    expect(patients.length).toBeGreaterThan(0);
    expect(clinicians.length).toBeGreaterThan(0);
    expect(r.manifest.files.length).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(r.manifest.files.map((f) => f.name)));
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(path.join(dir, name));
      // PDFs keep their text in compressed, font-subset streams: check what a reader would extract.
      const content = name.endsWith('.pdf') ? extractPdfText(path.join(dir, name)) : bytes.toString('utf8');
      for (const p of patients) {
        expect(content, `${name} holds a name`).not.toContain(p.full_name);
        expect(content, `${name} holds a birth date`).not.toContain(p.birth_date);
        expect(content, `${name} holds a clinic number`).not.toContain(p.clinic_id);
      }
      for (const c of clinicians) expect(content, `${name} holds a staff name`).not.toContain(c.display_name);
      expect(content).not.toContain('no washing for 8 h');
    }
    const sessions = readCsv(path.join(dir, r.manifest.files.find((f) => f.name.endsWith('sessions.csv'))!.name));
    expect(sessions.length).toBeGreaterThan(0);
    expect(Object.keys(sessions[0]!)).not.toContain('patient_name');
    for (const s of sessions) expect(s.patient_code).toMatch(PATIENT_CODE_PATTERN);
  });

  it('codes are stable across exports and differ between patients', async () => {
    const a = await exportSessions({}, { pseudonymise: true });
    const b = await exportSessions({}, { pseudonymise: true });
    const codeOf = (rows: typeof a.sessions) => new Map(rows.map((r) => [r.session_id, r.patient_code]));
    expect(codeOf(a.sessions)).toEqual(codeOf(b.sessions));
    const byPatient = new Map<number, Set<string>>();
    for (const row of st.db.prepare('SELECT id, patient_id FROM clinical_sessions').all() as { id: number; patient_id: number }[]) {
      const code = codeOf(a.sessions).get(String(row.id))!;
      if (!byPatient.has(row.patient_id)) byPatient.set(row.patient_id, new Set());
      byPatient.get(row.patient_id)!.add(code);
    }
    for (const codes of byPatient.values()) expect(codes.size).toBe(1);
    const all = [...byPatient.values()].map((s) => [...s][0]);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('lot recall', () => {
  it('every patient and session that received the lot, with the volume from it', async () => {
    const lot = st.clinic.lots[0]!.lotNumber;
    const dir = mkdtempSync(path.join(st.dir, 'r-'));
    const r = await runExport(st.request({ outputs: ['recall_csv'], filters: { lotNumber: lot }, targetDir: dir }), st.ctx());
    expect(r.manifest.kind).toBe('lot_recall');
    const file = (s: string) => path.join(dir, r.manifest.files.find((f) => f.name.endsWith(s))!.name);
    const sessions = readCsv(file('recall-sessions.csv'));
    const patients = readCsv(file('recall-patients.csv'));
    const wantSessions = st.db
      .prepare(
        `SELECT s.id, (SELECT count(*) FROM dose_records d WHERE d.session_id = s.id AND d.lot_number = @lot) AS n,
                (SELECT coalesce(sum(delivered_nl), 0) FROM dose_records d WHERE d.session_id = s.id AND d.lot_number = @lot) AS nl
         FROM clinical_sessions s WHERE EXISTS (SELECT 1 FROM dose_records d WHERE d.session_id = s.id AND d.lot_number = @lot)
         ORDER BY s.started_at, s.id`,
      )
      .all({ lot }) as { id: number; n: number; nl: number }[];
    expect(sessions.map((s) => [Number(s.session_id), Number(s.shots_from_lot), Number(s.delivered_nl_from_lot)])).toEqual(wantSessions.map((s) => [s.id, s.n, s.nl]));
    const wantPatients = (st.db
      .prepare(
        `SELECT DISTINCT p.clinic_id FROM clinical_sessions s JOIN patients p ON p.id = s.patient_id
         WHERE EXISTS (SELECT 1 FROM dose_records d WHERE d.session_id = s.id AND d.lot_number = @lot)`,
      )
      .all({ lot }) as { clinic_id: string }[]).map((p) => p.clinic_id);
    expect(patients.map((p) => p.patient_clinic_id).sort()).toEqual(wantPatients.sort());
    // Whom to call: each patient's phone, e-mail and language, as the record holds them (a leading +
    // is neutralised against formula injection like any other cell, and restored by a reader).
    for (const p of patients) {
      const row = st.db.prepare('SELECT phone, email, preferred_language AS lang FROM patients WHERE clinic_id = ?').get(p.patient_clinic_id) as { phone: string; email: string; lang: string };
      expect([restoreNeutralised(p.patient_phone!), p.patient_email, p.patient_language]).toEqual([row.phone, row.email, row.lang]);
    }
    expect(patients.reduce((s, p) => s + Number(p.delivered_nl_from_lot), 0)).toBe(wantSessions.reduce((s, x) => s + x.nl, 0));
  });
});

function extractPdfText(file: string): string {
  try {
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  } catch {
    // Without poppler the raw bytes are all there is to check.
    return readFileSync(file, 'latin1');
  }
}
