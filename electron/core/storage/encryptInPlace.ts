// Encrypting a station database that was written before encryption at rest (plain SQLite):
//   1. checkpoint the plain file's WAL into it, so the file alone is the whole database;
//   2. build an encrypted copy beside it (<file>.encrypting): the plain file ATTACHed to a new
//      encrypted connection, every object re-created from its own SQL and every row copied;
//   3. verify the copy: same objects with the same SQL, same user_version, and every table's rows
//      (count and SHA-256 over them in rowid order) equal; quick_check passes;
//   4. keep the plain copy under a new name (a hard link, no second copy of the bytes) or not, as the
//      caller chose; then rename the encrypted copy over the original (atomic), and sync the folder.
// At every moment the database file is either the whole plain database or the whole encrypted one;
// the key is in the key store before step 4 (the caller's job), so an encrypted file always has it.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, linkSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'libsql';
import { syncDir } from '../keys/fileVault.js';
import { connect, DB_SIDE_FILES, type DatabaseKey, type Db } from './db.js';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export type DatabaseFileState = 'absent' | 'plain' | 'encrypted';

/** A missing or empty file is absent; a file that starts with SQLite's header is plain; anything else is taken as encrypted. */
export function databaseFileState(file: string): DatabaseFileState {
  if (!existsSync(file) || statSync(file).size === 0) return 'absent';
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const n = readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(SQLITE_HEADER) ? 'plain' : 'encrypted';
  } finally {
    closeSync(fd);
  }
}

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string;
}

function schemaOf(db: Db, schema: string): SchemaObject[] {
  return db.prepare(`SELECT type, name, tbl_name, sql FROM ${schema}.sqlite_master WHERE sql IS NOT NULL ORDER BY type, name`).all() as SchemaObject[];
}

function columnsOf(db: Db, schema: string, table: string): string[] {
  return (db.prepare(`PRAGMA ${schema}.table_info(${quote(table)})`).all() as { name: string }[]).map((c) => quote(c.name));
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Row count and a SHA-256 over every row, in rowid order (or all columns for a WITHOUT ROWID table). */
function tableDigest(db: Db, schema: string, table: SchemaObject): { rows: number; sha256: string } {
  const order = /WITHOUT\s+ROWID/i.test(table.sql) ? columnsOf(db, schema, table.name).map((_, i) => String(i + 1)).join(', ') : 'rowid';
  const hash = createHash('sha256');
  let rows = 0;
  for (const row of db.prepare(`SELECT * FROM ${schema}.${quote(table.name)} ORDER BY ${order}`).raw().iterate()) {
    rows++;
    for (const v of row as unknown[]) hash.update(v instanceof Uint8Array ? `b:${Buffer.from(v).toString('hex')}` : `${typeof v}:${String(v)}`).update('\u0001');
    hash.update('\u0002');
  }
  return { rows, sha256: hash.digest('hex') };
}

/** Checkpoints the whole WAL into the file and truncates it; throws if another connection holds it back. */
export function checkpointFully(db: Db, file: string): void {
  const r = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get() as { busy: number; log: number; checkpointed: number } | undefined;
  if (r && r.busy !== 0) throw new Error(`${file} is in use by another program: close the station (and any tool reading it) first`);
}

export interface EncryptedCopy {
  tables: number;
  rows: number;
}

/** Builds `target` (must not exist) as an encrypted copy of the plain database `plainFile`, and verifies it. */
export function encryptCopy(plainFile: string, target: string, key: DatabaseKey): EncryptedCopy {
  if (existsSync(target)) throw new Error(`${target} exists; remove it first`);
  const db = connect(target, key);
  try {
    // Tables are copied in name order, not in the order their foreign keys need: the rows are checked
    // equal to the original's below, which is the stronger check.
    db.pragma('foreign_keys = OFF');
    db.exec(`ATTACH DATABASE '${plainFile.replace(/'/g, "''")}' AS plain KEY ''`);
    const objects = schemaOf(db, 'plain');
    const tables = objects.filter((o) => o.type === 'table' && !o.name.startsWith('sqlite_'));
    const userVersion = (db.prepare('PRAGMA plain.user_version').get() as { user_version: number }).user_version;
    db.exec('BEGIN');
    for (const t of tables) db.exec(t.sql);
    for (const t of tables) {
      const cols = columnsOf(db, 'plain', t.name).join(', ');
      db.exec(`INSERT INTO main.${quote(t.name)} (${cols}) SELECT ${cols} FROM plain.${quote(t.name)}`);
    }
    if (objects.some((o) => o.name === 'sqlite_sequence')) db.exec('DELETE FROM main.sqlite_sequence; INSERT INTO main.sqlite_sequence SELECT * FROM plain.sqlite_sequence');
    // Indexes, views and triggers after the rows: a trigger refusing inserts must not refuse the copy.
    for (const o of objects) if (o.type !== 'table') db.exec(o.sql);
    db.exec(`PRAGMA main.user_version = ${Number(userVersion)}`);
    db.exec('COMMIT');

    // Verify before anyone relies on it.
    const copied = schemaOf(db, 'main');
    const same = (a: SchemaObject[], b: SchemaObject[]) => JSON.stringify(a) === JSON.stringify(b);
    if (!same(objects, copied)) throw new Error('the encrypted copy does not have the same tables, indexes and triggers');
    if ((db.prepare('PRAGMA main.user_version').get() as { user_version: number }).user_version !== userVersion) throw new Error('the encrypted copy lost user_version');
    let rows = 0;
    for (const t of [...tables, ...objects.filter((o) => o.name === 'sqlite_sequence')]) {
      const a = tableDigest(db, 'plain', t);
      const b = tableDigest(db, 'main', t);
      if (a.rows !== b.rows || a.sha256 !== b.sha256) throw new Error(`table ${t.name}: the encrypted copy differs from the plain database`);
      rows += a.rows;
    }
    const check = db.prepare('PRAGMA main.quick_check').all() as { quick_check: string }[];
    if (check.length !== 1 || check[0]?.quick_check !== 'ok') throw new Error('the encrypted copy fails SQLite quick_check');
    db.exec('DETACH DATABASE plain');
    checkpointFully(db, target);
    return { tables: tables.length, rows };
  } catch (e) {
    db.close();
    for (const s of ['', ...DB_SIDE_FILES]) rmSync(target + s, { force: true });
    throw e;
  } finally {
    if (db.open) db.close();
  }
}

export interface EncryptInPlaceResult extends EncryptedCopy {
  /** Where the plain copy was kept, or null when it was removed. */
  plainCopy: string | null;
}

/** The name a kept plain copy gets: station.db.plain-20250115T090000Z, beside the database. */
export function plainCopyName(file: string, now: number): string {
  return join(dirname(file), `${basename(file)}.plain-${new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}`);
}

/**
 * Replaces the plain database `file` by an encrypted copy under `key`. With `keepPlain` the plain
 * copy stays under plainCopyName() (it still holds every record in clear, owner-only); without, it goes.
 */
export function encryptInPlace(file: string, key: DatabaseKey, options: { keepPlain: boolean; now?: number }): EncryptInPlaceResult {
  // 1. The plain WAL into the file. libsql does not checkpoint at close, so a WAL may hold most of
  // the database: it must be empty before the file alone is taken for the whole.
  const plain = new Database(file);
  try {
    checkpointFully(plain, file);
  } finally {
    plain.close();
  }
  const building = `${file}.encrypting`;
  for (const s of ['', ...DB_SIDE_FILES]) rmSync(building + s, { force: true });
  // 2, 3
  const copy = encryptCopy(file, building, key);
  // 4
  let kept: string | null = null;
  if (options.keepPlain) {
    kept = plainCopyName(file, options.now ?? Date.now());
    linkSync(file, kept);
  }
  // The copy was checkpointed and closed: its WAL is empty (refuse to drop one that is not) and its
  // SHM is only an index of that WAL.
  if (existsSync(`${building}-wal`) && statSync(`${building}-wal`).size > 0) throw new Error(`${building}-wal is not empty after the copy was checkpointed`);
  for (const s of DB_SIDE_FILES) rmSync(building + s, { force: true });
  for (const s of DB_SIDE_FILES) rmSync(file + s, { force: true });
  renameSync(building, file);
  syncDir(dirname(file));
  return { ...copy, plainCopy: kept };
}
