// The patient's record a clinician can trust: contact details for a recall, allergies kept as a
// history of additions and removals (each with who, when and why), and the reason a screening was
// changed. The allergies that lived in a JSON column move into the history, unchanged, as entries
// recorded before allergies had one.
import type { Migration } from '../migrate.js';
import { addColumns } from './shapes.js';

export const m120PatientRecord: Migration = {
  id: 120,
  name: 'patient contact details, allergy history, screening change reason',
  up(db) {
    db.exec(`
      ${addColumns('patients', ['phone TEXT', 'email TEXT', "preferred_language TEXT CHECK (preferred_language IN ('en', 'tr', 'es'))"])}
      ${addColumns('patient_screenings', ['reason TEXT'])}

      CREATE TABLE patient_allergies (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        -- As typed, in any script; matched through the synonym table (contract/allergens.ts).
        name TEXT NOT NULL,
        added_by_id INTEGER,
        added_by_name TEXT NOT NULL,
        added_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        removed_at TEXT,
        removed_by_id INTEGER,
        removed_by_name TEXT,
        removal_reason TEXT,
        CHECK ((removed_at IS NULL) = (removal_reason IS NULL))
      );
      CREATE INDEX patient_allergies_patient ON patient_allergies (patient_id, id);
      -- An entry is never deleted; it is only ever given its removal, once.
      CREATE TRIGGER patient_allergies_no_delete BEFORE DELETE ON patient_allergies
        BEGIN SELECT RAISE(ABORT, 'allergy entries are never deleted; record a removal'); END;
      CREATE TRIGGER patient_allergies_remove_once BEFORE UPDATE ON patient_allergies
        WHEN OLD.removed_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id OR NEW.name IS NOT OLD.name
          OR NEW.added_by_id IS NOT OLD.added_by_id OR NEW.added_by_name IS NOT OLD.added_by_name OR NEW.added_at IS NOT OLD.added_at OR NEW.reason IS NOT OLD.reason
        BEGIN SELECT RAISE(ABORT, 'an allergy entry is only ever given its removal, once'); END;

      INSERT INTO patient_allergies (patient_id, name, added_by_id, added_by_name, added_at, reason)
        SELECT p.id, j.value, NULL, 'recorded at registration', p.created_at, 'recorded before allergies had a history'
        FROM patients p, json_each(p.allergies) j ORDER BY p.id, j.key;
      ALTER TABLE patients DROP COLUMN allergies;
    `);
  },
};
