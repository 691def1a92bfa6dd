// The audit trail: append-only rows, hash-chained, with a one-row head (row count + last hash) kept
// in step in the same transaction so a deleted tail is detectable. Triggers stop the program (and any
// ordinary client) from editing or deleting rows; someone who drops the triggers is caught by verify().
import type { Migration } from '../migrate.js';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export const m002Audit: Migration = {
  id: 2,
  name: 'audit trail',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER,
        username TEXT,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT,
        old_value TEXT,
        new_value TEXT,
        reason TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
      CREATE INDEX audit_log_user ON audit_log (user_id);

      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        row_count INTEGER NOT NULL,
        last_hash TEXT NOT NULL
      );
      INSERT INTO audit_head (id, row_count, last_hash) VALUES (1, 0, '${AUDIT_GENESIS_HASH}');

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit trail rows cannot be changed'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit trail rows cannot be deleted'); END;
      -- Rows get consecutive ids: a skipped id could not be told apart from a deleted row.
      CREATE TRIGGER audit_log_consecutive BEFORE INSERT ON audit_log
      WHEN NEW.id IS NOT (SELECT row_count + 1 FROM audit_head WHERE id = 1)
      BEGIN SELECT RAISE(ABORT, 'audit trail rows must be appended in order'); END;
      -- The head only ever moves forward by one row.
      CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
      WHEN NEW.row_count IS NOT OLD.row_count + 1 OR NEW.id IS NOT OLD.id
      BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward'); END;
      CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
      BEGIN SELECT RAISE(ABORT, 'the audit head cannot be deleted'); END;
    `);
  },
};
