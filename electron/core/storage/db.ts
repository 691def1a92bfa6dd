// One SQLite file per station, through libsql (better-sqlite3's API, N-API prebuilt: the same binary
// loads under Node and Electron). WAL with synchronous=FULL: a committed dose survives power loss.
import Database from 'libsql';
import { MIGRATIONS } from './migrations/index.js';
import { migrate } from './migrate.js';

export type Db = InstanceType<typeof Database>;

export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, MIGRATIONS);
  return db;
}

/** Runs fn in one transaction (BEGIN IMMEDIATE, so two writers never deadlock on upgrade). */
export function inTransaction<T>(db: Db, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}
