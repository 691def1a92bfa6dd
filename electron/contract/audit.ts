// Reading the audit trail. There is deliberately no method that edits or deletes it, for anyone.
import { z } from 'zod';
import { returning } from './define.js';

export interface AuditEntry {
  id: number;
  /** ISO station time the row was written. */
  at: string;
  /** Null for events with no logged-in user (a failed login, a gun pairing by the link). */
  userId: number | null;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `beforeId` for the next (older) page; null when this was the last. */
  nextBeforeId: number | null;
}

/** What verify() can find; the code is what tests and screens rely on, the text says it in English. */
export type AuditProblemCode =
  | 'rows-missing' // a gap in the ids: deleted rows
  | 'row-out-of-order'
  | 'chain-broken' // a row does not link to the one before (rewritten chain)
  | 'row-edited' // a row's keyed hash no longer matches its contents
  | 'key-mismatch' // no row verifies: the audit key was replaced, or every row rewritten
  | 'head-missing'
  | 'tail-missing' // the head counts rows that are gone from the end
  | 'head-count-mismatch'
  | 'head-hash-mismatch'
  | 'head-unkeyed' // rows but a head without its MAC
  | 'head-rewritten' // the head's MAC does not match its count and hash: truncated tail, rewritten head
  | 'checkpoint-invalid' // the key store's checkpoint was not made with this key
  | 'rolled-back' // the database holds fewer rows than the key store's checkpoint
  | 'checkpoint-mismatch' // at the checkpoint's row the database holds another history
  | 'dose-unaudited' // a dose in the ledger with no audit row
  | 'dose-audit-mismatch' // a dose and its audit row disagree
  | 'dose-audit-orphan' // an audit row for a dose the ledger does not hold
  | 'signature-unaudited'
  | 'signature-audit-mismatch'
  | 'signature-audit-orphan';

export interface AuditProblem {
  /** The audit row the problem is at (0 when it concerns no row, e.g. a dose with no audit row). */
  rowId: number;
  code: AuditProblemCode;
  problem: string;
  params?: Record<string, string | number>;
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  problems: AuditProblem[];
}

/**
 * Why a stored dose record is not authenticated: it has no MAC (stored before protocol v3); its MAC
 * did not verify when it arrived; the gun's key is no longer held (unpaired) or was replaced by a
 * later pairing, so the MAC cannot be checked; or the MAC does not match the stored fields (altered).
 */
export type DoseVerificationProblem = 'no-mac' | 'failed-on-arrival' | 'key-not-held' | 'key-replaced' | 'mac-mismatch';

export interface DoseVerification {
  ok: boolean;
  records: number;
  /** Records whose MAC verifies now under the gun's current key. */
  authenticated: number;
  /** Every other record, named. */
  problems: { rowId: number; gunSerial: string; recordId: number; problem: DoseVerificationProblem }[];
}

const isoTime = z.iso.datetime({ offset: true });

export const auditListInput = z.strictObject({
  entity: z.string().min(1).max(100).optional(),
  entityId: z.string().min(1).max(200).optional(),
  userId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  action: z.string().min(1).max(100).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  /** Newest first; at most 500 a page. */
  limit: z.number().int().min(1).max(500).optional(),
  beforeId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

/** The filters an audit export takes: those of audit.list, without paging. */
export const auditFilterInput = auditListInput.omit({ limit: true, beforeId: true });

export const AUDIT_EXPORT_FORMATS = ['csv', 'json'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

export const auditExportInput = z.strictObject({
  filters: auditFilterInput.default({}),
  formats: z.array(z.enum(AUDIT_EXPORT_FORMATS)).min(1, 'choose at least one format').max(AUDIT_EXPORT_FORMATS.length),
  /** Absolute path of an existing folder; the station's export folder when absent. */
  targetDir: z.string().min(1).max(4096).optional(),
});

export interface AuditExportFile {
  name: string;
  bytes: number;
  sha256: string;
  rows: number;
}

export interface AuditExportResult {
  exportId: string;
  manifestPath: string;
  files: AuditExportFile[];
  rows: number;
  /** The whole trail verified as the export was made (the manifest carries every problem). */
  verification: { ok: boolean; problems: number };
}

/** What the audit screen's filters offer: the entities, actions and users the trail names. */
export interface AuditFacets {
  entities: string[];
  actions: string[];
  users: { userId: number; username: string | null }[];
}

export const auditContract = {
  'audit.list': returning<AuditPage>()(auditListInput, ['admin']),
  'audit.verify': returning<AuditVerification>()(z.strictObject({}), ['admin']),
  /** Re-verifies every dose record's MAC with the guns' keys and names the unauthenticated ones. */
  'audit.verifyDoses': returning<DoseVerification>()(z.strictObject({}), ['admin']),
  'audit.facets': returning<AuditFacets>()(z.strictObject({}), ['admin']),
  /** Writes the filtered trail as CSV and/or JSON with a manifest carrying the chain proof and the verify result. */
  'audit.export': returning<AuditExportResult>()(auditExportInput, ['admin']),
} as const;
