// Quality review (electron/core/quality/):
// - dose_tally: shots per session and zone, kept by a trigger in the same statement that inserts the
//   dose record, so the dashboard's "per 100 shots" never counts millions of rows. Dose records are
//   never updated or deleted (migration 301), so an insert-only count is exact. Statistics only: the
//   limit guard and every record view still sum the ledger itself.
// - indexes for the events the dashboard and the review queue read (thermotherapy steps, limit events
//   by kind, unattributed records by time).
// - quality_reviews: an admin's signed disposition of one item (an event, by its table and id); final.
// - dose_attributions: an unattributed dose assigned to a session and zone with a reason and a
//   signature; the dose record itself is never edited.
import type { Migration } from '../migrate.js';
import { appendOnly } from './appendOnly.js';

export const m501QualityReview: Migration = {
  id: 501,
  name: 'dose tally, review dispositions, dose attributions',
  up(db) {
    db.exec(`
      CREATE TABLE dose_tally (
        session_id INTEGER NOT NULL,
        -- '' when a record carried no zone (never expected for an attributed record).
        zone TEXT NOT NULL,
        shots INTEGER NOT NULL CHECK (shots > 0),
        PRIMARY KEY (session_id, zone)
      ) WITHOUT ROWID;
      INSERT INTO dose_tally (session_id, zone, shots)
        SELECT session_id, ifnull(zone, ''), count(*) FROM dose_records WHERE session_id IS NOT NULL GROUP BY session_id, ifnull(zone, '');
      CREATE TRIGGER dose_tally_count AFTER INSERT ON dose_records WHEN NEW.session_id IS NOT NULL
        BEGIN
          INSERT INTO dose_tally (session_id, zone, shots) VALUES (NEW.session_id, ifnull(NEW.zone, ''), 1)
            ON CONFLICT (session_id, zone) DO UPDATE SET shots = shots + 1;
        END;

      CREATE INDEX session_steps_event ON session_steps (event, session_id);
      CREATE INDEX limit_events_kind ON limit_events (kind, session_id);
      CREATE INDEX dose_records_unattributed_received ON dose_records (received_at_ms) WHERE session_id IS NULL;

      CREATE TABLE quality_reviews (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('limit_event', 'session_step', 'interruption', 'dose_record')),
        source_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        disposition TEXT NOT NULL,
        comment TEXT NOT NULL CHECK (length(comment) > 0),
        reviewed_at TEXT NOT NULL,
        reviewed_by_id INTEGER NOT NULL,
        reviewed_by_name TEXT NOT NULL,
        UNIQUE (source, source_id)
      );
      ${appendOnly('quality_reviews', { update: 'a signed review is never edited', delete: 'a signed review is never deleted' })}

      CREATE TABLE dose_attributions (
        id INTEGER PRIMARY KEY,
        dose_record_id INTEGER NOT NULL UNIQUE REFERENCES dose_records (id),
        session_id INTEGER NOT NULL REFERENCES clinical_sessions (id),
        zone TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        assigned_at TEXT NOT NULL,
        assigned_by_id INTEGER NOT NULL,
        assigned_by_name TEXT NOT NULL
      );
      CREATE INDEX dose_attributions_session ON dose_attributions (session_id);
      CREATE TRIGGER dose_attributions_unattributed_only BEFORE INSERT ON dose_attributions
        WHEN (SELECT session_id IS NULL FROM dose_records WHERE id = NEW.dose_record_id) IS NOT 1
        BEGIN SELECT RAISE(ABORT, 'only a dose record that belongs to no session can be assigned'); END;
      ${appendOnly('dose_attributions', { update: 'an attribution is never edited', delete: 'an attribution is never deleted' })}
    `);
  },
};
