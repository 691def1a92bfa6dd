// A patient's treatment plan: serum, dose profile and a target per zone (0 spares it), with the
// reasons for targets above the serum's soft limit. Every save is a new row; the newest is the plan.
import type { Migration } from '../migrate.js';
import { appendOnly } from './appendOnly.js';

export const m122PatientPlans: Migration = {
  id: 122,
  name: 'patient treatment plans (versioned)',
  up(db) {
    db.exec(`
      CREATE TABLE patient_plans (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        serum_id INTEGER NOT NULL,
        profile TEXT NOT NULL,
        zone_targets TEXT NOT NULL,
        over_soft_reasons TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('course-template', 'last-session', 'manual')),
        created_by_id INTEGER NOT NULL,
        created_by_name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX patient_plans_patient ON patient_plans (patient_id, id);
      ${appendOnly('patient_plans', { update: 'a plan is never edited; save a new one', delete: 'a plan is never deleted' })}
    `);
  },
};
