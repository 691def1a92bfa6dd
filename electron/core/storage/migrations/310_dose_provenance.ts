// Dose records with provenance (gun protocol v3): each record keeps the gun's MAC over its fields, the
// fingerprint of the link key it was checked against, and whether it verified when it arrived. Any
// stored record can then be re-verified later with the gun's key (Ledger.verify). Rows stored before
// this migration have no MAC: they stay unauthenticated, and verify names them as such.
import type { Migration } from '../migrate.js';
import { addColumns } from './shapes.js';

export const m310DoseProvenance: Migration = {
  id: 310,
  name: 'dose record MAC, key id and authenticated flag',
  up(db) {
    db.exec(addColumns('dose_records', ['record_mac BLOB', 'record_key_id TEXT', 'authenticated INTEGER NOT NULL DEFAULT 0 CHECK (authenticated IN (0, 1))']));
  },
};
