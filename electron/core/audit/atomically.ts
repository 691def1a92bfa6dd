// A change and its audit rows are one unit. A service may be called from inside another module's
// transaction (the session workflow signing off), where BEGIN would fail: nest with a savepoint.
import { inTransaction, type Db } from '../storage/db.js';

let depth = 0;

export function atomically<T>(db: Db, fn: () => T): T {
  if (!db.inTransaction) return inTransaction(db, fn);
  const name = `audited_${++depth}`;
  db.exec(`SAVEPOINT ${name}`);
  try {
    const result = fn();
    db.exec(`RELEASE ${name}`);
    return result;
  } catch (e) {
    db.exec(`ROLLBACK TO ${name}`);
    db.exec(`RELEASE ${name}`);
    throw e;
  } finally {
    depth--;
  }
}
