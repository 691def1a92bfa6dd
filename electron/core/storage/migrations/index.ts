// Every migration, in order. Id ranges by area so parallel work never collides:
//   1-99    users, login sessions, audit trail, settings-in-db
//   100-199 patients, screening, consent, courses
//   200-299 serum library, lots
//   300-399 clinical sessions, workflow snapshots, dose ledger, limit events, signatures
//   400-499 exports
import type { Migration } from '../migrate.js';

export const MIGRATIONS: readonly Migration[] = [];
