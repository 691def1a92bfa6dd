// The dose ledger against the audit trail: every dose row has exactly the audit row the ledger wrote
// with it (ledger.ts auditDose: 'dose.recorded' or 'dose.unattributed', entity 'dose_record', the
// ledger row id), and they agree on gun, record id, volumes and attribution. A dose added, removed
// or altered behind the program's back shows here even where the chain itself is intact (a ledger
// row edited with the triggers dropped leaves the audit trail untouched).
import type { AuditProblem } from '../../contract/audit.js';
import type { Reconciler } from '../audit/verify.js';

const DOSE_ACTIONS = "('dose.recorded', 'dose.unattributed')";
/** At most this many of each kind are listed; the count says how many there are. */
const LIST_LIMIT = 50;

export const reconcileLedger: Reconciler = (db) => {
  const problems: AuditProblem[] = [];
  const unaudited = db
    .prepare(
      `SELECT d.id FROM dose_records d
       WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'dose_record' AND a.entity_id = CAST(d.id AS TEXT) AND a.action IN ${DOSE_ACTIONS})
       ORDER BY d.id LIMIT ${LIST_LIMIT}`,
    )
    .all() as { id: number }[];
  for (const d of unaudited)
    problems.push({ rowId: 0, code: 'dose-unaudited', problem: `dose record ${d.id} in the ledger has no audit row (added behind the program's back)`, params: { doseRowId: d.id } });

  const mismatched = db
    .prepare(
      `SELECT a.id AS auditId, d.id AS doseId FROM audit_log a JOIN dose_records d ON a.entity = 'dose_record' AND a.entity_id = CAST(d.id AS TEXT)
       WHERE a.action IN ${DOSE_ACTIONS} AND NOT (
         json_extract(a.new_value, '$.gunSerial') IS d.gun_serial
         AND json_extract(a.new_value, '$.recordId') IS d.record_id
         AND json_extract(a.new_value, '$.deliveredNl') IS d.delivered_nl
         AND json_extract(a.new_value, '$.commandedNl') IS d.commanded_nl
         AND (CASE WHEN a.action = 'dose.recorded'
                THEN json_extract(a.new_value, '$.sessionId') IS d.session_id AND json_extract(a.new_value, '$.zone') IS d.zone
                ELSE d.session_id IS NULL END)
       )
       ORDER BY a.id LIMIT ${LIST_LIMIT}`,
    )
    .all() as { auditId: number; doseId: number }[];
  for (const m of mismatched)
    problems.push({
      rowId: m.auditId,
      code: 'dose-audit-mismatch',
      problem: `dose record ${m.doseId} no longer matches its audit row ${m.auditId} (gun, record id, volume or attribution changed)`,
      params: { doseRowId: m.doseId },
    });

  const orphans = db
    .prepare(
      `SELECT a.id, a.entity_id FROM audit_log a
       WHERE a.entity = 'dose_record' AND a.action IN ${DOSE_ACTIONS}
         AND NOT EXISTS (SELECT 1 FROM dose_records d WHERE CAST(d.id AS TEXT) = a.entity_id)
       ORDER BY a.id LIMIT ${LIST_LIMIT}`,
    )
    .all() as { id: number; entity_id: string }[];
  for (const o of orphans)
    problems.push({ rowId: o.id, code: 'dose-audit-orphan', problem: `audit row ${o.id} records dose ${o.entity_id}, which is gone from the ledger (deleted)`, params: { doseRowId: o.entity_id } });
  return problems;
};
