// Migration 311 and snapshot version 3: one status vocabulary for clinical sessions
// (in_progress | signed | aborted), the final phase "signed", the end time "ended_at". Rows written
// with the old words (active | locked | aborted) come through translated, keep their guards, and a
// signed session saved by the version-2 machine is still readable.
import Database from 'libsql';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appliedMigrations, migrate } from '../../../electron/core/storage/migrate.js';
import { MIGRATIONS } from '../../../electron/core/storage/migrations/index.js';
import { phaseOf } from '../../../electron/core/sessions/machine.js';
import { restoreActor, upgradeSnapshot } from '../../../electron/core/sessions/snapshotCodec.js';
import { tempDir } from './access.fixture.js';
import { CLINICIAN, makeHarness, toMesotherapy, type Harness } from './sessionsHarness.js';

let dir: { dir: string; cleanup: () => void };
let db: Database.Database | null = null;
let h: Harness | null = null;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  db?.close();
  db = null;
  h?.close();
  h = null;
  dir.cleanup();
});

const INSERT_V300 = `INSERT INTO clinical_sessions (id, patient_id, clinician_user_id, clinician_username, clinician_display_name, status, phase, step,
  started_at, updated_at, locked_at, machine_version, snapshot) VALUES (?, 1, 1, 'a', 'A', ?, ?, ?, 0, ?, ?, 2, '{}')`;

function columns(d: Database.Database, table: string): string[] {
  return (d.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

describe('migration 311: session status words', () => {
  it('translates every row and step, renames locked_at to ended_at, and is recorded once', () => {
    db = new Database(join(dir.dir, 'station.db'));
    migrate(db, MIGRATIONS.filter((m) => m.id < 311));
    db.prepare(INSERT_V300).run(1, 'locked', 'locked', '', 50, 50);
    db.prepare(INSERT_V300).run(2, 'aborted', 'aborted', '', 60, 60);
    db.prepare(INSERT_V300).run(3, 'active', 'mesotherapy', 'armed', 70, null);
    db.prepare("INSERT INTO session_steps (session_id, at, user_id, event, phase_before, phase_after) VALUES (1, 50, 1, 'SIGNED', 'review', 'locked')").run();

    expect(migrate(db, MIGRATIONS)).toContain(311);
    expect(appliedMigrations(db)).toContain(311);
    expect(columns(db, 'clinical_sessions')).toEqual(expect.arrayContaining(['status', 'ended_at']));
    expect(columns(db, 'clinical_sessions')).not.toContain('locked_at');
    expect(columns(db, 'clinical_sessions')).not.toContain('status_before_311');
    expect(db.prepare('SELECT id, status, phase, step, ended_at AS endedAt FROM clinical_sessions ORDER BY id').all()).toEqual([
      { id: 1, status: 'signed', phase: 'signed', step: '', endedAt: 50 },
      { id: 2, status: 'aborted', phase: 'aborted', step: '', endedAt: 60 },
      { id: 3, status: 'in_progress', phase: 'mesotherapy', step: 'armed', endedAt: null },
    ]);
    expect(db.prepare('SELECT phase_before AS b, phase_after AS a FROM session_steps').get()).toMatchObject({ b: 'review', a: 'signed' });
    expect(migrate(db, MIGRATIONS)).toEqual([]);
  });

  it('keeps the guards: the old words are refused, one session in progress, a signed or aborted row is final', () => {
    db = new Database(join(dir.dir, 'station.db'));
    migrate(db, MIGRATIONS.filter((m) => m.id < 311));
    db.prepare(INSERT_V300).run(1, 'locked', 'locked', '', 50, 50);
    db.prepare(INSERT_V300).run(2, 'active', 'thermotherapy', 'steam.ready', 70, null);
    migrate(db, MIGRATIONS);

    const insert = db.prepare(
      "INSERT INTO clinical_sessions (patient_id, clinician_user_id, clinician_username, clinician_display_name, status, phase, step, started_at, updated_at, machine_version, snapshot) VALUES (1, 1, 'a', 'A', ?, 'intake', '', 0, 0, 3, '{}')",
    );
    // SQLite's constraint errors carry no code we could match more narrowly than their words (CHECK, UNIQUE). The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
    for (const old of ['active', 'locked']) expect(() => insert.run(old)).toThrow(/CHECK/);
    expect(() => insert.run('in_progress')).toThrow(/UNIQUE/);
    expect(() => db!.prepare("UPDATE clinical_sessions SET step = 'x' WHERE id = 1").run()).toThrow(/never edited/);
    db.prepare("UPDATE clinical_sessions SET status = 'aborted', phase = 'aborted' WHERE id = 2").run();
    expect(() => db!.prepare("UPDATE clinical_sessions SET status = 'in_progress' WHERE id = 2").run()).toThrow(/never edited/);
    insert.run('in_progress');
  });
});

describe('snapshot version 2 -> 3: the signed state', () => {
  it("reads a session signed under version 2 (state 'locked') as signed, and leaves other states alone", async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await h.service.closing(CLINICIAN, { sessionId: id, oilSerumApplied: true, aftercareGiven: true });
    await h.service.sign(CLINICIAN, { sessionId: id, password: 'ana-pass-1' });
    const row = h.db.prepare('SELECT snapshot FROM clinical_sessions WHERE id = ?').get(id) as { snapshot: string };
    const v3 = JSON.parse(row.snapshot) as { value: unknown };
    expect(v3.value).toBe('signed');
    const v2 = { machineVersion: 2, json: JSON.stringify({ ...v3, value: 'locked' }) };

    expect((upgradeSnapshot(v2) as { value: unknown }).value).toBe('signed');
    const x = restoreActor(v2, id);
    try {
      expect(phaseOf(x.getSnapshot().value).phase).toBe('signed');
      expect(x.getSnapshot().status).toBe('done');
    } finally {
      x.stop();
    }
    const inProgress = { value: { mesotherapy: 'disarmed' } };
    expect(upgradeSnapshot({ machineVersion: 2, json: JSON.stringify(inProgress) })).toEqual(inProgress);
  });
});
