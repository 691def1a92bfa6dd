// The one way a migration makes a table append-only: two triggers refusing every UPDATE and DELETE,
// each with its own words (the refusal reaches whoever tries: a support engineer at the sqlite3
// prompt, or a bug). The SQL it writes is the text the migrations always wrote, so sqlite_master is
// the same on a station installed before this helper and one installed after it
// (tests/unit/core/schema.test.ts holds it to that).
import { sqlName } from './sqlName.js';

/** How the pair is named: `<table>_no_update`/`_no_delete`, or `<table>_immutable_u`/`_d` (versioned tables). */
export type AppendOnlyNaming = 'no' | 'immutable';

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * The CREATE TRIGGER statements (for a migration's exec) that refuse `UPDATE` and `DELETE` on `table`
 * with `refuse.update` and `refuse.delete` as the abort messages.
 */
export function appendOnly(table: string, refuse: { update: string; delete: string }, naming: AppendOnlyNaming = 'no'): string {
  sqlName(table, 'table name');
  const [onUpdate, onDelete] = naming === 'no' ? [`${table}_no_update`, `${table}_no_delete`] : [`${table}_immutable_u`, `${table}_immutable_d`];
  return [
    `CREATE TRIGGER ${onUpdate} BEFORE UPDATE ON ${table}\n        BEGIN SELECT RAISE(ABORT, ${literal(refuse.update)}); END;`,
    `CREATE TRIGGER ${onDelete} BEFORE DELETE ON ${table}\n        BEGIN SELECT RAISE(ABORT, ${literal(refuse.delete)}); END;`,
  ].join('\n      ');
}
