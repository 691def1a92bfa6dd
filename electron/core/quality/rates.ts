// The dashboard's rates per 100 shots, in one SQL statement per question: events of a metric (events.ts)
// and shots, by clinician, serum version, zone or month, over a date range. Shots come from the dose
// tally (migration 501), which a trigger keeps with every dose record, joined to the range's sessions;
// unattributed doses are counted from the ledger itself (they are few, and indexed by time).
//
// Rules (contract/quality.ts says them to callers):
// - a session and everything in it belongs to the day it started; an unattributed dose to the day it
//   reached the station;
// - an event with no value for the breakdown (a session-wide limit by zone, an unattributed dose by
//   clinician) is counted in the null-key row, per 100 of all shots in the range;
// - every zone and every month of the range has a row, with zero events where there were none.
import { ZONES } from '../../contract/sessions.js';
import type { QualityDimension, QualityMetric, QualityRateRow, QualityRates, QualityRatesQuery } from '../../contract/quality.js';
import type { Db } from '../storage/db.js';
import { EVENT_SOURCES, isSessionless } from './events.js';
import { monthsOf, rangeMs } from './range.js';

export interface RateParams {
  fromMs: number;
  toMs: number;
  /** JSON [[key, lo, hi], ...] */
  months: string;
  /** JSON of ZONES, in scalp-map order. */
  zones: string;
}

export function rateParams(q: Pick<QualityRatesQuery, 'fromDate' | 'toDate'>): RateParams {
  const { fromMs, toMs } = rangeMs(q);
  return { fromMs, toMs, months: JSON.stringify(monthsOf(q).map((m) => [m.key, m.lo, m.hi])), zones: JSON.stringify(ZONES) };
}

/** The month bucket a time falls in (once per session or dose, from the materialised months). */
function monthOfSql(t: string): string {
  return `(SELECT m.key FROM months m WHERE ${t} >= m.lo AND ${t} < m.hi)`;
}

/** The common tables: the range's months and zones, its sessions, and its unattributed doses, each with its month. */
export const RANGE_CTES = `
  months (key, lo, hi) AS MATERIALIZED (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(@months)),
  zones (key, ord) AS (SELECT value, key FROM json_each(@zones)),
  sess AS MATERIALIZED (
    SELECT s.id, s.clinician_user_id, s.serum_version_id, s.started_at, ${monthOfSql('s.started_at')} AS month
    FROM clinical_sessions s INDEXED BY clinical_sessions_quality WHERE s.started_at >= @fromMs AND s.started_at < @toMs
  ),
  loose AS MATERIALIZED (
    SELECT d.id, d.received_at_ms, ${monthOfSql('d.received_at_ms')} AS month FROM dose_records d WHERE d.session_id IS NULL AND d.received_at_ms >= @fromMs AND d.received_at_ms < @toMs
  )`;


/** The breakdown's key of a session's event (the event table is `e`, its session `sess`). */
function sessionEventKey(dimension: QualityDimension, zone: string): string {
  switch (dimension) {
    case 'clinician':
      return 'sess.clinician_user_id';
    case 'serum_version':
      return 'sess.serum_version_id';
    case 'zone':
      return zone;
    case 'month':
      return 'sess.month';
  }
}

/** Every event of the metric in the range, one row each, with its key `k` (and its session `sid`). */
export function eventRowsSql(metric: QualityMetric, dimension: QualityDimension): string {
  const src = EVENT_SOURCES[metric];
  if (isSessionless(metric))
    return `SELECT ${dimension === 'month' ? 'loose.month' : 'NULL'} AS k, NULL AS sid, loose.id AS eid FROM loose`;
  return `SELECT ${sessionEventKey(dimension, src.zone)} AS k, sess.id AS sid, e.id AS eid FROM ${src.from} JOIN sess ON sess.id = ${src.sessionId} WHERE ${src.where}`;
}

/** Shots per key: the sessions' tallies, and for months the unattributed doses too. */
function shotRowsSql(dimension: QualityDimension): string {
  const tally = 'FROM sess JOIN dose_tally t ON t.session_id = sess.id';
  switch (dimension) {
    case 'clinician':
      return `SELECT sess.clinician_user_id AS k, sum(t.shots) AS n ${tally} GROUP BY 1`;
    case 'serum_version':
      return `SELECT sess.serum_version_id AS k, sum(t.shots) AS n ${tally} GROUP BY 1`;
    case 'zone':
      return `SELECT nullif(t.zone, '') AS k, sum(t.shots) AS n ${tally} GROUP BY 1`;
    case 'month':
      return `SELECT k, sum(n) AS n FROM (
          SELECT sess.month AS k, t.shots AS n ${tally}
          UNION ALL SELECT loose.month, 1 FROM loose
        ) GROUP BY k`;
  }
}

/** Keys that always have a row: every zone, every month. */
function fixedKeysSql(dimension: QualityDimension): string {
  if (dimension === 'zone') return 'SELECT key AS k FROM zones UNION ';
  if (dimension === 'month') return 'SELECT key AS k FROM months UNION ';
  return '';
}

function labelSql(dimension: QualityDimension): { label: string; version: string; order: string } {
  switch (dimension) {
    case 'clinician':
      return { label: '(SELECT u.display_name FROM users u WHERE u.id = keys.k)', version: 'NULL', order: 'label COLLATE NOCASE, k' };
    case 'serum_version':
      return {
        label: '(SELECT v.name FROM serum_versions v WHERE v.id = keys.k)',
        version: '(SELECT v.version FROM serum_versions v WHERE v.id = keys.k)',
        order: 'label COLLATE NOCASE, version, k',
      };
    case 'zone':
      return { label: 'NULL', version: 'NULL', order: '(SELECT z.ord FROM zones z WHERE z.key = k)' };
    case 'month':
      return { label: 'NULL', version: 'NULL', order: 'k' };
  }
}

/** The statement for one metric and breakdown: the breakdown's rows in order, then the total (is_total = 1). */
export function ratesSql(metric: QualityMetric, dimension: QualityDimension): string {
  const l = labelSql(dimension);
  return `
    WITH ${RANGE_CTES},
    ev AS MATERIALIZED (${eventRowsSql(metric, dimension)}),
    ev_k AS (SELECT k, count(*) AS n FROM ev GROUP BY k),
    shots_k AS MATERIALIZED (${shotRowsSql(dimension)}),
    -- Every shot of the range once: the rows' shots (by month they include the unattributed doses).
    all_shots AS (SELECT (SELECT ifnull(sum(n), 0) FROM shots_k)${dimension === 'month' ? '' : ' + (SELECT count(*) FROM loose)'} AS n),
    keys AS (${fixedKeysSql(dimension)}SELECT k FROM ev_k UNION SELECT k FROM shots_k),
    rows AS (
      SELECT keys.k AS k, ${l.label} AS label, ${l.version} AS version, ifnull(ev_k.n, 0) AS events,
             CASE WHEN keys.k IS NULL THEN (SELECT n FROM all_shots) ELSE ifnull(shots_k.n, 0) END AS shots
      FROM keys LEFT JOIN ev_k ON ev_k.k IS keys.k LEFT JOIN shots_k ON shots_k.k IS keys.k
    )
    SELECT 0 AS is_total, row_number() OVER (ORDER BY k IS NULL, ${l.order}) AS ord, CAST(k AS TEXT) AS key, label, version, events, shots,
           CASE WHEN shots > 0 THEN events * 100.0 / shots END AS rate
    FROM rows
    UNION ALL
    SELECT 1, 0, NULL, NULL, NULL, (SELECT count(*) FROM ev), n, CASE WHEN n > 0 THEN (SELECT count(*) FROM ev) * 100.0 / n END FROM all_shots
    ORDER BY is_total, ord`;
}

interface Row {
  is_total: 0 | 1;
  key: string | null;
  label: string | null;
  version: number | null;
  events: number;
  shots: number;
  rate: number | null;
}

export function qualityRates(db: Db, q: QualityRatesQuery): QualityRates {
  const rows = db.prepare(ratesSql(q.metric, q.dimension)).all(rateParams(q)) as Row[];
  const toRow = (r: Row): QualityRateRow => ({ key: r.key, label: r.label, version: r.version, events: r.events, shots: r.shots, ratePer100: r.rate });
  const total = rows.find((r) => r.is_total === 1);
  if (!total) throw new Error('the rates statement returned no total');
  return { metric: q.metric, dimension: q.dimension, fromDate: q.fromDate, toDate: q.toDate, rows: rows.filter((r) => r.is_total === 0).map(toRow), total: toRow(total) };
}
