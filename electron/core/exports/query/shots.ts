// The shot-level CSV: one row per dose record, the columns of shotColumns.ts. Attributed shots come
// session by session (session start time), each session's in firing order (the gun's start time, then
// serial and record id: a replay after a reconnect arrives late, so arrival order is not firing
// order); shots that belong to no session follow, in ledger order.
//
// shotSelect() + shotQueries() are the plain statement of what the file holds (one join, one row per
// shot); the benchmark hands exactly that to the sqlite3 command-line tool as its baseline, and a test
// holds the export to it row for row. The export itself (csv/shotsStream.ts) produces the same rows
// faster from shotPlan(): the session-level cells are read once per session and the looked-up names
// once per export, so each shot row carries only its own dose cells.
import type { SessionFilter } from '../../../contract/sessionFilter.js';
import { sessionCondition, type SqlParams } from '../../sessions/filter.js';
import { unattributedCondition } from './filters.js';
import { csvSql, LOOKUP_JOINS, SESSION_JOINS, shotCsvColumns, type ShotColumn } from './shotColumns.js';

export interface ShotQuery {
  /** FROM ... WHERE ... ORDER BY ... (the select list is added by the caller). */
  body: string;
  params: SqlParams;
}

/** Firing order within a session (the same order as the sessions area's shot list). */
export const FIRING_ORDER = 'd.gun_started_at_ms, d.gun_serial, d.record_id';

/** The plain select list: every CSV column's value, named by its header. */
export function shotSelect(pseudonymise: boolean): string {
  return shotCsvColumns(pseudonymise)
    .map((c) => `${csvSql(c)} AS ${c.header}`)
    .join(', ');
}

// CROSS JOIN fixes the join order: walk the (few) chosen sessions in output order, then each
// session's doses by index, so SQLite never sorts millions of rows (only each session's ~200).
const attributedFrom = (where: string) => `FROM clinical_sessions s CROSS JOIN dose_records d ON d.session_id = s.id ${SESSION_JOINS} ${LOOKUP_JOINS}
    WHERE ${where}
    ORDER BY s.started_at, s.id, ${FIRING_ORDER}`;
const unattributedFrom = (where: string) => `FROM dose_records d LEFT JOIN clinical_sessions s ON s.id = d.session_id ${SESSION_JOINS} ${LOOKUP_JOINS}
    WHERE ${where}
    ORDER BY d.id`;

/** The whole file as plain SQL (SELECT shotSelect() + each body, in order). */
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

export interface ShotPlan {
  columns: ShotColumn[];
  /** Chosen sessions in file order; each selects json_array(s.id, <the session columns' CSV values>). */
  sessions: ShotQuery & { select: string };
  /** Attributed doses in file order, then unattributed ones; each selects `select`. */
  doses: ShotQuery[];
  /** json_array(d.session_id, <the dose columns' CSV values>), in file order. */
  doseSelect: string;
}

export function shotPlan(f: SessionFilter, pseudonymise: boolean): ShotPlan {
  const cond = sessionCondition(f);
  const u = unattributedCondition(f);
  const columns = shotCsvColumns(pseudonymise);
  const of = (from: ShotColumn['source']['from']) => columns.filter((c) => c.source.from === from).map(csvSql);
  return {
    columns,
    sessions: {
      select: `json_array(${['s.id', ...of('session')].join(', ')})`,
      body: `FROM clinical_sessions s ${SESSION_JOINS} WHERE ${cond.sql} ORDER BY s.started_at, s.id`,
      params: cond.params,
    },
    doses: [
      { body: `FROM clinical_sessions s CROSS JOIN dose_records d ON d.session_id = s.id WHERE ${cond.sql} ORDER BY s.started_at, s.id, ${FIRING_ORDER}`, params: cond.params },
      ...(u ? [{ body: `FROM dose_records d WHERE ${u.sql} ORDER BY d.id`, params: u.params }] : []),
    ],
    doseSelect: `json_array(${['d.session_id', ...of('dose')].join(', ')})`,
  };
}
