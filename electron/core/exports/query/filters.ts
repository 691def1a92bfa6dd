// Which records an export holds. Exports take the one session filter (sessions/filter.ts): it chooses
// SESSIONS, and every output then carries the chosen sessions whole (a lot filter keeps the other
// lots' doses of those sessions, so a recall reviewer sees the full picture). Dose records that belong
// to no session (fired with nothing armed for them, kept by the ledger with a reason) have no patient,
// clinician, status or lot: they are exported only when no such filter is set, and then filtered by
// gun and by received time, over the same local days.
import type { SessionFilter } from '../../../contract/sessionFilter.js';
import { Conditions, type SqlCondition } from '../../sessions/filter.js';

export function hasSessionOnlyFilter(f: SessionFilter): boolean {
  return f.patientId !== undefined || f.clinicianUserId !== undefined || f.lotNumber !== undefined || (f.statuses !== undefined && f.statuses.length > 0);
}

/** The WHERE condition on unattributed dose_records (alias `d`); null when they are excluded. */
export function unattributedCondition(f: SessionFilter): SqlCondition | null {
  if (hasSessionOnlyFilter(f)) return null;
  return new Conditions().add('d.session_id IS NULL').days('d.received_at_ms', f, 'u').equals('d.gun_serial', 'uGunSerial', f.gunSerial).condition();
}
