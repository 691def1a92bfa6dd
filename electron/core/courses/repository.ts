// Rows in, views out: course template versions and enrolments.
import type { CourseDefinitionFields, CourseTemplateView } from '../../contract/courses.js';
import type { Db } from '../storage/db.js';
import { authorshipView, insertVersionRow, type AuthorshipRow, type VersionAuthorship } from '../storage/versions.js';

interface VersionRow extends AuthorshipRow {
  id: number;
  template_id: number;
  key: string;
  source: string;
  version: number;
  name: string;
  description: string;
  definition: string;
}

export interface EnrolmentRow {
  id: number;
  patient_id: number;
  template_version_id: number;
  start_date: string;
  note: string | null;
  status: 'active' | 'ended';
  enrolled_at: string;
  enrolled_by_id: number;
  enrolled_by_name: string;
  ended_at: string | null;
}

const VERSION_SELECT = `SELECT v.*, t.key, t.source FROM course_template_versions v JOIN course_templates t ON t.id = v.template_id`;

function toView(r: VersionRow): CourseTemplateView {
  const d = JSON.parse(r.definition) as CourseDefinitionFields;
  return {
    templateId: r.template_id,
    key: r.key,
    versionId: r.id,
    version: r.version,
    name: r.name,
    description: r.description,
    source: r.source,
    phases: d.phases,
    minSessions: d.minSessions,
    minDurationDays: d.minDurationDays,
    zoneTargetsNl: d.zoneTargetsNl ?? null,
    ...authorshipView(r),
  };
}

export function latestVersions(db: Db): CourseTemplateView[] {
  const rows = db
    .prepare(`${VERSION_SELECT} WHERE v.version = (SELECT MAX(version) FROM course_template_versions WHERE template_id = v.template_id) ORDER BY t.id`)
    .all() as VersionRow[];
  return rows.map(toView);
}

export function latestVersion(db: Db, templateId: number): CourseTemplateView | null {
  const r = db.prepare(`${VERSION_SELECT} WHERE v.template_id = ? ORDER BY v.version DESC LIMIT 1`).get(templateId) as VersionRow | undefined;
  return r ? toView(r) : null;
}

export function versionById(db: Db, versionId: number): CourseTemplateView | null {
  const r = db.prepare(`${VERSION_SELECT} WHERE v.id = ?`).get(versionId) as VersionRow | undefined;
  return r ? toView(r) : null;
}

export function insertVersion(
  db: Db,
  v: { templateId: number; version: number; name: string; description: string; definition: CourseDefinitionFields } & VersionAuthorship,
): number {
  const columns = { template_id: v.templateId, version: v.version, name: v.name, description: v.description, definition: JSON.stringify(v.definition) };
  return insertVersionRow(db, 'course_template_versions', columns, v);
}

export function enrolmentsOfPatient(db: Db, patientId: number): EnrolmentRow[] {
  return db.prepare('SELECT * FROM course_enrolments WHERE patient_id = ? ORDER BY id DESC').all(patientId) as EnrolmentRow[];
}

export function activeEnrolment(db: Db, patientId: number): EnrolmentRow | null {
  return (db.prepare(`SELECT * FROM course_enrolments WHERE patient_id = ? AND status = 'active'`).get(patientId) as EnrolmentRow | undefined) ?? null;
}

export function enrolmentById(db: Db, id: number): EnrolmentRow | null {
  return (db.prepare('SELECT * FROM course_enrolments WHERE id = ?').get(id) as EnrolmentRow | undefined) ?? null;
}

/** Active enrolments of active patients, with what the home screen shows of the patient. */
export function activeEnrolmentsWithPatients(db: Db): (EnrolmentRow & { full_name: string | null; birth_date: string | null; clinic_id: string | null })[] {
  return db
    .prepare(
      `SELECT e.*, p.full_name, p.birth_date, p.clinic_id FROM course_enrolments e JOIN patients p ON p.id = e.patient_id
       WHERE e.status = 'active' AND p.active = 1`,
    )
    .all() as (EnrolmentRow & { full_name: string | null; birth_date: string | null; clinic_id: string | null })[];
}
