// Signatures against the audit trail: each session's performing signature has its 'session.signed'
// audit row by the same user, and a reviewer's signature is the one that row names; every
// 'session.signed' row has its signature. A signature inserted, removed or re-attributed behind the
// program's back shows here.
import type { AuditProblem } from '../../contract/audit.js';
import type { Reconciler } from '../audit/verify.js';

const LIST_LIMIT = 50;

export const reconcileSignatures: Reconciler = (db) => {
  const problems: AuditProblem[] = [];
  const signedRow = `SELECT a.id FROM audit_log a WHERE a.action = 'session.signed' AND a.entity = 'clinical_session' AND a.entity_id = CAST(s.session_id AS TEXT)`;
  const performed = db
    .prepare(
      `SELECT s.id, s.session_id, s.username FROM session_signatures s
       WHERE s.meaning = 'performed' AND NOT EXISTS (${signedRow} AND a.user_id IS s.user_id)
       ORDER BY s.id LIMIT ${LIST_LIMIT}`,
    )
    .all() as { id: number; session_id: number; username: string }[];
  for (const s of performed)
    problems.push({
      rowId: 0,
      code: 'signature-unaudited',
      problem: `the signature of ${s.username} on session ${s.session_id} has no audit row by that user`,
      params: { sessionId: s.session_id, signatureId: s.id },
    });
  const reviewed = db
    .prepare(
      `SELECT s.id, s.session_id, s.username FROM session_signatures s
       WHERE s.meaning = 'reviewed' AND NOT EXISTS (${signedRow} AND json_extract(a.new_value, '$.reviewedBy') IS s.username)
       ORDER BY s.id LIMIT ${LIST_LIMIT}`,
    )
    .all() as { id: number; session_id: number; username: string }[];
  for (const s of reviewed)
    problems.push({
      rowId: 0,
      code: 'signature-audit-mismatch',
      problem: `the review signature of ${s.username} on session ${s.session_id} is not the reviewer its audit row names`,
      params: { sessionId: s.session_id, signatureId: s.id },
    });
  const orphans = db
    .prepare(
      `SELECT a.id, a.entity_id FROM audit_log a
       WHERE a.action = 'session.signed' AND a.entity = 'clinical_session'
         AND NOT EXISTS (SELECT 1 FROM session_signatures s WHERE CAST(s.session_id AS TEXT) = a.entity_id AND s.meaning = 'performed' AND s.user_id IS a.user_id)
       ORDER BY a.id LIMIT ${LIST_LIMIT}`,
    )
    .all() as { id: number; entity_id: string }[];
  for (const o of orphans)
    problems.push({ rowId: o.id, code: 'signature-audit-orphan', problem: `audit row ${o.id} records a signature on session ${o.entity_id} that is gone`, params: { sessionId: o.entity_id } });
  return problems;
};
