// Where the dates of a course's completed sessions come from. The clinical-session records (owned by
// the session workflow) are the truth: a session names its course (clinical_sessions.course_id = the
// enrolment id) and counts once it is signed and locked. Tests pass their own dates.
import { localDateOf } from '../patients/dates.js';
import type { Db } from '../storage/db.js';

export interface CompletedSessionDates {
  /** YYYY-MM-DD of each completed session of the enrolment, in any order. */
  forEnrolment(enrolmentId: number): string[];
}

/** Reads signed (locked) sessions from clinical_sessions (migration 300); started_at is epoch ms. */
export function clinicalSessionDates(db: Db): CompletedSessionDates {
  const stmt = db.prepare(`SELECT started_at FROM clinical_sessions WHERE course_id = ? AND status = 'locked' ORDER BY started_at`);
  return {
    forEnrolment(enrolmentId) {
      return (stmt.all(enrolmentId) as { started_at: number }[]).map((r) => localDateOf(r.started_at));
    },
  };
}

