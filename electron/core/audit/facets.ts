// The entities, actions and users the audit trail names, for the audit screen's filters. Each list is
// read by skipping from one distinct value to the next along its index (a loose index scan), so a
// trail with a row for every dose costs one seek per distinct value, not a read of every row.
import type { AuditFacets } from '../../contract/audit.js';
import type { Db } from '../storage/db.js';

function distinct(db: Db, column: 'entity' | 'action' | 'user_id'): (string | number)[] {
  const rows = db
    .prepare(
      `WITH RECURSIVE d(x) AS (
         SELECT (SELECT min(${column}) FROM audit_log)
         UNION ALL
         SELECT (SELECT min(${column}) FROM audit_log WHERE ${column} > d.x) FROM d WHERE d.x IS NOT NULL
       ) SELECT x FROM d WHERE x IS NOT NULL`,
    )
    .raw()
    .all() as [string | number][];
  return rows.map((r) => r[0]);
}

export function auditFacets(db: Db): AuditFacets {
  const users = (distinct(db, 'user_id') as number[]).map((userId) => ({
    userId,
    username: (db.prepare('SELECT username FROM users WHERE id = ?').get(userId) as { username: string } | undefined)?.username ?? null,
  }));
  return { entities: distinct(db, 'entity') as string[], actions: distinct(db, 'action') as string[], users };
}
