// Soft-limit acknowledgements, hard-limit stops and near misses: append-only and countable (overrides
// per 100 shots is a standard review figure).
import { recordedText, type Reason } from '../../contract/reasons.js';
import type { LimitEventView, Zone } from '../../contract/sessions.js';
import type { Db } from '../storage/db.js';

export type LimitEventInput = Omit<LimitEventView, 'id'> & { sessionId: number };

type LimitEventRow = Omit<LimitEventView, 'what'> & { what: string | null };

export function insertLimitEvent(db: Db, e: LimitEventInput): number {
  const r = db
    .prepare('INSERT INTO limit_events (session_id, at, kind, scope, zone, total_nl, limit_nl, reason, detail, what, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(e.sessionId, e.at, e.kind, e.scope, e.zone, e.totalNl, e.limitNl, e.reason, e.detail, JSON.stringify(e.what), e.userId);
  return Number(r.lastInsertRowid);
}

export function listLimitEvents(db: Db, sessionId: number): LimitEventView[] {
  const rows = db
    .prepare(
      `SELECT id, at, kind, scope, zone, total_nl AS totalNl, limit_nl AS limitNl, reason, detail, what, user_id AS userId
       FROM limit_events WHERE session_id = ? ORDER BY id`,
    )
    .all(sessionId) as LimitEventRow[];
  return rows.map((r) => ({ ...r, what: whatOf(r) }));
}

/**
 * A row's reason: the stored code (rows from migration 312 on). Rows written before it hold English
 * words only; they are shown as they were stored (recorded.text), never re-parsed.
 */
function whatOf(r: LimitEventRow): Reason {
  if (r.what === null) return recordedText(r.detail);
  try {
    return JSON.parse(r.what) as Reason;
  } catch {
    return recordedText(r.detail);
  }
}

/** The soft-limit acknowledgements in force for a session: by scope, and by zone for zone limits. */
export function softAcks(db: Db, sessionId: number): { session: boolean; zones: Set<Zone> } {
  const rows = db.prepare("SELECT scope, zone FROM limit_events WHERE session_id = ? AND kind = 'soft_ack' AND scope IN ('zone', 'session')").all(sessionId) as {
    scope: 'zone' | 'session';
    zone: Zone | null;
  }[];
  return { session: rows.some((r) => r.scope === 'session'), zones: new Set(rows.flatMap((r) => (r.scope === 'zone' && r.zone ? [r.zone] : []))) };
}
