// Escalating lock-outs: how many times in a row an account has been locked out. Each lock-out lasts
// longer than the one before (users/service.ts LockoutPolicy: 1, 5, 15, then 60 minutes); a good
// password resets it.
import type { Migration } from '../migrate.js';

export const m004UserLockouts: Migration = {
  id: 4,
  name: 'user lockout count',
  up(db) {
    db.exec('ALTER TABLE users ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0');
  },
};
