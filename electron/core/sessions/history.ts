// The session records, read-only: the admin's session browser (one page of the one session filter),
// and a patient's past sessions as a clinician reads them before treating: date, serum, lot, totals, a
// small scalp map (delivered and target per zone), overrides, what went wrong (gun faults, limit
// stops) and the notes. Read-only, straight from the records: the session rows, their snapshots
// (targets and notes), the dose ledger and the limit events.
import { ZONES, type SessionHistoryItem, type SessionPage, type Zone } from '../../contract/sessions.js';
import type { Db } from '../storage/db.js';
import { listAddenda, listSessions, type ListFilter, type SessionRow } from './repo.js';

interface SnapshotContext {
  zoneTargetsNl?: Partial<Record<Zone, number>>;
  intake?: { at: number; notes: string | null } | null;
  closing?: { at: number; notes: string | null } | null;
  abort?: { at: number; reason: string } | null;
  serum?: { name: string } | null;
}

function contextOf(row: SessionRow): SnapshotContext {
  try {
    const parsed = JSON.parse(row.snapshot) as { context?: SnapshotContext };
    return parsed.context ?? {};
  } catch {
    return {};
  }
}

export class SessionRecords {
  constructor(private readonly db: Db) {}

  /** The admin's session browser: one page of the sessions the filter selects (the exports' filter too). */
  list(f: ListFilter): SessionPage {
    return listSessions(this.db, f);
  }

  /** The patient's sessions, newest first (the one in progress included, marked active). */
  history(patientId: number, limit: number): SessionHistoryItem[] {
    const rows = this.db.prepare('SELECT * FROM clinical_sessions WHERE patient_id = ? ORDER BY started_at DESC, id DESC LIMIT ?').all(patientId, limit) as SessionRow[];
    return rows.map((r) => this.item(r));
  }

  private item(r: SessionRow): SessionHistoryItem {
    const ctx = contextOf(r);
    const delivered = new Map(
      (this.db.prepare('SELECT zone, SUM(delivered_nl) AS nl FROM dose_records WHERE session_id = ? GROUP BY zone').all(r.id) as { zone: Zone | null; nl: number }[]).map((z) => [z.zone, z.nl]),
    );
    const totals = this.db.prepare('SELECT COUNT(*) AS shots, COALESCE(SUM(delivered_nl), 0) AS nl FROM dose_records WHERE session_id = ?').get(r.id) as { shots: number; nl: number };
    const events = this.db.prepare('SELECT at, kind, scope, zone, reason, detail FROM limit_events WHERE session_id = ? ORDER BY id').all(r.id) as {
      at: number;
      kind: string;
      scope: string;
      zone: string | null;
      reason: string | null;
      detail: string;
    }[];
    const faults = this.db
      .prepare('SELECT received_at_ms AS at, fault, zone FROM dose_records WHERE session_id = ? AND fault IS NOT NULL ORDER BY gun_started_at_ms')
      .all(r.id) as { at: number; fault: string; zone: string | null }[];
    const notes: SessionHistoryItem['notes'] = [];
    if (ctx.intake?.notes) notes.push({ kind: 'intake', at: ctx.intake.at, text: ctx.intake.notes });
    if (ctx.closing?.notes) notes.push({ kind: 'closing', at: ctx.closing.at, text: ctx.closing.notes });
    if (ctx.abort) notes.push({ kind: 'abort', at: ctx.abort.at, text: ctx.abort.reason });
    for (const a of listAddenda(this.db, r.id)) notes.push({ kind: 'addendum', at: a.at, text: a.text });
    return {
      id: r.id,
      status: r.status,
      phase: r.phase,
      startedAt: r.started_at,
      clinicianName: r.clinician_display_name,
      serumName: ctx.serum?.name ?? null,
      lotNumber: r.lot_number,
      totalDeliveredNl: totals.nl,
      totalShots: totals.shots,
      zones: ZONES.map((zone) => ({ zone, deliveredNl: delivered.get(zone) ?? 0, targetNl: ctx.zoneTargetsNl?.[zone] ?? null })),
      // A profile beyond a soft limit and a zone or session volume passed its soft limit: each a soft_ack.
      overrides: events.filter((e) => e.kind === 'soft_ack').map((e) => ({ at: e.at, detail: e.detail, reason: e.reason })),
      adverseEvents: [
        ...faults.map((f) => ({ at: f.at, kind: `fault:${f.fault}`, detail: f.zone ? `gun fault ${f.fault} in ${f.zone}` : `gun fault ${f.fault}` })),
        ...events.filter((e) => e.kind === 'hard_stop' || e.kind === 'soft_stop' || e.kind === 'hard_block').map((e) => ({ at: e.at, kind: e.kind, detail: e.detail })),
      ].sort((a, b) => a.at - b.at),
      notes: notes.sort((a, b) => a.at - b.at),
    };
  }
}
