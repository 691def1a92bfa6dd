// The quality dashboard reads a range's sessions by start time with their clinician and serum
// version (quality/rates.ts): a covering index, so a year's questions read a small index rather than
// every session row (each carries its workflow snapshot) and decrypt their pages.
import type { Migration } from '../migrate.js';

export const m502QualitySessionIndex: Migration = {
  id: 502,
  name: 'sessions by start time, covering the quality dashboard',
  up(db) {
    db.exec('CREATE INDEX clinical_sessions_quality ON clinical_sessions (started_at, id, clinician_user_id, serum_version_id)');
  },
};
