// Export filters as SQL. Filters choose SESSIONS; every output then carries the chosen sessions whole
// (a lot filter keeps the other lots' doses of those sessions, so a recall reviewer sees the full
// picture). Dose records that belong to no session (fired with nothing armed for them, kept by the
// ledger with a reason) have no patient, clinician, status or lot: they are exported only when no
// such filter is set, and then filtered by gun and by received time.
import { STATUS_TO_DB, type ExportStatus } from '../model.js';

export interface ExportFilters {
  /** First day included, YYYY-MM-DD in the station's time zone (session start time). */
  fromDate?: string;
  /** Last day included, YYYY-MM-DD in the station's time zone. */
  toDate?: string;
  clinicianUserId?: number;
  patientId?: number;
  gunSerial?: string;
  lotNumber?: string;
  statuses?: ExportStatus[];
}

export type SqlParams = Record<string, string | number>;

export interface SqlCondition {
  sql: string;
  params: SqlParams;
}

/** Local midnight starting the given day, in ms. */
export function localDayStartMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}

/** Local midnight after the given day (exclusive upper bound), in ms; right across daylight-saving changes. */
export function localDayEndMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).getTime();
}

export function hasSessionOnlyFilter(f: ExportFilters): boolean {
  return f.patientId !== undefined || f.clinicianUserId !== undefined || f.lotNumber !== undefined || (f.statuses !== undefined && f.statuses.length > 0);
}

/** The WHERE condition on clinical_sessions (alias `s`) for these filters; "1" when there are none. */
export function sessionCondition(f: ExportFilters): SqlCondition {
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
    const names = [...new Set(f.statuses)].map((st, i) => {
      params[`status${i}`] = STATUS_TO_DB[st];
      return `@status${i}`;
    });
    where.push(`s.status IN (${names.join(', ')})`);
  }
  if (f.gunSerial !== undefined) {
    // The session row names the gun last used; a session that changed guns has doses from both.
    // The unary + keeps SQLite on the per-session index (a few hundred rows) instead of reading every
    // dose of the gun for every session.
    where.push('(s.gun_serial = @gunSerial OR EXISTS (SELECT 1 FROM dose_records gd WHERE gd.session_id = s.id AND +gd.gun_serial = @gunSerial))');
    params.gunSerial = f.gunSerial;
  }
  if (f.lotNumber !== undefined) {
    // "Received the lot": any dose from it, or the lot loaded for the session (even before a shot).
    // One seek per session in dose_records_lot_session (migration 401).
    where.push('(s.lot_number = @lotNumber OR EXISTS (SELECT 1 FROM dose_records ld WHERE ld.session_id = s.id AND ld.lot_number = @lotNumber))');
    params.lotNumber = f.lotNumber;
  }
  return { sql: where.length > 0 ? where.join(' AND ') : '1', params };
}

/** The WHERE condition on unattributed dose_records (alias `d`); null when they are excluded. */
export function unattributedCondition(f: ExportFilters): SqlCondition | null {
  if (hasSessionOnlyFilter(f)) return null;
  const where = ['d.session_id IS NULL'];
  const params: SqlParams = {};
  if (f.fromDate !== undefined) {
    where.push('d.received_at_ms >= @uFromMs');
    params.uFromMs = localDayStartMs(f.fromDate);
  }
  if (f.toDate !== undefined) {
    where.push('d.received_at_ms < @uToMs');
    params.uToMs = localDayEndMs(f.toDate);
  }
  if (f.gunSerial !== undefined) {
    where.push('d.gun_serial = @uGunSerial');
    params.uGunSerial = f.gunSerial;
  }
  return { sql: where.join(' AND '), params };
}
