// The shot-level CSV: one row per dose record. Attributed shots come session by session (session
// start time), each session's in firing order (the gun's start time, then serial and record id: a
// replay after a reconnect arrives late, so arrival order is not firing order); shots that belong to
// no session follow, in ledger order.
//
// shotColumns() + shotQueries() are the plain statement of what the file holds (one join, one row per
// shot); the benchmark hands exactly that to the sqlite3 command-line tool as its baseline. The export
// itself (csv/shotsStream.ts) produces the same rows faster: the session-level cells (status, start,
// patient) are read once per session and the user and serum names once per export, so each shot row
// carries only its own ~20 values.
import type { CsvCellKind } from '../csv/cell.js';
import type { SessionFilter } from '../../../contract/sessionFilter.js';
import { sessionCondition, type SqlParams } from '../../sessions/filter.js';
import { statusSql } from '../../sessions/status.js';
import { unattributedCondition } from './filters.js';

export interface SqlColumn {
  header: string;
  sql: string;
  kind: CsvCellKind;
}

export const isoSql = (ms: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${ms} / 1000.0, 'unixepoch')`;

export const STATUS_SQL = statusSql('s.status');

/** Session-level columns, in file order, as they follow ledger_row_id. */
export function sessionCellColumns(pseudonymise: boolean): SqlColumn[] {
  const cols: (SqlColumn | null)[] = [
    { header: 'session_id', sql: 's.id', kind: 'number' },
    { header: 'session_status', sql: STATUS_SQL, kind: 'text' },
    { header: 'session_started_at', sql: isoSql('s.started_at'), kind: 'text' },
    { header: 'patient_code', sql: 'pc.code', kind: 'text' },
    pseudonymise ? null : { header: 'patient_name', sql: 'p.full_name', kind: 'text' },
    pseudonymise ? null : { header: 'patient_birth_date', sql: 'p.birth_date', kind: 'text' },
    pseudonymise ? null : { header: 'patient_clinic_id', sql: 'p.clinic_id', kind: 'text' },
  ];
  return cols.filter((c): c is SqlColumn => c !== null);
}

/** Every column of the file, in order. */
export function shotColumns(pseudonymise: boolean): SqlColumn[] {
  return [
    { header: 'ledger_row_id', sql: 'd.id', kind: 'number' },
    ...sessionCellColumns(pseudonymise),
    { header: 'clinician_user_id', sql: 'd.clinician_user_id', kind: 'number' },
    { header: 'clinician_username', sql: 'u.username', kind: 'text' },
    { header: 'zone', sql: 'd.zone', kind: 'text' },
    { header: 'gun_serial', sql: 'd.gun_serial', kind: 'text' },
    { header: 'gun_record_id', sql: 'd.record_id', kind: 'number' },
    { header: 'serum_version_id', sql: 'd.serum_version_id', kind: 'number' },
    { header: 'serum_name', sql: 'sv.name', kind: 'text' },
    { header: 'serum_library_version', sql: 'sv.version', kind: 'number' },
    { header: 'lot_number', sql: 'd.lot_number', kind: 'text' },
    { header: 'commanded_nl', sql: 'd.commanded_nl', kind: 'number' },
    { header: 'delivered_nl', sql: 'd.delivered_nl', kind: 'number' },
    { header: 'depth_um', sql: 'd.depth_um', kind: 'number' },
    { header: 'entry_pct', sql: 'd.entry_pct', kind: 'number' },
    { header: 'dwell_pct', sql: 'd.dwell_pct', kind: 'number' },
    { header: 'exit_pct', sql: 'd.exit_pct', kind: 'number' },
    { header: 'mode', sql: 'd.mode', kind: 'text' },
    { header: 'gun_started_at', sql: isoSql('d.gun_started_at_ms'), kind: 'text' },
    { header: 'gun_ended_at', sql: isoSql('d.gun_ended_at_ms'), kind: 'text' },
    { header: 'received_at', sql: isoSql('d.received_at_ms'), kind: 'text' },
    { header: 'fault', sql: 'd.fault', kind: 'text' },
    { header: 'unattributed_reason', sql: 'd.unattributed_reason', kind: 'text' },
    { header: 'authenticated', sql: AUTHENTICATED_SQL, kind: 'text' },
  ];
}

/** yes: the record carried the gun's MAC and it verified on arrival (gun protocol v3); no: otherwise. */
export const AUTHENTICATED_SQL = `CASE d.authenticated WHEN 1 THEN 'yes' ELSE 'no' END`;

const JOINS = `
    LEFT JOIN temp.export_patient_codes pc ON pc.patient_id = s.patient_id
    LEFT JOIN patients p ON p.id = s.patient_id
    LEFT JOIN users u ON u.id = d.clinician_user_id
    LEFT JOIN serum_versions sv ON sv.id = d.serum_version_id`;

export interface ShotQuery {
  /** FROM ... WHERE ... ORDER BY ... (the select list is added by the caller). */
  body: string;
  params: SqlParams;
}

/** Firing order within a session (the same order as the sessions area's shot list). */
export const FIRING_ORDER = 'd.gun_started_at_ms, d.gun_serial, d.record_id';

// CROSS JOIN fixes the join order: walk the (few) chosen sessions in output order, then each
// session's doses by index, so SQLite never sorts millions of rows (only each session's ~200).
const attributedFrom = (where: string) => `FROM clinical_sessions s CROSS JOIN dose_records d ON d.session_id = s.id ${JOINS}
    WHERE ${where}
    ORDER BY s.started_at, s.id, ${FIRING_ORDER}`;
const unattributedFrom = (where: string) => `FROM dose_records d LEFT JOIN clinical_sessions s ON s.id = d.session_id ${JOINS}
    WHERE ${where}
    ORDER BY d.id`;

/** The whole file as plain SQL (the baseline the benchmark gives the sqlite3 command-line tool). */
export function shotQueries(f: SessionFilter): ShotQuery[] {
  const cond = sessionCondition(f);
  const out: ShotQuery[] = [{ body: attributedFrom(cond.sql), params: cond.params }];
  const u = unattributedCondition(f);
  if (u) out.push({ body: unattributedFrom(u.sql), params: u.params });
  return out;
}

export function shotCountQueries(f: SessionFilter): ShotQuery[] {
  const cond = sessionCondition(f);
  const out: ShotQuery[] = [{ body: `FROM clinical_sessions s CROSS JOIN dose_records d ON d.session_id = s.id WHERE ${cond.sql}`, params: cond.params }];
  const u = unattributedCondition(f);
  if (u) out.push({ body: `FROM dose_records d WHERE ${u.sql}`, params: u.params });
  return out;
}

/** The per-shot values the export reads, in this order (see csv/shotsStream.ts). */
export const DOSE_CELL_SQL = [
  'd.id',
  'd.session_id',
  'd.clinician_user_id',
  'd.zone',
  'd.gun_serial',
  'd.record_id',
  'd.serum_version_id',
  'd.lot_number',
  'd.commanded_nl',
  'd.delivered_nl',
  'd.depth_um',
  'd.entry_pct',
  'd.dwell_pct',
  'd.exit_pct',
  'd.mode',
  isoSql('d.gun_started_at_ms'),
  isoSql('d.gun_ended_at_ms'),
  isoSql('d.received_at_ms'),
  'd.fault',
  'd.unattributed_reason',
  AUTHENTICATED_SQL,
] as const;

export interface ShotPlan {
  /** Chosen sessions in file order: id then the session-level cells. */
  sessions: ShotQuery & { select: string };
  /** Attributed doses in file order, then unattributed ones; each selects DOSE_CELL_SQL as one JSON array. */
  doses: ShotQuery[];
}

export function shotPlan(f: SessionFilter, pseudonymise: boolean): ShotPlan {
  const cond = sessionCondition(f);
  const u = unattributedCondition(f);
  const sessionSelect = `json_array(${sessionCellColumns(pseudonymise).map((c) => c.sql).join(', ')})`;
  return {
    sessions: {
      select: sessionSelect,
      body: `FROM clinical_sessions s LEFT JOIN temp.export_patient_codes pc ON pc.patient_id = s.patient_id LEFT JOIN patients p ON p.id = s.patient_id
        WHERE ${cond.sql} ORDER BY s.started_at, s.id`,
      params: cond.params,
    },
    doses: [
      { body: `FROM clinical_sessions s CROSS JOIN dose_records d ON d.session_id = s.id WHERE ${cond.sql} ORDER BY s.started_at, s.id, ${FIRING_ORDER}`, params: cond.params },
      ...(u ? [{ body: `FROM dose_records d WHERE ${u.sql} ORDER BY d.id`, params: u.params }] : []),
    ],
  };
}
