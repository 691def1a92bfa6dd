// Migrations 120-122, 130 and 210 (the patient record and serum safety): each applies after the ones
// before it and is recorded, re-running is a no-op, and what each leaves behind holds its rules.
import Database from 'libsql';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appliedMigrations, migrate } from '../../../electron/core/storage/migrate.js';
import { MIGRATIONS } from '../../../electron/core/storage/migrations/index.js';
import { tempDir } from './access.fixture.js';

let dir: { dir: string; cleanup: () => void };
let db: InstanceType<typeof Database>;
beforeEach(() => {
  dir = tempDir();
  db = new Database(join(dir.dir, 'station.db'));
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

const upTo = (id: number) => MIGRATIONS.filter((m) => m.id <= id);
const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
const names = (type: string) => (db.prepare('SELECT name FROM sqlite_master WHERE type = ?').all(type) as { name: string }[]).map((r) => r.name);

describe('migrations 120-122, 130, 210', () => {
  for (const id of [120, 121, 122, 130, 210])
    it(`${id} applies after the ones before it, is recorded, and re-running is a no-op`, () => {
      expect(migrate(db, upTo(id))).toEqual(upTo(id).map((m) => m.id));
      expect(appliedMigrations(db)).toContain(id);
      expect(migrate(db, upTo(id))).toEqual([]);
    });

  it('120 moves the allergies of the JSON column into the history, unchanged, and drops the column', () => {
    migrate(db, upTo(111));
    db.prepare(`INSERT INTO patients (id, full_name, birth_date, sex, allergies, created_at, updated_at) VALUES (1, 'A', '1980-01-01', 'male', '["lidocaine","minoxidil"]', '2025-01-01T00:00:00Z', 'x')`).run();
    db.prepare(`INSERT INTO patients (id, full_name, birth_date, sex, allergies, created_at, updated_at) VALUES (2, 'B', '1980-01-01', 'male', '[]', 'x', 'x')`).run();
    migrate(db, upTo(120));
    expect(db.prepare('SELECT patient_id, name, added_by_id, added_at, removed_at FROM patient_allergies ORDER BY id').all()).toEqual([
      { patient_id: 1, name: 'lidocaine', added_by_id: null, added_at: '2025-01-01T00:00:00Z', removed_at: null },
      { patient_id: 1, name: 'minoxidil', added_by_id: null, added_at: '2025-01-01T00:00:00Z', removed_at: null },
    ]);
    expect(columns('patients')).not.toContain('allergies');
    expect(columns('patients')).toEqual(expect.arrayContaining(['phone', 'email', 'preferred_language']));
    expect(columns('patient_screenings')).toContain('reason');
    // SQLite's constraint errors carry no code we could match more narrowly than their words (CHECK, UNIQUE). The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
    expect(() => db.prepare("UPDATE patients SET preferred_language = 'de' WHERE id = 1").run()).toThrow(/CHECK/);
    // An entry is given its removal once; never deleted, never rewritten.
    expect(() => db.prepare('DELETE FROM patient_allergies').run()).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE patient_allergies SET name = 'x' WHERE id = 1").run()).toThrow(/only ever given its removal/);
    expect(() => db.prepare("UPDATE patient_allergies SET removed_at = 'now' WHERE id = 1").run()).toThrow(/CHECK/);
    db.prepare("UPDATE patient_allergies SET removed_at = 'now', removed_by_id = 2, removed_by_name = 'C', removal_reason = 'test' WHERE id = 1").run();
    expect(() => db.prepare("UPDATE patient_allergies SET removal_reason = 'other' WHERE id = 1").run()).toThrow(/only ever given its removal/);
  });

  it('121 seeds a form per language; versions, consents and withdrawals are never edited or deleted', () => {
    migrate(db, upTo(121));
    expect(names('table')).toEqual(expect.arrayContaining(['consent_templates', 'consent_template_versions', 'consents', 'consent_withdrawals']));
    expect(db.prepare('SELECT t.language, v.version FROM consent_templates t JOIN consent_template_versions v ON v.template_id = t.id ORDER BY t.language').all()).toEqual([
      { language: 'en', version: 1 },
      { language: 'es', version: 1 },
      { language: 'tr', version: 1 },
    ]);
    expect(() => db.prepare("UPDATE consent_template_versions SET body = 'x'").run()).toThrow(/immutable/);
    db.prepare(`INSERT INTO patients (id, full_name, birth_date, sex, created_at, updated_at) VALUES (1, 'A', '1980-01-01', 'male', 'x', 'x')`).run();
    const insert = db.prepare(
      `INSERT INTO consents (patient_id, template_version_id, obtained_by_id, obtained_by_name, obtained_at, signature_kind, signature_strokes, typed_name, witness_id, witness_name) VALUES (1, 1, 2, 'C', 'now', ?, ?, ?, ?, ?)`,
    );
    expect(() => insert.run('drawn', null, null, null, null)).toThrow(/CHECK/);
    expect(() => insert.run('typed', null, 'Ana', null, null)).toThrow(/CHECK/);
    insert.run('typed', null, 'Ana', 3, 'W');
    expect(() => db.prepare("UPDATE consents SET typed_name = 'B'").run()).toThrow(/never edited/);
    db.prepare("INSERT INTO consent_withdrawals (consent_id, withdrawn_at, recorded_by_id, recorded_by_name, reason) VALUES (1, 'now', 2, 'C', 'r')").run();
    expect(() => db.prepare("INSERT INTO consent_withdrawals (consent_id, withdrawn_at, recorded_by_id, recorded_by_name, reason) VALUES (1, 'now', 2, 'C', 'r')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare('DELETE FROM consent_withdrawals').run()).toThrow(/never deleted/);
  });

  it('130 gives every patient already on file a folded search key', () => {
    migrate(db, upTo(122));
    db.prepare(`INSERT INTO patients (id, full_name, birth_date, clinic_id, sex, created_at, updated_at) VALUES (1, 'İpek Işık', '1980-01-01', 'K-9', 'female', 'x', 'x')`).run();
    db.prepare(`INSERT INTO patients (id, full_name, birth_date, sex, created_at, updated_at) VALUES (2, 'José Muñoz', '1980-01-01', 'male', 'x', 'x')`).run();
    expect(migrate(db, upTo(130))).toEqual([130]);
    const keys = db.prepare('SELECT id, search_key AS k FROM patients ORDER BY id').all() as { id: number; k: string }[];
    expect(keys).toEqual([
      { id: 1, k: 'ipek isik\u001fk-9' },
      { id: 2, k: 'jose munoz\u001f' },
    ]);
  });

  it('122 keeps plans as versions: a known source, never edited or deleted', () => {
    migrate(db, upTo(122));
    db.prepare(`INSERT INTO patients (id, full_name, birth_date, sex, created_at, updated_at) VALUES (1, 'A', '1980-01-01', 'male', 'x', 'x')`).run();
    const insert = db.prepare("INSERT INTO patient_plans (patient_id, serum_id, profile, zone_targets, over_soft_reasons, source, created_by_id, created_by_name, created_at) VALUES (1, 1, '{}', '{}', '{}', ?, 2, 'C', 'now')");
    expect(() => insert.run('guess')).toThrow(/CHECK/);
    insert.run('last-session');
    expect(() => db.prepare("UPDATE patient_plans SET source = 'manual'").run()).toThrow(/never edited/);
  });

  it('210 gives the unedited example cocktail its contraindications as version 2, and leaves an admin’s own edit alone', () => {
    migrate(db, upTo(201));
    // An admin had already edited the second example: it is theirs.
    const biotin = db.prepare("SELECT serum_id, definition FROM serum_versions WHERE name LIKE 'Biotin%'").get() as { serum_id: number; definition: string };
    db.prepare("INSERT INTO serum_versions (serum_id, version, name, definition, created_at, created_by_id, created_by_name, reason) VALUES (?, 2, 'Biotin and silicium, anaesthetic-free (example)', ?, 'now', 1, 'A', 'edit')").run(biotin.serum_id, biotin.definition);
    migrate(db, upTo(210));
    const cocktail = db.prepare("SELECT version, definition, reason FROM serum_versions WHERE name LIKE 'Hair%' ORDER BY version DESC LIMIT 1").get() as { version: number; definition: string; reason: string };
    expect(cocktail.version).toBe(2);
    expect(JSON.parse(cocktail.definition).contraindications).toEqual(['pregnancy', 'breastfeeding']);
    expect((db.prepare('SELECT MAX(version) AS v FROM serum_versions WHERE serum_id = ?').get(biotin.serum_id) as { v: number }).v).toBe(2);
    expect(columns('serum_lots')).toEqual(expect.arrayContaining(['quantity', 'supplier']));
    db.prepare("INSERT INTO serum_approvals (serum_id, approved_by_id, approved_by_name, approved_at) VALUES (1, 1, 'A', 'now')").run();
    expect(() => db.prepare("UPDATE serum_approvals SET approved_by_name = 'B'").run()).toThrow(/never edited/);
    expect(() => db.prepare("INSERT INTO serum_approvals (serum_id, approved_by_id, approved_by_name, approved_at) VALUES (1, 1, 'A', 'now')").run()).toThrow(/UNIQUE/);
  });
});
