// Everything the audit key signs, in one place: each row's hash (chained), the head (row count and
// last hash), and the checkpoint kept in the key store. Fixed inputs, fixed order; a field is never
// shifted into another because each part is fixed-width or canonical JSON.
import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical.js';

export interface AuditRowFields {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
}

/**
 * A stored row in the contract's field names, its values still the stored canonical JSON text: what a
 * row's hash covers, and (values parsed) what the trail shows (trail.ts toEntry).
 */
export function rowFields(r: AuditRowFields) {
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    oldValue: r.old_value,
    newValue: r.new_value,
    reason: r.reason,
  };
}

/** The fields a row's hash covers, in a fixed shape (canonical JSON sorts the keys). */
export function rowHash(key: KeyObject, prevHash: string, r: AuditRowFields): string {
  const fields = rowFields(r);
  // prevHash is always 64 hex characters, so the two parts cannot be shifted into each other.
  return createHmac('sha256', key).update(prevHash).update(canonicalJson(fields)).digest('hex');
}

/** The head's MAC: who holds only the database cannot move the head (truncate the tail) and re-sign it. */
export function headMac(key: KeyObject, rowCount: number, lastHash: string): string {
  return createHmac('sha256', key).update(`audit-head\n${rowCount}\n${lastHash}`).digest('hex');
}

/** The checkpoint's MAC: a checkpoint made under another key (a replaced key) shows as such. */
export function checkpointMac(key: KeyObject, c: { rows: number; lastHash: string; headMac: string; at: string }): string {
  return createHmac('sha256', key).update(`audit-checkpoint\n${c.rows}\n${c.lastHash}\n${c.headMac}\n${c.at}`).digest('hex');
}

/** Constant-time comparison of two hex MACs. */
export function sameMac(a: string | null | undefined, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
