// What the patients, courses and serum services need from the audit trail. The real AuditTrail
// (electron/core/audit/) satisfies it; tests pass a fake. Every append is made inside the same
// transaction as the change it records, so a change and its audit entry commit or vanish together.
import type { Actor } from '../access/actor.js';

export interface AuditEntry {
  actor: Actor | null;
  action: string;
  entity: string;
  entityId: string | number | null;
  oldValue?: unknown;
  newValue?: unknown;
  reason?: string | null;
}

export interface AuditSink {
  append(e: AuditEntry): void;
}
