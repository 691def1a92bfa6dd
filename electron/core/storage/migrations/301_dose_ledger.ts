// The dose ledger: every record the gun sends, unique on (gun serial, record id), attributed or not.
// Zone and session totals are always summed from these rows, never kept as counters.
import type { Migration } from '../migrate.js';
import { appendOnly } from './appendOnly.js';

export const m301DoseLedger: Migration = {
  id: 301,
  name: 'dose records, arm windows, limit events',
  up(db) {
    db.exec(`
      -- One row per time the station armed the gun for a session and zone. The gun fires only while
      -- armed, so a record belongs to the window whose range holds it: id above after_record_id and a
      -- start (gun clock) between armed_gun_time_ms and disarmed_gun_time_ms, whenever it arrives
      -- (live, replayed after a reconnect, after a restart). A shot already under way when DISARM
      -- arrives ends after it, with the next id: the gun-time bound, not the id, keeps it here.
      CREATE TABLE arm_windows (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES clinical_sessions (id),
        zone TEXT NOT NULL,
        gun_serial TEXT NOT NULL,
        after_record_id INTEGER NOT NULL,
        armed_gun_time_ms INTEGER,
        -- Both set when the disarmed gun reports its clock and last record id.
        disarmed_gun_time_ms INTEGER,
        through_record_id INTEGER,
        armed_at INTEGER NOT NULL,
        disarmed_at INTEGER,
        disarm_reason TEXT
      );
      CREATE INDEX arm_windows_session ON arm_windows (session_id);
      CREATE INDEX arm_windows_gun ON arm_windows (gun_serial, after_record_id);

      CREATE TABLE dose_records (
        id INTEGER PRIMARY KEY,
        gun_serial TEXT NOT NULL,
        record_id INTEGER NOT NULL,
        session_id INTEGER REFERENCES clinical_sessions (id),
        arm_window_id INTEGER REFERENCES arm_windows (id),
        zone TEXT,
        serum_version_id INTEGER,
        lot_id INTEGER,
        lot_number TEXT,
        clinician_user_id INTEGER,
        unattributed_reason TEXT,
        gun_started_at_ms INTEGER NOT NULL,
        gun_ended_at_ms INTEGER NOT NULL,
        received_at_ms INTEGER NOT NULL,
        committed_at_ms INTEGER NOT NULL,
        commanded_nl INTEGER NOT NULL,
        delivered_nl INTEGER NOT NULL,
        depth_um INTEGER NOT NULL,
        entry_pct INTEGER NOT NULL,
        dwell_pct INTEGER NOT NULL,
        exit_pct INTEGER NOT NULL,
        mode TEXT NOT NULL,
        fault TEXT,
        record_crc INTEGER NOT NULL,
        UNIQUE (gun_serial, record_id),
        CHECK ((session_id IS NULL) = (unattributed_reason IS NOT NULL))
      );
      CREATE INDEX dose_records_session_zone ON dose_records (session_id, zone);
      CREATE INDEX dose_records_unattributed ON dose_records (id) WHERE session_id IS NULL;
      ${appendOnly('dose_records', { update: 'dose records are never edited', delete: 'dose records are never deleted' })}

      CREATE TABLE limit_events (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES clinical_sessions (id),
        at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('soft_stop', 'soft_ack', 'hard_stop', 'hard_block', 'near_miss')),
        scope TEXT NOT NULL CHECK (scope IN ('shot', 'zone', 'session')),
        zone TEXT,
        total_nl INTEGER,
        limit_nl INTEGER,
        reason TEXT,
        detail TEXT NOT NULL,
        user_id INTEGER
      );
      CREATE INDEX limit_events_session ON limit_events (session_id, id);
      ${appendOnly('limit_events', { update: 'limit events are never edited', delete: 'limit events are never deleted' })}
    `);
  },
};
