// Rows in, views out: the SQL for patients and their screening, grade and consent histories.
import { foldForSearch } from '../../contract/textFold.js';
import { allergenCode } from '../../contract/allergens.js';
import type { AllergyView, GradeScale, GradeView, Language, PatientSummary, PatientView, ScreeningView, Sex } from '../../contract/patients.js';
import { consentsOfPatient } from '../consents/repository.js';
import type { Db } from '../storage/db.js';
import { contraindicationsOf } from './screening.js';
import { patientSearchKey } from './searchKey.js';

interface PatientRow {
  id: number;
  full_name: string | null;
  birth_date: string | null;
  clinic_id: string | null;
  sex: Sex;
  phone: string | null;
  email: string | null;
  preferred_language: Language | null;
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
  reason: string | null;
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

interface AllergyRow {
  id: number;
  name: string;
  added_by_id: number | null;
  added_by_name: string;
  added_at: string;
  reason: string;
}

/** The identifying fields a patient row holds (what create and update write). */
export interface PatientFields {
  fullName: string | null;
  birthDate: string | null;
  clinicId: string | null;
  sex: Sex;
  phone: string | null;
  email: string | null;
  preferredLanguage: Language | null;
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
    reason: r.reason,
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

/** Current allergies (not removed), oldest first, with the code each matches on. */
export function currentAllergies(db: Db, patientId: number): AllergyView[] {
  const rows = db.prepare('SELECT * FROM patient_allergies WHERE patient_id = ? AND removed_at IS NULL ORDER BY id').all(patientId) as AllergyRow[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    ...allergenCode(r.name),
    addedBy: { userId: r.added_by_id ?? 0, name: r.added_by_name },
    addedAt: r.added_at,
    reason: r.reason,
  }));
}

export function allergyNames(db: Db, patientId: number): string[] {
  return (db.prepare('SELECT name FROM patient_allergies WHERE patient_id = ? AND removed_at IS NULL ORDER BY id').all(patientId) as { name: string }[]).map((r) => r.name);
}

export function insertAllergy(db: Db, a: { patientId: number; name: string; byId: number; byName: string; at: string; reason: string }): number {
  return Number(
    db
      .prepare('INSERT INTO patient_allergies (patient_id, name, added_by_id, added_by_name, added_at, reason) VALUES (?, ?, ?, ?, ?, ?)')
      .run(a.patientId, a.name, a.byId, a.byName, a.at, a.reason).lastInsertRowid,
  );
}

export function removeAllergyRow(db: Db, a: { id: number; byId: number; byName: string; at: string; reason: string }): void {
  db.prepare('UPDATE patient_allergies SET removed_at = ?, removed_by_id = ?, removed_by_name = ?, removal_reason = ? WHERE id = ?').run(a.at, a.byId, a.byName, a.reason, a.id);
}

function fieldsOf(r: PatientRow): PatientFields {
  return { fullName: r.full_name, birthDate: r.birth_date, clinicId: r.clinic_id, sex: r.sex, phone: r.phone, email: r.email, preferredLanguage: r.preferred_language, active: r.active === 1 };
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
    allergies: allergyNames(db, id),
    screened: screening !== null,
    needsClinicianReview: (screening?.contraindications.length ?? 0) > 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    screening,
    grades: grades(db, id),
    allergyDetails: currentAllergies(db, id),
    consents: consentsOfPatient(db, id),
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
    // Folded both sides (contract/textFold.ts): "ipek" finds "İpek Işık", "munoz" finds "Muñoz".
    where.push(`p.search_key LIKE ? ESCAPE '\\'`);
    args.push(`%${likeEscape(foldForSearch(q.query))}%`);
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
      allergies: allergyNames(db, r.id),
      screened: screening !== null,
      needsClinicianReview: (screening?.contraindications.length ?? 0) > 0,
    };
  });
  return { items, total };
}

export function insertPatient(db: Db, f: PatientFields, at: string): number {
  const r = db
    .prepare('INSERT INTO patients (full_name, birth_date, clinic_id, sex, phone, email, preferred_language, active, created_at, updated_at, search_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(f.fullName, f.birthDate, f.clinicId, f.sex, f.phone, f.email, f.preferredLanguage, f.active ? 1 : 0, at, at, patientSearchKey(f.fullName, f.clinicId));
  return Number(r.lastInsertRowid);
}

export function updatePatientRow(db: Db, id: number, f: PatientFields, at: string): void {
  db.prepare('UPDATE patients SET full_name = ?, birth_date = ?, clinic_id = ?, sex = ?, phone = ?, email = ?, preferred_language = ?, active = ?, updated_at = ?, search_key = ? WHERE id = ?').run(
    f.fullName,
    f.birthDate,
    f.clinicId,
    f.sex,
    f.phone,
    f.email,
    f.preferredLanguage,
    f.active ? 1 : 0,
    at,
    patientSearchKey(f.fullName, f.clinicId),
    id,
  );
}

export function clinicIdTaken(db: Db, clinicId: string, exceptId: number | null): boolean {
  return db.prepare('SELECT 1 FROM patients WHERE clinic_id = ? COLLATE NOCASE AND id IS NOT ?').get(clinicId, exceptId) !== undefined;
}
