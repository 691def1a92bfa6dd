// Courses: protocol templates (the seeds disagree, so each is data an admin can edit, versioned),
// a patient's enrolment on one template version, and the timing of the next session.
import { z } from 'zod';
import { method } from './define.js';
import { ADMIN_ONLY, CLINICAL_ROLES, id, isoDate, refinedBy, versionedEdit, type FieldIssue } from './fields.js';
import type { RecordedBy } from './patients.js';
import { zoneTargets, type Zone } from './sessions.js';

const gapDays = z.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(365, 'must be at most 365 days');

/** One block of a course. The gap before session n is governed by the phase session n belongs to. */
export const coursePhase = z.strictObject({
  label: z.string().trim().min(1, 'is required').max(60, 'must be at most 60 characters'),
  /** Sessions in this phase; null = repeats until the course ends (maintenance). Only the last phase may be null. */
  count: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').nullable(),
  targetGapDays: gapDays,
  minGapDays: gapDays,
  /** null = no upper bound (never overdue). */
  maxGapDays: gapDays.nullable(),
});
export type CoursePhase = z.output<typeof coursePhase>;

const definitionShape = {
  name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
  description: z.string().trim().max(1000, 'must be at most 1000 characters'),
  phases: z.array(coursePhase).min(1, 'a course needs at least one phase').max(10, 'at most 10 phases'),
  /** Completion criteria on top of the phases (e.g. seed 001 "at least 10 sessions"). */
  minSessions: z.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200').nullable(),
  /** Days from the first to the last session (e.g. seed 004 "at least 5 months" = 150). */
  minDurationDays: z.number().int().min(1, 'must be at least 1').max(2000, 'must be at most 2000').nullable(),
  /** Target volume per zone a patient's plan starts from (0 spares a zone); null: none given. */
  zoneTargetsNl: zoneTargets.nullable().default(null),
};

export interface CourseDefinitionFields {
  phases: CoursePhase[];
  minSessions: number | null;
  minDurationDays: number | null;
  zoneTargetsNl?: Partial<Record<Zone, number>> | null;
}

/** Cross-field rules of a template; each problem names its field path (e.g. phases.1.minGapDays). */
export function courseDefinitionProblems(d: CourseDefinitionFields): FieldIssue[] {
  const out: FieldIssue[] = [];
  d.phases.forEach((p, i) => {
    if (p.minGapDays > p.targetGapDays) out.push({ path: ['phases', i, 'minGapDays'], message: 'must not exceed the target gap' });
    if (p.maxGapDays !== null && p.maxGapDays < p.targetGapDays) out.push({ path: ['phases', i, 'maxGapDays'], message: 'must not be less than the target gap' });
    if (p.count === null && i !== d.phases.length - 1) out.push({ path: ['phases', i, 'count'], message: 'only the last phase may repeat without a count' });
  });
  const finite = d.phases.every((p) => p.count !== null);
  const total = d.phases.reduce((n, p) => n + (p.count ?? 0), 0);
  if (finite && d.minSessions !== null && d.minSessions > total)
    out.push({ path: ['minSessions'], message: `must not exceed the ${total} sessions the phases hold` });
  return out;
}

export const updateTemplateInput = z.object({ templateId: id, ...versionedEdit, ...definitionShape }).superRefine(refinedBy(courseDefinitionProblems));

export const templatesInput = z.strictObject({});
export const enrolInput = z.strictObject({
  patientId: id,
  templateId: id,
  startDate: isoDate,
  note: z.string().trim().max(1000, 'must be at most 1000 characters').optional(),
});
export const forPatientInput = z.strictObject({ patientId: id });
export const dueTodayInput = z.strictObject({});

export interface CourseTemplateView {
  templateId: number;
  key: string;
  versionId: number;
  version: number;
  name: string;
  description: string;
  source: string;
  phases: CoursePhase[];
  minSessions: number | null;
  minDurationDays: number | null;
  zoneTargetsNl: Partial<Record<Zone, number>> | null;
  createdAt: string;
  /** null for the versions seeded at installation. */
  createdBy: RecordedBy | null;
  reason: string | null;
}

/** What checkSessionTiming answers for the next session of a course. */
export interface SessionTiming {
  /** 1-based number of the session being considered (completed sessions + 1). */
  sessionNumber: number;
  phaseIndex: number;
  phaseLabel: string;
  /** When the next session is planned; null once the course is complete. */
  dueDate: string | null;
  /** Sessions before this day are too early (allowed only with a recorded reason); null for the first session. */
  earliestDate: string | null;
  /** Sessions after this day are overdue; null when there is no upper bound. */
  latestDate: string | null;
  tooEarly: boolean;
  overdue: boolean;
  /** The effective gaps: the phase's, tightened by any extra limit the caller passed (the serum's). */
  minGapDays: number;
  maxGapDays: number | null;
  daysSinceLast: number | null;
  completedSessions: number;
  completed: boolean;
}

export interface EnrolmentView {
  id: number;
  patientId: number;
  status: 'active' | 'ended';
  startDate: string;
  note: string | null;
  enrolledAt: string;
  enrolledBy: RecordedBy;
  endedAt: string | null;
  /** The template version the patient was enrolled on; later edits do not change it. */
  template: CourseTemplateView;
  sessionDates: string[];
  timing: SessionTiming;
}

export interface DueCourse {
  patientId: number;
  fullName: string | null;
  birthDate: string | null;
  clinicId: string | null;
  enrolmentId: number;
  templateName: string;
  sessionNumber: number;
  phaseLabel: string;
  dueDate: string;
  overdue: boolean;
  latestDate: string | null;
}

export const coursesContract = {
  'courses.templates': method<typeof templatesInput, CourseTemplateView[]>(templatesInput, CLINICAL_ROLES),
  'courses.updateTemplate': method<typeof updateTemplateInput, CourseTemplateView>(updateTemplateInput, ADMIN_ONLY),
  'courses.enrol': method<typeof enrolInput, EnrolmentView>(enrolInput, CLINICAL_ROLES),
  'courses.forPatient': method<typeof forPatientInput, EnrolmentView[]>(forPatientInput, CLINICAL_ROLES),
  'courses.dueToday': method<typeof dueTodayInput, DueCourse[]>(dueTodayInput, CLINICAL_ROLES),
} as const;
