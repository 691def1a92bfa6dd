// The users/audit migrations (1-99): each applies on an empty database, re-opening is a no-op, and a
// database written by a newer station is refused.
import Database from 'libsql';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appliedMigrations, migrate } from '../../../electron/core/storage/migrate.js';
import { MIGRATIONS } from '../../../electron/core/storage/migrations/index.js';
import { openDatabase, type Db } from '../../../electron/core/storage/db.js';
import { tempDir } from './access.fixture.js';

const MINE = MIGRATIONS.filter((m) => m.id >= 1 && m.id <= 99);

/** What each of these migrations must leave behind. */
const EXPECTS: Record<number, { tables: string[]; triggers?: string[]; columns?: Record<string, string[]> }> = {
  1: { tables: ['users'] },
  2: { tables: ['audit_log', 'audit_head'], triggers: ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_consecutive', 'audit_head_forward', 'audit_head_no_delete'] },
  3: { tables: ['audit_head'], columns: { audit_head: ['head_mac'] } },
  4: { tables: ['users'], columns: { users: ['lockouts'] } },
  12: { tables: ['audit_log'] },
  20: { tables: ['station_mode'], triggers: ['station_mode_no_update', 'station_mode_no_delete'] },
  30: { tables: ['users'], columns: { users: ['language'] } },
};

let dir: { dir: string; cleanup: () => void };
let file: string;
beforeEach(() => {
  dir = tempDir();
  file = join(dir.dir, 'station.db');
});
afterEach(() => dir.cleanup());

function names(db: Db, type: 'table' | 'trigger'): string[] {
  return (db.prepare('SELECT name FROM sqlite_master WHERE type = ?').all(type) as { name: string }[]).map((r) => r.name);
}

describe('migrations 1-99', () => {
  it('are all covered by this test', () => {
    expect(MINE.map((m) => m.id)).toEqual(Object.keys(EXPECTS).map(Number));
  });

  for (const m of MINE) {
    describe(`${m.id} ${m.name}`, () => {
      it('applies on an empty database (with the ones before it) and is recorded', () => {
        const db = new Database(file);
        try {
          const upTo = MIGRATIONS.filter((x) => x.id <= m.id);
          expect(migrate(db, upTo)).toEqual(upTo.map((x) => x.id));
          expect(names(db, 'table')).toEqual(expect.arrayContaining(EXPECTS[m.id]!.tables));
          expect(names(db, 'trigger')).toEqual(expect.arrayContaining(EXPECTS[m.id]!.triggers ?? []));
          for (const [table, cols] of Object.entries(EXPECTS[m.id]!.columns ?? {}))
            expect((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name)).toEqual(expect.arrayContaining(cols));
          expect(appliedMigrations(db)).toContain(m.id);
        } finally {
          db.close();
        }
      });

      it('re-running is a no-op', () => {
        const db = openDatabase(file);
        try {
          expect(migrate(db, MIGRATIONS)).toEqual([]);
          expect(appliedMigrations(db)).toContain(m.id);
        } finally {
          db.close();
        }
        const again = openDatabase(file);
        again.close();
      });
    });
  }

  it('re-opening keeps the data', () => {
    const db = openDatabase(file);
    db.prepare("INSERT INTO users (username, display_name, role, password_hash, created_at, password_changed_at) VALUES ('a', 'A', 'admin', 'x', 'now', 'now')").run();
    db.close();
    const again = openDatabase(file);
    try {
      expect(again.prepare('SELECT COUNT(*) AS n FROM users').get()).toMatchObject({ n: 1 });
    } finally {
      again.close();
    }
  });

  it('refuses a database written by a newer station', () => {
    const db = openDatabase(file);
    db.prepare("INSERT INTO schema_migrations (id, name, applied_at) VALUES (99, 'from the future', 'now')").run();
    db.close();
    // openDatabase stops with a plain Error before any station exists (no code): the migration it names is what there is to match.
    expect(() => openDatabase(file)).toThrow(/newer station.*99/);
  });

  it('the station mode is written once: clinical or training, never changed, never deleted', () => {
    const db = openDatabase(file);
    try {
      // SQLite's constraint errors carry no code we could match more narrowly than their words (CHECK, UNIQUE). The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
      expect(() => db.prepare("INSERT INTO station_mode (id, mode, set_at) VALUES (1, 'demo', 'now')").run()).toThrow(/CHECK/);
      db.prepare("INSERT INTO station_mode (id, mode, set_at) VALUES (1, 'training', 'now')").run();
      expect(() => db.prepare("INSERT INTO station_mode (id, mode, set_at) VALUES (2, 'clinical', 'now')").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE station_mode SET mode = 'clinical'").run()).toThrow(/never changes/);
      expect(() => db.prepare('DELETE FROM station_mode').run()).toThrow(/never changes/);
    } finally {
      db.close();
    }
  });

  it('the users table refuses an unknown role and a duplicate user name in any case', () => {
    const db = openDatabase(file);
    try {
      const insert = db.prepare("INSERT INTO users (username, display_name, role, password_hash, created_at, password_changed_at) VALUES (?, 'A', ?, 'x', 'now', 'now')");
      insert.run('anna', 'admin');
      expect(() => insert.run('ANNA', 'admin')).toThrow(/UNIQUE/);
      expect(() => insert.run('bert', 'superuser')).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});

describe('migration 302 session interruptions', () => {
  it('applies after the ones before it, is recorded, and re-running is a no-op', () => {
    const db = new Database(file);
    try {
      const upTo = MIGRATIONS.filter((x) => x.id <= 302);
      expect(migrate(db, upTo)).toEqual(upTo.map((x) => x.id));
      expect(names(db, 'table')).toContain('session_interruptions');
      expect(names(db, 'trigger')).toEqual(expect.arrayContaining(['session_interruptions_no_delete', 'session_interruptions_end_once']));
      expect(migrate(db, upTo)).toEqual([]);
      expect(appliedMigrations(db)).toContain(302);
    } finally {
      db.close();
    }
  });

  it('keeps what happened: a known kind, a count that is not negative, an end written once, no delete', () => {
    const db = openDatabase(file);
    try {
      db.prepare(
        "INSERT INTO clinical_sessions (id, patient_id, clinician_user_id, clinician_username, clinician_display_name, status, phase, step, started_at, updated_at, machine_version, snapshot) VALUES (1, 1, 1, 'a', 'A', 'in_progress', 'mesotherapy', 'armed', 0, 0, 2, '{}')",
      ).run();
      db.prepare("INSERT INTO arm_windows (id, session_id, zone, gun_serial, after_record_id, armed_at) VALUES (1, 1, 'vertex', 'G-1', 0, 0)").run();
      const insert = db.prepare('INSERT INTO session_interruptions (session_id, arm_window_id, kind, started_at, ended_at, held_at_start) VALUES (1, 1, ?, 10, NULL, ?)');
      expect(() => insert.run('power-cut', 0)).toThrow(/CHECK/);
      expect(() => insert.run('link-lost', -1)).toThrow(/CHECK/);
      insert.run('link-lost', 3);
      expect(() => db.prepare('UPDATE session_interruptions SET held_at_start = 0').run()).toThrow(/only ever given its end/);
      db.prepare('UPDATE session_interruptions SET ended_at = 20').run();
      expect(() => db.prepare('UPDATE session_interruptions SET ended_at = 30').run()).toThrow(/only ever given its end/);
      expect(() => db.prepare('DELETE FROM session_interruptions').run()).toThrow(/never deleted/);
      expect(db.prepare('SELECT kind, started_at AS s, ended_at AS e, held_at_start AS h FROM session_interruptions').get()).toMatchObject({ kind: 'link-lost', s: 10, e: 20, h: 3 });
    } finally {
      db.close();
    }
  });
});
