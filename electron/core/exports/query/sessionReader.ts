// Reads sessions as SessionReports: the row and its neighbours (signatures, limit events, addenda,
// per-zone totals) from the tables, and what only the workflow knows (gun model and firmware,
// thermotherapy timers, closing and aftercare, zone targets) from the session's stored workflow
// context, read through the sessions area's own snapshot upgrader so an older snapshot is migrated
// the same way the station migrates it. A snapshot that cannot be read does not stop the export: the
// table facts are still exported, the context facts are left empty and the manifest says why.
import type { Reason } from '../../../contract/reasons.js';
import type { Zone } from '../../../contract/sessions.js';
import type { SessionContext, TimerState } from '../../sessions/machine.js';
import { listInterruptions } from '../../sessions/interruptions.js';
import type { SessionRow } from '../../sessions/repo.js';
import { upgradeSnapshot } from '../../sessions/snapshotCodec.js';
import { elapsedMs } from '../../sessions/thermo.js';
import type { Db } from '../../storage/db.js';
import { ZONES, type SessionReport, type TimelineSegment, type TimerRef, type ZoneTotal } from '../model.js';
import type { SqlCondition } from '../../sessions/filter.js';
import { DOSE_COLUMNS, storedSql, type DoseRow } from './shotColumns.js';
import { FIRING_ORDER } from './shots.js';

/** A clinical_sessions row (sessions/repo.ts) with what an export joins to it. */
export interface SessionRowJoined extends SessionRow {
  patient_code: string | null;
  full_name: string | null;
  birth_date: string | null;
  clinic_id: string | null;
  sex: string | null;
  phone: string | null;
  email: string | null;
  preferred_language: string | null;
  serum_name: string | null;
  serum_library_version: number | null;
  lot_expiry: string | null;
}

/** The dose columns' stored values, named as dose_records names them (a DoseRow). */
export const DOSE_SELECT = DOSE_COLUMNS.map(storedSql).join(', ');

/** The sessions an export covers, in the order every output lists them (by start time, then id). */
export function sessionsSql(cond: SqlCondition): string {
  return `
    SELECT s.*, pc.code AS patient_code, p.full_name, p.birth_date, p.clinic_id, p.sex, p.phone, p.email, p.preferred_language,
           sv.name AS serum_name, sv.version AS serum_library_version, sl.expiry_date AS lot_expiry
    FROM clinical_sessions s
    LEFT JOIN temp.export_patient_codes pc ON pc.patient_id = s.patient_id
    LEFT JOIN patients p ON p.id = s.patient_id
    LEFT JOIN serum_versions sv ON sv.id = s.serum_version_id
    LEFT JOIN serum_lots sl ON sl.id = s.lot_id
    WHERE ${cond.sql}
    ORDER BY s.started_at, s.id`;
}

export interface ReadOptions {
  pseudonymise: boolean;
  /** Build the shot timeline (needs every dose of the session; the PDF and JSON want it, CSV does not). */
  timeline: boolean;
}

interface Persisted {
  context?: SessionContext;
}

export class SessionReader {
  private readonly zoneStmt;
  private readonly sigStmt;
  private readonly limitStmt;
  private readonly addendaStmt;
  private readonly doseStmt;
  readonly warnings: Reason[] = [];

  constructor(private readonly db: Db) {
    this.zoneStmt = db.prepare(
      `SELECT zone, count(*) AS shots, sum(delivered_nl) AS delivered, sum(commanded_nl) AS commanded, sum(fault IS NOT NULL) AS faults,
              sum(authenticated) AS authenticated
       FROM dose_records WHERE session_id = ? GROUP BY zone`,
    );
    this.sigStmt = db.prepare('SELECT user_id, username, display_name, meaning, signed_at FROM session_signatures WHERE session_id = ? ORDER BY signed_at, id');
    this.limitStmt = db.prepare('SELECT at, kind, scope, zone, total_nl, limit_nl, reason, detail, user_id FROM limit_events WHERE session_id = ? ORDER BY at, id');
    this.addendaStmt = db.prepare('SELECT at, username, text, reason FROM session_addenda WHERE session_id = ? ORDER BY id');
    this.doseStmt = db.prepare(`SELECT ${DOSE_SELECT} FROM dose_records d WHERE d.session_id = ? ORDER BY ${FIRING_ORDER}`);
  }

  *iterateRows(cond: SqlCondition): Generator<SessionRowJoined> {
    for (const row of this.db.prepare(sessionsSql(cond)).iterate(cond.params)) yield row as SessionRowJoined;
  }

  doses(sessionId: number): DoseRow[] {
    return this.doseStmt.all(sessionId) as DoseRow[];
  }

  context(row: SessionRowJoined): SessionContext | null {
    try {
      const snap = upgradeSnapshot({ machineVersion: row.machine_version, json: row.snapshot }) as Persisted;
      if (!snap || typeof snap !== 'object' || !snap.context) throw new Error('the snapshot has no context');
      return snap.context;
    } catch (e) {
      this.warnings.push({ code: 'export.workflow-unreadable', params: { sessionId: row.id, detail: (e as Error).message } });
      return null;
    }
  }

  report(row: SessionRowJoined, opts: ReadOptions, doses?: DoseRow[]): SessionReport {
    const ctx = this.context(row);
    const withheld = <T>(v: T | null | undefined): T | null => (opts.pseudonymise ? null : (v ?? null));
    const zoneRows = this.zoneStmt.all(row.id) as { zone: string | null; shots: number; delivered: number; commanded: number; faults: number; authenticated: number }[];
    const byZone = new Map(zoneRows.map((z) => [z.zone, z]));
    const zones: ZoneTotal[] = ZONES.map((zone) => {
      const z = byZone.get(zone);
      return {
        zone,
        shots: z?.shots ?? 0,
        deliveredNl: z?.delivered ?? 0,
        commandedNl: z?.commanded ?? 0,
        targetNl: ctx?.zoneTargetsNl?.[zone as Zone] ?? null,
        faults: z?.faults ?? 0,
      };
    });
    const totals = zoneRows.reduce(
      (t, z) => ({
        shots: t.shots + z.shots,
        deliveredNl: t.deliveredNl + z.delivered,
        commandedNl: t.commandedNl + z.commanded,
        faults: t.faults + z.faults,
        authenticated: t.authenticated + z.authenticated,
      }),
      { shots: 0, deliveredNl: 0, commandedNl: 0, faults: 0, authenticated: 0 },
    );
    const sigs = this.sigStmt.all(row.id) as { user_id: number; username: string; display_name: string; meaning: string; signed_at: number }[];
    const limits = this.limitStmt.all(row.id) as {
      at: number;
      kind: string;
      scope: string;
      zone: string | null;
      total_nl: number | null;
      limit_nl: number | null;
      reason: string | null;
      detail: string;
      user_id: number | null;
    }[];
    const addenda = this.addendaStmt.all(row.id) as { at: number; username: string; text: string; reason: string }[];
    const skipped = ctx?.thermo?.skipped ?? null;
    return {
      sessionId: row.id,
      status: row.status,
      phase: row.phase,
      startedAtMs: row.started_at,
      closedAtMs: row.ended_at,
      patient: {
        id: row.patient_id,
        code: row.patient_code ?? 'P-UNKNOWN',
        fullName: withheld(row.full_name),
        birthDate: withheld(row.birth_date),
        clinicId: withheld(row.clinic_id),
        sex: row.sex,
        ...(opts.pseudonymise ? {} : { contact: { phone: row.phone, email: row.email, preferredLanguage: row.preferred_language } }),
      },
      clinician: { userId: row.clinician_user_id, username: row.clinician_username, displayName: withheld(row.clinician_display_name) },
      signatures: sigs.map((s) => ({ userId: s.user_id, username: s.username, displayName: withheld(s.display_name), meaning: s.meaning, signedAtMs: s.signed_at })),
      gun: { serial: row.gun_serial ?? ctx?.gun?.serial ?? null, model: ctx?.gun?.model ?? null, firmware: ctx?.gun?.firmware ?? null },
      serum: {
        serumVersionId: row.serum_version_id,
        name: row.serum_name ?? ctx?.serum?.name ?? null,
        libraryVersion: row.serum_library_version,
        lotNumber: row.lot_number,
        expiry: row.lot_expiry ?? ctx?.serum?.expiry ?? null,
      },
      thermo: {
        steam: timer(ctx?.thermo?.steam, withheld),
        massage: timer(ctx?.thermo?.massage, withheld),
        skipped: skipped ? { reason: withheld(skipped.reason), approvedBy: skipped.approvedBy, atMs: skipped.at } : null,
      },
      zones,
      totals,
      timeline: opts.timeline ? timelineOf(doses ?? this.doses(row.id)) : [],
      limitEvents: limits.map((e) => ({
        atMs: e.at,
        kind: e.kind,
        scope: e.scope,
        zone: e.zone,
        totalNl: e.total_nl,
        limitNl: e.limit_nl,
        reason: withheld(e.reason),
        detail: e.detail,
        userId: e.user_id,
      })),
      interruptions: listInterruptions(this.db, row.id).map((i) => ({ kind: i.kind, startedAtMs: i.startedAt, endedAtMs: i.endedAt, recovered: i.recovered, missing: i.missing })),
      closing: ctx?.closing
        ? { oilSerumApplied: ctx.closing.oilSerumApplied, aftercareGiven: ctx.closing.aftercareGiven, notes: withheld(ctx.closing.notes), atMs: ctx.closing.at }
        : null,
      abort: ctx?.abort ? { reason: withheld(ctx.abort.reason), atMs: ctx.abort.at, phase: ctx.abort.phase } : null,
      addenda: addenda.map((a) => ({ atMs: a.at, username: a.username, text: withheld(a.text), reason: withheld(a.reason) })),
      intakeNotes: withheld(ctx?.intake?.notes),
      courseId: row.course_id,
    };
  }
}

function timer(t: TimerState | undefined, withheld: <T>(v: T | null | undefined) => T | null): TimerRef | null {
  if (!t) return null;
  return {
    plannedMs: t.plannedMs ?? null,
    startedAtMs: t.startedAt,
    endedAtMs: t.endedAt,
    activeMs: t.startedAt !== null && t.endedAt !== null ? elapsedMs(t, t.endedAt) : null,
    pauses: t.pauses.length,
    shortened: t.shortened ? { reason: withheld(t.shortened.reason), approvedBy: t.shortened.approvedBy } : null,
  };
}

/** Consecutive shots in the same zone, in firing order: the session's story in a few lines. */
export function timelineOf(doses: readonly DoseRow[]): TimelineSegment[] {
  const out: TimelineSegment[] = [];
  let cur: TimelineSegment | null = null;
  for (const d of doses) {
    const zone = d.zone ?? '(none)';
    if (!cur || cur.zone !== zone) {
      cur = { zone, firstShotMs: d.gun_started_at_ms, lastShotMs: d.gun_ended_at_ms, shots: 0, deliveredNl: 0, faults: 0 };
      out.push(cur);
    }
    cur.lastShotMs = Math.max(cur.lastShotMs, d.gun_ended_at_ms);
    cur.shots++;
    cur.deliveredNl += d.delivered_nl;
    if (d.fault !== null) cur.faults++;
  }
  return out;
}
