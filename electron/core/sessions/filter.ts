// The one session filter as SQL (contract/sessionFilter.ts says what each field means). The admin's
// session browser (repo.ts listSessions) and every export (exports/query) select sessions through
// sessionCondition(), so a filter gives the same sessions on screen and in a file.
//
// Days are the station's local calendar days: a day ends at the next local midnight, worked out from
// the calendar (dates.ts), so a day with a daylight-saving change is 23 or 25 hours long.
//
// The lot rule: a session matches a lot when the patient RECEIVED it, i.e. at least one dose record
// of the session was fired from that lot. The lot a session had loaded is not enough: a session
// aborted at preparation, or one whose vial was changed before (or after) its shots, injected nothing
// from that vial, and a recall list is the list of people to call back. Each dose record is stamped
// with the lot in the gun at the time, so the ledger holds the answer per dose; the session row only
// holds the last lot loaded, so "the session's lot" could never say which lots a patient received
// anyway. The lot-recall list on the Lots screen (serum/repository.ts lotRecipients) counts dose
// records the same way.
import type { SessionFilter } from '../../contract/sessionFilter.js';
import { localDayEndMs, localDayStartMs } from './dates.js';

export type SqlParams = Record<string, string | number>;

export interface SqlCondition {
  /** A boolean SQL expression over clinical_sessions aliased `s`; named parameters only. */
  sql: string;
  params: SqlParams;
}

/** The WHERE condition on clinical_sessions (alias `s`) for this filter; "1" when it sets nothing. */
export function sessionCondition(f: SessionFilter): SqlCondition {
  const where: string[] = [];
  const params: SqlParams = {};
  if (f.fromDate !== undefined) {
    where.push('s.started_at >= @fromMs');
    params.fromMs = localDayStartMs(f.fromDate);
  }
  if (f.toDate !== undefined) {
    where.push('s.started_at < @toMs');
    params.toMs = localDayEndMs(f.toDate);
  }
  if (f.patientId !== undefined) {
    where.push('s.patient_id = @patientId');
    params.patientId = f.patientId;
  }
  if (f.clinicianUserId !== undefined) {
    where.push('s.clinician_user_id = @clinicianUserId');
    params.clinicianUserId = f.clinicianUserId;
  }
  if (f.statuses !== undefined && f.statuses.length > 0) {
    const names = [...new Set(f.statuses)].map((status, i) => {
      params[`status${i}`] = status;
      return `@status${i}`;
    });
    where.push(`s.status IN (${names.join(', ')})`);
  }
  if (f.gunSerial !== undefined) {
    // The session row names the gun that took the last profile; a session that changed guns has
    // doses from both. One seek per session in dose_records_session_gun (migration 402).
    where.push('(s.gun_serial = @gunSerial OR EXISTS (SELECT 1 FROM dose_records gd WHERE gd.session_id = s.id AND gd.gun_serial = @gunSerial))');
    params.gunSerial = f.gunSerial;
  }
  if (f.lotNumber !== undefined) {
    // Received the lot: any dose from it (see the lot rule above). One seek per session in
    // dose_records_lot_session (migration 401).
    where.push('EXISTS (SELECT 1 FROM dose_records ld WHERE ld.session_id = s.id AND ld.lot_number = @lotNumber)');
    params.lotNumber = f.lotNumber;
  }
  return { sql: where.length > 0 ? where.join(' AND ') : '1', params };
}
