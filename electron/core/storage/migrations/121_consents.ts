// Consent forms and consents. A form is a template per treatment and language; every edit is a new
// immutable version. A consent names the version signed, who obtained it and when, and the patient's
// signature: drawn strokes (vector data), or a typed name with a witnessing member of staff. A
// withdrawal is its own row. Nothing here is edited or deleted. The consents recorded before (one
// fixed sentence, no form, no signature) stay in patient_consents as they were.
import type { Migration } from '../migrate.js';
import { appendOnly } from './appendOnly.js';
import { versionsTable, whoAndWhen } from './shapes.js';
import { SEEDED_CONSENT_FORMS } from './consentForms.js';

export const m121Consents: Migration = {
  id: 121,
  name: 'consent form templates (versioned), signed consents, withdrawals',
  up(db) {
    db.exec(`
      CREATE TABLE consent_templates (
        id INTEGER PRIMARY KEY,
        treatment TEXT NOT NULL,
        language TEXT NOT NULL CHECK (language IN ('en', 'tr', 'es')),
        created_at TEXT NOT NULL,
        UNIQUE (treatment, language)
      );
      ${versionsTable('consent_template_versions', {
        parent: 'consent_templates',
        parentKey: 'template_id',
        columns: ['title TEXT NOT NULL', 'body TEXT NOT NULL', 'requires_reconsent INTEGER NOT NULL CHECK (requires_reconsent IN (0, 1))'],
        refuse: { update: 'consent form versions are immutable; add a new version', delete: 'consent form versions are immutable' },
      })}

      CREATE TABLE consents (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        template_version_id INTEGER NOT NULL REFERENCES consent_template_versions (id),
        ${whoAndWhen('obtained')},
        signature_kind TEXT NOT NULL CHECK (signature_kind IN ('drawn', 'typed')),
        -- drawn: {"width", "height", "strokes": [[[x, y], ...], ...]}
        signature_strokes TEXT,
        typed_name TEXT,
        witness_id INTEGER,
        witness_name TEXT,
        CHECK ((signature_kind = 'drawn') = (signature_strokes IS NOT NULL)),
        CHECK ((signature_kind = 'typed') = (typed_name IS NOT NULL AND witness_id IS NOT NULL AND witness_name IS NOT NULL))
      );
      CREATE INDEX consents_patient ON consents (patient_id, id);
      ${appendOnly('consents', { update: 'a consent is never edited; record a withdrawal or a new consent', delete: 'a consent is never deleted' })}

      CREATE TABLE consent_withdrawals (
        id INTEGER PRIMARY KEY,
        consent_id INTEGER NOT NULL UNIQUE REFERENCES consents (id),
        withdrawn_at TEXT NOT NULL,
        recorded_by_id INTEGER NOT NULL,
        recorded_by_name TEXT NOT NULL,
        reason TEXT NOT NULL
      );
      ${appendOnly('consent_withdrawals', { update: 'a withdrawal is never edited', delete: 'a withdrawal is never deleted' })}
    `);
    const at = new Date().toISOString();
    for (const f of SEEDED_CONSENT_FORMS) {
      const templateId = Number(db.prepare('INSERT INTO consent_templates (treatment, language, created_at) VALUES (?, ?, ?)').run(f.treatment, f.language, at).lastInsertRowid);
      db.prepare(
        `INSERT INTO consent_template_versions (template_id, version, title, body, requires_reconsent, created_at, reason) VALUES (?, 1, ?, ?, 0, ?, 'seeded at installation')`,
      ).run(templateId, f.title, f.body, at);
    }
  },
};
