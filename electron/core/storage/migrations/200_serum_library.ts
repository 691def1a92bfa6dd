// The serum library: one row per serum, one immutable row per version (sessions reference the
// version id, so what was loaded stays answerable after any edit), and the lots in the room.
import type { Migration } from '../migrate.js';
import { versionsTable, whoAndWhen } from './shapes.js';

export const m200SerumLibrary: Migration = {
  id: 200,
  name: 'serum library (versioned) and lots',
  up(db) {
    db.exec(`
      CREATE TABLE serums (
        id INTEGER PRIMARY KEY,
        example INTEGER NOT NULL DEFAULT 0 CHECK (example IN (0, 1)),
        created_at TEXT NOT NULL
      );

      ${versionsTable('serum_versions', {
        parent: 'serums',
        parentKey: 'serum_id',
        columns: ['name TEXT NOT NULL', 'definition TEXT NOT NULL'],
        refuse: { update: 'serum versions are immutable; add a new version', delete: 'serum versions are immutable' },
      })}

      CREATE TABLE serum_lots (
        id INTEGER PRIMARY KEY,
        serum_id INTEGER NOT NULL REFERENCES serums (id),
        lot_number TEXT NOT NULL,
        expiry_date TEXT NOT NULL,
        ${whoAndWhen('recorded')},
        UNIQUE (serum_id, lot_number COLLATE NOCASE)
      );
    `);
  },
};
