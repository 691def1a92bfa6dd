// A versioned definition (a course template, a consent form, a serum) is never rewritten: each edit
// adds a row to its versions table, saying who made it, when and why. Those columns, how they are
// written and how views show them are the same for every such table.
import type { RecordedBy } from '../../contract/patients.js';
import type { Db } from './db.js';

/** The tables that hold versions of a definition. */
export type VersionTable = 'course_template_versions' | 'consent_template_versions' | 'serum_versions';

/** Who made a version, when and why (null: a version nobody changed, such as a serum's first). */
export interface VersionAuthorship {
  at: string;
  byId: number;
  byName: string;
  reason: string | null;
}

/** The authorship columns as a versions table stores them (no author on seeded versions). */
export interface AuthorshipRow {
  created_at: string;
  created_by_id: number | null;
  created_by_name: string | null;
  reason: string | null;
}

/** The authorship as the views show it. */
export function authorshipView(r: AuthorshipRow): { createdAt: string; createdBy: RecordedBy | null; reason: string | null } {
  return {
    createdAt: r.created_at,
    createdBy: r.created_by_id === null ? null : { userId: r.created_by_id, name: r.created_by_name ?? '' },
    reason: r.reason,
  };
}

/**
 * Adds a version: the table's own columns (names from code, never from input), then its authorship.
 * Returns the new row's id.
 */
export function insertVersionRow(db: Db, table: VersionTable, columns: Record<string, string | number>, by: VersionAuthorship): number {
  const names = [...Object.keys(columns), 'created_at', 'created_by_id', 'created_by_name', 'reason'];
  const sql = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  return Number(db.prepare(sql).run(...Object.values(columns), by.at, by.byId, by.byName, by.reason).lastInsertRowid);
}
