// Where the dates of the sessions that count for interval rules come from. The clinical-session
// records (owned by the session workflow) are the truth: a session counts once it delivered serum,
// signed, or aborted with doses on the record. A session names its course (course_id = the
// enrolment id); the patient's last session counts whatever course it was in, or none, so
// re-enrolling keeps the history. Tests pass their own dates.
import { localDateOf } from '../patients/dates.js';
import type { Db } from '../storage/db.js';

export interface LastSession {
  sessionId: number;
  /** YYYY-MM-DD on the station's calendar. */
  date: string;
  serumVersionId: number | null;
}

export interface CompletedSessionDates {
  /** YYYY-MM-DD of each counted session of the enrolment, in any order. */
  forEnrolment(enrolmentId: number): string[];
  /** The patient's last counted session in or out of any course (excluding `exceptSessionId`); null when none. */
  lastForPatient?(patientId: number, exceptSessionId?: number): LastSession | null;
}

/** Signed, or aborted after serum was delivered: the sessions the interval rules count. */
const COUNTS = `(s.status = 'signed' OR (s.status = 'aborted' AND EXISTS (SELECT 1 FROM dose_records d WHERE d.session_id = s.id AND d.delivered_nl > 0)))`;

/** Reads clinical_sessions (migration 300) and the dose ledger (301); started_at is epoch ms. */
export function clinicalSessionDates(db: Db): CompletedSessionDates {
  const ofEnrolment = db.prepare(`SELECT s.started_at FROM clinical_sessions s WHERE s.course_id = ? AND ${COUNTS} ORDER BY s.started_at`);
  const lastOfPatient = db.prepare(
    `SELECT s.id, s.started_at, s.serum_version_id FROM clinical_sessions s WHERE s.patient_id = ? AND s.id IS NOT ? AND ${COUNTS} ORDER BY s.started_at DESC, s.id DESC LIMIT 1`,
  );
  return {
    forEnrolment(enrolmentId) {
      return (ofEnrolment.all(enrolmentId) as { started_at: number }[]).map((r) => localDateOf(r.started_at));
    },
    lastForPatient(patientId, exceptSessionId) {
      const r = lastOfPatient.get(patientId, exceptSessionId ?? null) as { id: number; started_at: number; serum_version_id: number | null } | undefined;
      return r ? { sessionId: r.id, date: localDateOf(r.started_at), serumVersionId: r.serum_version_id } : null;
    },
  };
}
