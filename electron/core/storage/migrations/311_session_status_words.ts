// One status vocabulary for clinical sessions, everywhere (database, contract, exports):
// in_progress | signed | aborted. "locked" now means only a locked login; a session whose record is
// final after its signature is "signed". The phase that ends in a signature is renamed the same way,
// and the time a session became final is "ended_at" (signed or aborted).
//
// SQLite cannot change a CHECK constraint in place, and rebuilding the table would need foreign keys
// off, which cannot change inside the migration's transaction. The status column is therefore
// replaced: the partial index and the finality trigger that name it are dropped, a new column with the
// new CHECK takes the translated values, the old one is dropped, and the index and trigger come back.
// Steps keep their phases in the same words. The audit trail is never rewritten: its rows before this
// migration say 'locked' for a signed session, and the verify of a keyed row must keep matching.
import type { Migration } from '../migrate.js';

export const m311SessionStatusWords: Migration = {
  id: 311,
  name: 'session status in_progress | signed | aborted; phase signed; ended_at',
  up(db) {
    db.exec(`
      DROP TRIGGER clinical_sessions_final;
      DROP INDEX clinical_sessions_one_active;
      ALTER TABLE clinical_sessions RENAME COLUMN status TO status_before_311;
      ALTER TABLE clinical_sessions RENAME COLUMN locked_at TO ended_at;
      ALTER TABLE clinical_sessions ADD COLUMN status TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'signed', 'aborted'));
      UPDATE clinical_sessions SET
        status = CASE status_before_311 WHEN 'active' THEN 'in_progress' WHEN 'locked' THEN 'signed' ELSE 'aborted' END,
        phase = CASE phase WHEN 'locked' THEN 'signed' ELSE phase END;
      ALTER TABLE clinical_sessions DROP COLUMN status_before_311;
      UPDATE session_steps SET phase_before = 'signed' WHERE phase_before = 'locked';
      UPDATE session_steps SET phase_after = 'signed' WHERE phase_after = 'locked';

      -- At most one session in progress per station: there is one gun and one chair.
      CREATE UNIQUE INDEX clinical_sessions_one_in_progress ON clinical_sessions (status) WHERE status = 'in_progress';
      -- A signed or aborted session is final: its row never changes again.
      CREATE TRIGGER clinical_sessions_final BEFORE UPDATE ON clinical_sessions
        WHEN OLD.status <> 'in_progress'
        BEGIN SELECT RAISE(ABORT, 'a signed or aborted session is never edited; add an addendum'); END;
    `);
  },
};
