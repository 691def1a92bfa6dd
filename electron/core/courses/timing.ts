// When is the next session of a course due, and is a session today too early or overdue? Pure: the
// dates of completed sessions and today in, the answer out. The session workflow calls
// checkSessionTiming before a session starts; a too-early session needs a recorded reason.
import type { CoursePhase, SessionTiming } from '../../contract/courses.js';
import { isRealIsoDate } from '../../contract/fields.js';
import { addDays, daysBetween } from '../patients/dates.js';

export interface CourseForTiming {
  /** The planned day of the first session. */
  startDate: string;
  phases: readonly CoursePhase[];
  minSessions: number | null;
  minDurationDays: number | null;
}

export interface TimingOptions {
  /** Another minimum gap to respect as well, e.g. the serum's minimum days between sessions. */
  extraMinGapDays?: number;
  /** Another maximum gap, e.g. the serum's maximum days between sessions. */
  extraMaxGapDays?: number | null;
  /**
   * The patient's last session that delivered serum, in any course or none: the gap is kept from it
   * even when it was not in this course (a re-enrolment keeps the history).
   */
  lastSessionDate?: string | null;
}

/** The phase session number n (1-based) belongs to; past the last counted phase, the last phase. */
export function phaseFor(phases: readonly CoursePhase[], sessionNumber: number): { index: number; phase: CoursePhase } {
  let upTo = 0;
  for (let i = 0; i < phases.length; i++) {
    const p = phases[i]!;
    if (p.count === null) return { index: i, phase: p };
    upTo += p.count;
    if (sessionNumber <= upTo) return { index: i, phase: p };
  }
  const last = phases.length - 1;
  return { index: last, phase: phases[last]! };
}

/**
 * A course is complete when its counted phases are done and its criteria (minimum sessions, minimum
 * span from first to last session) are met. A course that ends in an open-ended phase with no
 * criteria (maintenance) never completes: it runs until it is ended.
 */
export function isCourseComplete(course: CourseForTiming, sortedDates: readonly string[]): boolean {
  const n = sortedDates.length;
  if (n === 0) return false;
  const allCounted = course.phases.every((p) => p.count !== null);
  const countedTotal = course.phases.reduce((sum, p) => sum + (p.count ?? 0), 0);
  const hasCriteria = course.minSessions !== null || course.minDurationDays !== null;
  if (!allCounted && !hasCriteria) return false;
  if (n < countedTotal) return false;
  if (course.minSessions !== null && n < course.minSessions) return false;
  if (course.minDurationDays !== null && daysBetween(sortedDates[0]!, sortedDates[n - 1]!) < course.minDurationDays) return false;
  return true;
}

export function checkSessionTiming(course: CourseForTiming, sessionDates: readonly string[], today: string, options: TimingOptions = {}): SessionTiming {
  for (const d of [...sessionDates, today, course.startDate, ...(options.lastSessionDate ? [options.lastSessionDate] : [])])
    if (!isRealIsoDate(d)) throw new RangeError(`checkSessionTiming: "${d}" is not a YYYY-MM-DD date`);
  const dates = [...sessionDates].sort();
  const n = dates.length;
  const sessionNumber = n + 1;
  const { index, phase } = phaseFor(course.phases, sessionNumber);
  const completed = isCourseComplete(course, dates);

  const minGapDays = Math.max(phase.minGapDays, options.extraMinGapDays ?? 0);
  const maxCandidates = [phase.maxGapDays, options.extraMaxGapDays ?? null].filter((x): x is number => x !== null);
  const maxGapDays = maxCandidates.length ? Math.min(...maxCandidates) : null;
  const base = { sessionNumber, phaseIndex: index, phaseLabel: phase.label, minGapDays, maxGapDays, completedSessions: n, completed };

  const courseLast = dates[n - 1] ?? null;
  const prior = options.lastSessionDate ?? null;
  const last = courseLast === null ? prior : prior !== null && prior > courseLast ? prior : courseLast;
  if (last === null) {
    // No gap to keep yet: the first session is due on the course's start date.
    return { ...base, dueDate: course.startDate, earliestDate: null, latestDate: null, tooEarly: false, overdue: false, daysSinceLast: null };
  }
  if (n === 0) {
    // The first session of this course after earlier treatment: due on the start date, but never
    // before the minimum gap from the last session; not overdue (the course has not begun).
    const earliestDate = addDays(last, minGapDays);
    const dueDate = course.startDate < earliestDate ? earliestDate : course.startDate;
    return { ...base, dueDate, earliestDate, latestDate: null, tooEarly: today < earliestDate, overdue: false, daysSinceLast: daysBetween(last, today) };
  }

  const earliestDate = addDays(last, minGapDays);
  const latestDate = maxGapDays === null ? null : addDays(last, maxGapDays);
  // Aim at the target gap, but never before the earliest day; a tighter maximum pulls it in.
  let due = addDays(last, Math.max(phase.targetGapDays, minGapDays));
  if (latestDate !== null && due > latestDate) due = latestDate < earliestDate ? earliestDate : latestDate;
  return {
    ...base,
    dueDate: completed ? null : due,
    earliestDate,
    latestDate,
    // Boundary days are allowed: a session on the earliest day is not early, on the latest day not overdue.
    tooEarly: today < earliestDate,
    overdue: !completed && latestDate !== null && today > latestDate,
    daysSinceLast: daysBetween(last, today),
  };
}
