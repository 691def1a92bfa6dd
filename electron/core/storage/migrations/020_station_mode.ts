// Which kind of station this database belongs to: clinical, or training (the simulated gun). Written
// once, when the station first opens it, and never changed: a clinical station refuses a training
// database and the other way round, and exports mark what comes from a training one. (20, not 3: the
// low ids of this range are left for the users and audit work.)
import type { Migration } from '../migrate.js';
import { appendOnly } from './appendOnly.js';

export const m020StationMode: Migration = {
  id: 20,
  name: 'station mode (clinical or training), written once',
  up(db) {
    db.exec(`
      CREATE TABLE station_mode (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        mode TEXT NOT NULL CHECK (mode IN ('clinical', 'training')),
        set_at TEXT NOT NULL
      );
      ${appendOnly('station_mode', { update: 'a database never changes between clinical and training', delete: 'a database never changes between clinical and training' })}
    `);
  },
};
