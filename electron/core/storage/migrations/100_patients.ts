// Patients and what is recorded about them. Nothing here is ever deleted: a patient is deactivated,
// and screenings, grades and consents are append-only histories (the latest one is current).
// recorded_by_* keep the user's id and display name as they were at the time of recording.
import type { Migration } from '../migrate.js';
import { patientHistory } from './shapes.js';

export const m100Patients: Migration = {
  id: 100,
  name: 'patients, screening, grades, consent',
  up(db) {
    db.exec(`
      CREATE TABLE patients (
        id INTEGER PRIMARY KEY,
        full_name TEXT,
        birth_date TEXT,
        clinic_id TEXT UNIQUE,
        sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other')),
        allergies TEXT NOT NULL DEFAULT '[]',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((full_name IS NOT NULL) + (birth_date IS NOT NULL) + (clinic_id IS NOT NULL) >= 2)
      );
      CREATE INDEX patients_name ON patients (full_name COLLATE NOCASE);

      ${patientHistory('patient_screenings', [
        'pregnancy INTEGER NOT NULL',
        'breastfeeding INTEGER NOT NULL',
        'immunological_disease INTEGER NOT NULL',
        'active_cancer INTEGER NOT NULL',
        'diabetes INTEGER NOT NULL',
        'anaesthetic_allergy INTEGER NOT NULL',
        'other INTEGER NOT NULL',
        'note TEXT',
      ])}

      ${patientHistory('patient_grades', ['visit_date TEXT NOT NULL', "scale TEXT NOT NULL CHECK (scale IN ('norwood', 'ludwig', 'sinclair'))", 'grade TEXT NOT NULL', 'note TEXT'], 'visit_date')}

      ${patientHistory('patient_consents', ['consent_date TEXT NOT NULL', 'consented_to TEXT NOT NULL'])}
    `);
  },
};
