// Clinical sessions: one row per session with the columns admins filter on, the workflow snapshot
// (with its machine version) and the timeline of accepted steps. The snapshot is the workflow's
// place; the dose ledger (301) is the truth for doses.
import type { Migration } from '../migrate.js';
import { appendOnly } from './appendOnly.js';

export const m300ClinicalSessions: Migration = {
  id: 300,
  name: 'clinical sessions, workflow snapshots, steps, signatures, addenda',
  up(db) {
    db.exec(`
      CREATE TABLE clinical_sessions (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL,
        course_id INTEGER,
        clinician_user_id INTEGER NOT NULL,
        clinician_username TEXT NOT NULL,
        clinician_display_name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'locked', 'aborted')),
        phase TEXT NOT NULL,
        step TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        locked_at INTEGER,
        serum_version_id INTEGER,
        lot_id INTEGER,
        lot_number TEXT,
        gun_serial TEXT,
        machine_version INTEGER NOT NULL,
        snapshot TEXT NOT NULL
      );
      -- At most one session in progress per station: there is one gun and one chair.
      CREATE UNIQUE INDEX clinical_sessions_one_active ON clinical_sessions (status) WHERE status = 'active';
      CREATE INDEX clinical_sessions_patient ON clinical_sessions (patient_id, started_at);
      CREATE INDEX clinical_sessions_started ON clinical_sessions (started_at);

      CREATE TABLE session_steps (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES clinical_sessions (id),
        at INTEGER NOT NULL,
        user_id INTEGER,
        event TEXT NOT NULL,
        phase_before TEXT NOT NULL,
        phase_after TEXT NOT NULL,
        detail TEXT
      );
      CREATE INDEX session_steps_session ON session_steps (session_id, id);

      CREATE TABLE session_signatures (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES clinical_sessions (id),
        user_id INTEGER NOT NULL,
        username TEXT NOT NULL,
        display_name TEXT NOT NULL,
        meaning TEXT NOT NULL CHECK (meaning IN ('performed', 'reviewed')),
        signed_at INTEGER NOT NULL,
        UNIQUE (session_id, meaning)
      );

      -- Corrections after locking: new rows that reference the session, never edits.
      CREATE TABLE session_addenda (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES clinical_sessions (id),
        at INTEGER NOT NULL,
        user_id INTEGER NOT NULL,
        username TEXT NOT NULL,
        text TEXT NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE INDEX session_addenda_session ON session_addenda (session_id, id);

      ${appendOnly('session_signatures', { update: 'signatures are never edited', delete: 'signatures are never deleted' })}
      ${appendOnly('session_addenda', { update: 'addenda are never edited', delete: 'addenda are never deleted' })}
      -- A locked or aborted session is final: its row never changes again.
      CREATE TRIGGER clinical_sessions_final BEFORE UPDATE ON clinical_sessions
        WHEN OLD.status <> 'active'
        BEGIN SELECT RAISE(ABORT, 'a locked session is never edited; add an addendum'); END;
    `);
  },
};
