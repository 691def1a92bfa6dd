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

export interface AuditVerification {
  ok: boolean;
  rows: number;
  problems: { rowId: number; problem: string }[];
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

export const auditContract = {
  'audit.list': returning<AuditPage>()(auditListInput, ['admin']),
  'audit.verify': returning<AuditVerification>()(z.strictObject({}), ['admin']),
} as const;
