// The shapes the migrations' SQL repeats, each written once: who did a thing and when, a patient's
// history table, a table of immutable versions, columns added to a table. SQLite keeps a CREATE
// statement in sqlite_master as it was written, to the indentation, so each helper writes the text
// the migrations always wrote: a station installed before these helpers and one installed after hold
// the same schema, byte for byte (tests/unit/core/migratedDatabase.test.ts holds them to that).
import { appendOnly } from './appendOnly.js';
import { sqlName } from './sqlName.js';

/** Column definitions as the migrations write them inside a CREATE TABLE: one a line, indented. */
function columnList(columns: readonly string[]): string {
  return columns.join(',\n        ');
}

/**
 * Who did `verb` and when: `<verb>_by_id`, `<verb>_by_name` (the user's display name as it was then,
 * so a later rename does not rewrite history) and `<verb>_at`, all required.
 */
export function whoAndWhen(verb: string): string {
  sqlName(verb, 'column prefix');
  return columnList([`${verb}_by_id INTEGER NOT NULL`, `${verb}_by_name TEXT NOT NULL`, `${verb}_at TEXT NOT NULL`]);
}

/**
 * A patient's history (screenings, grades, ...): rows that name the patient, what was recorded and who
 * recorded it when, read per patient in `orderedBy` order. Nothing in one is edited; the latest row
 * is the current one.
 */
export function patientHistory(table: string, columns: readonly string[], orderedBy = 'id'): string {
  sqlName(table, 'table name');
  return `CREATE TABLE ${table} (
        ${columnList(['id INTEGER PRIMARY KEY', 'patient_id INTEGER NOT NULL REFERENCES patients (id)', ...columns, whoAndWhen('recorded')])}
      );
      CREATE INDEX ${table}_patient ON ${table} (patient_id, ${sqlName(orderedBy, 'column name')});`;
}

/**
 * The versions of a `parent` row (a serum, a course template, a consent form): one immutable row per
 * edit, numbered from 1 under `parentKey`, holding what that version says (`columns`), who made it
 * and why (NULL for what the station seeded at installation). Editing or deleting one is refused with
 * `refuse`'s words: a session or an enrolment names the version it used, which must stay as it was.
 */
export function versionsTable(table: string, versionOf: { parent: string; parentKey: string; columns: readonly string[]; refuse: { update: string; delete: string } }): string {
  const { parent, parentKey, columns, refuse } = versionOf;
  sqlName(table, 'table name');
  return `CREATE TABLE ${table} (
        ${columnList([
          'id INTEGER PRIMARY KEY',
          `${sqlName(parentKey, 'column name')} INTEGER NOT NULL REFERENCES ${sqlName(parent, 'table name')} (id)`,
          'version INTEGER NOT NULL',
          ...columns,
          'created_at TEXT NOT NULL',
          'created_by_id INTEGER',
          'created_by_name TEXT',
          'reason TEXT',
          `UNIQUE (${parentKey}, version)`,
        ])}
      );
      ${appendOnly(table, refuse, 'immutable')}`;
}

/** The statements that add `columns` (definitions, in order) to `table`: SQLite's ALTER TABLE takes one column at a time. */
export function addColumns(table: string, columns: readonly string[]): string {
  sqlName(table, 'table name');
  return columns.map((c) => `ALTER TABLE ${table} ADD COLUMN ${c};`).join('\n');
}
