// Interruptions of an armed window (migration 302): the station restarted, or the link to the gun was
// lost, while the gun was armed for a session. Recorded by the session workflow when it happens and
// read back, with the records recovered from the gun since and any still missing, by the session's
// view, the admin's record and the PDF report (one query for all three).
import type { InterruptionKind, InterruptionView } from '../../contract/sessions.js';
import type { Db } from '../storage/db.js';

export function recordInterruption(db: Db, i: { sessionId: number; armWindowId: number; kind: InterruptionKind; startedAt: number; endedAt: number | null }): void {
  const held = (db.prepare('SELECT COUNT(*) AS n FROM dose_records WHERE arm_window_id = ?').get(i.armWindowId) as { n: number }).n;
  db.prepare('INSERT INTO session_interruptions (session_id, arm_window_id, kind, started_at, ended_at, held_at_start) VALUES (?, ?, ?, ?, ?, ?)').run(
    i.sessionId,
    i.armWindowId,
    i.kind,
    i.startedAt,
    i.endedAt,
    held,
  );
}

/**
 * Every open interruption of `kind` ends now (the link is ready again, for whichever session it
 * interrupted, open or since closed). Returns the sessions whose interruptions ended.
 */
export function endInterruptions(db: Db, kind: InterruptionKind, at: number): number[] {
  const ids = (db.prepare('SELECT DISTINCT session_id AS id FROM session_interruptions WHERE kind = ? AND ended_at IS NULL').all(kind) as { id: number }[]).map((r) => r.id);
  if (ids.length > 0) db.prepare('UPDATE session_interruptions SET ended_at = ? WHERE kind = ? AND ended_at IS NULL').run(at, kind);
  return ids;
}

/**
 * The station's last sign of life for a session before it went down: the later of the session's last
 * recorded step and the last dose record it received (station clock).
 */
export function lastSignOfLife(db: Db, sessionId: number, updatedAt: number): number {
  const r = db.prepare('SELECT MAX(received_at_ms) AS t FROM dose_records WHERE session_id = ?').get(sessionId) as { t: number | null };
  return Math.max(updatedAt, r.t ?? 0);
}

interface Row {
  id: number;
  kind: InterruptionKind;
  started_at: number;
  ended_at: number | null;
  held_at_start: number;
  held_now: number;
  expected: number | null;
  held_in_range: number | null;
}

/**
 * `recovered`: the window's records that reached the ledger after the interruption began (the gun
 * kept them and replayed them). `missing`: records the gun says it made in the window that the ledger
 * does not hold; null until the gun has reported itself disarmed (its last record id is not known).
 */
export function listInterruptions(db: Db, sessionId: number): InterruptionView[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.kind, i.started_at, i.ended_at, i.held_at_start,
              (SELECT COUNT(*) FROM dose_records d WHERE d.arm_window_id = i.arm_window_id) AS held_now,
              CASE WHEN w.disarmed_gun_time_ms IS NULL THEN NULL ELSE w.through_record_id - w.after_record_id END AS expected,
              CASE WHEN w.disarmed_gun_time_ms IS NULL THEN NULL ELSE
                (SELECT COUNT(*) FROM dose_records d WHERE d.gun_serial = w.gun_serial AND d.record_id > w.after_record_id AND d.record_id <= w.through_record_id) END AS held_in_range
       FROM session_interruptions i JOIN arm_windows w ON w.id = i.arm_window_id
       WHERE i.session_id = ? ORDER BY i.id`,
    )
    .all(sessionId) as Row[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    recovered: Math.max(0, r.held_now - r.held_at_start),
    missing: r.expected === null || r.held_in_range === null ? null : Math.max(0, r.expected - r.held_in_range),
  }));
}
