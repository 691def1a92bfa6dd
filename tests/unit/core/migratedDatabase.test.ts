// A fresh station's database after every migration, to the letter: the whole of sqlite_master (type,
// name, tbl_name and SQL, in rowid order) and every row the migrations seed (course templates,
// consent forms, example serums, reason codes, the migration log). Migrations are history: a station
// installed before a refactor of them and one installed after must hold the same bytes, so the
// fixture was taken from main before the repeated SQL became helpers, and a refactor never updates it.
// A new migration does, deliberately: `MIGRATED_DB_FIXTURE=write npx vitest run <this file>`, then
// read the diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connect, type Db } from '../../../electron/core/storage/db.js';
import { migrate } from '../../../electron/core/storage/migrate.js';
import { MIGRATIONS } from '../../../electron/core/storage/migrations/index.js';
import { tempDir } from './access.fixture.js';

const FIXTURE = new URL('./fixtures/migrated-database.json', import.meta.url);
/** Every seeded row's timestamp is the installation's clock; fixed, so the rows compare. */
const INSTALLED_AT = new Date('2026-03-29T00:30:00.000Z');

interface MasterRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

interface MigratedDatabase {
  master: MasterRow[];
  rows: Record<string, unknown[]>;
}

/** Blobs as hex; the export pseudonym secret is random by design, so only its length is kept. */
function comparable(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    // libsql gives a blob as an ArrayBuffer.
    const blob = value instanceof ArrayBuffer ? Buffer.from(value) : value instanceof Uint8Array ? Buffer.from(value) : undefined;
    if (blob === undefined) out[column] = value;
    else if (table === 'export_pseudonym_secret' && column === 'secret') out[column] = `${blob.length} random bytes`;
    else out[column] = `x'${blob.toString('hex')}'`;
  }
  return out;
}

function dump(db: Db): MigratedDatabase {
  const master = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid').all() as MasterRow[];
  const rows: Record<string, unknown[]> = {};
  for (const t of master.filter((r) => r.type === 'table')) {
    // A WITHOUT ROWID table has no rowid to order by; its rows come in primary-key order.
    const order = /\bWITHOUT ROWID\s*$/i.test(t.sql ?? '') ? '' : ' ORDER BY rowid';
    rows[t.name] = (db.prepare(`SELECT * FROM "${t.name}"${order}`).all() as Record<string, unknown>[]).map((r) => comparable(t.name, r));
  }
  return { master, rows };
}

let dir: ReturnType<typeof tempDir> | undefined;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(INSTALLED_AT);
});
afterEach(() => {
  vi.useRealTimers();
  dir?.cleanup();
  dir = undefined;
});

describe('the database every migration builds', () => {
  it('holds the fixture\'s sqlite_master and seeded rows, in order and to the letter', () => {
    dir = tempDir();
    const db = connect(join(dir.dir, 'station.db'));
    const ran = migrate(db, MIGRATIONS);
    const now = dump(db);
    db.close();
    expect(ran).toEqual(MIGRATIONS.map((m) => m.id));
    if (process.env.MIGRATED_DB_FIXTURE === 'write') writeFileSync(FIXTURE, `${JSON.stringify(now, null, 2)}\n`);
    const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as MigratedDatabase;
    // Not an empty comparison: the fixture holds the whole schema and the seeds.
    expect(fixture.master.filter((r) => r.type === 'trigger').length).toBeGreaterThan(30);
    expect(fixture.rows['course_template_versions']?.length).toBeGreaterThan(0);
    expect(fixture.rows['consent_template_versions']?.length).toBeGreaterThan(0);
    expect(now.master).toEqual(fixture.master);
    expect(now.rows).toEqual(fixture.rows);
  });
});
