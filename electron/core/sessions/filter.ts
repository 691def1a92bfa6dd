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

/**
 * A WHERE condition built a clause at a time, each value a named parameter. The session filter, the
 * unattributed doses' filter (exports/query/filters.ts) and the review queue build theirs with it, so
 * a range of days means the same everywhere.
 */
export class Conditions {
  private readonly where: string[] = [];
  readonly params: SqlParams = {};

  /** A clause as written, with the parameters it names. */
  add(sql: string, params: SqlParams = {}): this {
    this.where.push(sql);
    Object.assign(this.params, params);
    return this;
  }

  /** `column = @name`, when the value is set. */
  equals(column: string, name: string, value: string | number | undefined): this {
    return value === undefined ? this : this.add(`${column} = @${name}`, { [name]: value });
  }

  /**
   * The local days from `fromDate` through `toDate` (either may be open) on a time column in ms:
   * from the first day's local midnight to the local midnight after the last (dates.ts, DST-safe).
   * Parameters `@<prefix>FromMs`/`@<prefix>ToMs` (`@fromMs`/`@toMs` without a prefix).
   */
  days(column: string, range: { fromDate?: string; toDate?: string }, prefix = ''): this {
    const [from, to] = prefix ? [`${prefix}FromMs`, `${prefix}ToMs`] : ['fromMs', 'toMs'];
    if (range.fromDate !== undefined) this.add(`${column} >= @${from}`, { [from]: localDayStartMs(range.fromDate) });
    if (range.toDate !== undefined) this.add(`${column} < @${to}`, { [to]: localDayEndMs(range.toDate) });
    return this;
  }

  /** The clauses joined by AND; `whenEmpty` ('1', or '' for no WHERE at all) when there are none. */
  sql(whenEmpty = '1'): string {
    return this.where.length > 0 ? this.where.join(' AND ') : whenEmpty;
  }

  condition(): SqlCondition {
    return { sql: this.sql(), params: this.params };
  }
}

/** The WHERE condition on clinical_sessions (alias `s`) for this filter; "1" when it sets nothing. */
export function sessionCondition(f: SessionFilter): SqlCondition {
  const c = new Conditions().days('s.started_at', f).equals('s.patient_id', 'patientId', f.patientId).equals('s.clinician_user_id', 'clinicianUserId', f.clinicianUserId);
  if (f.statuses !== undefined && f.statuses.length > 0) {
    const statuses = [...new Set(f.statuses)];
    c.add(`s.status IN (${statuses.map((_, i) => `@status${i}`).join(', ')})`, Object.fromEntries(statuses.map((status, i) => [`status${i}`, status])));
  }
  if (f.gunSerial !== undefined)
    // The session row names the gun that took the last profile; a session that changed guns has
    // doses from both. One seek per session in dose_records_session_gun (migration 402).
    c.add('(s.gun_serial = @gunSerial OR EXISTS (SELECT 1 FROM dose_records gd WHERE gd.session_id = s.id AND gd.gun_serial = @gunSerial))', { gunSerial: f.gunSerial });
  if (f.lotNumber !== undefined)
    // Received the lot: any dose from it (see the lot rule above). One seek per session in
    // dose_records_lot_session (migration 401).
    c.add('EXISTS (SELECT 1 FROM dose_records ld WHERE ld.session_id = s.id AND ld.lot_number = @lotNumber)', { lotNumber: f.lotNumber });
  return c.condition();
}
