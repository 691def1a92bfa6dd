// The dashboard's rates per 100 shots, in one SQL statement per question: events of a metric and shots,
// by clinician, serum version, zone or month, over a date range. A session's shots and events come
// from the quality summaries (migration 503: per session, and per session and zone, kept by triggers
// in the ledger's own transactions), so a year's rate adds up some 24,000 session rows rather than
// millions of dose records and every event table. Unattributed doses are counted from the ledger
// itself (they are few, and indexed by time). The drill-down (drill.ts) lists the records behind a row
// from the event tables, under the same rules (events.ts).
//
// Rules (contract/quality.ts says them to callers):
// - a session and everything in it belongs to the day it started; an unattributed dose to the day it
//   reached the station;
// - an event with no value for the breakdown (a session-wide limit by zone, an unattributed dose by
//   clinician) is counted in the null-key row, per 100 of all shots in the range;
// - every zone and every month of the range has a row, with zero events where there were none.
import { ZONES } from '../../contract/sessions.js';
import type { QualityDimension, QualityMetric, QualityRateRow, QualityRates, QualityRatesQuery } from '../../contract/quality.js';
import { stmt } from '../ledger/statements.js';
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

const MONTHS_CTE = `months (key, lo, hi) AS MATERIALIZED (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(@months))`;
const ZONES_CTE = 'zones (key, ord) AS (SELECT value, key FROM json_each(@zones))';
/** The range's unattributed doses, each with its month. */
const LOOSE_CTE = `loose AS MATERIALIZED (
    SELECT d.id, d.received_at_ms, ${monthOfSql('d.received_at_ms')} AS month FROM dose_records d WHERE d.session_id IS NULL AND d.received_at_ms >= @fromMs AND d.received_at_ms < @toMs
  )`;

/** The common tables of the event records (drill.ts, reasonCounts.ts): the range's months and zones, its sessions, and its unattributed doses, each with its month. */
export const RANGE_CTES = `
  ${MONTHS_CTE},
  ${ZONES_CTE},
  sess AS MATERIALIZED (
    SELECT s.id, s.clinician_user_id, s.serum_version_id, s.started_at, ${monthOfSql('s.started_at')} AS month
    FROM clinical_sessions s INDEXED BY clinical_sessions_quality WHERE s.started_at >= @fromMs AND s.started_at < @toMs
  ),
  ${LOOSE_CTE}`;

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

/**
 * Events and shots by key: the range's session summaries (per session and zone for zones), each
 * summed per key, and the unattributed doses. By month the months drive the loop, each reading its own
 * stretch of the summaries (clustered by start time), so no session looks up its month.
 */
function contributionsSql(metric: QualityMetric, dimension: QualityDimension): string {
  const events = (table: string) => (isSessionless(metric) ? '0' : `${table}.${metric}`);
  const inRange = 'q.started_at >= @fromMs AND q.started_at < @toMs';
  const sessions = (() => {
    switch (dimension) {
      case 'clinician':
        return `SELECT q.clinician_user_id AS k, sum(${events('q')}) AS events, sum(q.shots) AS shots FROM quality_sessions q WHERE ${inRange} GROUP BY 1`;
      case 'serum_version':
        return `SELECT q.serum_version_id AS k, sum(${events('q')}) AS events, sum(q.shots) AS shots FROM quality_sessions q WHERE ${inRange} GROUP BY 1`;
      case 'month':
        return `SELECT m.key AS k, sum(${events('q')}) AS events, sum(q.shots) AS shots FROM months m CROSS JOIN quality_sessions q ON q.started_at >= m.lo AND q.started_at < m.hi GROUP BY 1`;
      case 'zone':
        return `SELECT nullif(z.zone, '') AS k, sum(${events('z')}) AS events, sum(z.shots) AS shots
          FROM quality_sessions q CROSS JOIN quality_zones z ON z.session_id = q.session_id WHERE ${inRange} GROUP BY 1`;
    }
  })();
  // An unattributed dose is a shot of its month, and an event of its month (or of no key) when it is the metric.
  const byMonth = dimension === 'month';
  return `${sessions}
    UNION ALL SELECT ${byMonth ? 'loose.month' : 'NULL'}, ${isSessionless(metric) ? 1 : 0}, ${byMonth ? 1 : 0} FROM loose`;
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
    WITH ${MONTHS_CTE},
    ${ZONES_CTE},
    ${LOOSE_CTE},
    -- A key has a row when it has an event or a shot (a session with neither adds no row).
    per_k AS MATERIALIZED (SELECT k, sum(events) AS events, sum(shots) AS shots FROM (${contributionsSql(metric, dimension)}) GROUP BY k HAVING sum(events) > 0 OR sum(shots) > 0),
    -- Every shot of the range once: the rows' shots (by month they include the unattributed doses).
    all_shots AS (SELECT (SELECT ifnull(sum(shots), 0) FROM per_k)${dimension === 'month' ? '' : ' + (SELECT count(*) FROM loose)'} AS n),
    keys AS (${fixedKeysSql(dimension)}SELECT k FROM per_k),
    rows AS (
      SELECT keys.k AS k, ${l.label} AS label, ${l.version} AS version, ifnull(per_k.events, 0) AS events,
             CASE WHEN keys.k IS NULL THEN (SELECT n FROM all_shots) ELSE ifnull(per_k.shots, 0) END AS shots
      FROM keys LEFT JOIN per_k ON per_k.k IS keys.k
    )
    SELECT 0 AS is_total, row_number() OVER (ORDER BY k IS NULL, ${l.order}) AS ord, CAST(k AS TEXT) AS key, label, version, events, shots,
           CASE WHEN shots > 0 THEN events * 100.0 / shots END AS rate
    FROM rows
    UNION ALL
    SELECT 1, 0, NULL, NULL, NULL, ev.n, a.n, CASE WHEN a.n > 0 THEN ev.n * 100.0 / a.n END
    FROM all_shots a, (SELECT ifnull(sum(events), 0) AS n FROM per_k) ev
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
  // Prepared once per connection and question (24 of them): the statement is long, and preparing it
  // again for every question is work the answer does not need.
  const rows = stmt(db, ratesSql(q.metric, q.dimension)).all(rateParams(q)) as Row[];
  const toRow = (r: Row): QualityRateRow => ({ key: r.key, label: r.label, version: r.version, events: r.events, shots: r.shots, ratePer100: r.rate });
  const total = rows.find((r) => r.is_total === 1);
  if (!total) throw new Error('the rates statement returned no total');
  return { metric: q.metric, dimension: q.dimension, fromDate: q.fromDate, toDate: q.toDate, rows: rows.filter((r) => r.is_total === 0).map(toRow), total: toRow(total) };
}
