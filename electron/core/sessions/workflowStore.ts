// The workflow store: the session in progress as the last committed transaction left it, and the one
// way it moves on. A step restores the session's machine from its snapshot, asks it whether the event
// is allowed now, and writes the new snapshot, the step row, the mirrored columns and the audit row
// in one transaction (with any writes that belong to the same act). Nothing else writes a session.
import type { Phase, WorkflowEvent, SessionStatus } from '../../contract/sessions.js';
import type { Reason } from '../../contract/reasons.js';
import type { Actor } from '../access/actor.js';
import { CoreError, refused, notFound } from '../errors.js';
import type { AuditPort } from '../ledger/types.js';
import { inTransaction, type Db } from '../storage/db.js';
import type { ArmWindows, AttributionBase } from './armWindows.js';
import type { VolumeLimits } from './limits.js';
import { phaseOf, type SessionContext, type SessionEvent } from './machine.js';
import { blockedFor } from './messages.js';
import { insertSession, insertStep, readActiveSession, readSession, storedOf, updateSession, type SessionRow } from './repo.js';
import { encodeSnapshot, newActor, restoreActor, upgradeSnapshot, type StoredSnapshot } from './snapshotCodec.js';

/** The session in progress, as the last committed transaction left it. */
export interface Active {
  row: SessionRow;
  stored: StoredSnapshot;
  ctx: SessionContext;
  phase: Phase;
  step: string;
  /** The serum's volume limits (null when the library cannot give them: arming then fails closed). */
  limits: VolumeLimits | null;
}

export interface StepOptions {
  actor: Actor | null;
  reason?: string;
  detail?: unknown;
  /** Writes that belong to the same transaction as the step (limit events, signatures, windows). */
  extra?: () => void;
}

export interface WorkflowStoreDeps {
  db: Db;
  audit: AuditPort;
  windows: ArmWindows;
  /** The serum version's volume limits (the volume guard's). */
  limitsFor(versionId: number | null): VolumeLimits | null;
  emit(e: WorkflowEvent): void;
}

export class WorkflowStore {
  /** The session in progress; null when none (or when it cannot be read). */
  active: Active | null = null;
  /** An open session this build cannot read (a newer workflow version): kept, never overwritten. */
  unreadable: { sessionId: number; error: CoreError } | null = null;

  constructor(private readonly o: WorkflowStoreDeps) {}

  /** After a start: the session in progress from the database; an unreadable one is kept aside. */
  restore(): Active | null {
    this.active = null;
    this.unreadable = null;
    const row = readActiveSession(this.o.db);
    if (row) {
      try {
        this.active = this.load(row);
      } catch (e) {
        if (!(e instanceof CoreError)) throw e;
        this.unreadable = { sessionId: row.id, error: e };
      }
    }
    this.o.windows.load(this.active ? this.baseOf(this.active) : null);
    return this.active;
  }

  /** Start and intake in one transaction: a crash leaves no session stuck before thermotherapy. */
  create(args: {
    actor: Actor;
    patientId: number;
    courseId: number | null;
    at: number;
    notes: string | null;
    warnings: Reason[];
    intakeDetail: Record<string, unknown>;
    reason: string | null;
  }): Active {
    const { db } = this.o;
    const { actor, at } = args;
    const sessionId = inTransaction(db, () => {
      const clinician = { userId: actor.userId, username: actor.username, displayName: actor.displayName };
      const id = insertSession(db, { patientId: args.patientId, courseId: args.courseId, clinician, at, snapshot: { machineVersion: 0, json: '{}' }, phase: 'intake', step: '' });
      const x = newActor(id);
      try {
        x.send({ type: 'INTAKE_DONE', at, notes: args.notes, warnings: args.warnings });
        const { phase, step } = phaseOf(x.getSnapshot().value);
        updateSession(db, id, { phase, step, at, snapshot: encodeSnapshot(x), status: 'in_progress', serumVersionId: null, lotId: null, lotNumber: null, gunSerial: null });
      } finally {
        x.stop();
      }
      insertStep(db, { sessionId: id, at, userId: actor.userId, event: 'START', before: 'intake', after: 'intake' });
      insertStep(db, { sessionId: id, at, userId: actor.userId, event: 'INTAKE_DONE', before: 'intake', after: 'thermotherapy', detail: args.intakeDetail });
      this.o.audit.append({
        actor,
        action: 'session.start',
        entity: 'clinical_session',
        entityId: id,
        newValue: { patientId: args.patientId, courseId: args.courseId, ...args.intakeDetail },
        reason: args.reason,
      });
      return id;
    });
    const a = this.load(readSession(db, sessionId)!);
    this.active = a;
    this.o.windows.load(null);
    this.o.emit({ type: 'session.changed', sessionId, phase: a.phase, step: a.step });
    return a;
  }

  /** A session row with its workflow restored (proves the snapshot fits the machine). */
  load(row: SessionRow): Active {
    const stored = storedOf(row);
    const snap = upgradeSnapshot(stored) as { value?: unknown; context?: SessionContext };
    if (!snap.context || snap.value === undefined) throw refused('internal', { code: 'internal.workflow-unreadable', params: { sessionId: row.id } }, `session ${row.id}: the saved workflow has no state`);
    // Restoring proves the snapshot fits the machine (an unknown state name throws here).
    restoreActor(stored, row.id).stop();
    const { phase, step } = phaseOf(snap.value);
    return { row, stored, ctx: snap.context, phase, step, limits: this.o.limitsFor(snap.context.serum?.serumVersionId ?? null) };
  }

  /** Any session: the one in progress, else read from the database. */
  read(sessionId: number): Active {
    const a = this.active;
    if (a && a.row.id === sessionId) return a;
    const row = readSession(this.o.db, sessionId);
    if (!row) throw notFound('session', sessionId, 'sessionId');
    return this.load(row);
  }

  /** The session in progress with this id; a closed one is refused (corrections are addenda). */
  require(sessionId: number): Active {
    const a = this.active;
    if (a && a.row.id === sessionId) return a;
    const row = readSession(this.o.db, sessionId);
    if (!row) throw notFound('session', sessionId, 'sessionId');
    throw refused('blocked', { code: 'session.closed', params: { sessionId, status: row.status } }, `session ${sessionId} is ${row.status} (${row.phase} phase); corrections are addenda`);
  }

  assertCan(a: Active, event: SessionEvent, needs?: string): void {
    const x = restoreActor(a.stored, a.row.id);
    try {
      if (!x.getSnapshot().can(event)) throw blockedFor(event.type, a.row.id, a.phase, a.step, needs);
    } finally {
      x.stop();
    }
  }

  /** One accepted workflow event: snapshot, step row, mirrored columns and audit in one transaction. */
  step(a: Active, event: SessionEvent, o: StepOptions): void {
    this.steps(a, [{ event, o }]);
  }

  /**
   * Several workflow events as one act, all in one transaction: a crash leaves all of them or none
   * (preparation's serum and needle given together). Each is checked against the state the one before
   * it left. `goOn` may end the run before an event, given the phase reached so far.
   */
  steps(a: Active, items: readonly { event: SessionEvent; o: StepOptions }[], goOn?: (phase: Phase, event: SessionEvent) => boolean): void {
    const { db } = this.o;
    const x = restoreActor(a.stored, a.row.id);
    try {
      const done: { event: SessionEvent; o: StepOptions; before: { phase: Phase; step: string }; phase: Phase; step: string; stored: StoredSnapshot; status: SessionStatus; ctx: SessionContext }[] = [];
      let before = { phase: a.phase, step: a.step };
      for (const { event, o } of items) {
        if (goOn && !goOn(before.phase, event)) break;
        if (!x.getSnapshot().can(event)) throw blockedFor(event.type, a.row.id, before.phase, before.step);
        x.send(event);
        const next = x.getSnapshot();
        const { phase, step } = phaseOf(next.value);
        const status: SessionStatus = phase === 'signed' ? 'signed' : phase === 'aborted' ? 'aborted' : 'in_progress';
        done.push({ event, o, before, phase, step, stored: encodeSnapshot(x), status, ctx: next.context });
        before = { phase, step };
      }
      inTransaction(db, () => {
        for (const d of done) {
          const { event, o, ctx } = d;
          o.extra?.();
          updateSession(db, a.row.id, {
            phase: d.phase,
            step: d.step,
            at: event.at,
            snapshot: d.stored,
            status: d.status,
            serumVersionId: ctx.serum?.serumVersionId ?? null,
            lotId: ctx.serum?.lotId ?? null,
            lotNumber: ctx.serum?.lotNumber ?? null,
            gunSerial: ctx.gun?.serial ?? null,
          });
          insertStep(db, { sessionId: a.row.id, at: event.at, userId: o.actor?.userId ?? null, event: event.type, before: d.before.phase, after: d.phase, detail: o.detail });
          this.o.audit.append({
            actor: o.actor,
            action: `session.${event.type.toLowerCase().replace(/_/g, '-')}`,
            entity: 'clinical_session',
            entityId: a.row.id,
            oldValue: d.before,
            newValue: { phase: d.phase, step: d.step, ...(o.detail && typeof o.detail === 'object' ? o.detail : {}) },
            reason: o.reason ?? null,
          });
        }
      });
      // Memory follows only what was committed.
      const last = done.at(-1);
      if (!last) return;
      const { stored, ctx, phase, step, status } = last;
      Object.assign(a, { stored, ctx, phase, step, row: { ...a.row, status, phase, step } });
      if (status !== 'in_progress') {
        this.active = null;
        this.o.windows.load(null);
      }
      for (const d of done) this.o.emit({ type: 'session.changed', sessionId: a.row.id, phase: d.phase, step: d.step });
    } finally {
      x.stop();
    }
  }

  /** The serum's limits again (a serum was chosen), and the attribution base the windows use. */
  refreshLimits(a: Active): void {
    a.limits = this.o.limitsFor(a.ctx.serum?.serumVersionId ?? null);
    this.o.windows.setBase(this.baseOf(a));
  }

  /** What a dose record of this session is attributed with; null before a serum is chosen. */
  baseOf(a: Active): AttributionBase | null {
    const s = a.ctx.serum;
    if (!s) return null;
    return {
      sessionId: a.row.id,
      serumVersionId: s.serumVersionId,
      lotId: s.lotId,
      lotNumber: s.lotNumber,
      clinician: { userId: a.row.clinician_user_id, username: a.row.clinician_username, displayName: a.row.clinician_display_name, role: 'clinician' },
    };
  }
}
