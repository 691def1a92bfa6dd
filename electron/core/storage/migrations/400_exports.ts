// Exports: the per-station secret behind pseudonymised patient codes. Generated once, here, so every
// export of this station (and of a restored backup of it) gives a patient the same code; it never
// leaves the database and cannot be changed, or every earlier pseudonymised export would stop
// matching the later ones.
import { randomBytes } from 'node:crypto';
import type { Migration } from '../migrate.js';
import { appendOnly } from './appendOnly.js';

export const m400ExportSecret: Migration = {
  id: 400,
  name: 'export pseudonym secret',
  up(db) {
    db.exec(`
      CREATE TABLE export_pseudonym_secret (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        secret BLOB NOT NULL CHECK (length(secret) = 32),
        created_at TEXT NOT NULL
      );
      ${appendOnly('export_pseudonym_secret', { update: 'the pseudonym secret never changes', delete: 'the pseudonym secret is never deleted' })}
    `);
    db.prepare('INSERT INTO export_pseudonym_secret (id, secret, created_at) VALUES (1, ?, ?)').run(randomBytes(32), new Date().toISOString());
  },
};
