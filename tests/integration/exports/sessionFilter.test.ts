// One session filter: the admin's session browser (sessions.list, through the dispatcher) and the
// exports (runExport) choose the same sessions for the same filter, and both agree with an oracle
// written here from the raw rows (calendar days by Intl in the zone, lots from the dose records).
// Runs in two time zones with daylight saving; the clinic spans their autumn changes, and sessions
// are moved to the edges of all four 2025 change days (a 23-hour and a 25-hour day in each zone).
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionFilter, SessionStatus } from '../../../electron/contract/sessionFilter.js';
import { sessionsContract, type SessionPage } from '../../../electron/contract/sessions.js';
import { newConnection } from '../../../electron/core/access/connection.js';
import { createDispatcher } from '../../../electron/core/dispatch.js';
import { exportsRunInput } from '../../../electron/contract/exports.js';
import { openReadSnapshot } from '../../../electron/core/exports/query/readSnapshot.js';
import { SessionReader } from '../../../electron/core/exports/query/sessionReader.js';
import { runExport } from '../../../electron/core/exports/run.js';
import { sessionCondition } from '../../../electron/core/sessions/filter.js';
import { sessionRecordsHandlers } from '../../../electron/core/sessions/handlers.js';
import { SessionRecords } from '../../../electron/core/sessions/history.js';
import { prng, type ClinicSummary, type SessionPlan } from '../../support/syntheticClinic.js';
import { openStation, type Station } from './fixture.js';
import { readCsv } from './tools.js';

/** 2025's daylight-saving change days in both zones: each zone sees its own and the other's. */
const CHANGE_DAYS = ['2025-03-09', '2025-03-30', '2025-10-26', '2025-11-02'];
interface Row {
  id: number;
  patient_id: number;
  clinician_user_id: number;
  status: SessionStatus;
  started_at: number;
  gun_serial: string | null;
}

/** Moves a session to a wall-clock time in the zone the test runs in (the station's zone). */
function localMs(day: string, h: number, m: number, s = 0, ms = 0): number {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, mo - 1, d, h, m, s, ms).getTime();
}

function dayBefore(day: string, n = 1): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d - n));
  return t.toISOString().slice(0, 10);
}

describe.each(['Europe/Madrid', 'America/New_York'])('in %s', (zone) => {
  const savedTz = process.env.TZ;
  let st: Station;
  let rows: Row[];
  /** Per session: the lots and the guns of its dose records. */
  let doseLots: Map<number, Set<string>>;
  let doseGuns: Map<number, Set<string>>;
  let loadedOnly: { sessionId: number; lot: string };
  let changedVial: { sessionId: number; first: string; second: string };
  let abortedBeforeShots: { sessionId: number; lot: string };
  const calendarDay = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });

  beforeAll(() => {
    // Node reads TZ again when it changes: every Date below, and the station code, use this zone.
    process.env.TZ = zone;
    // Sessions at the edges of each change day: its first instant, late in the evening (past
    // midnight + 24 h on a 25-hour day), just after it (before midnight + 24 h on a 23-hour day),
    // and the last instant of the day before. Session numbers 5, 10, ... 80 move there.
    const edges = CHANGE_DAYS.flatMap((day) => [localMs(day, 0, 0), localMs(day, 23, 30), localMs(dayBefore(day, -1), 0, 30), localMs(dayBefore(day), 23, 59, 59, 999)]);
    const otherLot = (plan: SessionPlan, lots: ClinicSummary['lots']) => lots.find((l) => l.serumVersionId === plan.lot.serumVersionId && l.id !== plan.lot.id)!;
    st = openStation({
      rooms: 2,
      sessionsPerRoomPerDay: 3,
      days: 14,
      startDate: '2025-10-22',
      shotsPerSession: 7,
      patients: 9,
      lastInProgress: true,
      seed: 29,
      adjust(n, plan, { lots, guns }) {
        if (n % 5 === 0 && n / 5 <= edges.length) plan.startedAt = edges[n / 5 - 1]!;
        // A vial loaded after the last shot: the session row names it, no dose came from it.
        if (n === 7) {
          plan.firstLot = { lot: plan.lot, shots: plan.shots };
          plan.lot = otherLot(plan, lots);
          loadedOnly = { sessionId: n, lot: plan.lot.lotNumber };
        }
        // A vial changed after three shots: doses from both lots; the row names only the second.
        if (n === 11) {
          plan.firstLot = { lot: plan.lot, shots: 3 };
          changedVial = { sessionId: n, first: plan.lot.lotNumber, second: otherLot(plan, lots).lotNumber };
          plan.lot = otherLot(plan, lots);
        }
        // Aborted at preparation with a vial loaded: nothing reached the patient.
        if (n === 17) {
          Object.assign(plan, { status: 'aborted', shots: 0, lot: otherLot(plan, lots) });
          abortedBeforeShots = { sessionId: n, lot: plan.lot.lotNumber };
        }
        // A gun swapped mid-session: the later doses come from the other room's gun.
        if (n === 3) plan.secondGun = { serial: guns.find((g) => g !== guns[0])!, fromShot: 4 };
      },
    });
    rows = st.db.prepare('SELECT id, patient_id, clinician_user_id, status, started_at, gun_serial FROM clinical_sessions').all() as Row[];
    doseLots = new Map();
    doseGuns = new Map();
    for (const d of st.db.prepare('SELECT session_id, lot_number, gun_serial FROM dose_records WHERE session_id IS NOT NULL').all() as { session_id: number; lot_number: string; gun_serial: string }[]) {
      if (!doseLots.has(d.session_id)) doseLots.set(d.session_id, new Set());
      if (!doseGuns.has(d.session_id)) doseGuns.set(d.session_id, new Set());
      doseLots.get(d.session_id)!.add(d.lot_number);
      doseGuns.get(d.session_id)!.add(d.gun_serial);
    }
    // The shapes are there (session n is row n in a fresh database).
    expect(doseLots.get(loadedOnly.sessionId)?.has(loadedOnly.lot)).toBe(false);
    expect([...doseLots.get(changedVial.sessionId)!].sort()).toEqual([changedVial.first, changedVial.second].sort());
    expect(doseLots.has(abortedBeforeShots.sessionId)).toBe(false);
    expect(doseGuns.get(3)?.size).toBe(2);
  });
  afterAll(() => {
    st.close();
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  /** What the filter means, from the raw rows: the oracle both paths must match. */
  function oracle(f: SessionFilter): number[] {
    return rows
      .filter((r) => {
        const day = calendarDay.format(r.started_at);
        if (f.fromDate !== undefined && day < f.fromDate) return false;
        if (f.toDate !== undefined && day > f.toDate) return false;
        if (f.patientId !== undefined && r.patient_id !== f.patientId) return false;
        if (f.clinicianUserId !== undefined && r.clinician_user_id !== f.clinicianUserId) return false;
        if (f.statuses !== undefined && !f.statuses.includes(r.status)) return false;
        if (f.gunSerial !== undefined && r.gun_serial !== f.gunSerial && !doseGuns.get(r.id)?.has(f.gunSerial)) return false;
        if (f.lotNumber !== undefined && !doseLots.get(r.id)?.has(f.lotNumber)) return false;
        return true;
      })
      .sort((a, b) => a.started_at - b.started_at || a.id - b.id)
      .map((r) => r.id);
  }

  const call = () =>
    createDispatcher({
      contract: { 'sessions.list': sessionsContract['sessions.list'] },
      handlers: { 'sessions.list': sessionRecordsHandlers(new SessionRecords(st.db))['sessions.list'] },
      logins: { resolve: () => ({ actor: st.admin, locked: false }), touch: () => undefined },
    });

  /** The session browser's answer, every page, in its order (newest first) turned oldest first. */
  async function browse(f: SessionFilter): Promise<number[]> {
    const dispatch = call();
    const conn = newConnection();
    const ids: number[] = [];
    for (let offset = 0; ; ) {
      const page = (await dispatch(conn, 'sessions.list', { ...f, limit: 25, offset })) as SessionPage;
      ids.push(...page.items.map((s) => s.id));
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) {
        expect(ids.length).toBe(page.total);
        break;
      }
    }
    return ids.reverse();
  }

  /**
   * The exports' choice of sessions without writing files: the filter as exports.run parses it, then
   * the reader every per-session output walks (the same iteration runExport makes).
   */
  function chosenForExport(f: SessionFilter): number[] {
    const { filters } = exportsRunInput.parse({ outputs: ['sessions_csv'], filters: f });
    const snap = openReadSnapshot(st.db, st.pseudonymSecret);
    try {
      return [...new SessionReader(snap.db).iterateRows(sessionCondition(filters))].map((r) => r.id);
    } finally {
      snap.close();
    }
  }

  /** The exports' answer end to end: the session CSV's rows, in file order (oldest first). */
  async function exported(f: SessionFilter): Promise<number[]> {
    const dir = mkdtempSync(path.join(st.dir, 'f-'));
    try {
      const r = await runExport(st.request({ outputs: ['sessions_csv'], filters: f, targetDir: dir }), st.ctx());
      return readCsv(path.join(dir, r.manifest.files[0]!.name)).map((row) => Number(row.session_id));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('a day with a daylight-saving change ends at the next local midnight, on screen and in the exports', async () => {
    for (const day of CHANGE_DAYS) {
      const want = oracle({ fromDate: day, toDate: day });
      // The day's first instant and its late evening are in it; the next day's 00:30 is not.
      expect(want.map((id) => rows.find((r) => r.id === id)!.started_at)).toEqual(expect.arrayContaining([localMs(day, 0, 0), localMs(day, 23, 30)]));
      expect(await browse({ fromDate: day, toDate: day })).toEqual(want);
      expect(await exported({ fromDate: day, toDate: day })).toEqual(want);
      const upTo = oracle({ toDate: day });
      expect(await browse({ toDate: day })).toEqual(upTo);
      expect(await exported({ toDate: day })).toEqual(upTo);
      expect(upTo).not.toContain(rows.find((r) => r.started_at === localMs(dayBefore(day, -1), 0, 30))!.id);
    }
  });

  it('a lot matches the sessions that delivered a dose from it, not those that only had it loaded', async () => {
    // (Another session may have delivered from that lot; these two never did.)
    for (const [f, sessionId] of [
      [{ lotNumber: loadedOnly.lot }, loadedOnly.sessionId],
      [{ lotNumber: abortedBeforeShots.lot }, abortedBeforeShots.sessionId],
    ] as const) {
      const want = oracle(f);
      expect(want).not.toContain(sessionId);
      expect(await browse(f)).toEqual(want);
      expect(await exported(f)).toEqual(want);
    }
    // The vial changed half-way: the patient received both lots, and is on both recalls.
    for (const lotNumber of [changedVial.first, changedVial.second]) {
      const want = oracle({ lotNumber });
      expect(want).toContain(changedVial.sessionId);
      expect(await browse({ lotNumber })).toEqual(want);
      expect(await exported({ lotNumber })).toEqual(want);
    }
    // The recall files say the same: the loaded-only session is nobody to call back.
    const dir = mkdtempSync(path.join(st.dir, 'r-'));
    const r = await runExport(st.request({ outputs: ['recall_csv'], filters: { lotNumber: loadedOnly.lot }, targetDir: dir }), st.ctx());
    const recalled = readCsv(path.join(dir, r.manifest.files.find((x) => x.name.endsWith('recall-sessions.csv'))!.name)).map((x) => Number(x.session_id));
    expect(recalled).toEqual(oracle({ lotNumber: loadedOnly.lot }));
    expect(recalled).not.toContain(loadedOnly.sessionId);
  });

  // Each filter through the browser's dispatcher and the exports' reader; every tenth also through a
  // whole export (files, manifest, audit entry), which costs tens of milliseconds each.
  it('200 random filters: the browser and the exports choose the same sessions, and the ones the filter means', async () => {
    const rnd = prng(zone.length * 7919);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const clinicDays = Array.from({ length: 14 }, (_, i) => dayBefore('2025-10-22', -i));
    const days = [...clinicDays, ...CHANGE_DAYS, ...CHANGE_DAYS.map((d) => dayBefore(d)), ...CHANGE_DAYS.map((d) => dayBefore(d, -1))];
    const lots = [...st.clinic.lots.map((l) => l.lotNumber), 'LOT-NOBODY'];
    const statuses: SessionStatus[] = ['in_progress', 'signed', 'aborted'];
    let nonEmpty = 0;
    let onChangeDays = 0;
    for (let i = 0; i < 200; i++) {
      const f: SessionFilter = {};
      if (rnd() < 0.5) {
        const [a, b] = [pick(days), pick(days)].sort() as [string, string];
        if (rnd() < 0.8) f.fromDate = a;
        if (rnd() < 0.8) f.toDate = b;
      }
      if (rnd() < 0.25) f.clinicianUserId = pick(st.clinic.clinicians).id;
      if (rnd() < 0.2) f.patientId = pick(rows).patient_id;
      if (rnd() < 0.25) f.gunSerial = pick([...st.clinic.guns, 'MG-NONE']);
      if (rnd() < 0.25) f.lotNumber = pick(lots);
      if (rnd() < 0.3) f.statuses = [...new Set([...statuses.filter(() => rnd() < 0.5), pick(statuses)])];
      const want = oracle(f);
      const label = `filter ${i}: ${JSON.stringify(f)}`;
      expect(await browse(f), label).toEqual(want);
      expect(chosenForExport(f), label).toEqual(want);
      if (i % 10 === 0) expect(await exported(f), label).toEqual(want);
      if (want.length > 0) nonEmpty++;
      if (want.length > 0 && [f.fromDate, f.toDate].some((d) => d !== undefined && CHANGE_DAYS.includes(d))) onChangeDays++;
    }
    // The draw exercised something: most filters found sessions, a good number bounded by a change day.
    expect(nonEmpty).toBeGreaterThan(100);
    expect(onChangeDays).toBeGreaterThan(10);
  });
});
