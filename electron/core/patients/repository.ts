// Rows in, views out: the SQL for patients and their screening, grade and consent histories.
import type { ConsentView, GradeScale, GradeView, PatientSummary, PatientView, ScreeningView, Sex } from '../../contract/patients.js';
import type { Db } from '../storage/db.js';
import { contraindicationsOf } from './screening.js';

interface PatientRow {
  id: number;
  full_name: string | null;
  birth_date: string | null;
  clinic_id: string | null;
  sex: Sex;
  allergies: string;
  active: number;
  created_at: string;
  updated_at: string;
}

interface ScreeningRow {
  id: number;
  pregnancy: number;
  breastfeeding: number;
  immunological_disease: number;
  active_cancer: number;
  diabetes: number;
  anaesthetic_allergy: number;
  other: number;
  note: string | null;
  recorded_by_id: number;
  recorded_by_name: string;
  recorded_at: string;
}

interface GradeRow {
  id: number;
  visit_date: string;
  scale: GradeScale;
  grade: string;
  note: string | null;
  recorded_by_id: number;
  recorded_by_name: string;
  recorded_at: string;
}

interface ConsentRow {
  id: number;
  consent_date: string;
  consented_to: string;
  recorded_by_id: number;
  recorded_by_name: string;
  recorded_at: string;
}

/** The identifying fields a patient row holds (what create and update write). */
export interface PatientFields {
  fullName: string | null;
  birthDate: string | null;
  clinicId: string | null;
  sex: Sex;
  allergies: string[];
  active: boolean;
}

function latestScreening(db: Db, patientId: number): ScreeningView | null {
  const r = db.prepare('SELECT * FROM patient_screenings WHERE patient_id = ? ORDER BY id DESC LIMIT 1').get(patientId) as ScreeningRow | undefined;
  if (!r) return null;
  const answers = {
    pregnancy: r.pregnancy === 1,
    breastfeeding: r.breastfeeding === 1,
    immunologicalDisease: r.immunological_disease === 1,
    activeCancer: r.active_cancer === 1,
    diabetes: r.diabetes === 1,
    anaestheticAllergy: r.anaesthetic_allergy === 1,
    other: r.other === 1,
  };
  return {
    id: r.id,
    ...answers,
    note: r.note,
    contraindications: contraindicationsOf(answers),
    recordedBy: { userId: r.recorded_by_id, name: r.recorded_by_name },
    recordedAt: r.recorded_at,
  };
}

function grades(db: Db, patientId: number): GradeView[] {
  const rows = db.prepare('SELECT * FROM patient_grades WHERE patient_id = ? ORDER BY visit_date DESC, id DESC').all(patientId) as GradeRow[];
  return rows.map((r) => ({
    id: r.id,
    visitDate: r.visit_date,
    scale: r.scale,
    grade: r.grade,
    note: r.note,
    recordedBy: { userId: r.recorded_by_id, name: r.recorded_by_name },
    recordedAt: r.recorded_at,
  }));
}

function latestConsent(db: Db, patientId: number): ConsentView | null {
  const r = db.prepare('SELECT * FROM patient_consents WHERE patient_id = ? ORDER BY consent_date DESC, id DESC LIMIT 1').get(patientId) as ConsentRow | undefined;
  if (!r) return null;
  return { id: r.id, consentDate: r.consent_date, consentedTo: r.consented_to, recordedBy: { userId: r.recorded_by_id, name: r.recorded_by_name }, recordedAt: r.recorded_at };
}

function fieldsOf(r: PatientRow): PatientFields {
  return { fullName: r.full_name, birthDate: r.birth_date, clinicId: r.clinic_id, sex: r.sex, allergies: JSON.parse(r.allergies) as string[], active: r.active === 1 };
}

export function readFields(db: Db, id: number): PatientFields | null {
  const r = db.prepare('SELECT * FROM patients WHERE id = ?').get(id) as PatientRow | undefined;
  return r ? fieldsOf(r) : null;
}

export function readPatient(db: Db, id: number): PatientView | null {
  const r = db.prepare('SELECT * FROM patients WHERE id = ?').get(id) as PatientRow | undefined;
  if (!r) return null;
  const screening = latestScreening(db, id);
  return {
    id: r.id,
    ...fieldsOf(r),
    screened: screening !== null,
    needsClinicianReview: (screening?.contraindications.length ?? 0) > 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    screening,
    grades: grades(db, id),
    consent: latestConsent(db, id),
  };
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function searchPatients(db: Db, q: { query?: string; includeInactive: boolean; offset: number; limit: number }): { items: PatientSummary[]; total: number } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (!q.includeInactive) where.push('p.active = 1');
  if (q.query) {
    const like = `%${likeEscape(q.query)}%`;
    where.push(`(p.full_name LIKE ? ESCAPE '\\' OR p.clinic_id LIKE ? ESCAPE '\\')`);
    args.push(like, like);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM patients p ${clause}`).get(...args) as { n: number }).n;
  const rows = db
    .prepare(`SELECT p.* FROM patients p ${clause} ORDER BY p.full_name COLLATE NOCASE, p.clinic_id, p.id LIMIT ? OFFSET ?`)
    .all(...args, q.limit, q.offset) as PatientRow[];
  const items = rows.map((r): PatientSummary => {
    const screening = latestScreening(db, r.id);
    return {
      id: r.id,
      ...fieldsOf(r),
      screened: screening !== null,
      needsClinicianReview: (screening?.contraindications.length ?? 0) > 0,
    };
  });
  return { items, total };
}

export function insertPatient(db: Db, f: PatientFields, at: string): number {
  const r = db
    .prepare('INSERT INTO patients (full_name, birth_date, clinic_id, sex, allergies, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(f.fullName, f.birthDate, f.clinicId, f.sex, JSON.stringify(f.allergies), f.active ? 1 : 0, at, at);
  return Number(r.lastInsertRowid);
}

export function updatePatientRow(db: Db, id: number, f: PatientFields, at: string): void {
  db.prepare('UPDATE patients SET full_name = ?, birth_date = ?, clinic_id = ?, sex = ?, allergies = ?, active = ?, updated_at = ? WHERE id = ?').run(
    f.fullName,
    f.birthDate,
    f.clinicId,
    f.sex,
    JSON.stringify(f.allergies),
    f.active ? 1 : 0,
    at,
    id,
  );
}

export function clinicIdTaken(db: Db, clinicId: string, exceptId: number | null): boolean {
  return db.prepare('SELECT 1 FROM patients WHERE clinic_id = ? COLLATE NOCASE AND id IS NOT ?').get(clinicId, exceptId) !== undefined;
}
