// The quality dashboard's rates against a synthetic clinic whose events were planted at known
// intervals: every figure is checked exact to the shot, twice over: against totals worked out by hand
// from the planting rules, and against every breakdown recomputed in JavaScript from the generator's
// own list of what it planted (never from the SQL under test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUALITY_DIMENSIONS, QUALITY_METRICS, type QualityDimension, type QualityMetric, type QualityRates } from '../../../electron/contract/quality.js';
import { ZONES } from '../../../electron/contract/sessions.js';
import { localDayEndMs, localDayStartMs } from '../../../electron/core/sessions/dates.js';
import { qualityDrill } from '../../../electron/core/quality/drill.js';
import { qualityRates } from '../../../electron/core/quality/rates.js';
import { reasonCounts } from '../../../electron/core/quality/reasonCounts.js';
import { ratesCsv } from '../../../electron/core/quality/csv.js';
import { openDatabase, type Db } from '../../../electron/core/storage/db.js';
import { generateClinic, type ClinicOptions, type ClinicSummary, type PlannedSession } from '../../support/syntheticClinic.js';
import { tempDir } from './access.fixture.js';

// 2 rooms x 6 sessions a day x 75 days (6 January to 21 March 2025: three months) = 900 sessions of
// 35 shots (5 in each of the 7 treated zones), and 30 unattributed doses (one after every 30th session).
const CLINIC: ClinicOptions = { rooms: 2, sessionsPerRoomPerDay: 6, days: 75, shotsPerSession: 35, unattributedShots: 30, seed: 7, startDate: '2025-01-06', quality: true };
const WHOLE = { fromDate: '2025-01-06', toDate: '2025-03-21' };

let dir: ReturnType<typeof tempDir>;
let db: Db;
let clinic: ClinicSummary;

beforeAll(() => {
  dir = tempDir();
  db = openDatabase(`${dir.dir}/station.db`);
  clinic = generateClinic(db, CLINIC);
});
afterAll(() => {
  db.close();
  dir.cleanup();
});

const rates = (metric: QualityMetric, dimension: QualityDimension, range = WHOLE): QualityRates => qualityRates(db, { ...range, metric, dimension });

describe('planted totals, worked out by hand', () => {
  // Shots: 900 sessions x 35 + 30 unattributed = 31,530.
  const SHOTS = 31_530;
  const PLANTED: Record<QualityMetric, number> = {
    override: 100, // every 9th session: floor(900 / 9)
    hard_stop: 9 + 14, // every 97th (session-wide) and every 61st (at a zone)
    near_miss: 16 + 12, // every 53rd (a profile refused) and every 71st (arming refused)
    thermo_cut: 21 + 39, // skipped every 41st; shortened every 23rd (no session is both below 943)
    interruption: 13, // every 67th
    unattributed: 30,
  };

  for (const metric of QUALITY_METRICS)
    it(`${metric}: ${PLANTED[metric]} in ${SHOTS} shots, per 100 shots exactly`, () => {
      for (const dimension of QUALITY_DIMENSIONS) {
        const r = rates(metric, dimension);
        expect(r.total).toEqual({ key: null, label: null, version: null, events: PLANTED[metric], shots: SHOTS, ratePer100: (PLANTED[metric] * 100) / SHOTS });
        // The rows share the total out: every event lands in exactly one row.
        expect(r.rows.reduce((a, x) => a + x.events, 0)).toBe(PLANTED[metric]);
      }
    });

  it('the summaries the rates count shots from are the ledger, zone by zone (quality.summaries.test.ts checks every column)', () => {
    const ledger = db.prepare("SELECT session_id, zone, count(*) AS shots FROM dose_records WHERE session_id IS NOT NULL GROUP BY session_id, zone ORDER BY 1, 2").all();
    expect(db.prepare('SELECT session_id, zone, shots FROM quality_zones WHERE shots > 0 ORDER BY 1, 2').all()).toEqual(ledger);
    expect(ledger).toHaveLength(900 * 7);
  });
});

/** The breakdown recomputed from the generator's list of what it planted. */
function expectedRows(metric: QualityMetric, dimension: QualityDimension, range: { fromDate: string; toDate: string }) {
  const from = localDayStartMs(range.fromDate);
  const to = localDayEndMs(range.toDate);
  const within = (t: number) => t >= from && t < to;
  const month = (t: number) => {
    const d = new Date(t);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  };
  const sessions = new Map(clinic.plan.sessions.filter((s) => within(s.startedAt)).map((s) => [s.id, s]));
  const loose = clinic.plan.events.filter((e) => e.metric === 'unattributed' && within(e.at));
  const keyOfSession = (s: PlannedSession, zone: string | null): string | null =>
    dimension === 'clinician' ? String(s.clinicianId) : dimension === 'serum_version' ? String(s.serumVersionId) : dimension === 'zone' ? zone : month(s.startedAt);
  const events = new Map<string | null, number>();
  const shots = new Map<string | null, number>();
  const bump = (m: Map<string | null, number>, k: string | null, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const e of clinic.plan.events) {
    if (e.metric !== metric) continue;
    if (e.sessionId === null) {
      if (within(e.at)) bump(events, dimension === 'month' ? month(e.at) : null, 1);
    } else {
      const s = sessions.get(e.sessionId);
      if (s) bump(events, keyOfSession(s, e.zone), 1);
    }
  }
  let all = loose.length;
  for (const s of sessions.values())
    for (const [zone, n] of Object.entries(s.shotsByZone)) {
      bump(shots, keyOfSession(s, zone), n);
      all += n;
    }
  if (dimension === 'month') for (const e of loose) bump(shots, month(e.at), 1);
  const keys = new Set<string | null>([...events.keys(), ...shots.keys()]);
  if (dimension === 'zone') for (const z of ZONES) keys.add(z);
  return new Map(
    [...keys].map((k) => {
      const n = k === null ? all : (shots.get(k) ?? 0);
      const ev = events.get(k) ?? 0;
      return [k, { events: ev, shots: n, ratePer100: n > 0 ? (ev * 100) / n : null }];
    }),
  );
}

describe('every breakdown, against what was planted', () => {
  const FEBRUARY = { fromDate: '2025-02-01', toDate: '2025-02-28' };
  for (const range of [WHOLE, FEBRUARY])
    for (const metric of QUALITY_METRICS)
      for (const dimension of QUALITY_DIMENSIONS)
        it(`${metric} by ${dimension}, ${range.fromDate} to ${range.toDate}`, () => {
          const r = rates(metric, dimension, range);
          const want = expectedRows(metric, dimension, range);
          expect(new Map(r.rows.map((x) => [x.key, { events: x.events, shots: x.shots, ratePer100: x.ratePer100 }]))).toEqual(want);
          expect(want.size).toBeGreaterThan(0);
        });

  it('rows come in the breakdown’s order: zones as on the scalp map, months in time, clinicians by name; the null key last', () => {
    expect(rates('hard_stop', 'zone').rows.map((r) => r.key)).toEqual([...ZONES, null]);
    expect(rates('override', 'month').rows.map((r) => r.key)).toEqual(['2025-01', '2025-02', '2025-03']);
    const byClinician = rates('override', 'clinician').rows;
    expect(byClinician.map((r) => r.label)).toEqual([...byClinician.map((r) => r.label)].sort((a, b) => a!.localeCompare(b!, undefined, { sensitivity: 'base' })));
    expect(byClinician.every((r) => r.label?.startsWith('Dr. '))).toBe(true);
    const bySerum = rates('override', 'serum_version').rows;
    expect(bySerum.map((r) => [r.label?.slice(0, 4), r.version])).toEqual([
      ['Biot', 1],
      ['Hair', 1],
      ['Hair', 2],
    ]);
    // The occipital zone is spared: its row is there, with no shots and so no rate.
    expect(rates('interruption', 'zone').rows.find((r) => r.key === 'occipital')).toEqual({ key: 'occipital', label: null, version: null, events: 0, shots: 0, ratePer100: null });
  });

  it('a range with no sessions has every month and zone at zero, and no rate', () => {
    const none = rates('override', 'month', { fromDate: '2024-06-01', toDate: '2024-07-31' });
    expect(none.rows).toEqual([
      { key: '2024-06', label: null, version: null, events: 0, shots: 0, ratePer100: null },
      { key: '2024-07', label: null, version: null, events: 0, shots: 0, ratePer100: null },
    ]);
    expect(none.total).toEqual({ key: null, label: null, version: null, events: 0, shots: 0, ratePer100: null });
  });
});

describe('drill-down', () => {
  it('a bar opens exactly the sessions behind it, each with its events', () => {
    const row = rates('near_miss', 'clinician').rows.find((r) => r.events > 1)!;
    const d = qualityDrill(db, { ...WHOLE, metric: 'near_miss', dimension: 'clinician', key: row.key, limit: 500, offset: 0 });
    const planted = clinic.plan.events.filter((e) => e.metric === 'near_miss' && clinic.plan.sessions.find((s) => s.id === e.sessionId)!.clinicianId === Number(row.key));
    const perSession = new Map<number, number>();
    for (const e of planted) perSession.set(e.sessionId!, (perSession.get(e.sessionId!) ?? 0) + 1);
    expect(new Map(d.sessions.map((s) => [s.sessionId, s.events]))).toEqual(perSession);
    expect(d.totalSessions).toBe(perSession.size);
    expect(d.sessions.reduce((a, s) => a + s.events, 0)).toBe(row.events);
    expect(d.sessions.map((s) => s.startedAt)).toEqual([...d.sessions.map((s) => s.startedAt)].sort((a, b) => b - a));
    expect(d.records).toEqual([]);
  });

  it('the null row of a zone breakdown opens the sessions with session-wide stops; pages hold together', () => {
    const d = qualityDrill(db, { ...WHOLE, metric: 'hard_stop', dimension: 'zone', key: null, limit: 4, offset: 0 });
    const rest = qualityDrill(db, { ...WHOLE, metric: 'hard_stop', dimension: 'zone', key: null, limit: 100, offset: 4 });
    const want = clinic.plan.events.filter((e) => e.metric === 'hard_stop' && e.zone === null).map((e) => e.sessionId);
    expect([...d.sessions, ...rest.sessions].map((s) => s.sessionId).sort((a, b) => a - b)).toEqual(want);
    expect(d.sessions).toHaveLength(4);
    expect(d.totalSessions).toBe(9);
  });

  it('unattributed doses open as the dose records, by month', () => {
    const d = qualityDrill(db, { ...WHOLE, metric: 'unattributed', dimension: 'month', key: '2025-02', limit: 100, offset: 0 });
    const want = clinic.plan.events.filter((e) => e.metric === 'unattributed' && new Date(e.at).getMonth() === 1);
    expect(d.records.map((r) => r.receivedAt).sort()).toEqual(want.map((e) => e.at).sort());
    expect(d.records.every((r) => r.reason === 'no session armed' && r.assignment === null)).toBe(true);
    expect(d.sessions).toEqual([]);
  });
});

describe('coded reasons', () => {
  it('counts each use by code, as planted', () => {
    const got = reasonCounts(db, WHOLE);
    const want = new Map<string, number>();
    for (const e of clinic.plan.events) if (e.reason) want.set(`${e.reason.use}:${e.reason.code}`, (want.get(`${e.reason.use}:${e.reason.code}`) ?? 0) + 1);
    expect(new Map(got.map((c) => [`${c.use}:${c.code}`, c.events]))).toEqual(want);
    expect(got.map((c) => c.use)).toEqual([...got.map((c) => c.use)].sort((a, b) => ['override', 'skip', 'shorten', 'abort'].indexOf(a) - ['override', 'skip', 'shorten', 'abort'].indexOf(b)));
    expect(got.find((c) => c.code === 'sparse-area')?.label).toBe('Sparse area needs more serum');
    expect(got.filter((c) => c.use === 'override').reduce((a, c) => a + c.events, 0)).toBe(100);
  });
});

describe('CSV', () => {
  it('holds the same figures, typed, with the total last', () => {
    const r = rates('override', 'clinician');
    const csv = ratesCsv(r);
    const lines = csv.csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('"metric","breakdown","from_date","to_date","row","key","label","serum_version","events","shots","rate_per_100_shots"');
    expect(lines).toHaveLength(r.rows.length + 2);
    expect(lines.at(-1)).toBe(`"override","clinician","2025-01-06","2025-03-21","total",,,,100,31530,${(100 * 100) / 31530}`);
    expect(csv.fileName).toBe('meso-quality-override-by-clinician-2025-01-06-to-2025-03-21.csv');
  });
});
