// Two-person governance of the serum library. Every change is a draft: a new serum, or a change to one
// made from a named version with a reason. A second admin publishes it, signing "approved" (the new
// version is then inserted as before); the schema itself refuses a draft published by its drafter. A
// draft's content never changes; it is closed once, published or withdrawn. A serum can be retired:
// never loaded into a new session again (sessions in progress keep the version they loaded).
import type { Migration } from '../migrate.js';
import { appendOnly } from './appendOnly.js';

export const m220SerumGovernance: Migration = {
  id: 220,
  name: 'serum drafts approved by a second admin, retired serums',
  up(db) {
    db.exec(`
      CREATE TABLE serum_drafts (
        id INTEGER PRIMARY KEY,
        -- NULL: a new serum (its id exists once published, in published_version_id's row).
        serum_id INTEGER REFERENCES serums (id),
        base_version INTEGER,
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        reason TEXT,
        drafted_at TEXT NOT NULL,
        drafted_by_id INTEGER NOT NULL,
        drafted_by_name TEXT NOT NULL,
        outcome TEXT CHECK (outcome IN ('published', 'withdrawn')),
        closed_at TEXT,
        closed_by_id INTEGER,
        closed_by_name TEXT,
        close_reason TEXT,
        published_version_id INTEGER REFERENCES serum_versions (id),
        CHECK ((serum_id IS NULL) = (base_version IS NULL)),
        CHECK ((outcome IS NULL) = (closed_at IS NULL) AND (outcome IS NULL) = (closed_by_id IS NULL)),
        CHECK ((outcome = 'published') = (published_version_id IS NOT NULL)),
        CHECK (outcome IS NOT 'withdrawn' OR close_reason IS NOT NULL),
        -- The two-person rule: whoever drafted a change never publishes it.
        CHECK (outcome IS NOT 'published' OR closed_by_id <> drafted_by_id)
      );
      -- One open draft per serum: a second would be approved against a version the first changes.
      CREATE UNIQUE INDEX serum_drafts_one_open ON serum_drafts (serum_id) WHERE outcome IS NULL AND serum_id IS NOT NULL;
      CREATE INDEX serum_drafts_version ON serum_drafts (published_version_id) WHERE published_version_id IS NOT NULL;
      CREATE TRIGGER serum_drafts_no_delete BEFORE DELETE ON serum_drafts
        BEGIN SELECT RAISE(ABORT, 'a serum draft is never deleted; withdraw it'); END;
      CREATE TRIGGER serum_drafts_close_once BEFORE UPDATE ON serum_drafts
        WHEN OLD.outcome IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.serum_id IS NOT OLD.serum_id OR NEW.base_version IS NOT OLD.base_version
          OR NEW.name IS NOT OLD.name OR NEW.definition IS NOT OLD.definition OR NEW.reason IS NOT OLD.reason OR NEW.drafted_at IS NOT OLD.drafted_at
          OR NEW.drafted_by_id IS NOT OLD.drafted_by_id OR NEW.drafted_by_name IS NOT OLD.drafted_by_name
        BEGIN SELECT RAISE(ABORT, 'a serum draft is only ever closed, once'); END;

      CREATE TABLE serum_retirements (
        serum_id INTEGER PRIMARY KEY REFERENCES serums (id),
        reason TEXT NOT NULL,
        retired_at TEXT NOT NULL,
        retired_by_id INTEGER NOT NULL,
        retired_by_name TEXT NOT NULL
      );
      ${appendOnly('serum_retirements', { update: 'a retirement is never edited', delete: 'a retired serum stays retired' })}
    `);
  },
};
