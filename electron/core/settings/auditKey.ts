// The audit trail's HMAC key, kept in the settings file (mode 0600) rather than in the database: the
// chain then proves integrity against anyone who has only the database file, because recomputing a
// keyed hash needs this key. Generated once, at first use; never shown to a window, never audited,
// never changed through the contract (settings.update only takes the editable keys).
// Limit: it protects against a copy of the database alone (a backup, a file sent for review). Both
// files sit in the same user profile folder today, so someone with that whole folder has the key too;
// closing that needs the OS keychain (Electron safeStorage), which the browser host does not have.
import { randomBytes } from 'node:crypto';
import type { SettingsStore } from './store.js';

export const AUDIT_KEY_BYTES = 32;

/**
 * The station's audit key, created and saved on the first call. A value that is missing or fails the
 * schema (a damaged, hand-edited file: the store then reports it through onInvalid) is replaced by a
 * fresh key; verify() then flags every earlier row, which is the truth: their integrity can no longer
 * be shown.
 */
export function auditKeyFrom(settings: SettingsStore, options: { create?: boolean } = {}): Uint8Array {
  const stored = settings.get('auditKey');
  if (stored !== undefined) return new Uint8Array(Buffer.from(stored, 'base64'));
  // A tool opening an existing station (the export CLI) must not mint a key of its own: its rows would
  // never verify with the station's, and a wrong settings path would go unnoticed.
  if (options.create === false) throw new Error("this settings file holds no audit key: point at the station's own settings");
  const key = randomBytes(AUDIT_KEY_BYTES);
  settings.set('auditKey', key.toString('base64'));
  // Read back, so a store that silently drops the value fails here rather than at the next restart.
  const saved = settings.get('auditKey');
  if (saved === undefined || !Buffer.from(saved, 'base64').equals(key)) throw new Error('the settings store did not keep the audit key');
  return new Uint8Array(key);
}
