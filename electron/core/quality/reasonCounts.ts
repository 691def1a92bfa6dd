// How often each coded reason was given over a range, per use: soft-limit overrides (limit events),
// thermotherapy skipped or shortened and sessions aborted (session steps). A reason recorded before
// coded reasons existed counts under the null code.
import type { QualityRange, QualityReasonCount } from '../../contract/quality.js';
import type { ReasonUse } from '../../contract/reasonCodes.js';
import type { Db } from '../storage/db.js';
import { EVENT_SOURCES } from './events.js';
import { RANGE_CTES, rateParams } from './rates.js';

const SQL = `
  WITH ${RANGE_CTES},
  used AS (
    SELECT 'override' AS use, e.reason_code AS code FROM ${EVENT_SOURCES.override.from} JOIN sess ON sess.id = e.session_id WHERE ${EVENT_SOURCES.override.where}
    UNION ALL
    SELECT CASE e.event WHEN 'THERMO_SKIP' THEN 'skip' WHEN 'THERMO_COMPLETE' THEN 'shorten' ELSE 'abort' END, json_extract(e.detail, '$.reasonCode')
    FROM session_steps e JOIN sess ON sess.id = e.session_id
    WHERE e.event IN ('THERMO_SKIP', 'THERMO_COMPLETE', 'ABORT') AND (e.event = 'ABORT' OR (${EVENT_SOURCES.thermo_cut.where}))
  )
  SELECT u.use, u.code, r.label, ifnull(r.retired, 0) AS retired, count(*) AS events
  FROM used u LEFT JOIN reason_codes r ON r.code = u.code
  GROUP BY u.use, u.code
  ORDER BY CASE u.use WHEN 'override' THEN 0 WHEN 'skip' THEN 1 WHEN 'shorten' THEN 2 ELSE 3 END, u.code IS NULL, events DESC, u.code`;

export function reasonCounts(db: Db, q: QualityRange): QualityReasonCount[] {
  const rows = db.prepare(SQL).all(rateParams(q)) as { use: ReasonUse; code: string | null; label: string | null; retired: number; events: number }[];
  return rows.map((r) => ({ use: r.use, code: r.code, label: r.label, retired: r.retired === 1, events: r.events }));
}
