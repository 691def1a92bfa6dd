// The quality summaries (migration 503) against the ledger: every summary row recounted from the
// dose records and the event tables under the live rules (quality/events.ts, the ones the drill-down
// and the review queue read), and compared exactly. Once as the triggers keep them, once as the
// migration builds them for records that were there before it, and then kept by the triggers again.
import Database from 'libsql';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QUALITY_METRICS } from '../../../electron/contract/quality.js';
import { EVENT_SOURCES, isSessionless } from '../../../electron/core/quality/events.js';
import { appliedMigrations, migrate } from '../../../electron/core/storage/migrate.js';
import { MIGRATIONS } from '../../../electron/core/storage/migrations/index.js';
import { openDatabase, type Db } from '../../../electron/core/storage/db.js';
import { generateClinic, type ClinicOptions } from '../../support/syntheticClinic.js';
import { tempDir } from './access.fixture.js';

const SESSION_METRICS = QUALITY_METRICS.filter((m) => !isSessionless(m));
type Counts = Record<'shots' | (typeof SESSION_METRICS)[number], number>;

const zero = (): Counts => Object.fromEntries(['shots', ...SESSION_METRICS].map((c) => [c, 0])) as Counts;

/** What the summaries must hold, counted from the ledger and the event tables alone. */
function recount(db: Db): { sessions: Record<string, unknown>[]; zones: Record<string, unknown>[] } {
  const zones = new Map<string, { session_id: number; zone: string } & Counts>();
  const add = (sessionId: number, zone: string, column: keyof Counts, n: number) => {
    const k = `${sessionId}\u0000${zone}`;
    const row = zones.get(k) ?? { session_id: sessionId, zone, ...zero() };
    row[column] += n;
    zones.set(k, row);
  };
  const shots = db.prepare("SELECT session_id, ifnull(zone, '') AS zone, count(*) AS n FROM dose_records WHERE session_id IS NOT NULL GROUP BY 1, 2").all() as { session_id: number; zone: string; n: number }[];
  for (const r of shots) add(r.session_id, r.zone, 'shots', r.n);
  for (const metric of SESSION_METRICS) {
    const src = EVENT_SOURCES[metric];
    const rows = db.prepare(`SELECT ${src.sessionId} AS session_id, ifnull(${src.zone}, '') AS zone, count(*) AS n FROM ${src.from} WHERE ${src.where} GROUP BY 1, 2`).all() as { session_id: number; zone: string; n: number }[];
    for (const r of rows) add(r.session_id, r.zone, metric, r.n);
  }
  const sessions = (db.prepare('SELECT id, started_at, clinician_user_id, serum_version_id FROM clinical_sessions ORDER BY id').all() as { id: number; started_at: number; clinician_user_id: number; serum_version_id: number | null }[]).map((s) => {
    const total = zero();
    for (const z of zones.values()) if (z.session_id === s.id) for (const c of Object.keys(total) as (keyof Counts)[]) total[c] += z[c];
    return { started_at: s.started_at, session_id: s.id, clinician_user_id: s.clinician_user_id, serum_version_id: s.serum_version_id, ...total };
  });
  const byKey = (a: { session_id: number; zone: string }, b: { session_id: number; zone: string }) => a.session_id - b.session_id || (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0);
  return { sessions, zones: [...zones.values()].sort(byKey) };
}

function summaries(db: Db): { sessions: Record<string, unknown>[]; zones: Record<string, unknown>[] } {
  const cols = ['shots', ...SESSION_METRICS].join(', ');
  return {
    sessions: db.prepare(`SELECT started_at, session_id, clinician_user_id, serum_version_id, ${cols} FROM quality_sessions ORDER BY session_id`).all() as Record<string, unknown>[],
    zones: db.prepare(`SELECT session_id, zone, ${cols} FROM quality_zones ORDER BY session_id, zone`).all() as Record<string, unknown>[],
  };
}

function expectSummariesAreTheLedger(db: Db, atLeast: { sessions: number; events: number }): void {
  const want = recount(db);
  // Not an empty comparison: the clinic has sessions, shots and every kind of event.
  expect(want.sessions.length).toBeGreaterThanOrEqual(atLeast.sessions);
  for (const metric of SESSION_METRICS) expect(want.sessions.reduce((n, s) => n + (s[metric] as number), 0), metric).toBeGreaterThanOrEqual(atLeast.events);
  expect(summaries(db)).toEqual(want);
}

/** A dose record for a session, as the ledger stores one (the fields the summaries do not read are fixed). */
function insertDose(db: Db, gun: string, recordId: number, sessionId: number, zone: string | null): void {
  db.prepare(
    `INSERT INTO dose_records (gun_serial, record_id, session_id, zone, gun_started_at_ms, gun_ended_at_ms, received_at_ms, committed_at_ms, commanded_nl, delivered_nl, depth_um, entry_pct, dwell_pct, exit_pct, mode, record_crc)
     VALUES (?, ?, ?, ?, 0, 1, 0, 0, 20000, 20000, 2000, 0, 100, 0, 'papule', 0)`,
  ).run(gun, recordId, sessionId, zone);
}

const CLINIC: ClinicOptions = { rooms: 2, sessionsPerRoomPerDay: 4, days: 40, shotsPerSession: 21, unattributedShots: 12, seed: 11, startDate: '2025-03-20', quality: true, lastInProgress: true };

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

describe('quality summaries', () => {
  it('as the triggers keep them, record by record, equal the ledger recounted', () => {
    const db = openDatabase(join(dir.dir, 'station.db'));
    try {
      generateClinic(db, CLINIC);
      expectSummariesAreTheLedger(db, { sessions: 320, events: 2 });
    } finally {
      db.close();
    }
  });

  it('migration 503 builds them for the records already there, drops the dose tally, and the triggers keep them after', () => {
    const file = join(dir.dir, 'station.db');
    const before = new Database(file);
    migrate(before, MIGRATIONS.filter((m) => m.id < 503));
    generateClinic(before, CLINIC);
    expect((before.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'quality_sessions'").get() as { n: number }).n).toBe(0);
    before.close();

    const db = openDatabase(file);
    try {
      expect(appliedMigrations(db)).toContain(503);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'dose_tally%'").all()).toEqual([]);
      expectSummariesAreTheLedger(db, { sessions: 320, events: 2 });

      // New records after the migration: a session, its serum chosen, a dose at a zone, a dose with no
      // zone, an override, a session-wide hard stop, a skipped stage, an interruption.
      const sessionId = 9001;
      db.prepare(
        "INSERT INTO clinical_sessions (id, patient_id, clinician_user_id, clinician_username, clinician_display_name, status, phase, step, started_at, updated_at, machine_version, snapshot) VALUES (?, 1, 2, 'b', 'B', 'aborted', 'mesotherapy', 'x', 1750000000000, 0, 2, '{}')",
      ).run(sessionId);
      // The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
      expect(() => db.prepare('UPDATE clinical_sessions SET serum_version_id = 1 WHERE id = ?').run(sessionId)).toThrow(/never edited/);
      const open = db.prepare("SELECT id FROM clinical_sessions WHERE status = 'in_progress'").get() as { id: number };
      db.prepare('UPDATE clinical_sessions SET serum_version_id = (SELECT max(id) FROM serum_versions) WHERE id = ?').run(open.id);
      insertDose(db, 'G-NEW', 1, open.id, 'vertex');
      insertDose(db, 'G-NEW', 2, open.id, null);
      const limit = db.prepare("INSERT INTO limit_events (session_id, at, kind, scope, zone, detail) VALUES (?, 0, ?, ?, ?, '{}')");
      limit.run(open.id, 'soft_ack', 'shot', 'vertex');
      limit.run(open.id, 'hard_stop', 'session', null);
      limit.run(open.id, 'soft_stop', 'shot', 'vertex');
      db.prepare("INSERT INTO session_steps (session_id, at, event, phase_before, phase_after) VALUES (?, 0, 'THERMO_SKIP', 'thermotherapy', 'mesotherapy')").run(open.id);
      const w = db.prepare("INSERT INTO arm_windows (session_id, zone, gun_serial, after_record_id, armed_at) VALUES (?, 'frontal', 'G-NEW', 0, 0)").run(open.id);
      db.prepare("INSERT INTO session_interruptions (session_id, arm_window_id, kind, started_at, held_at_start) VALUES (?, ?, 'link-lost', 0, 0)").run(open.id, w.lastInsertRowid);
      expectSummariesAreTheLedger(db, { sessions: 321, events: 2 });
    } finally {
      db.close();
    }
  });

  it('change in the same transaction as the record: a dose rolled back leaves them as they were', () => {
    const db = openDatabase(join(dir.dir, 'station.db'));
    try {
      generateClinic(db, { ...CLINIC, days: 2 });
      const before = summaries(db);
      const sessionId = (db.prepare('SELECT max(id) AS id FROM clinical_sessions').get() as { id: number }).id;
      db.exec('BEGIN');
      insertDose(db, 'G-RB', 1, sessionId, 'vertex');
      expect(summaries(db)).not.toEqual(before);
      db.exec('ROLLBACK');
      expect(summaries(db)).toEqual(before);
    } finally {
      db.close();
    }
  });

  it('are never deleted', () => {
    const db = openDatabase(join(dir.dir, 'station.db'));
    try {
      generateClinic(db, { ...CLINIC, days: 1 });
      // The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
      expect(() => db.prepare('DELETE FROM quality_sessions').run()).toThrow(/never deleted/);
      expect(() => db.prepare('DELETE FROM quality_zones').run()).toThrow(/never deleted/);
    } finally {
      db.close();
    }
  });
});
