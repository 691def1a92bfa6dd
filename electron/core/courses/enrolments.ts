// A patient's course: enrolment on a template version, its timing from the completed sessions, and
// the clinician home screen's "courses due today".
import { enrolInput, forPatientInput, type CourseTemplateView, type DueCourse, type EnrolmentView, type SessionTiming } from '../../contract/courses.js';
import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../clock.js';
import type { Db } from '../storage/db.js';
import type { AuditPort } from '../audit/port.js';
import { nowIso, todayIso } from '../patients/dates.js';
import type { PatientService } from '../patients/service.js';
import { atomically } from '../audit/atomically.js';
import { parseInput, requireActor } from '../serviceChecks.js';
import { activeEnrolment, activeEnrolmentsWithPatients, enrolmentById, enrolmentsOfPatient, type EnrolmentRow } from './repository.js';
import type { CompletedSessionDates, LastSession } from './sessionSource.js';
import type { CourseTemplateService } from './templates.js';
import { checkSessionTiming, type TimingOptions } from './timing.js';

export class EnrolmentService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditPort,
    private readonly clock: Clock,
    private readonly patients: PatientService,
    private readonly templates: CourseTemplateService,
    private readonly sessions: CompletedSessionDates,
  ) {}

  /** Enrols the patient on the template's latest version; a running course is ended first (one at a time). */
  enrol(actorOrNull: Actor | null, input: z.input<typeof enrolInput>): EnrolmentView {
    const actor = requireActor(actorOrNull);
    const e = parseInput(enrolInput, input);
    return atomically(this.db, () => {
      this.patients.requireActive(e.patientId);
      const template = this.templates.latest(e.templateId);
      const at = nowIso(this.clock);
      const running = activeEnrolment(this.db, e.patientId);
      if (running) {
        this.db.prepare(`UPDATE course_enrolments SET status = 'ended', ended_at = ? WHERE id = ?`).run(at, running.id);
        this.audit.append({
          actor,
          action: 'course.end',
          entity: 'course_enrolment',
          entityId: running.id,
          oldValue: { status: 'active' },
          newValue: { status: 'ended', endedAt: at },
          reason: `replaced by enrolment on "${template.name}"`,
        });
      }
      const r = this.db
        .prepare(
          `INSERT INTO course_enrolments (patient_id, template_version_id, start_date, note, status, enrolled_at, enrolled_by_id, enrolled_by_name)
           VALUES (?, ?, ?, ?, 'active', ?, ?, ?)`,
        )
        .run(e.patientId, template.versionId, e.startDate, e.note || null, at, actor.userId, actor.displayName);
      const id = Number(r.lastInsertRowid);
      this.audit.append({
        actor,
        action: 'course.enrol',
        entity: 'course_enrolment',
        entityId: id,
        oldValue: null,
        newValue: { patientId: e.patientId, templateId: template.templateId, templateVersionId: template.versionId, templateVersion: template.version, startDate: e.startDate, note: e.note || null },
      });
      return this.view(enrolmentById(this.db, id)!);
    });
  }

  /** Every enrolment of the patient, newest first, each with its timing as of today. */
  forPatient(input: z.input<typeof forPatientInput>): EnrolmentView[] {
    const { patientId } = parseInput(forPatientInput, input);
    this.patients.get({ id: patientId });
    return enrolmentsOfPatient(this.db, patientId).map((r) => this.view(r));
  }

  /**
   * For the session workflow: the patient's running course and the timing of a session today,
   * tightened by the serum's own gaps (pass serum.minDaysBetweenSessions / maxDaysBetweenSessions).
   * Null when the patient is not enrolled on a course.
   */
  timingForPatient(patientId: number, options: TimingOptions = {}): { enrolmentId: number; template: CourseTemplateView; timing: SessionTiming } | null {
    const row = activeEnrolment(this.db, patientId);
    if (!row) return null;
    const template = this.templates.version(row.template_version_id);
    const timing = checkSessionTiming({ ...template, startDate: row.start_date }, this.sessions.forEnrolment(row.id), todayIso(this.clock), { lastSessionDate: this.lastDate(patientId), ...options });
    return { enrolmentId: row.id, template, timing };
  }

  /** Running courses whose next session is due on or before today: overdue first, then by due date. */
  dueToday(): DueCourse[] {
    const today = todayIso(this.clock);
    const templates = new Map<number, CourseTemplateView>();
    const due: DueCourse[] = [];
    for (const row of activeEnrolmentsWithPatients(this.db)) {
      let template = templates.get(row.template_version_id);
      if (!template) templates.set(row.template_version_id, (template = this.templates.version(row.template_version_id)));
      const t = checkSessionTiming({ ...template, startDate: row.start_date }, this.sessions.forEnrolment(row.id), today, { lastSessionDate: this.lastDate(row.patient_id) });
      if (t.dueDate === null || t.dueDate > today) continue;
      due.push({
        patientId: row.patient_id,
        fullName: row.full_name,
        birthDate: row.birth_date,
        clinicId: row.clinic_id,
        enrolmentId: row.id,
        templateName: template.name,
        sessionNumber: t.sessionNumber,
        phaseLabel: t.phaseLabel,
        dueDate: t.dueDate,
        overdue: t.overdue,
        latestDate: t.latestDate,
      });
    }
    return due.sort(
      (a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate) || (a.fullName ?? '').localeCompare(b.fullName ?? '') || a.enrolmentId - b.enrolmentId,
    );
  }

  private view(row: EnrolmentRow): EnrolmentView {
    const template = this.templates.version(row.template_version_id);
    const sessionDates = [...this.sessions.forEnrolment(row.id)].sort();
    return {
      id: row.id,
      patientId: row.patient_id,
      status: row.status,
      startDate: row.start_date,
      note: row.note,
      enrolledAt: row.enrolled_at,
      enrolledBy: { userId: row.enrolled_by_id, name: row.enrolled_by_name },
      endedAt: row.ended_at,
      template,
      sessionDates,
      timing: checkSessionTiming({ ...template, startDate: row.start_date }, sessionDates, todayIso(this.clock), { lastSessionDate: this.lastDate(row.patient_id) }),
    };
  }

  /** The patient's last session that delivered serum, in any course or none. */
  lastDate(patientId: number): string | null {
    return this.sessions.lastForPatient?.(patientId)?.date ?? null;
  }

  /** The patient's last session that delivered serum (any course), for the interval rules. */
  lastSession(patientId: number, exceptSessionId?: number): LastSession | null {
    return this.sessions.lastForPatient?.(patientId, exceptSessionId) ?? null;
  }
}

