// Migration 312: limit events carry their reason as a code. A row written before it keeps its English
// detail and is shown as stored; a row written after carries the code and parameters the screens word.
import Database from 'libsql';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertLimitEvent, listLimitEvents } from '../../../electron/core/ledger/limitEvents.js';
import { migrate } from '../../../electron/core/storage/migrate.js';
import { MIGRATIONS } from '../../../electron/core/storage/migrations/index.js';
import { tempDir } from './access.fixture.js';

let dir: { dir: string; cleanup: () => void };
let db: Database.Database | null = null;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  db?.close();
  db = null;
  dir.cleanup();
});

const OLD_ROW = `INSERT INTO limit_events (session_id, at, kind, scope, zone, total_nl, limit_nl, reason, detail, user_id)
  VALUES (1, 10, 'hard_stop', 'zone', 'vertex', 60000, 60000, NULL, 'zone vertex: 60.0 uL delivered; one more 20.0 uL shot would pass the hard limit 60.0 uL', NULL)`;

describe('migration 312: limit event reasons', () => {
  it('keeps rows written before it as their stored words, and stores new rows as codes', () => {
    db = new Database(join(dir.dir, 'station.db'));
    migrate(db, MIGRATIONS.filter((m) => m.id < 312));
    db.pragma('foreign_keys = OFF');
    db.prepare(OLD_ROW).run();
    migrate(db, MIGRATIONS);
    const what = { code: 'limit.hard', params: { scope: 'zone', zone: 'vertex', totalNl: 80_000, limitNl: 80_000, doseNl: 20_000, pendingNl: 0, pendingRecords: 0 } } as const;
    insertLimitEvent(db, { sessionId: 1, at: 20, kind: 'hard_stop', scope: 'zone', zone: 'vertex', totalNl: 80_000, limitNl: 80_000, reason: null, detail: 'english for the report', what, userId: null });
    const [old, fresh] = listLimitEvents(db, 1);
    expect(old!.what).toEqual({ code: 'recorded.text', params: { text: 'zone vertex: 60.0 uL delivered; one more 20.0 uL shot would pass the hard limit 60.0 uL' } });
    expect(old!.detail).toMatch(/^zone vertex/);
    expect(fresh!.what).toEqual(what);
    // Still append-only after the new column.
    // The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
    expect(() => db!.prepare('UPDATE limit_events SET what = NULL').run()).toThrow(/never edited/);
  });
});
