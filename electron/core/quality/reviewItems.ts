// Review items, derived: every near miss, hard stop, skipped or shortened thermotherapy, interruption
// and unattributed dose the station recorded is an item (events.ts says which records those are), so
// none can be missed and none is stored twice. An item's id is its record's table and id
// ('limit_event:42'); its review and a dose's attribution are rows of their own (migration 501).
import type { Reason } from '../../contract/define.js';
import type { ReviewDisposition, ReviewItemKind, ReviewItemView, ReviewSource } from '../../contract/review.js';
import type { Zone } from '../../contract/sessions.js';
import { listInterruptions } from '../sessions/interruptions.js';
import type { Db } from '../storage/db.js';
import { EVENT_SOURCES } from './events.js';

/** One row per item: its source record, kind, session and time (station ms). */
export const ITEMS_SQL = `
  SELECT 'limit_event' AS source, e.id AS source_id, 'hard_stop' AS kind, e.session_id AS session_id, e.at AS at FROM limit_events e WHERE ${EVENT_SOURCES.hard_stop.where}
  UNION ALL
  SELECT 'limit_event', e.id, 'near_miss', e.session_id, e.at FROM limit_events e WHERE ${EVENT_SOURCES.near_miss.where}
  UNION ALL
  SELECT 'session_step', e.id, CASE e.event WHEN 'THERMO_SKIP' THEN 'thermo_skipped' ELSE 'thermo_shortened' END, e.session_id, e.at FROM session_steps e WHERE ${EVENT_SOURCES.thermo_cut.where}
  UNION ALL
  SELECT 'interruption', e.id, 'interruption', e.session_id, e.started_at FROM session_interruptions e
  UNION ALL
  SELECT 'dose_record', e.id, 'unattributed_dose', NULL, e.received_at_ms FROM dose_records e WHERE ${EVENT_SOURCES.unattributed.where}`;

export interface ItemRow {
  source: ReviewSource;
  source_id: number;
  kind: ReviewItemKind;
  session_id: number | null;
  at: number;
}

export function parseItemId(itemId: string): { source: ReviewSource; sourceId: number } {
  const [source, id] = itemId.split(':') as [ReviewSource, string];
  return { source, sourceId: Number(id) };
}

export const itemIdOf = (r: { source: ReviewSource; source_id: number }): string => `${r.source}:${r.source_id}`;

/** The item for one source record, or null when that record is not a review item. */
export function findItem(db: Db, itemId: string): ItemRow | null {
  const { source, sourceId } = parseItemId(itemId);
  return (db.prepare(`SELECT * FROM (${ITEMS_SQL}) WHERE source = ? AND source_id = ?`).get(source, sourceId) as ItemRow | undefined) ?? null;
}

interface SessionInfo {
  patient_id: number;
  full_name: string | null;
  clinic_id: string | null;
  clinician_user_id: number;
  clinician_display_name: string;
  snapshot: string;
}

interface Detail {
  what: Reason;
  recordedReason: string | null;
  reasonCode: string | null;
  approvedBy: string | null;
}

type Json = Record<string, unknown>;
const asText = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const param = (v: unknown): string | number | boolean | null => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null);

function limitDetail(db: Db, id: number, kind: ReviewItemKind): Detail {
  const e = db.prepare('SELECT kind, scope, zone, total_nl, limit_nl, detail, reason, reason_code FROM limit_events WHERE id = ?').get(id) as {
    kind: string;
    scope: string;
    zone: string | null;
    total_nl: number | null;
    limit_nl: number | null;
    detail: string;
    reason: string | null;
    reason_code: string | null;
  };
  const params = { scope: e.scope, zone: e.zone, totalNl: e.total_nl, limitNl: e.limit_nl, detail: e.detail };
  const what: Reason =
    kind === 'hard_stop' ? { code: 'review.hard-stop', params } : { code: 'review.near-miss', params: { ...params, refused: e.kind === 'hard_block' ? 'arming' : 'profile' } };
  return { what, recordedReason: e.reason, reasonCode: e.reason_code, approvedBy: null };
}

function stepDetail(db: Db, id: number, kind: ReviewItemKind, session: SessionInfo | null): Detail {
  const e = db.prepare('SELECT detail FROM session_steps WHERE id = ?').get(id) as { detail: string | null };
  const d = (e.detail ? JSON.parse(e.detail) : {}) as Json;
  const context = session ? ((JSON.parse(session.snapshot) as { context?: { thermo?: Json } }).context?.thermo ?? {}) : {};
  // Steps recorded before coded reasons kept the words only in the workflow's snapshot.
  const stage = typeof d.stage === 'string' ? d.stage : null;
  const fromSnapshot = kind === 'thermo_skipped' ? (context.skipped as Json | null)?.reason : stage ? ((context[stage] as Json | undefined)?.shortened as Json | null)?.reason : null;
  const what: Reason =
    kind === 'thermo_skipped'
      ? { code: 'review.thermo-skipped', params: {} }
      : { code: 'review.thermo-shortened', params: { stage: param(d.stage), givenSeconds: param(d.givenSeconds), plannedSeconds: param(d.plannedSeconds) } };
  return { what, recordedReason: asText(d.reasonText) ?? asText(fromSnapshot), reasonCode: asText(d.reasonCode), approvedBy: asText(d.approvedBy) };
}

function interruptionDetail(db: Db, id: number, sessionId: number | null): Detail {
  const i = sessionId === null ? undefined : listInterruptions(db, sessionId).find((x) => x.id === id);
  return { what: { code: 'review.interruption', params: { interruption: i?.kind ?? null, recovered: i?.recovered ?? null, missing: i?.missing ?? null, endedAt: i?.endedAt ?? null } }, recordedReason: null, reasonCode: null, approvedBy: null };
}

function doseDetail(db: Db, id: number): Detail {
  const d = db.prepare('SELECT gun_serial, record_id, delivered_nl, unattributed_reason FROM dose_records WHERE id = ?').get(id) as {
    gun_serial: string;
    record_id: number;
    delivered_nl: number;
    unattributed_reason: string | null;
  };
  return { what: { code: 'review.unattributed', params: { gunSerial: d.gun_serial, recordId: d.record_id, deliveredNl: d.delivered_nl } }, recordedReason: d.unattributed_reason, reasonCode: null, approvedBy: null };
}

/** The full view of items read from ITEMS_SQL: what happened, for whom, and its review. */
export function itemViews(db: Db, rows: ItemRow[]): ReviewItemView[] {
  const sessionStmt = db.prepare(
    `SELECT s.patient_id, p.full_name, p.clinic_id, s.clinician_user_id, s.clinician_display_name, s.snapshot
     FROM clinical_sessions s LEFT JOIN patients p ON p.id = s.patient_id WHERE s.id = ?`,
  );
  const reviewStmt = db.prepare('SELECT disposition, comment, reviewed_at, reviewed_by_id, reviewed_by_name FROM quality_reviews WHERE source = ? AND source_id = ?');
  const assignStmt = db.prepare('SELECT session_id, zone, reason, assigned_at, assigned_by_id, assigned_by_name FROM dose_attributions WHERE dose_record_id = ?');
  return rows.map((r) => {
    const session = r.session_id === null ? null : ((sessionStmt.get(r.session_id) as SessionInfo | undefined) ?? null);
    const detail =
      r.source === 'limit_event'
        ? limitDetail(db, r.source_id, r.kind)
        : r.source === 'session_step'
          ? stepDetail(db, r.source_id, r.kind, session)
          : r.source === 'interruption'
            ? interruptionDetail(db, r.source_id, r.session_id)
            : doseDetail(db, r.source_id);
    const review = reviewStmt.get(r.source, r.source_id) as
      | { disposition: ReviewDisposition; comment: string; reviewed_at: string; reviewed_by_id: number; reviewed_by_name: string }
      | undefined;
    const assigned =
      r.source === 'dose_record'
        ? (assignStmt.get(r.source_id) as { session_id: number; zone: Zone; reason: string; assigned_at: string; assigned_by_id: number; assigned_by_name: string } | undefined)
        : undefined;
    return {
      itemId: itemIdOf(r),
      kind: r.kind,
      at: r.at,
      sessionId: r.session_id,
      patient: session ? { id: session.patient_id, name: session.full_name, clinicId: session.clinic_id } : null,
      clinician: session ? { userId: session.clinician_user_id, name: session.clinician_display_name } : null,
      ...detail,
      status: review ? 'reviewed' : 'new',
      review: review ? { disposition: review.disposition, comment: review.comment, by: { userId: review.reviewed_by_id, name: review.reviewed_by_name }, at: review.reviewed_at } : null,
      assignment: assigned
        ? { sessionId: assigned.session_id, zone: assigned.zone, reason: assigned.reason, by: { userId: assigned.assigned_by_id, name: assigned.assigned_by_name }, at: assigned.assigned_at }
        : null,
    };
  });
}
