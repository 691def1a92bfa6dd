// Users are never deleted (records and the audit trail refer to them), only disabled. The failed-login
// counter lives in the row so a restart does not reset an account lock-out.
import type { Migration } from '../migrate.js';

export const m001Users: Migration = {
  id: 1,
  name: 'users',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('clinician', 'admin')),
        password_hash TEXT NOT NULL,
        must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id),
        password_changed_at TEXT NOT NULL,
        disabled_at TEXT,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until_ms INTEGER
      );
    `);
  },
};
