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
  // Each signature, performing or reviewing, has the audit row that says so; `matches` ties them.
  const checks = [
    { meaning: 'performed', matches: 'a.user_id IS s.user_id', code: 'signature-unaudited', problem: (who: string, session: number) => `the signature of ${who} on session ${session} has no audit row by that user` },
    { meaning: 'reviewed', matches: "json_extract(a.new_value, '$.reviewedBy') IS s.username", code: 'signature-audit-mismatch', problem: (who: string, session: number) => `the review signature of ${who} on session ${session} is not the reviewer its audit row names` },
  ] as const;
  for (const check of checks) {
    const unmatched = db
      .prepare(
        `SELECT s.id, s.session_id, s.username FROM session_signatures s
         WHERE s.meaning = '${check.meaning}' AND NOT EXISTS (${signedRow} AND ${check.matches})
         ORDER BY s.id LIMIT ${LIST_LIMIT}`,
      )
      .all() as { id: number; session_id: number; username: string }[];
    for (const s of unmatched) problems.push({ rowId: 0, code: check.code, problem: check.problem(s.username, s.session_id), params: { sessionId: s.session_id, signatureId: s.id } });
  }
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
