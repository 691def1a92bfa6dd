// Patient search in any language: a folded copy of the name and clinic id (contract/textFold.ts), so
// "ipek" finds "İpek Işık" and "munoz" finds "Muñoz". SQLite's NOCASE folds ASCII only, and libsql
// cannot register a JavaScript function for a query, so the key is computed here and on every write.
import { patientSearchKey } from '../../patients/searchKey.js';
import type { Migration } from '../migrate.js';

export const m130PatientSearchKey: Migration = {
  id: 130,
  name: 'patients: folded search key',
  up(db) {
    db.exec("ALTER TABLE patients ADD COLUMN search_key TEXT NOT NULL DEFAULT ''");
    const update = db.prepare('UPDATE patients SET search_key = ? WHERE id = ?');
    for (const r of db.prepare('SELECT id, full_name, clinic_id FROM patients').all() as { id: number; full_name: string | null; clinic_id: string | null }[])
      update.run(patientSearchKey(r.full_name, r.clinic_id), r.id);
    db.exec('CREATE INDEX patients_search_key ON patients (search_key)');
  },
};

