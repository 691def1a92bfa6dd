// Prepared statements, prepared once per connection: the dose commit runs on every shot, and
// preparing its SQL each time costs more than the insert itself.
import type { Db } from '../storage/db.js';

/** What db.prepare(sql) returns with its default (positional) bind parameters. */
type Statement = ReturnType<typeof _prepare>;
const _prepare = (db: Db, sql: string) => db.prepare(sql);
const cache = new WeakMap<Db, Map<string, Statement>>();

export function stmt(db: Db, sql: string): Statement {
  let byDb = cache.get(db);
  if (!byDb) cache.set(db, (byDb = new Map()));
  let s = byDb.get(sql);
  if (!s) byDb.set(sql, (s = db.prepare(sql)));
  return s;
}
