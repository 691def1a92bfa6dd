// SQL for clinical_sessions and the rows around it (steps, signatures, addenda). The workflow snapshot
// is stored whole; the columns beside it are copies for admins' filters and lot recall.
import type { AddendumView, Phase, SessionPage, SessionStatus, SessionSummary, ShotView, SignatureView } from '../../contract/sessions.js';
import type { SessionFilter } from '../../contract/sessionFilter.js';
import type { Db } from '../storage/db.js';
import { sessionCondition } from './filter.js';
import type { StoredSnapshot } from './snapshotCodec.js';

export interface SessionRow {
  id: number;
  patient_id: number;
  course_id: number | null;
  clinician_user_id: number;
  clinician_username: string;
  clinician_display_name: string;
  status: SessionStatus;
  phase: Phase;
  step: string;
  started_at: number;
  updated_at: number;
  /** When it was signed or aborted. */
  ended_at: number | null;
  serum_version_id: number | null;
  lot_id: number | null;
  lot_number: string | null;
  gun_serial: string | null;
  machine_version: number;
  snapshot: string;
}

export function readSession(db: Db, id: number): SessionRow | undefined {
  return db.prepare('SELECT * FROM clinical_sessions WHERE id = ?').get(id) as SessionRow | undefined;
}

export function readActiveSession(db: Db): SessionRow | undefined {
  return db.prepare("SELECT * FROM clinical_sessions WHERE status = 'in_progress'").get() as SessionRow | undefined;
}

export function storedOf(row: SessionRow): StoredSnapshot {
  return { machineVersion: row.machine_version, json: row.snapshot };
}

export function insertSession(
  db: Db,
  s: { patientId: number; courseId: number | null; clinician: { userId: number; username: string; displayName: string }; at: number; snapshot: StoredSnapshot; phase: Phase; step: string },
): number {
  const r = db
    .prepare(
      `INSERT INTO clinical_sessions (patient_id, course_id, clinician_user_id, clinician_username, clinician_display_name, status, phase, step,
         started_at, updated_at, machine_version, snapshot) VALUES (?, ?, ?, ?, ?, 'in_progress', ?, ?, ?, ?, ?, ?)`,
    )
    .run(s.patientId, s.courseId, s.clinician.userId, s.clinician.username, s.clinician.displayName, s.phase, s.step, s.at, s.at, s.snapshot.machineVersion, s.snapshot.json);
  return Number(r.lastInsertRowid);
}

export function updateSession(
  db: Db,
  id: number,
  u: {
    phase: Phase;
    step: string;
    at: number;
    snapshot: StoredSnapshot;
    status: SessionStatus;
    serumVersionId: number | null;
    lotId: number | null;
    lotNumber: string | null;
    gunSerial: string | null;
  },
): void {
  db.prepare(
    `UPDATE clinical_sessions SET phase = ?, step = ?, updated_at = ?, machine_version = ?, snapshot = ?, status = ?,
       ended_at = CASE WHEN ? <> 'in_progress' THEN ? ELSE ended_at END, serum_version_id = ?, lot_id = ?, lot_number = ?, gun_serial = ?
     WHERE id = ?`,
  ).run(u.phase, u.step, u.at, u.snapshot.machineVersion, u.snapshot.json, u.status, u.status, u.at, u.serumVersionId, u.lotId, u.lotNumber, u.gunSerial, id);
}

export function insertStep(db: Db, s: { sessionId: number; at: number; userId: number | null; event: string; before: Phase; after: Phase; detail?: unknown }): void {
  db.prepare('INSERT INTO session_steps (session_id, at, user_id, event, phase_before, phase_after, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    s.sessionId,
    s.at,
    s.userId,
    s.event,
    s.before,
    s.after,
    s.detail === undefined ? null : JSON.stringify(s.detail),
  );
}

export function insertSignature(db: Db, s: Omit<SignatureView, 'signedAt'> & { sessionId: number; signedAt: number }): void {
  db.prepare('INSERT INTO session_signatures (session_id, user_id, username, display_name, meaning, signed_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    s.sessionId,
    s.userId,
    s.username,
    s.displayName,
    s.meaning,
    s.signedAt,
  );
}

export function listSignatures(db: Db, sessionId: number): SignatureView[] {
  return db
    .prepare('SELECT user_id AS userId, username, display_name AS displayName, meaning, signed_at AS signedAt FROM session_signatures WHERE session_id = ? ORDER BY id')
    .all(sessionId) as SignatureView[];
}

export function insertAddendum(db: Db, a: Omit<AddendumView, 'id'> & { sessionId: number }): number {
  const r = db.prepare('INSERT INTO session_addenda (session_id, at, user_id, username, text, reason) VALUES (?, ?, ?, ?, ?, ?)').run(a.sessionId, a.at, a.userId, a.username, a.text, a.reason);
  return Number(r.lastInsertRowid);
}

export function listAddenda(db: Db, sessionId: number): AddendumView[] {
  return db.prepare('SELECT id, at, user_id AS userId, username, text, reason FROM session_addenda WHERE session_id = ? ORDER BY id').all(sessionId) as AddendumView[];
}

/** A page of the session browser: the one session filter (filter.ts), then where the page starts. */
export type ListFilter = SessionFilter & { limit: number; offset: number };

/** One page of sessions, newest first, with the patient's identifiers and the total over all pages. */
export function listSessions(db: Db, f: ListFilter): SessionPage {
  const cond = sessionCondition(f);
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM clinical_sessions s WHERE ${cond.sql}`).get(cond.params) as { n: number }).n;
  const sql = `
    SELECT s.id, s.patient_id AS patientId, p.full_name AS patientName, p.clinic_id AS patientClinicId, p.birth_date AS patientBirthDate,
           s.clinician_user_id AS clinicianUserId, s.clinician_display_name AS clinicianName, s.phase,
           s.status, s.started_at AS startedAt, s.ended_at AS endedAt, s.serum_version_id AS serumVersionId, s.lot_number AS lotNumber,
           s.gun_serial AS gunSerial,
           COALESCE((SELECT SUM(d.delivered_nl) FROM dose_records d WHERE d.session_id = s.id), 0) AS totalDeliveredNl,
           (SELECT COUNT(*) FROM dose_records d WHERE d.session_id = s.id) AS totalShots
    FROM clinical_sessions s LEFT JOIN patients p ON p.id = s.patient_id WHERE ${cond.sql}
    ORDER BY s.started_at DESC, s.id DESC LIMIT @pageLimit OFFSET @pageOffset`;
  const items = db.prepare(sql).all({ ...cond.params, pageLimit: f.limit, pageOffset: f.offset }) as SessionSummary[];
  return { items, total, offset: f.offset, limit: f.limit };
}

/**
 * A session's dose records in firing order: by the gun's start time (a replay after a reconnect
 * arrives late, so arrival order is not firing order), then by serial and record id.
 */
export function listShots(db: Db, sessionId: number): ShotView[] {
  return db
    .prepare(
      `SELECT record_id AS recordId, gun_serial AS gunSerial, zone, commanded_nl AS commandedNl, delivered_nl AS deliveredNl, depth_um AS depthUm,
              mode, gun_started_at_ms AS gunStartedAtMs, gun_ended_at_ms AS gunEndedAtMs, received_at_ms AS receivedAtMs, fault
       FROM dose_records WHERE session_id = ? ORDER BY gun_started_at_ms, gun_serial, record_id`,
    )
    .all(sessionId) as ShotView[];
}
