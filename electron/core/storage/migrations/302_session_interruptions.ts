// Interruptions of an armed window: the station restarted (it crashed or was stopped with the gun
// armed) or the link to the gun was lost. Each row says when it began and ended and how many of the
// window's dose records the ledger held when it began; the records recovered from the gun afterwards
// and any still missing are counted from dose_records and arm_windows when read, never stored twice.
import type { Migration } from '../migrate.js';

export const m302SessionInterruptions: Migration = {
  id: 302,
  name: 'session interruptions (station restart, link lost) during an armed window',
  up(db) {
    db.exec(`
      CREATE TABLE session_interruptions (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES clinical_sessions (id),
        arm_window_id INTEGER NOT NULL REFERENCES arm_windows (id),
        kind TEXT NOT NULL CHECK (kind IN ('station-restart', 'link-lost')),
        -- Station time: the last sign of life before a restart, or when the link was lost.
        started_at INTEGER NOT NULL,
        -- Station time: the station back up, or the link ready again; NULL until then.
        ended_at INTEGER,
        -- Records of the window the ledger held when the interruption began.
        held_at_start INTEGER NOT NULL CHECK (held_at_start >= 0)
      );
      CREATE INDEX session_interruptions_session ON session_interruptions (session_id, id);
      -- A record of what happened: only its end may be written, once.
      CREATE TRIGGER session_interruptions_no_delete BEFORE DELETE ON session_interruptions
        BEGIN SELECT RAISE(ABORT, 'interruptions are never deleted'); END;
      CREATE TRIGGER session_interruptions_end_once BEFORE UPDATE ON session_interruptions
        WHEN OLD.ended_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.session_id IS NOT OLD.session_id OR NEW.arm_window_id IS NOT OLD.arm_window_id
          OR NEW.kind IS NOT OLD.kind OR NEW.started_at IS NOT OLD.started_at OR NEW.held_at_start IS NOT OLD.held_at_start
        BEGIN SELECT RAISE(ABORT, 'an interruption is only ever given its end, once'); END;
    `);
  },
};
