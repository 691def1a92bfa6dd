// Numbered migrations, in the manner of Signal Desktop: each runs once, in its own transaction, and
// is recorded; a database newer than this build is refused rather than half-understood.
import type { Db } from './db.js';

export interface Migration {
  /** Unique and increasing; gaps are allowed (ranges are reserved per area, see migrations/index.ts). */
  id: number;
  name: string;
  up(db: Db): void;
}

export function appliedMigrations(db: Db): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  return (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}

export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  const sorted = [...migrations].sort((a, b) => a.id - b.id);
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.id === sorted[i - 1]!.id) throw new Error(`duplicate migration id ${sorted[i]!.id}`);
  const applied = new Set(appliedMigrations(db));
  const newest = sorted.at(-1)?.id ?? 0;
  const unknown = [...applied].filter((id) => !sorted.some((m) => m.id === id));
  if (unknown.length > 0)
    throw new Error(`the database was written by a newer station (migrations ${unknown.join(', ')} unknown to this build, newest known ${newest}); update the station software`);
  const ran: number[] = [];
  for (const m of sorted) {
    if (applied.has(m.id)) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(m.id, m.name, new Date().toISOString());
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw new Error(`migration ${m.id} (${m.name}) failed: ${(e as Error).message}`);
    }
    ran.push(m.id);
  }
  return ran;
}
