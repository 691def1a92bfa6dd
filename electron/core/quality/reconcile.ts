// Signed reviews and dose attributions against the audit trail: each row has its audit row by the
// same user ('review.sign' naming the item, 'dose.assign' naming the dose), and each such audit row
// has its row. A review or an attribution inserted, removed or re-attributed behind the program's
// back shows in audit.verify().
import type { AuditProblem } from '../../contract/audit.js';
import type { Reconciler } from '../audit/verify.js';

const LIST_LIMIT = 50;

export const reconcileQualityReviews: Reconciler = (db) => {
  const problems: AuditProblem[] = [];
  const reviews = db
    .prepare(
      `SELECT r.id, r.source || ':' || r.source_id AS item, r.reviewed_by_name FROM quality_reviews r
       WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'review_item' AND a.entity_id = r.source || ':' || r.source_id AND a.action = 'review.sign' AND a.user_id IS r.reviewed_by_id)
       ORDER BY r.id LIMIT ${LIST_LIMIT}`,
    )
    .all() as { id: number; item: string; reviewed_by_name: string }[];
  for (const r of reviews)
    problems.push({ rowId: 0, code: 'signature-unaudited', problem: `the review of ${r.item} signed by ${r.reviewed_by_name} has no audit row by that user`, params: { itemId: r.item, reviewId: r.id } });
  const attributions = db
    .prepare(
      `SELECT t.id, t.dose_record_id, t.assigned_by_name FROM dose_attributions t
       WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'dose_record' AND a.entity_id = CAST(t.dose_record_id AS TEXT) AND +a.action = 'dose.assign'
                           AND a.user_id IS t.assigned_by_id AND json_extract(a.new_value, '$.sessionId') IS t.session_id AND json_extract(a.new_value, '$.zone') IS t.zone)
       ORDER BY t.id LIMIT ${LIST_LIMIT}`,
    )
    .all() as { id: number; dose_record_id: number; assigned_by_name: string }[];
  for (const t of attributions)
    problems.push({ rowId: 0, code: 'signature-unaudited', problem: `the assignment of dose record ${t.dose_record_id} by ${t.assigned_by_name} has no audit row that names it`, params: { doseRecordId: t.dose_record_id, attributionId: t.id } });
  // By action (indexed), never by entity: 'dose_record' names a row for every dose.
  const orphans = db
    .prepare(
      `SELECT a.id, a.action, a.entity_id FROM audit_log a
       WHERE a.action = 'review.sign' AND +a.entity = 'review_item'
         AND NOT EXISTS (SELECT 1 FROM quality_reviews r WHERE r.source || ':' || r.source_id = a.entity_id AND r.reviewed_by_id IS a.user_id)
       UNION ALL
       SELECT a.id, a.action, a.entity_id FROM audit_log a
       WHERE a.action = 'dose.assign' AND +a.entity = 'dose_record'
         AND NOT EXISTS (SELECT 1 FROM dose_attributions t WHERE CAST(t.dose_record_id AS TEXT) = a.entity_id AND t.assigned_by_id IS a.user_id)
       ORDER BY 1 LIMIT ${LIST_LIMIT}`,
    )
    .all() as { id: number; action: string; entity_id: string }[];
  for (const o of orphans)
    problems.push({ rowId: o.id, code: 'signature-audit-orphan', problem: `audit row ${o.id} records a signed ${o.action === 'review.sign' ? 'review' : 'dose assignment'} of ${o.entity_id} that is gone`, params: { entityId: o.entity_id } });
  return problems;
};
