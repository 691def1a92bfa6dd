// Coded reasons (contract/reasonCodes.ts): the list admins keep of why a soft limit was overridden,
// thermotherapy skipped or shortened, or a session aborted. A code never changes and is never
// deleted (events name it); its label, uses and retirement can change, each change audited by the
// service. A starter list is installed so the station works from the first session; admins edit it.
// Limit events gain the code given with an override (session steps carry theirs in their detail).
import type { Migration } from '../migrate.js';

const STARTER: { code: string; label: string; uses: string[]; textRequired?: boolean }[] = [
  { code: 'clinical-judgement', label: 'Clinical judgement for this patient', uses: ['override'] },
  { code: 'course-protocol', label: 'As the course protocol prescribes', uses: ['override'] },
  { code: 'sparse-area', label: 'Sparse area needs more serum', uses: ['override'] },
  { code: 'patient-request', label: 'At the patient’s request', uses: ['skip', 'shorten', 'abort'] },
  { code: 'patient-discomfort', label: 'Patient discomfort', uses: ['skip', 'shorten', 'abort'] },
  { code: 'scalp-condition', label: 'Scalp condition (irritation, wound, sunburn)', uses: ['skip', 'shorten', 'abort'] },
  { code: 'equipment-unavailable', label: 'Steamer or other equipment unavailable', uses: ['skip', 'shorten'] },
  { code: 'patient-unwell', label: 'Patient felt unwell', uses: ['abort'] },
  { code: 'adverse-reaction', label: 'Adverse reaction', uses: ['abort'] },
  { code: 'device-fault', label: 'Gun or device fault', uses: ['abort'] },
  { code: 'other', label: 'Other (describe)', uses: ['override', 'skip', 'shorten', 'abort'], textRequired: true },
];

export const m500ReasonCodes: Migration = {
  id: 500,
  name: 'coded reasons for overrides, skips, shortenings and aborts',
  up(db) {
    db.exec(`
      CREATE TABLE reason_codes (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z0-9]*' AND length(code) BETWEEN 2 AND 40),
        label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
        uses TEXT NOT NULL CHECK (json_valid(uses) AND json_array_length(uses) > 0),
        text_required INTEGER NOT NULL DEFAULT 0 CHECK (text_required IN (0, 1)),
        retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
        created_at TEXT NOT NULL,
        created_by_id INTEGER,
        created_by_name TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE TRIGGER reason_codes_code_fixed BEFORE UPDATE ON reason_codes
        WHEN NEW.code IS NOT OLD.code OR NEW.id IS NOT OLD.id OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by_id IS NOT OLD.created_by_id
        BEGIN SELECT RAISE(ABORT, 'a reason code never changes; add another'); END;
      CREATE TRIGGER reason_codes_no_delete BEFORE DELETE ON reason_codes
        BEGIN SELECT RAISE(ABORT, 'a reason code is never deleted; retire it'); END;

      ALTER TABLE limit_events ADD COLUMN reason_code TEXT;
    `);
    const at = new Date().toISOString();
    const insert = db.prepare('INSERT INTO reason_codes (code, label, uses, text_required, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const r of STARTER) insert.run(r.code, r.label, JSON.stringify(r.uses), r.textRequired ? 1 : 0, at, at);
  },
};
