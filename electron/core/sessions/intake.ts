// What must hold before a session starts, checked in one place: the patient (active, screened, the
// screening confirmed at this intake, a valid consent) and the interval rules (a reason before the
// earliest day; an administrator's approval under the serum's minimum). Returns what the START step
// records; throws a refusal with its reason code otherwise. Also answers, at preparation, whether
// the serum chosen keeps its minimum days or was approved at intake.
import type { Reason } from '../../contract/reasons.js';
import type { Actor } from '../access/actor.js';
import { refused, notFound } from '../errors.js';
import type { Db } from '../storage/db.js';
import type { CoursePort, CredentialsPort, PatientPort, UseProblem } from './ports.js';

export interface IntakeInput {
  patientId: number;
  intake: { screeningId?: number; tooEarlyReason?: string; underMinimumApproval?: { username: string; password: string } };
}

export interface IntakeResult {
  courseId: number | null;
  warnings: Reason[];
  /** Written on the INTAKE_DONE step and the audit row. */
  detail: {
    identityConfirmed: true;
    screeningId: number | null;
    warnings: Reason[];
    tooEarly: Reason | null;
    underMinimumApproval: { userId: number; username: string; reason: Reason } | null;
  };
}

const words = (r: Reason) => `${r.code} ${JSON.stringify(r.params ?? {})}`;

export async function checkIntake(deps: { patients: PatientPort; courses: CoursePort; credentials: CredentialsPort }, input: IntakeInput, today: string): Promise<IntakeResult> {
  const patient = deps.patients.intake(input.patientId, { screeningId: input.intake.screeningId });
  if (!patient) throw notFound('patient', input.patientId, 'patientId');
  if (patient.problems.length > 0) throw refused('blocked', patient.problems[0]!, `intake: ${patient.problems.map(words).join('; ')}`);
  const timing = deps.courses.timing({ patientId: input.patientId, today });
  if (timing.tooEarly && !input.intake.tooEarlyReason) throw refused('blocked', timing.tooEarly, `intake: ${words(timing.tooEarly)}; give a reason to go ahead`, 'intake.tooEarlyReason');
  let approver: Actor | null = null;
  if (timing.underSerumMinimum) {
    const creds = input.intake.underMinimumApproval;
    if (!creds)
      throw refused('blocked', { code: 'interval.approval-needed', params: timing.underSerumMinimum.params ?? {} }, `intake: ${words(timing.underSerumMinimum)}; an administrator must approve`, 'intake.underMinimumApproval');
    approver = await deps.credentials.authenticate(creds.username, creds.password);
    if (approver.role !== 'admin')
      throw refused('forbidden', { code: 'approval.not-admin', params: { username: approver.username } }, `${approver.username} is not an admin: starting under the serum's minimum needs an admin's approval`, 'intake.underMinimumApproval.username');
  }
  const early: Reason[] = timing.tooEarly ? [{ code: 'intake.went-ahead-early', params: { ...timing.tooEarly.params, reason: input.intake.tooEarlyReason ?? null } }] : [];
  const approved: Reason[] = approver && timing.underSerumMinimum ? [{ code: 'intake.approved-under-minimum', params: { ...timing.underSerumMinimum.params, username: approver.username } }] : [];
  const warnings = [...patient.warnings, ...timing.warnings, ...early, ...approved];
  return {
    courseId: timing.courseId,
    warnings,
    detail: {
      identityConfirmed: true,
      screeningId: input.intake.screeningId ?? null,
      warnings,
      tooEarly: timing.tooEarly,
      underMinimumApproval: approver && timing.underSerumMinimum ? { userId: approver.userId, username: approver.username, reason: timing.underSerumMinimum } : null,
    },
  };
}

/** Whether the session's intake recorded an administrator's approval to go under the serum's minimum. */
export function approvedUnderMinimum(db: Db, sessionId: number): boolean {
  const r = db
    .prepare("SELECT 1 AS ok FROM session_steps WHERE session_id = ? AND event = 'INTAKE_DONE' AND json_extract(detail, '$.underMinimumApproval') IS NOT NULL")
    .get(sessionId) as { ok: number } | undefined;
  return r !== undefined;
}

/**
 * At preparation: the serum chosen against its own minimum days since the patient's last session
 * (which may be stricter than the one judged at intake). Null when kept, or approved at intake.
 */
export function serumMinimumProblem(args: {
  lastSessionDate: string | null;
  daysSinceLast: number | null;
  serum: { name: string; minDays: number };
  approved: boolean;
}): UseProblem | null {
  const { daysSinceLast, serum } = args;
  if (args.lastSessionDate === null || daysSinceLast === null || daysSinceLast >= serum.minDays || args.approved) return null;
  return {
    code: 'interval.under-serum-minimum',
    params: { serum: serum.name, minDays: serum.minDays, daysSinceLast, last: args.lastSessionDate },
    message: `${serum.name} needs at least ${serum.minDays} days between sessions; the last was ${daysSinceLast} days ago, and no administrator approved going under it at intake`,
  };
}
