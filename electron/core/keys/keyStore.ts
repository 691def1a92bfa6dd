// The key store: where the station's secrets live, never in the data folder beside the records they
// protect. One KeyStore per data folder (the clinical one, the training one), holding:
//   database          the libsql encryption key of station.db
//   audit             the audit trail's HMAC key
//   audit-checkpoint  the last audit head seen (not secret; kept here so a rolled-back database shows)
//   pseudonym         the secret behind pseudonymised patient codes in exports
//   gun-link.SERIAL   each paired gun's link key
// Implementations: a folder of key files (fileVault.ts: plain 0600 files, sealed with a secret from
// the environment, or sealed by Electron's safeStorage), and memory (tests).
import { StartRefusal } from '../startup/errors.js';

export type KeyName = 'database' | 'audit' | 'audit-checkpoint' | 'pseudonym' | `gun-link.${string}`;

export interface KeyStore {
  /** Names the store in every message about it: where it is and how its keys are sealed. */
  readonly label: string;
  /** The stored bytes, or undefined when there are none. Throws StartRefusal 'key-unreadable' when a key is there but cannot be opened. */
  get(name: KeyName): Buffer | undefined;
  /** Stores durably (written, synced, renamed into place) before returning. */
  put(name: KeyName, value: Uint8Array): void;
  remove(name: KeyName): void;
}

/** Gives each data folder its own KeyStore, so a training folder never shares the clinical keys. */
export interface KeyVault {
  readonly label: string;
  forDataDir(dataDir: string): KeyStore;
}

const NAME = /^(database|audit|audit-checkpoint|pseudonym|gun-link\.[A-Za-z0-9._-]{1,64})$/;

/** Refuses a name that is not one of the station's keys (it becomes a file name). */
export function checkKeyName(name: string): KeyName {
  if (!NAME.test(name) || name.includes('..')) throw new Error(`not a key name: ${JSON.stringify(name)}`);
  return name as KeyName;
}

export function unreadableKey(store: string, name: KeyName, why: string): StartRefusal {
  return new StartRefusal('key-unreadable', `The key "${name}" in ${store} cannot be read (${why}).\nIt may be damaged, or sealed by another computer or user account.\nRestore the key folder from its backup; the station will not make a new key over it.`, {
    store,
    name,
  });
}

/** Keys in memory (tests; a station that is thrown away). */
export function memoryKeyStore(label = 'an in-memory key store'): KeyStore {
  const keys = new Map<KeyName, Buffer>();
  return {
    label,
    get: (name) => {
      const v = keys.get(checkKeyName(name));
      return v ? Buffer.from(v) : undefined;
    },
    put: (name, value) => void keys.set(checkKeyName(name), Buffer.from(value)),
    remove: (name) => void keys.delete(checkKeyName(name)),
  };
}

/** One in-memory store per data folder path (tests that reopen a station get its keys back). */
export function memoryKeyVault(): KeyVault & { stores: Map<string, KeyStore> } {
  const stores = new Map<string, KeyStore>();
  return {
    label: 'an in-memory key vault',
    stores,
    forDataDir(dataDir) {
      let s = stores.get(dataDir);
      if (!s) stores.set(dataDir, (s = memoryKeyStore(`the in-memory key store of ${dataDir}`)));
      return s;
    },
  };
}
