// Limit events say what happened as a reason code with parameters (contract/reasons.ts), which the
// screens word in the reader's language: `what` holds it as JSON. Rows written before this migration
// keep `what` NULL; they are shown with their stored English `detail` as it is (ledger/limitEvents.ts),
// never re-parsed. The table stays append-only: nothing already recorded is changed.
import type { Migration } from '../migrate.js';

export const m312LimitEventReasons: Migration = {
  id: 312,
  name: 'limit events carry their reason as a code',
  up(db) {
    db.exec('ALTER TABLE limit_events ADD COLUMN what TEXT');
  },
};
