// The audit screen filters by action and by time, and lists the actions and users the trail names
// (audit.facets): indexes so that neither reads every row of a trail that holds one per dose.
import type { Migration } from '../migrate.js';

export const m012AuditFilterIndexes: Migration = {
  id: 12,
  name: 'audit trail indexes by action and time',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS audit_log_action ON audit_log (action);
      CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
    `);
  },
};
