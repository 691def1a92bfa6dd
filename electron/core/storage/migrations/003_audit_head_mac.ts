// The audit head gets a keyed MAC over its row count and last hash (audit/keyed.ts). Without it,
// someone holding the database could delete the newest rows and point the head at the row before:
// every remaining link and the head would still agree. Nullable: a head written before this
// migration is keyed by the station at its next start (an 'audit.head-keyed' row), and verify()
// reports a head with rows but no MAC.
import type { Migration } from '../migrate.js';

export const m003AuditHeadMac: Migration = {
  id: 3,
  name: 'audit head mac',
  up(db) {
    db.exec('ALTER TABLE audit_head ADD COLUMN head_mac TEXT');
  },
};
