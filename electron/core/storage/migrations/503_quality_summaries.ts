// The quality dashboard's summaries (electron/core/quality/rates.ts reads them): per session, and per
// session and zone, the shots and the events of each rate (soft-limit overrides, hard stops, near
// misses, thermotherapy cut short, interruptions). A year's six rates then add up some 24,000 session
// rows instead of reading millions of dose records and every event table.
//
// Kept by triggers on the ledger's own tables, so each summary changes in the same statement, and so
// the same transaction, as the record it counts: a dose commit, a limit event, a workflow step, an
// interruption. Every one of those tables is insert-only (migrations 300-302), so counting inserts is
// exact. The summaries are statistics only: the ledger stays the truth, the drill-down and the review
// queue read the records themselves, and tests/unit/core/quality.summaries.test.ts recounts every
// summary from the ledger with the live rules (quality/events.ts) and compares them exactly.
//
// The rules here are frozen, as a migration must be: if a rule in quality/events.ts changes, that
// test fails until a new migration rebuilds the summaries under the new rule.
//
// - quality_sessions: one row per session, clustered by start time (a range is one index range), with
//   the keys the dashboard breaks down by (clinician, serum version; the month is worked out from the
//   start time when asked, in the station's time zone of the day, as range.ts cuts the months).
// - quality_zones: one row per session and zone that has a shot or an event; zone '' holds what is not
//   about one zone (a session-wide limit, a thermotherapy step, a shot that carried no zone).
// - dose_tally (migration 501) goes: quality_zones' shots are the same count.
import type { Migration } from '../migrate.js';

/** The summaries' event columns, named as the metrics are (contract/quality.ts QUALITY_METRICS). */
const EVENT_COLUMNS = ['override', 'hard_stop', 'near_miss', 'thermo_cut', 'interruption'] as const;

const counters = EVENT_COLUMNS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0 CHECK (${c} >= 0)`).join(',\n        ');

/** Which limit event counts as which rate. */
const OVERRIDE = "NEW.kind = 'soft_ack'";
const HARD_STOP = "NEW.kind = 'hard_stop'";
const NEAR_MISS = "NEW.kind IN ('near_miss', 'hard_block')";
/** A thermotherapy step that cut it short: a skip, or a stage completed before its time. */
const THERMO_CUT = "NEW.event = 'THERMO_SKIP' OR (NEW.event = 'THERMO_COMPLETE' AND json_extract(NEW.detail, '$.outcome') = 'shortened')";

export const m503QualitySummaries: Migration = {
  id: 503,
  name: 'quality summaries per session and per session and zone, kept by triggers with the ledger',
  up(db) {
    db.exec(`
      CREATE TABLE quality_sessions (
        started_at INTEGER NOT NULL,
        session_id INTEGER NOT NULL UNIQUE,
        clinician_user_id INTEGER NOT NULL,
        serum_version_id INTEGER,
        shots INTEGER NOT NULL DEFAULT 0 CHECK (shots >= 0),
        ${counters},
        PRIMARY KEY (started_at, session_id)
      ) WITHOUT ROWID;

      CREATE TABLE quality_zones (
        session_id INTEGER NOT NULL,
        zone TEXT NOT NULL,
        shots INTEGER NOT NULL DEFAULT 0 CHECK (shots >= 0),
        ${counters},
        PRIMARY KEY (session_id, zone)
      ) WITHOUT ROWID;

      -- Existing records, counted from the ledger and the event tables.
      INSERT INTO quality_zones (session_id, zone, shots, override, hard_stop, near_miss, thermo_cut, interruption)
        SELECT session_id, zone, sum(shots), sum(override), sum(hard_stop), sum(near_miss), sum(thermo_cut), sum(interruption) FROM (
          SELECT session_id, ifnull(zone, '') AS zone, count(*) AS shots, 0 AS override, 0 AS hard_stop, 0 AS near_miss, 0 AS thermo_cut, 0 AS interruption
            FROM dose_records WHERE session_id IS NOT NULL GROUP BY session_id, ifnull(zone, '')
          UNION ALL
          SELECT session_id, ifnull(zone, ''), 0, kind = 'soft_ack', kind = 'hard_stop', kind IN ('near_miss', 'hard_block'), 0, 0
            FROM limit_events WHERE kind IN ('soft_ack', 'hard_stop', 'near_miss', 'hard_block')
          UNION ALL
          SELECT session_id, '', 0, 0, 0, 0, 1, 0
            FROM session_steps WHERE event = 'THERMO_SKIP' OR (event = 'THERMO_COMPLETE' AND json_extract(detail, '$.outcome') = 'shortened')
          UNION ALL
          SELECT i.session_id, w.zone, 0, 0, 0, 0, 0, 1
            FROM session_interruptions i JOIN arm_windows w ON w.id = i.arm_window_id
        )
        GROUP BY session_id, zone;
      INSERT INTO quality_sessions (started_at, session_id, clinician_user_id, serum_version_id, shots, override, hard_stop, near_miss, thermo_cut, interruption)
        SELECT s.started_at, s.id, s.clinician_user_id, s.serum_version_id,
               ifnull(sum(z.shots), 0), ifnull(sum(z.override), 0), ifnull(sum(z.hard_stop), 0), ifnull(sum(z.near_miss), 0), ifnull(sum(z.thermo_cut), 0), ifnull(sum(z.interruption), 0)
        FROM clinical_sessions s LEFT JOIN quality_zones z ON z.session_id = s.id
        GROUP BY s.id;

      -- A session: its row from the start, its keys as the workflow sets them (the serum at preparation).
      CREATE TRIGGER quality_sessions_open AFTER INSERT ON clinical_sessions
        BEGIN
          INSERT INTO quality_sessions (started_at, session_id, clinician_user_id, serum_version_id)
            VALUES (NEW.started_at, NEW.id, NEW.clinician_user_id, NEW.serum_version_id);
        END;
      CREATE TRIGGER quality_sessions_keys AFTER UPDATE OF started_at, clinician_user_id, serum_version_id ON clinical_sessions
        WHEN NEW.started_at IS NOT OLD.started_at OR NEW.clinician_user_id IS NOT OLD.clinician_user_id OR NEW.serum_version_id IS NOT OLD.serum_version_id
        BEGIN
          UPDATE quality_sessions SET started_at = NEW.started_at, clinician_user_id = NEW.clinician_user_id, serum_version_id = NEW.serum_version_id
            WHERE session_id = NEW.id;
        END;

      -- A dose committed for a session: one shot (an unattributed dose is counted from the ledger).
      CREATE TRIGGER quality_count_dose AFTER INSERT ON dose_records WHEN NEW.session_id IS NOT NULL
        BEGIN
          UPDATE quality_sessions SET shots = shots + 1 WHERE session_id = NEW.session_id;
          INSERT INTO quality_zones (session_id, zone, shots) VALUES (NEW.session_id, ifnull(NEW.zone, ''), 1)
            ON CONFLICT (session_id, zone) DO UPDATE SET shots = shots + 1;
        END;

      CREATE TRIGGER quality_count_limit_event AFTER INSERT ON limit_events WHEN ${OVERRIDE} OR ${HARD_STOP} OR ${NEAR_MISS}
        BEGIN
          UPDATE quality_sessions SET override = override + (${OVERRIDE}), hard_stop = hard_stop + (${HARD_STOP}), near_miss = near_miss + (${NEAR_MISS})
            WHERE session_id = NEW.session_id;
          INSERT INTO quality_zones (session_id, zone, override, hard_stop, near_miss) VALUES (NEW.session_id, ifnull(NEW.zone, ''), ${OVERRIDE}, ${HARD_STOP}, ${NEAR_MISS})
            ON CONFLICT (session_id, zone) DO UPDATE SET
              override = override + excluded.override, hard_stop = hard_stop + excluded.hard_stop, near_miss = near_miss + excluded.near_miss;
        END;

      CREATE TRIGGER quality_count_thermo_cut AFTER INSERT ON session_steps WHEN ${THERMO_CUT}
        BEGIN
          UPDATE quality_sessions SET thermo_cut = thermo_cut + 1 WHERE session_id = NEW.session_id;
          INSERT INTO quality_zones (session_id, zone, thermo_cut) VALUES (NEW.session_id, '', 1)
            ON CONFLICT (session_id, zone) DO UPDATE SET thermo_cut = thermo_cut + 1;
        END;

      -- An interruption of an armed window, at the window's zone.
      CREATE TRIGGER quality_count_interruption AFTER INSERT ON session_interruptions
        WHEN EXISTS (SELECT 1 FROM arm_windows w WHERE w.id = NEW.arm_window_id)
        BEGIN
          UPDATE quality_sessions SET interruption = interruption + 1 WHERE session_id = NEW.session_id;
          INSERT INTO quality_zones (session_id, zone, interruption) VALUES (NEW.session_id, (SELECT w.zone FROM arm_windows w WHERE w.id = NEW.arm_window_id), 1)
            ON CONFLICT (session_id, zone) DO UPDATE SET interruption = interruption + 1;
        END;

      -- Summaries change only with what they count.
      CREATE TRIGGER quality_sessions_no_delete BEFORE DELETE ON quality_sessions
        BEGIN SELECT RAISE(ABORT, 'a quality summary is never deleted'); END;
      CREATE TRIGGER quality_zones_no_delete BEFORE DELETE ON quality_zones
        BEGIN SELECT RAISE(ABORT, 'a quality summary is never deleted'); END;

      DROP TRIGGER dose_tally_count;
      DROP TABLE dose_tally;
    `);
  },
};
