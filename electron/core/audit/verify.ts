// verify(): walks the whole chain, then checks the keyed head, the key store's checkpoint, and the
// records that must each have their audit row (the dose ledger, signatures: reconcilers registered by
// their areas). Names every problem it finds, by code, with the row it is at.
import type { KeyObject } from 'node:crypto';
import type { AuditProblem, AuditVerification } from '../../contract/audit.js';
import type { Db } from '../storage/db.js';
import { AUDIT_GENESIS_HASH } from '../storage/migrations/002_audit.js';
import type { AuditCheckpoint } from './checkpoint.js';
import { checkpointMac, headMac, rowHash, sameMac, type AuditRowFields } from './keyed.js';

interface Row extends AuditRowFields {
  prev_hash: string;
  hash: string;
}

export interface AuditHead {
  rows: number;
  lastHash: string;
  headMac: string | null;
}

/** A check of other records against their audit rows (ledger/reconcile.ts, sessions/signatureReconcile.ts). */
export type Reconciler = (db: Db) => AuditProblem[];

export function readHead(db: Db): AuditHead | undefined {
  const h = db.prepare('SELECT row_count, last_hash, head_mac FROM audit_head WHERE id = 1').get() as { row_count: number; last_hash: string; head_mac: string | null } | undefined;
  return h ? { rows: h.row_count, lastHash: h.last_hash, headMac: h.head_mac } : undefined;
}

function missing(from: number, to: number, where: string): string {
  return from === to ? `row ${from} is missing (deleted${where})` : `rows ${from}-${to} are missing (deleted${where})`;
}

/** The chain, row by row. Returns its problems, the row count and the last hash. */
function walkChain(db: Db, key: KeyObject): { problems: AuditProblem[]; rows: number; lastId: number; lastHash: string; badRows: number } {
  const problems: AuditProblem[] = [];
  let expectedId = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  let rows = 0;
  let badRows = 0;
  for (const raw of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate()) {
    const r = raw as Row;
    rows++;
    if (r.id > expectedId) problems.push({ rowId: expectedId, code: 'rows-missing', problem: missing(expectedId, r.id - 1, ''), params: { from: expectedId, to: r.id - 1 } });
    else if (r.id < expectedId) problems.push({ rowId: r.id, code: 'row-out-of-order', problem: `row ${r.id} is out of order` });
    // After a gap the stored link cannot match the row before it; the gap is the finding, not this row.
    if (r.prev_hash !== prevHash && r.id === expectedId)
      problems.push({ rowId: r.id, code: 'chain-broken', problem: `row ${r.id} does not follow from row ${r.id - 1} (the chain was rewritten)` });
    if (rowHash(key, r.prev_hash, r) !== r.hash) {
      badRows++;
      problems.push({ rowId: r.id, code: 'row-edited', problem: `row ${r.id} was edited (its hash no longer matches its contents)` });
    }
    prevHash = r.hash;
    expectedId = r.id + 1;
  }
  return { problems, rows, lastId: expectedId - 1, lastHash: prevHash, badRows };
}

function headProblems(head: AuditHead | undefined, key: KeyObject, lastId: number, lastHash: string): AuditProblem[] {
  if (!head) return [{ rowId: lastId, code: 'head-missing', problem: 'the audit head record is missing' }];
  const out: AuditProblem[] = [];
  if (head.rows > lastId) out.push({ rowId: lastId + 1, code: 'tail-missing', problem: missing(lastId + 1, head.rows, ' from the end'), params: { from: lastId + 1, to: head.rows } });
  else if (head.rows < lastId) out.push({ rowId: head.rows + 1, code: 'head-count-mismatch', problem: `the audit head records ${head.rows} rows but the trail has ${lastId}` });
  else if (head.lastHash !== lastHash) out.push({ rowId: lastId, code: 'head-hash-mismatch', problem: `the last row (${lastId}) does not match the audit head (edited or replaced)` });
  if (head.headMac === null) {
    if (head.rows > 0) out.push({ rowId: head.rows, code: 'head-unkeyed', problem: 'the audit head carries no keyed MAC' });
  } else if (!sameMac(head.headMac, headMac(key, head.rows, head.lastHash)))
    out.push({
      rowId: head.rows,
      code: 'head-rewritten',
      problem: `the audit head (${head.rows} rows) was not written with the audit key: rows were cut from the end and the head rewritten, or the key was replaced`,
    });
  return out;
}

/** The database against the key store's checkpoint: a rolled-back or swapped database shows here. */
export function checkpointProblems(db: Db, key: KeyObject, head: AuditHead | undefined, cp: AuditCheckpoint | undefined, where: string): AuditProblem[] {
  if (!cp) return [];
  if (!sameMac(cp.mac, checkpointMac(key, cp)))
    return [{ rowId: 0, code: 'checkpoint-invalid', problem: `the audit checkpoint in ${where} was not made with this audit key (the key was replaced, or the checkpoint damaged)` }];
  const rows = head?.rows ?? 0;
  if (rows < cp.rows)
    return [
      {
        rowId: rows,
        code: 'rolled-back',
        problem: `the database holds ${rows} audit rows, but on ${cp.at} it held ${cp.rows}: it was rolled back to an older copy, and everything recorded after that copy is missing`,
        params: { databaseRows: rows, checkpointRows: cp.rows, checkpointAt: cp.at },
      },
    ];
  if (cp.rows === 0) return [];
  const at = db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(cp.rows) as { hash: string } | undefined;
  if (at?.hash !== cp.lastHash)
    return [
      {
        rowId: cp.rows,
        code: 'checkpoint-mismatch',
        problem: `audit row ${cp.rows} is not the one the station recorded on ${cp.at}: this is not the database the station last wrote (replaced, or rewritten)`,
        params: { checkpointRows: cp.rows, checkpointAt: cp.at },
      },
    ];
  return [];
}

export function verifyTrail(
  db: Db,
  key: KeyObject,
  checkpoint: { cp: AuditCheckpoint | undefined; where: string },
  reconcilers: readonly Reconciler[],
): AuditVerification {
  const chain = walkChain(db, key);
  const head = readHead(db);
  const headFound = headProblems(head, key, chain.lastId, chain.lastHash);
  let problems: AuditProblem[];
  // No row verifies and neither does the head: one finding, not one per row.
  if (chain.rows > 0 && chain.badRows === chain.rows && headFound.some((p) => p.code === 'head-rewritten'))
    problems = [
      {
        rowId: 1,
        code: 'key-mismatch',
        problem: `none of the ${chain.rows} audit rows verifies with the station's audit key: the key was replaced, or every row was rewritten`,
        params: { rows: chain.rows },
      },
      ...chain.problems.filter((p) => p.code !== 'row-edited'),
    ];
  else problems = [...chain.problems, ...headFound];
  problems.push(...checkpointProblems(db, key, head, checkpoint.cp, checkpoint.where));
  for (const r of reconcilers) problems.push(...r(db));
  return { ok: problems.length === 0, rows: chain.rows, problems };
}
