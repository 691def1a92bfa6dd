// The interval rules a session must keep, in one place: the course's gaps (from its template) and the
// serum's minimum and maximum days between sessions, both counted from the patient's last session
// that delivered serum (signed, or aborted with doses; in any course or none). Pure: facts in,
// verdict out. A session before the earliest day needs a reason; before the serum's minimum it also
// needs an administrator's approval.
import type { SessionTiming } from '../../contract/courses.js';
import type { Reason } from '../../contract/define.js';
import { addDays, daysBetween } from '../patients/dates.js';

export interface SerumInterval {
  name: string;
  minDays: number;
  maxDays: number | null;
}

export interface IntervalVerdict {
  daysSinceLast: number | null;
  /** Before the earliest day (the course's or the serum's): go ahead only with a recorded reason. */
  tooEarly: Reason | null;
  /** Before the serum's own minimum: an administrator must approve as well. */
  underSerumMinimum: Reason | null;
  /** Recorded on the session: overdue, or an extra session after the course is complete. */
  warnings: Reason[];
}

export function intervalVerdict(args: {
  today: string;
  /** The patient's last counted session; null for a first session. */
  lastSessionDate: string | null;
  /** The running course's timing (computed with the same last session); null outside any course. */
  course: SessionTiming | null;
  /** The serum the session is planned with; null when none is known yet. */
  serum: SerumInterval | null;
}): IntervalVerdict {
  const { today, lastSessionDate: last, course, serum } = args;
  const warnings: Reason[] = [];
  const daysSinceLast = last === null ? null : daysBetween(last, today);
  if (course?.completed) warnings.push({ code: 'intake.course-complete' });
  if (course?.overdue) warnings.push({ code: 'intake.course-overdue', params: { latest: course.latestDate, daysSinceLast } });

  let underSerumMinimum: Reason | null = null;
  if (last !== null && daysSinceLast !== null && serum) {
    if (daysSinceLast < serum.minDays)
      underSerumMinimum = { code: 'interval.under-serum-minimum', params: { serum: serum.name, minDays: serum.minDays, daysSinceLast, earliest: addDays(last, serum.minDays), last } };
    if (serum.maxDays !== null && daysSinceLast > serum.maxDays)
      warnings.push({ code: 'intake.over-serum-maximum', params: { serum: serum.name, maxDays: serum.maxDays, daysSinceLast } });
  }
  const courseEarly: Reason | null =
    course?.tooEarly && course.earliestDate
      ? { code: 'interval.too-early', params: { earliest: course.earliestDate, minDays: course.minGapDays, daysSinceLast, last } }
      : null;
  return { daysSinceLast, tooEarly: courseEarly ?? underSerumMinimum, underSerumMinimum, warnings };
}
