// One SQLite file per station, through libsql (better-sqlite3's API, N-API prebuilt: the same binary
// loads under Node and Electron). WAL with synchronous=FULL: a committed dose survives power loss.
// Encrypted at rest with libsql's encryption (AES-256) under the station's database key from the key
// store (startup/openStationData.ts); the file, its WAL and its SHM are owner-only (0600). SQLite
// gives the WAL and SHM the database file's own mode, so creating that file 0600 first covers all three.
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'libsql';
import { MIGRATIONS } from './migrations/index.js';
import { migrate } from './migrate.js';

export type Db = InstanceType<typeof Database>;

/** The database key as libsql takes it: 64 hex digits (32 random bytes). Branded so a stray string is not one. */
export type DatabaseKey = string & { readonly __databaseKey: true };

export function databaseKeyFrom(bytes: Uint8Array): DatabaseKey {
  if (bytes.length !== 32) throw new Error(`a database key is 32 bytes, not ${bytes.length}`);
  return Buffer.from(bytes).toString('hex') as DatabaseKey;
}

export const DB_SIDE_FILES = ['-wal', '-shm'] as const;

/** How a connection was opened, so exports can open a second one on the same file with the same key. */
const opened = new WeakMap<Db, { file: string; key: DatabaseKey | undefined }>();

/** Creates the file owner-only before SQLite does, and tightens the modes of one that exists. */
export function ownerOnlyDatabaseFiles(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  if (process.platform === 'win32') return;
  for (const suffix of ['', ...DB_SIDE_FILES]) if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
}

/** A connection with the station's pragmas, no migrations (encryption checks, second connections). */
export function connect(file: string, key?: DatabaseKey): Db {
  if (file !== ':memory:') ownerOnlyDatabaseFiles(file);
  // libsql's types predate its encryptionKey option (index.js reads opts.encryptionKey; cipher aes256cbc).
  const db = new Database(file, key === undefined ? undefined : ({ encryptionKey: key } as ConstructorParameters<typeof Database>[1]));
  try {
    // The wait first: switching to WAL needs a lock, and a second connection (an export, the CLI)
    // opening while the station writes would otherwise fail at once with SQLITE_BUSY.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Sorts and TEMP tables (the export's patient codes) stay in memory, never in a plain temp file.
    db.pragma('temp_store = MEMORY');
  } catch (e) {
    db.close();
    throw e;
  }
  opened.set(db, { file, key });
  return db;
}

/**
 * Opens the station database and brings its schema up to date. `key` encrypts it; without one the
 * file is plain (tests of other areas only: the station always passes its key).
 */
export function openDatabase(file: string, key?: DatabaseKey): Db {
  const db = connect(file, key);
  try {
    migrate(db, MIGRATIONS);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** A second connection to the same file with the same key (an export's read snapshot). */
export function openSibling(db: Db): Db {
  const how = opened.get(db);
  if (!how || how.file === ':memory:' || how.file === '') throw new Error('exports need the station database on disk (an in-memory database cannot be opened twice)');
  return connect(how.file, how.key);
}

/** True when SQLite said the file is not a database: encrypted under another key, or no key given. */
export function isNotADatabase(e: unknown): boolean {
  return typeof e === 'object' && e !== null && ((e as { code?: unknown }).code === 'SQLITE_NOTADB' || /file is not a database/.test(String((e as Error).message)));
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
