// The schema the migrations build, to the letter: every table, index and trigger in sqlite_master as
// the migrations through 502 wrote them before their repeated SQL became helpers (appendOnly). A
// station installed before a refactor of the migrations and one installed after it must hold the same
// schema; a later migration that changes one of these objects updates the fixture deliberately
// (312 added limit_events.what: that table's row was taken again with it).
import Database from 'libsql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/storage/migrate.js';
import { appendOnly } from '../../../electron/core/storage/migrations/appendOnly.js';
import { MIGRATIONS } from '../../../electron/core/storage/migrations/index.js';
import { addColumns, patientHistory, versionsTable, whoAndWhen } from '../../../electron/core/storage/migrations/shapes.js';
import { connect, type Db } from '../../../electron/core/storage/db.js';
import { tempDir } from './access.fixture.js';

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/schema.json', import.meta.url), 'utf8')) as SchemaRow[];

let dir: ReturnType<typeof tempDir> | undefined;
afterEach(() => dir?.cleanup());

function schemaOf(db: Db): Map<string, SchemaRow> {
  const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").all() as SchemaRow[];
  return new Map(rows.map((r) => [`${r.type} ${r.name}`, r]));
}

describe('the migrated schema', () => {
  it('holds every object of the fixture with the same SQL, to the letter', () => {
    dir = tempDir();
    // Through 502, as the fixture was taken: later migrations change the schema on purpose (503
    // replaced dose_tally with the quality summaries).
    const db = connect(join(dir.dir, 'station.db'));
    migrate(db, MIGRATIONS.filter((m) => m.id <= 502));
    const now = schemaOf(db);
    db.close();
    expect(FIXTURE.length).toBeGreaterThan(100);
    const triggers = FIXTURE.filter((r) => r.type === 'trigger');
    expect(triggers.length).toBeGreaterThan(30);
    for (const r of FIXTURE) expect(now.get(`${r.type} ${r.name}`), `${r.type} ${r.name}`).toEqual(r);
  });
});

describe('appendOnly', () => {
  it('refuses every UPDATE and DELETE with its own words, and still takes INSERTs', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);\n      ${appendOnly('notes', { update: "a note isn't edited", delete: 'a note is never deleted' })}`);
    db.prepare('INSERT INTO notes (body) VALUES (?)').run('first');
    expect(() => db.prepare('UPDATE notes SET body = ?').run('changed')).toThrow("a note isn't edited");
    expect(() => db.prepare('DELETE FROM notes').run()).toThrow('a note is never deleted');
    expect(db.prepare('SELECT body FROM notes').all()).toEqual([{ body: 'first' }]);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(['notes_no_delete', 'notes_no_update']);
    db.close();
  });

  it('names a versioned table\'s pair _immutable_u/_d, and refuses what is not a table name', () => {
    expect(appendOnly('serum_versions', { update: 'u', delete: 'd' }, 'immutable')).toMatch(/serum_versions_immutable_u BEFORE UPDATE[\s\S]*serum_versions_immutable_d BEFORE DELETE/);
    // appendOnly guards its own SQL against a caller's bug with a plain Error (no code).
    expect(() => appendOnly('notes; DROP TABLE users', { update: 'u', delete: 'd' })).toThrow(/not a table name/);
  });
});

describe('the migrations\' table shapes', () => {
  it('refuse a name that is not a plain SQL name, before it reaches the SQL', () => {
    const refuse = { update: 'u', delete: 'd' };
    expect(() => whoAndWhen('recorded_at TEXT, x')).toThrow(/not a column prefix/);
    expect(() => patientHistory('notes', ['body TEXT'], 'id); DROP TABLE users; --')).toThrow(/not a column name/);
    expect(() => versionsTable('serum_versions', { parent: 'Serums', parentKey: 'serum_id', columns: [], refuse })).toThrow(/not a table name/);
    expect(() => addColumns('users; --', ['x TEXT'])).toThrow(/not a table name/);
  });

  it('build a versioned table that numbers versions once per parent and refuses edits', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY);
      ${versionsTable('note_versions', { parent: 'notes', parentKey: 'note_id', columns: ['body TEXT NOT NULL'], refuse: { update: 'not edited', delete: 'not deleted' } })}`);
    db.prepare('INSERT INTO notes (id) VALUES (1)').run();
    const add = db.prepare("INSERT INTO note_versions (note_id, version, body, created_at) VALUES (1, ?, 'b', 'now')");
    add.run(1);
    expect(() => add.run(1)).toThrow(/UNIQUE/);
    expect(() => db.prepare('UPDATE note_versions SET body = ?').run('c')).toThrow('not edited');
    expect(() => db.prepare('DELETE FROM note_versions').run()).toThrow('not deleted');
    db.close();
  });
});
