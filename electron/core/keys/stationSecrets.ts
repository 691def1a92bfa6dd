// The station's secrets, each fetched from the key store or made there, by one rule: a key is made
// only where nothing already depends on it. A database file without its key, or audit rows without
// theirs, stop the station with a message naming the key store; a new key over them would read as an
// empty station, or hide any edit of the trail.
// Secrets from before the key store are moved in once and removed where they were: the audit key and
// the guns' link keys from settings.json, the pseudonym secret from the database.
import { randomBytes } from 'node:crypto';
import { StartRefusal } from '../startup/errors.js';
import type { SettingsStore } from '../settings/store.js';
import { linkKeyName } from '../settings/gunKeys.js';
import { databaseKeyFrom, type DatabaseKey, type Db } from '../storage/db.js';
import type { KeyName, KeyStore } from './keyStore.js';

const KEY_BYTES = 32;

/** Makes a key, stores it and reads it back: a store that silently drops it fails here, not at the next start. */
function makeKey(keys: KeyStore, name: KeyName): Buffer {
  const key = randomBytes(KEY_BYTES);
  keys.put(name, key);
  if (!keys.get(name)?.equals(key)) throw new Error(`${keys.label} did not keep the key "${name}"`);
  return key;
}

function exact(keys: KeyStore, name: KeyName, bytes: Buffer): Buffer {
  if (bytes.length !== KEY_BYTES) throw new StartRefusal('key-unreadable', `The key "${name}" in ${keys.label} is ${bytes.length} bytes long, not ${KEY_BYTES}.\nRestore the key folder from its backup.`, { name, store: keys.label });
  return bytes;
}

export interface KeyPolicy {
  /** False for tools that open an existing station (the export CLI): they never make a key. */
  create: boolean;
}

/** The database key. `dbState` is what the file on disk is (storage/encryptInPlace.ts databaseFileState). */
export function databaseKey(keys: KeyStore, dbFile: string, dbState: 'absent' | 'plain' | 'encrypted', policy: KeyPolicy): DatabaseKey {
  const stored = keys.get('database');
  if (stored) return databaseKeyFrom(exact(keys, 'database', stored));
  if (dbState === 'encrypted')
    throw new StartRefusal(
      'database-key-missing',
      `The database ${dbFile} is encrypted, but ${keys.label} holds no key for it.\nRestore the key folder from its backup (or point --key-dir at it).\nThe station will not start an empty database over the records.`,
      { dbFile, store: keys.label },
    );
  if (!policy.create) throw new StartRefusal('database-key-missing', `${keys.label} holds no database key for ${dbFile}.\nStart the station once to set it up, or point --key-dir at its key folder.`, { dbFile, store: keys.label });
  return databaseKeyFrom(makeKey(keys, 'database'));
}

/** The audit key: from the key store, else moved from settings.json, else new while the trail is empty. */
export function auditKey(keys: KeyStore, settings: SettingsStore, db: Db, policy: KeyPolicy): Buffer {
  const stored = keys.get('audit');
  const legacy = settings.get('auditKey');
  if (stored) {
    // The store wins; a leftover copy in the settings file goes.
    if (legacy !== undefined && policy.create) settings.remove('auditKey');
    return exact(keys, 'audit', stored);
  }
  if (!policy.create) throw new StartRefusal('audit-key-missing', `${keys.label} holds no audit key. Start the station once to set it up, or point --key-dir at its key folder.`, { store: keys.label });
  if (legacy !== undefined) {
    const key = Buffer.from(legacy, 'base64');
    keys.put('audit', key);
    if (!keys.get('audit')?.equals(key)) throw new Error(`${keys.label} did not keep the audit key`);
    settings.remove('auditKey');
    return exact(keys, 'audit', key);
  }
  const rows = (db.prepare('SELECT row_count FROM audit_head WHERE id = 1').get() as { row_count: number } | undefined)?.row_count ?? 0;
  if (rows > 0)
    throw new StartRefusal(
      'audit-key-missing',
      `The audit trail holds ${rows} rows, but ${keys.label} holds no audit key.\nA new key would make every existing row unverifiable, so the station will not make one.\nRestore the key folder from its backup.`,
      { rows, store: keys.label },
    );
  return makeKey(keys, 'audit');
}

const PSEUDONYM_TABLE = 'export_pseudonym_secret';

/**
 * The pseudonym secret. Migration 400 made it inside the database; it moves into the key store and
 * the table is dropped, in that order (a crash between leaves both, and the next start drops the
 * table). Pseudonymised codes stay the same: it is the same secret.
 */
export function pseudonymSecret(keys: KeyStore, db: Db, policy: KeyPolicy): Buffer {
  const stored = keys.get('pseudonym');
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(PSEUDONYM_TABLE) !== undefined;
  if (!stored && hasTable) {
    const row = db.prepare(`SELECT secret FROM ${PSEUDONYM_TABLE} WHERE id = 1`).get() as { secret: Uint8Array } | undefined;
    if (row) {
      if (!policy.create) throw new StartRefusal('pseudonym-secret-missing', `The pseudonym secret has not been moved into ${keys.label} yet. Start the station once.`, { store: keys.label });
      const secret = Buffer.from(row.secret);
      keys.put('pseudonym', secret);
      if (!keys.get('pseudonym')?.equals(secret)) throw new Error(`${keys.label} did not keep the pseudonym secret`);
    }
  }
  const secret = keys.get('pseudonym');
  if (!secret)
    throw new StartRefusal(
      'pseudonym-secret-missing',
      `${keys.label} holds no pseudonym secret.\nWithout it, pseudonymised exports would no longer match earlier ones.\nRestore the key folder from its backup.`,
      { store: keys.label },
    );
  // Dropping the table drops its no-update/no-delete triggers with it.
  if (hasTable && policy.create) db.exec(`DROP TABLE ${PSEUDONYM_TABLE}`);
  return exact(keys, 'pseudonym', secret);
}

/** Moves link keys still in settings.json into the key store, then removes them from the file. */
export function moveLinkKeysOutOfSettings(keys: KeyStore, settings: SettingsStore): number {
  const guns = settings.get('pairedGuns');
  let moved = 0;
  const rest: typeof guns = {};
  for (const [serial, gun] of Object.entries(guns)) {
    const { key, ...details } = gun;
    rest[serial] = details;
    if (key === undefined) continue;
    const bytes = Buffer.from(key, 'base64');
    if (!keys.get(linkKeyName(serial))) keys.put(linkKeyName(serial), bytes);
    moved++;
  }
  if (moved > 0) settings.set('pairedGuns', rest);
  return moved;
}
