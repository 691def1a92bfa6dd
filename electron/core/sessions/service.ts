// The session workflow service: checks the world (gun, serum library, patient, credentials), then
// moves the session's machine and writes the step, the snapshot and the audit row in one transaction.
// Commands run one at a time; the dose-limit stop alone does not wait its turn, because the gun must
// be disarmed before its next shot.
import type { GunStatus } from '../../../device/link/index.js';
import { checkProfile, isBlockingFault, sameProfile, type DoseProfile, type ReportedFault } from '../../../device/protocol/index.js';
import { formatVolume } from '../../contract/units.js';
import { THERMO_CHECKLIST, type ChecklistItem, type Phase, type SessionsEvent, type SessionStatus, type SessionView, type ShotView, type UnattributedRecordView, type Zone } from '../../contract/sessions.js';
import type { Actor } from '../access/actor.js';
import type { StationMode } from '../../contract/station.js';
import type { Clock } from '../clock.js';
import { CoreError, refused } from '../errors.js';
import { consoleLogger, describeUnexpected, type Logger } from '../logger.js';
import { sessionTotal, zoneTotal } from '../ledger/doseTable.js';
import type { Ledger } from '../ledger/ledger.js';
import { insertLimitEvent, softAcks, type LimitEventInput } from '../ledger/limitEvents.js';
import type { AuditPort, CommittedDose } from '../ledger/types.js';
import { inTransaction, type Db } from '../storage/db.js';
import { ArmWindows, type ArmWindow, type AttributionBase } from './armWindows.js';
import { localDate } from './dates.js';
import { endInterruptions, lastSignOfLife, recordInterruption } from './interruptions.js';
import { armBudgetNl, NO_UNCONFIRMED, nextShotProblems, pessimisticShotNl, type LimitProblem, type Unconfirmed, type VolumeLimits } from './limits.js';
import { phaseOf, uncheckedItems, type GunState, type ProfileState, type SessionContext, type SessionEvent, type Shortening, type ThermoStage } from './machine.js';
import { elapsedMs } from './thermo.js';
import { checkIntake, type IntakeInput } from './intake.js';
import { blockedFor } from './messages.js';
import { ArmRefused, DEFAULT_SESSION_SETTINGS, type CoursePort, type CredentialsPort, type GunPort, type PatientPort, type SerumPort, type SessionSettings } from './ports.js';
import {
  insertAddendum,
  insertSession,
  insertSignature,
  insertStep,
  listShots,
  readActiveSession,
  readSession,
  storedOf,
  updateSession,
  type SessionRow,
} from './repo.js';
import { encodeSnapshot, newActor, restoreActor, upgradeSnapshot, type StoredSnapshot } from './snapshotCodec.js';
import { buildView } from './view.js';

/** Why the stop was applied; the audit row and the session step carry it as a code. */
export type DisarmCause = 'stop' | 'lock' | 'auto-lock' | 'logout' | 'window-closed' | 'account-ended';

export interface DisarmRequest {
  /** The signed-in user who did it; null when nobody was (a locked station, the login screen). */
  actor: Actor | null;
  /** With no actor: the system actor the audit names ('station:locked'). */
  systemActor?: string | null;
  /** The user a locked screen was showing, kept beside the system actor. */
  screenUser?: string | null;
  cause: DisarmCause;
}

/** The words on the session's step (the audit and the step also carry the cause as a code). */
const DISARM_CAUSE_WORDS: Record<DisarmCause, string> = {
  stop: 'disarmed from the gun controls',
  lock: 'disarmed before the station locked',
  'auto-lock': 'disarmed before the station locked itself (idle)',
  logout: 'disarmed before logging out',
  'window-closed': 'disarmed: the window was closed',
  'account-ended': "disarmed: the clinician's login was ended",
};

export interface SessionServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditPort;
  ledger: Ledger;
  gun: GunPort;
  credentials: CredentialsPort;
  serum: SerumPort;
  patients: PatientPort;
  courses: CoursePort;
  settings?: SessionSettings;
  /**
   * Clinical: only a real gun takes a session's profile (a simulator's doses would be recorded against
   * a real patient). Training: only the simulated gun.
   */
  mode: StationMode;
  logger?: Logger;
}

/** The session in progress, as the last committed transaction left it. */
interface Active {
  row: SessionRow;
  stored: StoredSnapshot;
  ctx: SessionContext;
  phase: Phase;
  step: string;
  limits: VolumeLimits | null;
}

interface StepOptions {
  actor: Actor | null;
  reason?: string;
  detail?: unknown;
  /** Writes that belong to the same transaction as the step (limit events, signatures, windows). */
  extra?: () => void;
}

export class SessionService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly windows: ArmWindows;
  private readonly settings: SessionSettings;
  private active: Active | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private arming = false;
  /** An open session this build cannot read (a newer workflow version): kept, never overwritten. */
  private unreadable: { sessionId: number; error: CoreError } | null = null;
  private readonly listeners = new Set<(e: SessionsEvent) => void>();
  /** The gun's last STATUS, by serial: its lastRecordId says which records are still on their way. */
  private readonly lastStatus = new Map<string, GunStatus>();
  /** Set when the ledger failed to store a record: limits are blind, so arming waits for a good commit. */
  private ledgerFailure: string | null = null;
  /** Why the last automatic profile re-send (after a reconnect) failed, by session; cleared by any profile set. */
  private readonly resendFailures = new Map<number, string>();

  constructor(private readonly deps: SessionServiceDeps) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.settings = deps.settings ?? DEFAULT_SESSION_SETTINGS;
    this.windows = new ArmWindows(deps.db);
    deps.ledger.setAttributionSource(this.windows);
    deps.ledger.onCommitted((batch) => this.afterCommit(batch));
  }

  /** Resolves when every queued step (including a limit stop's bookkeeping) has run. */
  async whenIdle(): Promise<void> {
    let q: Promise<unknown>;
    do {
      q = this.queue;
      await q;
    } while (q !== this.queue);
  }

  onEvent(listener: (e: SessionsEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * After a start or a restart: the session in progress comes back in its phase. The gun cannot still
   * be armed (it disarms itself when the station goes silent, and every new connection disarms it), so
   * an armed snapshot is recorded as disarmed, and its window waits for the gun's last record id.
   */
  async init(): Promise<void> {
    return this.exclusive(async () => {
      const row = readActiveSession(this.db);
      if (!row) {
        this.active = null;
        this.windows.load(null);
        return;
      }
      try {
        this.active = this.loadActive(row);
      } catch (e) {
        if (!(e instanceof CoreError)) throw e;
        // The station still starts (doses keep being recorded, as unattributed); the session waits
        // for a build that understands it.
        this.unreadable = { sessionId: row.id, error: e };
        this.active = null;
        this.windows.load(null);
        (this.deps.logger ?? consoleLogger).error('session cannot be restored', { sessionId: row.id, code: e.code, detail: e.message });
        return;
      }
      this.windows.load(this.baseOf(this.active));
      const now = this.clock.now();
      const a = this.active;
      // The station went down with the gun armed: recorded on the session as an interruption, from
      // its last sign of life to now; the records the gun kept arrive once the link is back.
      const downSince = lastSignOfLife(this.db, a.row.id, a.row.updated_at);
      const closeOpen = () => {
        // A link loss still open when the station went down ends with it.
        endInterruptions(this.db, 'link-lost', downSince);
        for (const w of this.windows.all())
          if (w.open) {
            recordInterruption(this.db, { sessionId: a.row.id, armWindowId: w.id, kind: 'station-restart', startedAt: downSince, endedAt: now });
            this.windows.persistClose(w.id, now, 'station restarted');
          }
      };
      if (a.ctx.armWindowId !== null)
        this.step(a, { type: 'DISARMED', at: now, reason: 'station restarted' }, { actor: null, reason: 'station restarted while armed; the gun disarms itself', detail: { cause: 'station-restart' }, extra: closeOpen });
      else inTransaction(this.db, closeOpen);
    });
  }

  // ---------------------------------------------------------------- reads

  get(sessionId: number): SessionView {
    const a = this.active;
    if (a && a.row.id === sessionId) return this.viewOf(a);
    const row = readSession(this.db, sessionId);
    if (!row) throw new CoreError('not-found', `there is no session ${sessionId}`);
    return this.viewOf(this.loadActive(row));
  }

  getActive(): SessionView | null {
    return this.active ? this.viewOf(this.active) : null;
  }

  /** The id of the session in progress, without building its view. */
  getActiveId(): number | null {
    return this.active?.row.id ?? null;
  }

  /** The session's dose records in firing order (any session: open, signed or aborted). */
  shots(sessionId: number): ShotView[] {
    if (!readSession(this.db, sessionId)) throw new CoreError('not-found', `there is no session ${sessionId}`, 'sessionId');
    return listShots(this.db, sessionId);
  }

  unattributed(limit: number, offset: number): UnattributedRecordView[] {
    return this.deps.ledger.unattributed(limit, offset);
  }

  // ---------------------------------------------------------------- intake

  start(actor: Actor, input: { patientId: number; courseId?: number; intake: IntakeInput['intake'] & { notes?: string } }): Promise<SessionView> {
    return this.exclusive(async () => {
      if (this.unreadable) throw new CoreError('conflict', `session ${this.unreadable.sessionId} is open but cannot be read: ${this.unreadable.error.message}`);
      if (this.active) throw new CoreError('conflict', `session ${this.active.row.id} is still in progress (${this.active.phase}); finish or abort it first`);
      const intake = await checkIntake(this.deps, input, localDate(this.clock.now()));
      const { courseId, warnings } = intake;
      if (input.courseId !== undefined && input.courseId !== courseId)
        throw new CoreError('conflict', `course ${input.courseId} is not the patient's running course${courseId ? ` (that is ${courseId})` : ''}; reload the patient`, 'courseId');
      const now = this.clock.now();
      const clinician = { userId: actor.userId, username: actor.username, displayName: actor.displayName };
      // Start and intake in one transaction: a crash leaves no session stuck before thermotherapy.
      const sessionId = inTransaction(this.db, () => {
        const id = insertSession(this.db, { patientId: input.patientId, courseId, clinician, at: now, snapshot: { machineVersion: 0, json: '{}' }, phase: 'intake', step: '' });
        const x = newActor(id);
        try {
          x.send({ type: 'INTAKE_DONE', at: now, notes: input.intake.notes ?? null, warnings });
          const { phase, step } = phaseOf(x.getSnapshot().value);
          const stored = encodeSnapshot(x);
          updateSession(this.db, id, { phase, step, at: now, snapshot: stored, status: 'in_progress', serumVersionId: null, lotId: null, lotNumber: null, gunSerial: null });
        } finally {
          x.stop();
        }
        insertStep(this.db, { sessionId: id, at: now, userId: actor.userId, event: 'START', before: 'intake', after: 'intake' });
        insertStep(this.db, { sessionId: id, at: now, userId: actor.userId, event: 'INTAKE_DONE', before: 'intake', after: 'thermotherapy', detail: intake.detail });
        this.deps.audit.append({
          actor,
          action: 'session.start',
          entity: 'clinical_session',
          entityId: id,
          newValue: { patientId: input.patientId, courseId, ...intake.detail },
          reason: input.intake.tooEarlyReason ?? null,
        });
        return id;
      });
      this.active = this.loadActive(readSession(this.db, sessionId)!);
      this.windows.load(null);
      this.emit({ type: 'session.changed', sessionId, phase: this.active.phase, step: this.active.step });
      return this.viewOf(this.requireActive(sessionId));
    });
  }

  // ---------------------------------------------------------------- thermotherapy

  thermo(actor: Actor, input: { sessionId: number; stage: ThermoStage }, what: 'start' | 'pause' | 'resume'): Promise<SessionView> {
    return this.exclusive(async () => {
      const a = this.requireActive(input.sessionId);
      const at = this.clock.now();
      const minutes = this.settings.thermoMinutes();
      const event: SessionEvent =
        what === 'start'
          ? { type: 'THERMO_START', at, stage: input.stage, plannedMs: Math.round(minutes[input.stage] * 60_000) }
          : what === 'pause'
            ? { type: 'THERMO_PAUSE', at, stage: input.stage }
            : { type: 'THERMO_RESUME', at, stage: input.stage };
      this.step(a, event, { actor });
      return this.viewOf(a);
    });
  }

  /** A checklist item ticked or unticked: recorded as a step with its time. */
  checkThermo(actor: Actor, input: { sessionId: number; stage: ThermoStage; item: ChecklistItem; checked: boolean }): Promise<SessionView> {
    return this.exclusive(async () => {
      const a = this.requireActive(input.sessionId);
      if (!(THERMO_CHECKLIST[input.stage] as readonly string[]).includes(input.item))
        throw new CoreError('validation', `${input.item} is not on the ${input.stage} checklist`, 'item');
      this.step(a, { type: 'THERMO_CHECK', at: this.clock.now(), stage: input.stage, item: input.item, checked: input.checked }, { actor, detail: { stage: input.stage, item: input.item, checked: input.checked } });
      return this.viewOf(a);
    });
  }

  /**
   * A stage completes when its timer has run its set time and its checklist is ticked. Earlier, it
   * is shortened: that needs a reason and an admin's approval (the way round it would otherwise be a
   * skip in disguise), and is recorded with the time actually given.
   */
  completeThermo(actor: Actor, input: { sessionId: number; stage: ThermoStage; early?: { reason: string; admin: { username: string; password: string } } }): Promise<SessionView> {
    return this.exclusive(async () => {
      const a = this.requireActive(input.sessionId);
      // The stage must be under way; the machine checks it again (with the checklist and the time).
      if (a.phase !== 'thermotherapy' || (a.step !== `${input.stage}.running` && a.step !== `${input.stage}.paused`))
        throw blockedFor('THERMO_COMPLETE', a.row.id, a.phase, a.step);
      const t = a.ctx.thermo[input.stage];
      const missing = uncheckedItems(t, input.stage);
      if (missing.length > 0)
        throw refused('blocked', { code: 'thermo.checklist-incomplete', params: { stage: input.stage, missing: missing.length } }, `tick every ${input.stage} checklist item first (${missing.join(', ')})`, 'checklist');
      const plannedMs = t.plannedMs;
      let at = this.clock.now();
      let shortened: Shortening | null = null;
      if (elapsedMs(t, at) < plannedMs) {
        if (!input.early)
          throw refused(
            'blocked',
            { code: 'thermo.too-early', params: { stage: input.stage, givenMs: elapsedMs(t, at), plannedMs } },
            `the ${input.stage} has run ${Math.round(elapsedMs(t, at) / 1000)} s of its ${Math.round(plannedMs / 1000)} s; completing it now shortens it: give a reason and an admin's approval`,
            'early',
          );
        const approver = await this.deps.credentials.authenticate(input.early.admin.username, input.early.admin.password);
        if (approver.role !== 'admin')
          throw refused('forbidden', { code: 'approval.not-admin', params: { username: approver.username } }, `${approver.username} is not an admin: shortening thermotherapy needs an admin's approval`, 'early.admin.username');
        // The password check took time: the stage is measured when it completes.
        at = this.clock.now();
        const given = elapsedMs(t, at);
        if (given < plannedMs) shortened = { reason: input.early.reason, approvedBy: approver.username, approvedByUserId: approver.userId, givenMs: given };
      }
      const givenMs = shortened?.givenMs ?? Math.min(elapsedMs(t, at), plannedMs);
      this.step(
        a,
        { type: 'THERMO_COMPLETE', at, stage: input.stage, shortened },
        {
          actor,
          reason: shortened?.reason,
          detail: {
            stage: input.stage,
            outcome: shortened ? 'shortened' : 'completed',
            givenSeconds: Math.round(givenMs / 1000),
            plannedSeconds: Math.round(plannedMs / 1000),
            ...(shortened ? { approvedBy: shortened.approvedBy, approvedByUserId: shortened.approvedByUserId } : {}),
          },
        },
      );
      return this.viewOf(a);
    });
  }

  /** Skipping thermotherapy makes the injections more painful: an admin approves it with their password. */
  skipThermo(actor: Actor, input: { sessionId: number; reason: string; admin: { username: string; password: string } }): Promise<SessionView> {
    return this.exclusive(async () => {
      const a = this.requireActive(input.sessionId);
      this.assertCan(a, { type: 'THERMO_SKIP', at: 0, reason: '', approvedBy: '', approvedByUserId: 0 });
      const approver = await this.deps.credentials.authenticate(input.admin.username, input.admin.password);
      if (approver.role !== 'admin') throw new CoreError('forbidden', `${approver.username} is not an admin: skipping thermotherapy needs an admin's approval`, 'admin.username');
      this.step(
        a,
        { type: 'THERMO_SKIP', at: this.clock.now(), reason: input.reason, approvedBy: approver.username, approvedByUserId: approver.userId },
        { actor, reason: input.reason, detail: { approvedBy: approver.username, approvedByUserId: approver.userId } },
      );
      return this.viewOf(a);
    });
  }

  // ---------------------------------------------------------------- preparation

  prepare(
    actor: Actor,
    input: {
      sessionId: number;
      serum?: { serumVersionId: number; lotNumber: string; expiry: string };
      needleNewConfirmed?: true;
      primed?: true;
      zoneTargetsNl?: Partial<Record<Zone, number>>;
    },
  ): Promise<SessionView> {
    return this.exclusive(async () => {
      const a = this.requireActive(input.sessionId);
      const at = this.clock.now();
      const events: SessionEvent[] = [];
      if (input.serum) {
        const serum = this.checkSerum(a, input.serum);
        const targets = input.zoneTargetsNl ?? this.defaultTargets(a, serum.versionId);
        events.push({ type: 'SERUM_CHOSEN', at, serum: serum.state, zoneTargetsNl: targets });
      } else if (input.zoneTargetsNl) events.push({ type: 'ZONE_TARGETS', at, zoneTargetsNl: input.zoneTargetsNl });
      if (input.needleNewConfirmed) events.push({ type: 'NEEDLE_CONFIRMED', at });
      if (input.primed) {
        if (!a.ctx.profile && !input.serum) throw new CoreError('blocked', 'set the dose profile on the gun before priming', 'primed');
        if (input.serum) throw new CoreError('blocked', 'a new serum clears the dose profile: set the profile again, then prime', 'primed');
        events.push({ type: 'PRIMED', at });
      }
      if (events.length === 0) throw new CoreError('validation', 'nothing to prepare: give the serum, the needle confirmation or priming', 'sessionId');
      // Every event is checked first, so a refused one leaves nothing half-done.
      for (const e of events) this.assertCan(a, e);
      for (const e of events) {
        // The last confirmation may complete preparation and move on to mesotherapy by itself.
        if (a.phase !== 'preparation' && e.type !== 'ZONE_TARGETS') break;
        this.step(a, e, { actor, detail: e.type === 'SERUM_CHOSEN' ? { serum: e.serum, zoneTargetsNl: e.zoneTargetsNl } : undefined });
      }
      if (input.serum) this.refreshLimits(a);
      return this.viewOf(a);
    });
  }

  setProfile(actor: Actor, input: { sessionId: number; profile: ProfileState; softOverrideReason?: string }): Promise<SessionView> {
    return this.exclusive(async () => {
      const a = this.requireActive(input.sessionId);
      const at = this.clock.now();
      const gunStub: GunState = { serial: '', model: '', firmware: '', simulated: false };
      this.assertCan(a, { type: 'PROFILE_SET', at, profile: input.profile, gun: gunStub });
      if (!a.ctx.serum) throw new CoreError('blocked', 'choose the serum and lot first: the profile is checked against its limits', 'profile');
      const identity = this.deps.gun.identity();
      if (!identity) throw new CoreError('gun', 'no paired, authenticated gun is connected');
      this.assertGunFitsMode(identity.simulated);
      const profile: DoseProfile = { ...input.profile };
      const gunProblem = checkProfile(profile, identity.limits);
      if (gunProblem) throw new CoreError('validation', gunProblem.message, `profile.${gunProblem.field}`);
      const verdict = this.deps.serum.profileWithinLimits(profile, a.ctx.serum.serumVersionId);
      if (verdict.hardViolations.length > 0) {
        const message = verdict.hardViolations.map((v) => v.message).join('; ');
        // A hard-limit refusal is a near miss: counted in review even though nothing was delivered.
        inTransaction(this.db, () => {
          this.limitEvent(a, { kind: 'near_miss', scope: 'shot', zone: null, totalNl: null, limitNl: null, reason: null, detail: `profile refused at a hard limit: ${message}`, userId: actor.userId, at });
          this.deps.audit.append({ actor, action: 'session.profile-refused', entity: 'clinical_session', entityId: a.row.id, newValue: { profile, violations: verdict.hardViolations } });
        });
        throw new CoreError('blocked', `hard limit: ${message}`, `profile.${verdict.hardViolations[0]!.field}`);
      }
      if (verdict.softViolations.length > 0 && !input.softOverrideReason)
        throw new CoreError(
          'blocked',
          `soft limit: ${verdict.softViolations.map((v) => v.message).join('; ')}; give a reason to override`,
          'softOverrideReason',
        );
      const echoed = await this.deps.gun.setProfile(profile).catch((e: unknown) => {
        throw new CoreError('gun', `the gun did not take the profile: ${(e as Error).message}`);
      });
      if (!sameProfile(echoed, profile)) throw new CoreError('gun', 'the gun echoed a different profile than the one sent; not used');
      const gun: GunState = { serial: identity.serial, model: identity.model, firmware: identity.firmware, simulated: identity.simulated };
      this.resendFailures.delete(a.row.id);
      const soft = verdict.softViolations;
      this.step(
        a,
        { type: 'PROFILE_SET', at: this.clock.now(), profile: { ...input.profile }, gun },
        {
          actor,
          reason: input.softOverrideReason,
          detail: { profile, gunSerial: gun.serial, softOverrides: soft },
          extra: () => {
            if (soft.length > 0)
              this.limitEvent(a, {
                kind: 'soft_ack',
                scope: 'shot',
                zone: null,
                totalNl: null,
                limitNl: null,
                reason: input.softOverrideReason ?? null,
                detail: `profile beyond a soft limit: ${soft.map((v) => v.message).join('; ')}`,
                userId: actor.userId,
                at,
              });
          },
        },
      );
      return this.viewOf(a);
    });
  }

  // ---------------------------------------------------------------- mesotherapy

  selectZone(actor: Actor, input: { sessionId: number; zone: Zone }): Promise<SessionView> {
    return this.exclusive(async () => {
      const a = this.requireActive(input.sessionId);
      this.step(a, { type: 'ZONE_SELECTED', at: this.clock.now(), zone: input.zone }, { actor });
      return this.viewOf(a);
    });
  }

  arm(actor: Actor, input: { sessionId: number }): Promise<SessionView> {
    return this.exclusive(async () => {
      const a = this.requireActive(input.sessionId);
      const probe: SessionEvent = { type: 'ARMED', at: 0, armWindowId: 0 };
      if (a.phase !== 'mesotherapy') this.assertCan(a, probe);
      if (a.ctx.armWindowId !== null) return this.viewOf(a);
      if (!a.ctx.zone) throw new CoreError('blocked', 'choose the zone to treat before arming', 'zone');
      this.assertCan(a, probe);
      const ctx = a.ctx;
      const zone = ctx.zone!;
      const identity = this.deps.gun.identity();
      if (!identity) throw new CoreError('gun', 'no paired, authenticated gun is connected');
      if (identity.serial !== ctx.gun?.serial)
        throw new CoreError('blocked', `a different gun (${identity.serial}) is connected than the one that took the profile (${ctx.gun?.serial}); set the profile again`);
      // The gun fires what it holds, not what the session says: after a reconnect, or a profile set
      // by someone else, the two differ and the limits would be computed for the wrong dose.
      const echoed = this.deps.gun.echoedProfile();
      if (!echoed || !ctx.profile || !sameProfile(echoed, { ...ctx.profile }))
        throw new CoreError('gun', "the gun does not hold this session's dose profile (it reconnected or was set elsewhere); set the profile again", 'profile');
      if (this.ledgerFailure)
        throw new CoreError('blocked', `the dose ledger could not store the last dose record (${this.ledgerFailure}); arming is refused until records can be stored`);
      if (!a.limits) this.refreshLimits(a);
      if (!a.limits)
        throw new CoreError('blocked', `the volume limits of the serum (version ${ctx.serum?.serumVersionId ?? '?'}) could not be loaded from the serum library; arming is refused until they can`);
      this.refuseAtLimits(a, zone, actor, this.problemsForNextShot(a, zone));

      this.arming = true;
      try {
        const status = await this.deps.gun.status().catch((e: unknown) => {
          throw new CoreError('gun', `the gun did not answer: ${(e as Error).message}`);
        });
        if (status.armed) throw new CoreError('gun', 'the gun reports itself armed already; disarm it first');
        this.lastStatus.set(identity.serial, status);
        // The gun is disarmed now, so its clock closes any window still waiting for a bound.
        this.windows.bound(identity.serial, status);
        // Again with the fresh STATUS: records the gun made that have not arrived count against the
        // limits now, pessimistically; the budget then says how much the gun itself may still deliver.
        this.refuseAtLimits(a, zone, actor, this.problemsForNextShot(a, zone));
        const budgetNl = this.budgetFor(a, zone);
        if (budgetNl < ctx.profile.doseNl) {
          // Rounding aside, refuseAtLimits already stopped this; never arm with a budget under one shot.
          const problem: LimitProblem = { kind: 'hard', scope: 'session', zone, totalNl: 0, limitNl: budgetNl, message: `the volume left under the limits (${formatVolume(budgetNl)}) is less than one shot` };
          this.refuseAtLimits(a, zone, actor, [problem]);
        }
        const after = Math.max(status.lastRecordId, this.deps.ledger.maxRecordId(identity.serial));
        const w = inTransaction(this.db, () => this.windows.open({ zone, gunSerial: identity.serial, afterRecordId: after, armedGunTimeMs: status.gunTimeMs, at: this.clock.now() }));
        try {
          await this.deps.gun.arm(budgetNl);
        } catch (e) {
          const why = (e as Error).message;
          if (e instanceof ArmRefused) {
            this.windows.voidWindow(w.id, this.clock.now(), `arming refused: ${why}`);
            throw new CoreError('gun', `the gun did not arm: ${why}`);
          }
          // Only the answer may have been lost: the gun may be armed. Keep the window (closed, so no
          // limit check treats it as live) until the gun's STATUS reports it disarmed and bounds it,
          // so any shot it fires is still attributed here; and tell it to disarm.
          this.windows.persistClose(w.id, this.clock.now(), `arming unconfirmed: ${why}`);
          await this.deps.gun.disarm().catch(() => undefined);
          await this.boundFromGun();
          throw new CoreError('gun', `the gun did not confirm arming (${why}); it was told to disarm; arm again when the link is back`);
        }
        this.step(a, { type: 'ARMED', at: this.clock.now(), armWindowId: w.id }, { actor, detail: { zone, gunSerial: identity.serial, afterRecordId: after, budgetNl } });
      } finally {
        this.arming = false;
      }
      // A shot committed while ARMED was being written is checked here, not lost between the two.
      const w = this.windows.current();
      if (w) this.checkLimitsNow(a, w);
      return this.viewOf(a);
    });
  }

  disarm(actor: Actor, input: { sessionId: number }): Promise<SessionView> {
    return this.exclusive(async () => {
      const a = this.requireActive(input.sessionId);
      if (a.ctx.armWindowId === null) {
        // The session records an arming only in mesotherapy.armed, so there is nothing to record here
        // whatever the phase; but the gun is told in every phase, in case it disagrees with the
        // record (an unconfirmed arm, a restart). Sending DISARM never needs a workflow guard.
        await this.deps.gun.disarm().catch(() => undefined);
        return this.viewOf(a);
      }
      await this.disarmNow(a, actor, 'disarmed by the clinician');
      return this.viewOf(a);
    });
  }

  ackSoftLimit(actor: Actor, input: { sessionId: number; scope: 'zone' | 'session'; zone?: Zone; reason: string }): Promise<SessionView> {
    return this.exclusive(async () => {
      const a = this.requireActive(input.sessionId);
      if (a.phase !== 'mesotherapy') throw blockedFor('ackSoftLimit', a.row.id, a.phase, a.step);
      const zone = input.scope === 'zone' ? (input.zone ?? a.ctx.zone) : null;
      if (input.scope === 'zone' && !zone) throw new CoreError('validation', 'name the zone whose soft limit is acknowledged', 'zone');
      const problem = this.problemsForNextShot(a, zone ?? a.ctx.zone ?? 'frontal').find((p) => p.kind === 'soft' && p.scope === input.scope && (p.scope === 'session' || p.zone === zone));
      if (!problem) throw new CoreError('blocked', `no ${input.scope} soft limit${zone ? ` for ${zone}` : ''} is reached; nothing to acknowledge`, 'scope');
      const at = this.clock.now();
      inTransaction(this.db, () => {
        this.limitEvent(a, { kind: 'soft_ack', scope: problem.scope, zone: problem.zone, totalNl: problem.totalNl, limitNl: problem.limitNl, reason: input.reason, detail: problem.message, userId: actor.userId, at });
        this.deps.audit.append({ actor, action: 'session.soft-limit-ack', entity: 'clinical_session', entityId: a.row.id, newValue: { scope: problem.scope, zone: problem.zone, totalNl: problem.totalNl, limitNl: problem.limitNl }, reason: input.reason });
      });
      return this.viewOf(a);
    });
  }

  // ---------------------------------------------------------------- closing, signature, abort

  closing(actor: Actor, input: { sessionId: number; oilSerumApplied: true; aftercareGiven: true; notes?: string }): Promise<SessionView> {
    return this.exclusive(async () => {
      const a = this.requireActive(input.sessionId);
      const at = this.clock.now();
      if (a.phase === 'mesotherapy') {
        if (a.ctx.armWindowId !== null) await this.disarmNow(a, actor, 'mesotherapy finished');
        this.step(a, { type: 'MESO_FINISHED', at }, { actor });
      }
      this.step(a, { type: 'CLOSING_DONE', at, oilSerumApplied: input.oilSerumApplied, aftercareGiven: input.aftercareGiven, notes: input.notes ?? null }, { actor });
      return this.viewOf(a);
    });
  }

  sign(actor: Actor, input: { sessionId: number; password: string; reviewedBy?: { username: string; password: string } }): Promise<SessionView> {
    return this.exclusive(async () => {
      const a = this.requireActive(input.sessionId);
      this.assertCan(a, { type: 'SIGNED', at: 0 });
      if (actor.userId !== a.row.clinician_user_id)
        throw new CoreError('forbidden', `the session is signed by the clinician who performed it (${a.row.clinician_display_name})`);
      const missing = await this.missingRecords();
      if (missing < 0) throw new CoreError('blocked', 'the gun has not yet confirmed its last dose record; connect it so every dose is in the record before signing');
      if (missing > 0) throw new CoreError('blocked', `${missing} dose record(s) from the gun have not arrived yet; keep the gun connected until they do`);
      await this.deps.credentials.verifySignature(actor, input.password, 'performed');
      let reviewer: Actor | null = null;
      if (input.reviewedBy) {
        reviewer = await this.deps.credentials.authenticate(input.reviewedBy.username, input.reviewedBy.password);
        if (reviewer.userId === actor.userId) throw new CoreError('validation', 'the reviewer must be another person', 'reviewedBy.username');
      }
      const at = this.clock.now();
      this.step(
        a,
        { type: 'SIGNED', at },
        {
          actor,
          detail: { meaning: 'performed', reviewedBy: reviewer?.username ?? null },
          extra: () => {
            insertSignature(this.db, { sessionId: a.row.id, userId: actor.userId, username: actor.username, displayName: actor.displayName, meaning: 'performed', signedAt: at });
            if (reviewer)
              insertSignature(this.db, { sessionId: a.row.id, userId: reviewer.userId, username: reviewer.username, displayName: reviewer.displayName, meaning: 'reviewed', signedAt: at });
          },
        },
      );
      return this.get(input.sessionId);
    });
  }

  abort(actor: Actor, input: { sessionId: number; reason: string }): Promise<SessionView> {
    return this.exclusive(async () => {
      const a = this.requireActive(input.sessionId);
      // The gun first: an aborted session must never leave an armed gun behind.
      if (a.ctx.armWindowId !== null) await this.disarmNow(a, actor, `session aborted: ${input.reason}`);
      else await this.deps.gun.disarm().catch(() => undefined);
      this.step(a, { type: 'ABORT', at: this.clock.now(), reason: input.reason, phase: a.phase }, { actor, reason: input.reason });
      return this.get(input.sessionId);
    });
  }

  /** Corrections to a closed record are new rows that reference it; the record itself never changes. */
  addendum(actor: Actor, input: { sessionId: number; text: string; reason: string }): Promise<SessionView> {
    return this.exclusive(async () => {
      const row = readSession(this.db, input.sessionId);
      if (!row) throw new CoreError('not-found', `there is no session ${input.sessionId}`, 'sessionId');
      if (row.status === 'in_progress') throw new CoreError('blocked', `session ${row.id} is still open (${row.phase}); addenda are for signed or aborted sessions`);
      const at = this.clock.now();
      inTransaction(this.db, () => {
        const id = insertAddendum(this.db, { sessionId: row.id, at, userId: actor.userId, username: actor.username, text: input.text, reason: input.reason });
        this.deps.audit.append({ actor, action: 'session.addendum', entity: 'clinical_session', entityId: row.id, newValue: { addendumId: id, text: input.text }, reason: input.reason });
      });
      return this.get(row.id);
    });
  }

  // ---------------------------------------------------------------- the gun's own news

  /**
   * From the link's 'status' events: a disarmed gun bounds pending windows; an unexpected disarm is
   * recorded; while armed, records the gun reports having made but the ledger does not hold yet
   * (lost or late on the line) are checked against the limits now, pessimistically.
   */
  handleGunStatus(gunSerial: string, status: GunStatus): void {
    const before = this.lastStatus.get(gunSerial)?.lastRecordId ?? 0;
    this.lastStatus.set(gunSerial, status);
    const w = this.windows.current();
    if (status.armed) {
      const a = this.active;
      if (a && w && w.gunSerial === gunSerial && !this.arming && status.lastRecordId > before) this.checkLimitsNow(a, w);
      return;
    }
    if (w && w.gunSerial === gunSerial && !this.arming) {
      this.windows.markClosing(w.id);
      const blocking = status.faults.filter(isBlockingFault);
      const reason = blocking.length > 0 ? `the gun disarmed itself: fault ${blocking.join(', ')}` : 'the gun disarmed itself (volume budget reached, needle, fault or lost heartbeat)';
      void this.exclusive(async () => this.recordGunDisarmed(w, reason, { atLimits: blocking.length === 0 }));
    }
    // A window now bounded tells how many records the gun made in it: an interruption's count of
    // records still missing becomes known, so the screens refresh.
    const a = this.active;
    if (this.windows.bound(gunSerial, status).length > 0 && a) this.emit({ type: 'session.changed', sessionId: a.row.id, phase: a.phase, step: a.step });
  }

  /** From the link's 'fault' events (blocking ones only): the gun disarmed itself; recorded on the session. */
  handleGunFault(f: { fault: ReportedFault; active: boolean; detail: string }): void {
    const w = this.windows.current();
    if (!w || this.arming) return;
    this.windows.markClosing(w.id);
    const reason = `gun fault while armed: ${f.fault}${f.detail ? ` (${f.detail})` : ''}; the gun disarmed itself`;
    void this.exclusive(async () => {
      await this.recordGunDisarmed(w, reason, { fault: f.fault });
      this.emit({ type: 'gun.stopped', sessionId: w.sessionId, reason: 'fault', message: reason });
    });
  }

  /**
   * From the link's 'commit-failed' event: a dose record could not be stored, so the limits can no
   * longer see what is delivered. Disarm at once (as a limit stop: the DISARM goes out before any
   * queued step), alert, record it, and refuse to arm until a commit succeeds again.
   */
  handleCommitFailed(error: Error): void {
    const first = this.ledgerFailure === null;
    this.ledgerFailure = error.message;
    const w = this.windows.current();
    // The gun re-sends the record every 300 ms and each attempt may fail again: one stop per episode.
    if (!w && !first) return;
    if (w) this.windows.markClosing(w.id);
    const disarming = this.deps.gun.disarm().then(
      () => null,
      (e: unknown) => (e as Error).message,
    );
    void this.exclusive(() => this.finishCommitFailureStop(w, error, disarming));
  }

  /**
   * The stop: disarms the gun whatever the session says (none, unreadable, any phase), for the
   * contract's gun.disarm and for lock, logout and auto-lock. DISARM goes out first, outside the
   * command queue, so a step in progress cannot delay it; then the act is audited (by the signed-in
   * user, or by the station when nobody is signed in), and recorded on the session if it had the gun
   * armed.
   */
  async disarmGun(by: DisarmRequest): Promise<{ acknowledged: boolean }> {
    const w = this.windows.current();
    if (w) this.windows.markClosing(w.id);
    const failure = await this.deps.gun.disarm().then(
      () => null,
      (e: unknown) => (e as Error).message,
    );
    await this.exclusive(async () => {
      const at = this.clock.now();
      const a = this.active;
      const words = DISARM_CAUSE_WORDS[by.cause];
      const reason = failure ? `${words} (disarm request failed: ${failure}; the gun disarms itself when the link is lost)` : words;
      const audit = () =>
        this.deps.audit.append({
          actor: by.actor,
          systemActor: by.actor ? null : (by.systemActor ?? null),
          action: 'gun.disarm',
          entity: a ? 'clinical_session' : 'gun',
          entityId: a ? a.row.id : (this.deps.gun.identity()?.serial ?? null),
          newValue: {
            cause: by.cause,
            acknowledged: failure === null,
            sessionId: a?.row.id ?? this.unreadable?.sessionId ?? null,
            ...(by.screenUser ? { screenUser: by.screenUser } : {}),
          },
          reason: failure,
        });
      if (a && a.ctx.armWindowId !== null) {
        const windowId = a.ctx.armWindowId;
        this.step(a, { type: 'DISARMED', at, reason }, { actor: by.actor, reason, detail: { cause: by.cause }, extra: () => (this.windows.persistClose(windowId, at, reason), audit()) });
      } else inTransaction(this.db, audit);
      await this.boundFromGun();
    });
    return { acknowledged: failure === null };
  }

  /**
   * Whether the gun may be armed now for `userId`'s session: the session in progress has an arming
   * on record (or the gun's last status said armed while nobody's session did), and that session is
   * theirs. Lock and logout of that user disarm first.
   */
  armedFor(userId: number): boolean {
    const a = this.active;
    const gunSaysArmed = this.deps.gun.identity() !== null && [...this.lastStatus.values()].some((st) => st.armed);
    if (a) return a.row.clinician_user_id === userId && (a.ctx.armWindowId !== null || gunSaysArmed);
    return gunSaysArmed;
  }

  /** The clinician whose session has the gun armed now (for shots counting as their activity). */
  armingClinician(): number | null {
    const a = this.active;
    return a && a.ctx.armWindowId !== null ? a.row.clinician_user_id : null;
  }

  /**
   * From the link's 'state' event, on 'ready': a gun that reconnected (or restarted, or a station
   * that restarted) holds no profile, so arming would be refused until someone sends it again. The
   * session's own profile, already checked against the serum's limits when it was set, goes back to
   * the same gun by itself; recorded as a PROFILE_SET step without a user. Nothing is sent while the
   * session is armed (a re-sent profile disarms the gun), to another gun (arming asks for the
   * profile to be set again, deliberately) or when the gun already holds the profile (a resync).
   * Resolves when done; never rejects (a failure is shown on the session instead).
   */
  handleGunReady(): Promise<void> {
    return this.exclusive(async () => {
      const a = this.active;
      // The link is back: interruptions by a lost link end now.
      for (const sessionId of endInterruptions(this.db, 'link-lost', this.clock.now())) {
        const where = a?.row.id === sessionId ? { phase: a.phase, step: a.step } : readSession(this.db, sessionId);
        if (where) this.emit({ type: 'session.changed', sessionId, phase: where.phase, step: where.step });
      }
      if (!a || (a.phase !== 'mesotherapy' && a.phase !== 'preparation')) return;
      const ctx = a.ctx;
      if (!ctx.profile || !ctx.gun || ctx.armWindowId !== null) return;
      const identity = this.deps.gun.identity();
      if (!identity || identity.serial !== ctx.gun.serial) return;
      const profile: DoseProfile = { ...ctx.profile };
      const held = this.deps.gun.echoedProfile();
      if (held && sameProfile(held, profile)) return;
      const sessionId = a.row.id;
      try {
        const gunProblem = checkProfile(profile, identity.limits);
        if (gunProblem) throw new Error(gunProblem.message);
        const echoed = await this.deps.gun.setProfile(profile);
        if (!sameProfile(echoed, profile)) throw new Error('the gun echoed a different profile than the one sent');
        if (this.active !== a || a.ctx.armWindowId !== null) return;
        this.resendFailures.delete(sessionId);
        const reason = 'the gun reconnected: the session profile was sent to it again';
        this.step(a, { type: 'PROFILE_SET', at: this.clock.now(), profile: { ...ctx.profile }, gun: { serial: identity.serial, model: identity.model, firmware: identity.firmware, simulated: identity.simulated } }, { actor: null, reason, detail: { profile, gunSerial: identity.serial, resent: true } });
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        this.resendFailures.set(sessionId, `the profile could not be sent to the gun again after it reconnected: ${why}`);
        (this.deps.logger ?? consoleLogger).error('automatic profile re-send failed', { sessionId, detail: why });
        // The screen reloads on this and offers the manual re-send.
        this.emit({ type: 'session.changed', sessionId, phase: a.phase, step: a.step });
      }
    });
  }

  /**
   * From the link's 'disconnected' event: the gun disarms itself within a second of silence. An armed
   * window is interrupted: recorded on the session, ended when the link is ready again.
   */
  handleGunDisconnected(): void {
    const w = this.windows.current();
    if (!w || this.arming) return;
    this.windows.markClosing(w.id);
    const at = this.clock.now();
    void this.exclusive(async () => {
      inTransaction(this.db, () => recordInterruption(this.db, { sessionId: w.sessionId, armWindowId: w.id, kind: 'link-lost', startedAt: at, endedAt: null }));
      await this.recordGunDisarmed(w, 'link to the gun lost; the gun disarms itself');
    });
  }

  // ---------------------------------------------------------------- internals

  private assertGunFitsMode(simulated: boolean): void {
    if (this.deps.mode === 'clinical' && simulated)
      throw refused('blocked', { code: 'gun.simulated-on-clinical' }, 'this gun is a simulator: it cannot be used on a clinical record; start the station in training mode to use it');
    if (this.deps.mode === 'training' && !simulated) throw refused('blocked', { code: 'gun.real-in-training' }, 'this is a real gun: training mode only drives the simulated gun');
  }

  private afterCommit(batch: readonly CommittedDose[]): void {
    // Records store again: the limits see what is delivered, arming may go on.
    this.ledgerFailure = null;
    for (const c of batch)
      if ('unattributed' in c.result)
        this.emit({ type: 'dose.unattributed', gunSerial: c.record.gunSerial, recordId: c.record.recordId, deliveredNl: c.record.deliveredNl, reason: c.result.unattributed });
    const a = this.active;
    const w = this.windows.current();
    if (!a || !w) return;
    if (!batch.some((c) => 'attributed' in c.result && c.result.attributed.armWindowId === w.id)) return;
    this.checkLimitsNow(a, w);
  }

  /** Runs synchronously from the commit: the DISARM request is queued before the link acks the record. */
  private checkLimitsNow(a: Active, w: ArmWindow): void {
    if (!w.open) return;
    let problems: LimitProblem[];
    try {
      problems = this.problemsForNextShot(a, w.zone);
    } catch (e) {
      // Cannot tell whether the next shot is safe: stop.
      problems = [{ kind: 'hard', scope: 'session', zone: null, totalNl: 0, limitNl: 0, message: `limit check failed: ${(e as Error).message}` }];
    }
    if (problems.length === 0) return;
    this.windows.markClosing(w.id);
    const disarming = this.deps.gun.disarm().then(
      () => null,
      (e: unknown) => (e as Error).message,
    );
    void this.exclusive(() => this.finishLimitStop(w, problems, disarming));
  }

  private async finishLimitStop(w: ArmWindow, problems: LimitProblem[], disarming: Promise<string | null>): Promise<void> {
    const failure = await disarming;
    const a = this.active;
    if (!a || a.row.id !== w.sessionId) return;
    const at = this.clock.now();
    const first = problems[0]!;
    const kind = first.kind === 'hard' ? 'hard_stop' : 'soft_stop';
    const reason = `${first.kind}-limit stop: ${first.message}${failure ? ` (disarm request failed: ${failure})` : ''}`;
    const writeEvents = () => {
      for (const p of problems.filter((x) => x.kind === first.kind))
        this.limitEvent(a, { kind, scope: p.scope, zone: p.zone, totalNl: p.totalNl, limitNl: p.limitNl, reason: null, detail: p.message, userId: null, at });
      this.windows.persistClose(w.id, at, reason);
    };
    if (a.ctx.armWindowId === w.id) this.step(a, { type: 'DISARMED', at, reason }, { actor: null, reason, extra: writeEvents });
    else inTransaction(this.db, writeEvents);
    for (const p of problems.filter((x) => x.kind === first.kind))
      this.emit({ type: 'limit.stop', sessionId: a.row.id, kind, scope: p.scope, zone: p.zone, message: p.message });
    await this.boundFromGun();
  }

  private async disarmNow(a: Active, actor: Actor | null, reason: string): Promise<void> {
    const w = this.windows.current();
    if (w) this.windows.markClosing(w.id);
    // The session's own window, even if an earlier stop closed it in memory but could not record it.
    const windowId = w?.id ?? a.ctx.armWindowId;
    const failure = await this.deps.gun.disarm().then(
      () => null,
      (e: unknown) => (e as Error).message,
    );
    const at = this.clock.now();
    const why = failure ? `${reason} (disarm request failed: ${failure}; the gun disarms itself when the link is lost)` : reason;
    if (a.ctx.armWindowId !== null)
      this.step(a, { type: 'DISARMED', at, reason: why }, { actor, reason: why, extra: () => (windowId !== null ? this.windows.persistClose(windowId, at, why) : undefined) });
    await this.boundFromGun();
  }

  /**
   * The gun disarmed itself. With `atLimits`, and a limit reached (the gun stopped at its volume
   * budget, the backstop for a station check that came late), the stop is recorded as a limit stop.
   */
  private async recordGunDisarmed(w: ArmWindow, reason: string, o: { atLimits?: boolean; fault?: ReportedFault } = {}): Promise<void> {
    const a = this.active;
    if (!a || a.row.id !== w.sessionId) return;
    const at = this.clock.now();
    let problems: LimitProblem[] = [];
    if (o.atLimits) {
      try {
        problems = this.problemsForNextShot(a, w.zone);
      } catch {
        problems = [];
      }
    }
    const first = problems[0];
    const kind = first?.kind === 'hard' ? 'hard_stop' : 'soft_stop';
    const stops = first ? problems.filter((p) => p.kind === first.kind) : [];
    const why = first ? `the gun stopped itself at its volume budget: ${first.message}` : reason;
    const extra = () => {
      this.windows.persistClose(w.id, at, why);
      for (const p of stops) this.limitEvent(a, { kind, scope: p.scope, zone: p.zone, totalNl: p.totalNl, limitNl: p.limitNl, reason: null, detail: `gun budget: ${p.message}`, userId: null, at });
    };
    const detail = o.fault ? { fault: o.fault } : first ? { budget: true } : undefined;
    if (a.ctx.armWindowId === w.id) this.step(a, { type: 'DISARMED', at, reason: why }, { actor: null, reason: why, detail, extra });
    else inTransaction(this.db, extra);
    for (const p of stops) this.emit({ type: 'limit.stop', sessionId: a.row.id, kind, scope: p.scope, zone: p.zone, message: p.message });
    if (first) this.emit({ type: 'gun.stopped', sessionId: a.row.id, reason: 'budget', message: why });
  }

  private async finishCommitFailureStop(w: ArmWindow | undefined, error: Error, disarming: Promise<string | null>): Promise<void> {
    const failure = await disarming;
    const a = this.active;
    const sessionId = w?.sessionId ?? a?.row.id ?? null;
    const message = `a dose record could not be stored (${error.message}): the gun was disarmed${failure ? ` (disarm request failed: ${failure}; the gun disarms itself when the link is lost)` : ''}; arming is refused until records store again`;
    this.emit({ type: 'gun.stopped', sessionId, reason: 'commit-failed', message });
    const at = this.clock.now();
    const audit = () =>
      this.deps.audit.append({ actor: null, action: 'gun.stopped', entity: 'clinical_session', entityId: sessionId, newValue: { reason: 'commit-failed', error: error.message, disarmAcknowledged: failure === null } });
    try {
      if (a && w && a.row.id === w.sessionId && a.ctx.armWindowId === w.id)
        this.step(a, { type: 'DISARMED', at, reason: message }, { actor: null, reason: message, extra: () => (this.windows.persistClose(w.id, at, message), audit()) });
      else
        inTransaction(this.db, () => {
          if (w) this.windows.persistClose(w.id, at, message);
          audit();
        });
    } catch (e) {
      // The database that refused the record (disk full, read-only) may refuse this too. The stop
      // happened anyway; say so in the log, without patient data.
      (this.deps.logger ?? consoleLogger).error('gun stopped: dose ledger commit failed; the stop could not be recorded', {
        sessionId,
        commitError: error.message,
        recordError: e instanceof Error ? e.message : String(e),
        disarmAcknowledged: failure === null,
      });
    }
  }

  /** Asks the (disarmed) gun for its last record id to bound the windows that wait for one. */
  private async boundFromGun(): Promise<void> {
    if (this.windows.unbounded().length === 0) return;
    const identity = this.deps.gun.identity();
    if (!identity) return; // bounded by handleGunStatus once the gun is back
    try {
      const st = await this.deps.gun.status();
      if (!st.armed) this.windows.bound(identity.serial, st);
    } catch {
      // Same: the next status after a reconnect bounds them.
    }
  }

  /**
   * Dose records the gun made for this session that the ledger does not hold yet (-1: unknown until
   * the gun reports itself disarmed). Every id above the
   * session's first window was made while this session had the gun (it fires only when armed, and
   * only this session arms it), so the disarmed gun's last record id says how many to expect.
   */
  private async missingRecords(): Promise<number> {
    await this.boundFromGun();
    const windows = this.windows.all();
    if (windows.some((w) => w.open || w.disarmedGunTimeMs === null)) return -1;
    const bySerial = new Map<string, { after: number; through: number }>();
    for (const w of windows) {
      const b = bySerial.get(w.gunSerial);
      const through = w.throughRecordId ?? w.afterRecordId;
      bySerial.set(w.gunSerial, b ? { after: Math.min(b.after, w.afterRecordId), through: Math.max(b.through, through) } : { after: w.afterRecordId, through });
    }
    // A shot under way at the disarm got the next id after the bound: ask the gun for its latest.
    const identity = this.deps.gun.identity();
    if (identity && bySerial.has(identity.serial)) {
      const st = await this.deps.gun.status().catch(() => null);
      const b = bySerial.get(identity.serial)!;
      if (st && !st.armed) b.through = Math.max(b.through, st.lastRecordId);
    }
    let missing = 0;
    for (const [serial, b] of bySerial) missing += b.through - b.after - this.deps.ledger.heldInRange(serial, b.after, b.through);
    return missing;
  }

  private problemsForNextShot(a: Active, zone: Zone): LimitProblem[] {
    if (!a.ctx.profile) return [];
    // Fail closed: without the serum's volume limits nothing says the next shot is safe.
    if (!a.limits)
      return [{ kind: 'hard', scope: 'session', zone: null, totalNl: 0, limitNl: 0, message: "the serum's volume limits could not be loaded from the library" }];
    return nextShotProblems({ ...this.limitInputs(a, zone, a.limits), doseNl: a.ctx.profile.doseNl });
  }

  private limitInputs(a: Active, zone: Zone, limits: VolumeLimits) {
    const acks = softAcks(this.db, a.row.id);
    return {
      zone,
      zoneTotalNl: zoneTotal(this.db, a.row.id, zone),
      sessionTotalNl: sessionTotal(this.db, a.row.id).deliveredNl,
      limits,
      acked: { zone: acks.zones.has(zone), session: acks.session },
      unconfirmed: this.unconfirmed(a, zone),
    };
  }

  /** What the gun may deliver while armed now (PROTOCOL.md, "Budget"); 0 without limits. */
  private budgetFor(a: Active, zone: Zone): number {
    return a.limits ? armBudgetNl(this.limitInputs(a, zone, a.limits)) : 0;
  }

  /** Refuses arming at a limit: a hard one is a recorded block (counted in review), a soft one needs its acknowledgement. */
  private refuseAtLimits(a: Active, zone: Zone, actor: Actor, problems: LimitProblem[]): void {
    const hard = problems.filter((p) => p.kind === 'hard');
    if (hard.length > 0) {
      const at = this.clock.now();
      inTransaction(this.db, () => {
        for (const p of hard) this.limitEvent(a, { kind: 'hard_block', scope: p.scope, zone: p.zone ?? (p.scope === 'zone' ? zone : null), totalNl: p.totalNl, limitNl: p.limitNl, reason: null, detail: `arming refused: ${p.message}`, userId: actor.userId, at });
      });
      throw new CoreError('blocked', `hard limit: ${hard.map((p) => p.message).join('; ')}`);
    }
    if (problems.length > 0) throw new CoreError('blocked', problems.map((p) => p.message).join('; '));
  }

  /**
   * Records the gun has made for this session that the ledger does not hold yet, from its last
   * STATUS: every id above the session's first window (the zone's first, for the zone) up to the
   * gun's last record id, less those held. Each counts as the largest dose of the session's profiles
   * plus the syringe's 10 %: the worst it can have delivered.
   */
  private unconfirmed(a: Active, zone: Zone): Unconfirmed {
    const windows = this.windows.all().filter((w) => w.sessionId === a.row.id);
    if (windows.length === 0) return NO_UNCONFIRMED;
    const missing = (serial: string, after: number, through: number) => (through > after ? through - after - this.deps.ledger.heldInRange(serial, after, through) : 0);
    let zoneRecords = 0;
    let sessionRecords = 0;
    for (const serial of new Set(windows.map((w) => w.gunSerial))) {
      const mine = windows.filter((w) => w.gunSerial === serial);
      const through = Math.max(this.lastStatus.get(serial)?.lastRecordId ?? 0, ...mine.map((w) => w.throughRecordId ?? 0));
      sessionRecords += missing(serial, Math.min(...mine.map((w) => w.afterRecordId)), through);
      const inZone = mine.filter((w) => w.zone === zone);
      if (inZone.length > 0) zoneRecords += missing(serial, Math.min(...inZone.map((w) => w.afterRecordId)), through);
    }
    if (sessionRecords === 0) return NO_UNCONFIRMED;
    const shot = pessimisticShotNl(this.maxDoseNl(a));
    return { records: sessionRecords, zoneNl: zoneRecords * shot, sessionNl: sessionRecords * shot };
  }

  /** The largest dose any profile of this session commanded (a record on its way may be from an earlier one). */
  private maxDoseNl(a: Active): number {
    const r = this.db
      .prepare("SELECT MAX(CAST(json_extract(detail, '$.profile.doseNl') AS INTEGER)) AS n FROM session_steps WHERE session_id = ? AND event = 'PROFILE_SET'")
      .get(a.row.id) as { n: number | null };
    return Math.max(r.n ?? 0, a.ctx.profile?.doseNl ?? 0);
  }

  private limitEvent(a: Active, e: Omit<LimitEventInput, 'sessionId'>): void {
    insertLimitEvent(this.db, { ...e, sessionId: a.row.id });
    this.deps.audit.append({
      actor: null,
      action: `limit.${e.kind}`,
      entity: 'clinical_session',
      entityId: a.row.id,
      newValue: { scope: e.scope, zone: e.zone, totalNl: e.totalNl, limitNl: e.limitNl, detail: e.detail, userId: e.userId },
      reason: e.reason,
    });
  }

  private checkSerum(a: Active, s: { serumVersionId: number; lotNumber: string; expiry: string }) {
    const version = this.deps.serum.version(s.serumVersionId);
    if (!version) throw new CoreError('not-found', `there is no serum version ${s.serumVersionId}`, 'serum.serumVersionId');
    const lot = this.deps.serum.lot(s.serumVersionId, s.lotNumber);
    if (!lot) throw new CoreError('blocked', `lot ${s.lotNumber} is not in the library for ${version.name}; add it first`, 'serum.lotNumber');
    if (lot.expiryDate !== s.expiry)
      throw new CoreError('blocked', `the expiry on the vial (${s.expiry}) does not match the library's for lot ${lot.lotNumber} (${lot.expiryDate}); check the vial`, 'serum.expiry');
    const today = localDate(this.clock.now());
    const patient = this.deps.patients.intake(a.row.patient_id);
    const problems = this.deps.serum.checkUse({
      versionId: version.versionId,
      lot,
      patientAllergies: patient?.allergies ?? [],
      anaestheticAllergy: patient?.anaestheticAllergy ?? false,
      contraindications: patient?.contraindications ?? [],
      today,
      patientId: a.row.patient_id,
      sessionId: a.row.id,
    });
    // Never rely on the library alone for expiry: an expired lot is refused here too.
    if (lot.expiryDate < today && !problems.some((p) => p.code === 'lot.expired'))
      problems.unshift({ code: 'lot.expired', params: { lot: lot.lotNumber, expiry: lot.expiryDate }, message: `lot ${lot.lotNumber} expired on ${lot.expiryDate}` });
    if (problems.length > 0) throw refused('blocked', { code: problems[0]!.code, params: problems[0]!.params ?? {} }, problems.map((p) => p.message).join('; '), 'serum');
    return {
      versionId: version.versionId,
      state: { serumVersionId: version.versionId, name: version.name, lotId: lot.id, lotNumber: lot.lotNumber, expiry: lot.expiryDate },
    };
  }

  /** Zone targets: the patient's plan's (for this serum), else the session's soft volume spread evenly (within the zone's soft cap). */
  private defaultTargets(a: Active, versionId: number): Partial<Record<Zone, number>> {
    const plan = this.deps.courses.zoneTargets?.({ patientId: a.row.patient_id, serumVersionId: versionId }) ?? null;
    if (plan) return plan;
    const v = this.deps.serum.version(versionId);
    if (!v) return {};
    const each = Math.min(v.zoneVolume.softMaxNl, Math.floor(v.sessionVolume.softMaxNl / 8));
    return { frontal: each, mid_scalp: each, vertex: each, temporal_left: each, temporal_right: each, parietal_left: each, parietal_right: each, occipital: each };
  }

  private refreshLimits(a: Active): void {
    a.limits = this.limitsFor(a.ctx.serum?.serumVersionId ?? null);
    this.windows.setBase(this.baseOf(a));
  }

  private limitsFor(versionId: number | null): VolumeLimits | null {
    if (versionId === null) return null;
    const v = this.deps.serum.version(versionId);
    if (!v) return null;
    return { zoneSoftNl: v.zoneVolume.softMaxNl, zoneHardNl: v.zoneVolume.hardMaxNl, sessionSoftNl: v.sessionVolume.softMaxNl, sessionHardNl: v.sessionVolume.hardMaxNl };
  }

  private baseOf(a: Active): AttributionBase | null {
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

  private loadActive(row: SessionRow): Active {
    const stored = storedOf(row);
    const snap = upgradeSnapshot(stored) as { value?: unknown; context?: SessionContext };
    if (!snap.context || snap.value === undefined) throw new CoreError('internal', `session ${row.id}: the saved workflow has no state`);
    // Restoring proves the snapshot fits the machine (an unknown state name throws here).
    restoreActor(stored, row.id).stop();
    const { phase, step } = phaseOf(snap.value);
    return { row, stored, ctx: snap.context, phase, step, limits: this.limitsFor(snap.context.serum?.serumVersionId ?? null) };
  }

  private requireActive(sessionId: number): Active {
    const a = this.active;
    if (a && a.row.id === sessionId) return a;
    const row = readSession(this.db, sessionId);
    if (!row) throw new CoreError('not-found', `there is no session ${sessionId}`, 'sessionId');
    throw new CoreError('blocked', `session ${sessionId} is ${row.status} (${row.phase} phase); corrections are addenda`);
  }

  private assertCan(a: Active, event: SessionEvent, needs?: string): void {
    const x = restoreActor(a.stored, a.row.id);
    try {
      if (!x.getSnapshot().can(event)) throw blockedFor(event.type, a.row.id, a.phase, a.step, needs);
    } finally {
      x.stop();
    }
  }

  /** One accepted workflow event: snapshot, step row, mirrored columns and audit in one transaction. */
  private step(a: Active, event: SessionEvent, o: StepOptions): void {
    const x = restoreActor(a.stored, a.row.id);
    try {
      if (!x.getSnapshot().can(event)) throw blockedFor(event.type, a.row.id, a.phase, a.step);
      x.send(event);
      const next = x.getSnapshot();
      const stored = encodeSnapshot(x);
      const { phase, step } = phaseOf(next.value);
      const status: SessionStatus = phase === 'signed' ? 'signed' : phase === 'aborted' ? 'aborted' : 'in_progress';
      const ctx = next.context;
      inTransaction(this.db, () => {
        o.extra?.();
        updateSession(this.db, a.row.id, {
          phase,
          step,
          at: event.at,
          snapshot: stored,
          status,
          serumVersionId: ctx.serum?.serumVersionId ?? null,
          lotId: ctx.serum?.lotId ?? null,
          lotNumber: ctx.serum?.lotNumber ?? null,
          gunSerial: ctx.gun?.serial ?? null,
        });
        insertStep(this.db, { sessionId: a.row.id, at: event.at, userId: o.actor?.userId ?? null, event: event.type, before: a.phase, after: phase, detail: o.detail });
        this.deps.audit.append({
          actor: o.actor,
          action: `session.${event.type.toLowerCase().replace(/_/g, '-')}`,
          entity: 'clinical_session',
          entityId: a.row.id,
          oldValue: { phase: a.phase, step: a.step },
          newValue: { phase, step, ...(o.detail && typeof o.detail === 'object' ? o.detail : {}) },
          reason: o.reason ?? null,
        });
      });
      Object.assign(a, { stored, ctx, phase, step, row: { ...a.row, status, phase, step } });
      if (status !== 'in_progress') {
        this.active = null;
        this.windows.load(null);
      }
      this.emit({ type: 'session.changed', sessionId: a.row.id, phase, step });
    } finally {
      x.stop();
    }
  }

  private viewOf(a: Active): SessionView {
    const serumName = a.ctx.serum ? (this.deps.serum.version(a.ctx.serum.serumVersionId)?.name ?? null) : null;
    const row = readSession(this.db, a.row.id) ?? a.row;
    return buildView(this.db, {
      row,
      ctx: a.ctx,
      phase: a.phase,
      step: a.step,
      limits: a.limits,
      serumName,
      now: this.clock.now(),
      profileResendError: this.resendFailures.get(a.row.id) ?? null,
    });
  }

  private emit(e: SessionsEvent): void {
    for (const l of this.listeners)
      try {
        l(e);
      } catch (err) {
        (this.deps.logger ?? consoleLogger).error('sessions event listener failed', describeUnexpected(err));
      }
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
