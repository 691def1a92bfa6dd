// Indexes for lot questions: "which sessions received lot X" (lot recall, the export's lot filter,
// the session browser's lot filter). Without this, SQLite answers the browser's per-session
// "did this session get a dose from lot X" by reading every dose of the lot for every session - over
// a year of records, minutes for one page. With it, one index seek per session.
import type { Migration } from '../migrate.js';

export const m401ExportIndexes: Migration = {
  id: 401,
  name: 'index dose records by lot and session',
  up(db) {
    db.exec('CREATE INDEX IF NOT EXISTS dose_records_lot_session ON dose_records (lot_number, session_id)');
  },
};
