// The session workflow service: the one door the handlers, the gun link's events and the stop use.
// It owns the command queue (commands run one at a time; only a stop's DISARM goes out before its
// turn) and turns each command's result into the session's view. The work itself is done by modules
// with one job each:
//   workflowStore  the session in progress and the one way it moves on (a step in one transaction)
//   volumeGuard    the only builder of the volume limits' inputs (arming, the stop, the view)
//   completeness   which dose records the gun made that the ledger does not hold yet
//   gunStops       the one stop-and-record path for every way the gun ends up disarmed
//   gunNews        the link's news (status, fault, lost link, reconnection, commits)
//   thermoSteps, preparation, arming, sessionEnd: the workflow's phases
import type { GunStatus } from '../../../device/link/index.js';
import type { ReportedFault } from '../../../device/protocol/index.js';
import type { ChecklistItem, WorkflowEvent, SessionView, ShotView, UnattributedRecordView, Zone } from '../../contract/sessions.js';
import type { StationMode } from '../../contract/station.js';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../clock.js';
import { refused, notFound } from '../errors.js';
import type { CoreBus } from '../bus.js';
import { consoleLogger, type Logger } from '../logger.js';
import type { Ledger } from '../ledger/ledger.js';
import { inTransaction, type Db } from '../storage/db.js';
import { Arming } from './arming.js';
import { ArmWindows } from './armWindows.js';
import { RecordCompleteness } from './completeness.js';
import { localDate } from './dates.js';
import { GunFacts } from './gunFacts.js';
import { GunNews } from './gunNews.js';
import { GunStops, type DisarmRequest } from './gunStops.js';
import { checkIntake, type IntakeInput } from './intake.js';
import { endInterruptions, lastSignOfLife, recordInterruption } from './interruptions.js';
import type { ProfileState, ThermoStage } from './machine.js';
import { DEFAULT_SESSION_SETTINGS, type CoursePort, type CredentialsPort, type GunPort, type PatientPort, type SerumPort, type SessionSettings, type RecordDeps } from './ports.js';
import { Preparation, type PrepareInput } from './preparation.js';
import { CommandQueue } from './queue.js';
import { listShots, readSession } from './repo.js';
import { SessionEnd } from './sessionEnd.js';
import { ThermoSteps } from './thermoSteps.js';
import { buildView } from './view.js';
import { VolumeGuard } from './volumeGuard.js';
import { WorkflowStore, type Active } from './workflowStore.js';

export type { DisarmCause, DisarmRequest } from './gunStops.js';

export interface SessionServiceDeps extends RecordDeps {
  ledger: Ledger;
  /** Publishes the workflow's events ('workflow.event'); hears the ledger's commits ('ledger.committed'). */
  bus: CoreBus;
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

type AdminApproval = { username: string; password: string };

export class SessionService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly queue = new CommandQueue();
  private readonly windows: ArmWindows;
  private readonly facts = new GunFacts();
  private readonly store: WorkflowStore;
  private readonly guard: VolumeGuard;
  private readonly completeness: RecordCompleteness;
  private readonly stops: GunStops;
  private readonly news: GunNews;
  private readonly thermoSteps: ThermoSteps;
  private readonly preparation: Preparation;
  private readonly arming: Arming;
  private readonly end: SessionEnd;

  constructor(private readonly deps: SessionServiceDeps) {
    const { db, clock, audit, gun, ledger } = deps;
    this.db = db;
    this.clock = clock;
    this.logger = deps.logger ?? consoleLogger;
    const emit = (e: WorkflowEvent) => deps.bus.emit('workflow.event', e);
    const queue = this.queue;
    const facts = this.facts;
    const windows = (this.windows = new ArmWindows(db));
    const completeness = (this.completeness = new RecordCompleteness({ gun, windows, ledger, facts }));
    const guard = (this.guard = new VolumeGuard({ db, clock, audit, serum: deps.serum, completeness }));
    const store = (this.store = new WorkflowStore({ db, audit, windows, limitsFor: (v) => guard.limitsFor(v), emit }));
    const stops = (this.stops = new GunStops({ db, clock, audit, gun, windows, store, guard, completeness, queue, emit, logger: this.logger }));
    this.news = new GunNews({ db, clock, gun, windows, facts, store, stops, queue, emit, logger: this.logger });
    this.thermoSteps = new ThermoSteps({ clock, store, credentials: deps.credentials, settings: deps.settings ?? DEFAULT_SESSION_SETTINGS });
    this.preparation = new Preparation({ db, clock, audit, gun, serum: deps.serum, patients: deps.patients, courses: deps.courses, store, guard, facts, mode: deps.mode });
    this.arming = new Arming({ db, clock, audit, gun, ledger, windows, facts, store, guard, stops });
    this.end = new SessionEnd({ db, clock, audit, gun, credentials: deps.credentials, store, stops, completeness });
    ledger.setAttributionSource(windows);
    deps.bus.on('ledger.committed', (batch) => this.news.committed(batch));
  }

  /** Resolves when every queued step (including a limit stop's bookkeeping) has run. */
  whenIdle(): Promise<void> {
    return this.queue.idle();
  }

  /**
   * After a start or a restart: the session in progress comes back in its phase. The gun cannot still
   * be armed (it disarms itself when the station goes silent, and every new connection disarms it), so
   * an armed snapshot is recorded as disarmed, and its window waits for the gun's last record id.
   */
  init(): Promise<void> {
    return this.queue.run(async () => {
      const a = this.store.restore();
      const unreadable = this.store.unreadable;
      if (unreadable)
        // The station still starts (doses keep being recorded, as unattributed); the session waits
        // for a build that understands it.
        this.logger.error('session cannot be restored', { sessionId: unreadable.sessionId, code: unreadable.error.code, detail: unreadable.error.message });
      if (!a) return;
      const now = this.clock.now();
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
        this.store.step(a, { type: 'DISARMED', at: now, reason: 'station restarted' }, { actor: null, reason: 'station restarted while armed; the gun disarms itself', detail: { cause: 'station-restart' }, extra: closeOpen });
      else inTransaction(this.db, closeOpen);
    });
  }

  // ---------------------------------------------------------------- reads

  get(sessionId: number): SessionView {
    return this.viewOf(this.store.read(sessionId));
  }

  getActive(): SessionView | null {
    const a = this.store.active;
    return a ? this.viewOf(a) : null;
  }

  /** The id of the session in progress, without building its view. */
  getActiveId(): number | null {
    return this.store.active?.row.id ?? null;
  }

  /** The session's dose records in firing order (any session: open, signed or aborted). */
  shots(sessionId: number): ShotView[] {
    if (!readSession(this.db, sessionId)) throw notFound('session', sessionId, 'sessionId');
    return listShots(this.db, sessionId);
  }

  unattributed(limit: number, offset: number): UnattributedRecordView[] {
    return this.deps.ledger.unattributed(limit, offset);
  }

  // ---------------------------------------------------------------- intake

  start(actor: Actor, input: { patientId: number; courseId?: number; intake: IntakeInput['intake'] & { notes?: string } }): Promise<SessionView> {
    return this.queue.run(async () => {
      const { unreadable, active } = this.store;
      if (unreadable) throw refused('conflict', { code: 'session.open-unreadable', params: { sessionId: unreadable.sessionId } }, `session ${unreadable.sessionId} is open but cannot be read: ${unreadable.error.message}`);
      if (active) throw refused('conflict', { code: 'session.in-progress', params: { sessionId: active.row.id, phase: active.phase } }, `session ${active.row.id} is still in progress (${active.phase}); finish or abort it first`);
      const intake = await checkIntake(this.deps, input, localDate(this.clock.now()));
      const { courseId, warnings } = intake;
      if (input.courseId !== undefined && input.courseId !== courseId)
        throw refused('conflict', { code: 'session.course-not-running', params: { courseId: input.courseId } }, `course ${input.courseId} is not the patient's running course${courseId ? ` (that is ${courseId})` : ''}; reload the patient`, 'courseId');
      const a = this.store.create({
        actor,
        patientId: input.patientId,
        courseId,
        at: this.clock.now(),
        notes: input.intake.notes ?? null,
        warnings,
        intakeDetail: intake.detail,
        reason: input.intake.tooEarlyReason ?? null,
      });
      return this.viewOf(a);
    });
  }

  // ---------------------------------------------------------------- thermotherapy

  thermo(actor: Actor, input: { sessionId: number; stage: ThermoStage }, what: 'start' | 'pause' | 'resume'): Promise<SessionView> {
    return this.command(async () => this.thermoSteps.timer(actor, input, what));
  }

  /** A checklist item ticked or unticked: recorded as a step with its time. */
  checkThermo(actor: Actor, input: { sessionId: number; stage: ThermoStage; item: ChecklistItem; checked: boolean }): Promise<SessionView> {
    return this.command(async () => this.thermoSteps.check(actor, input));
  }

  /** Completing a stage; early only with a reason and an admin's approval (thermoSteps.ts). */
  completeThermo(actor: Actor, input: { sessionId: number; stage: ThermoStage; early?: { reason: string; admin: AdminApproval } }): Promise<SessionView> {
    return this.command(() => this.thermoSteps.complete(actor, input));
  }

  /** Skipping thermotherapy makes the injections more painful: an admin approves it with their password. */
  skipThermo(actor: Actor, input: { sessionId: number; reason: string; admin: AdminApproval }): Promise<SessionView> {
    return this.command(() => this.thermoSteps.skip(actor, input));
  }

  // ---------------------------------------------------------------- preparation

  prepare(actor: Actor, input: PrepareInput): Promise<SessionView> {
    return this.command(async () => this.preparation.prepare(actor, input));
  }

  setProfile(actor: Actor, input: { sessionId: number; profile: ProfileState; softOverrideReason?: string }): Promise<SessionView> {
    return this.command(() => this.preparation.setProfile(actor, input));
  }

  // ---------------------------------------------------------------- mesotherapy

  selectZone(actor: Actor, input: { sessionId: number; zone: Zone }): Promise<SessionView> {
    return this.command(async () => this.arming.selectZone(actor, input));
  }

  arm(actor: Actor, input: { sessionId: number }): Promise<SessionView> {
    return this.command(() => this.arming.arm(actor, input));
  }

  disarm(actor: Actor, input: { sessionId: number }): Promise<SessionView> {
    return this.command(() => this.arming.disarm(actor, input));
  }

  ackSoftLimit(actor: Actor, input: { sessionId: number; scope: 'zone' | 'session'; zone?: Zone; reason: string }): Promise<SessionView> {
    return this.command(async () => this.arming.ackSoftLimit(actor, input));
  }

  // ---------------------------------------------------------------- closing, signature, abort

  closing(actor: Actor, input: { sessionId: number; oilSerumApplied: true; aftercareGiven: true; notes?: string }): Promise<SessionView> {
    return this.command(() => this.end.closing(actor, input));
  }

  sign(actor: Actor, input: { sessionId: number; password: string; reviewedBy?: { username: string; password: string } }): Promise<SessionView> {
    return this.command(() => this.end.sign(actor, input));
  }

  abort(actor: Actor, input: { sessionId: number; reason: string }): Promise<SessionView> {
    return this.command(() => this.end.abort(actor, input));
  }

  /** Corrections to a closed record are new rows that reference it; the record itself never changes. */
  addendum(actor: Actor, input: { sessionId: number; text: string; reason: string }): Promise<SessionView> {
    return this.command(async () => this.end.addendum(actor, input));
  }

  // ---------------------------------------------------------------- the gun's own news (gunNews.ts)

  handleGunStatus(gunSerial: string, status: GunStatus): void {
    this.news.status(gunSerial, status);
  }

  /** From the link's 'fault' events (blocking ones only): the gun disarmed itself; recorded on the session. */
  handleGunFault(f: { fault: ReportedFault; active: boolean; detail: string }): void {
    this.news.fault(f);
  }

  /** From the link's 'commit-failed' event: the gun is stopped at once; arming waits for a good commit. */
  handleCommitFailed(error: Error): void {
    this.news.commitFailed(error);
  }

  /** From the link's 'state' event, on 'ready': the session's profile goes back to a gun that forgot it. Never rejects. */
  handleGunReady(): Promise<void> {
    return this.news.ready();
  }

  /** From the link's 'disconnected' event: an armed window is interrupted and recorded. */
  handleGunDisconnected(): void {
    this.news.disconnected();
  }

  /**
   * The stop: disarms the gun whatever the session says (none, unreadable, any phase), for the
   * contract's gun.disarm and for lock, logout and auto-lock. DISARM goes out first, outside the
   * command queue, so a step in progress cannot delay it; then the act is audited and recorded.
   */
  disarmGun(by: DisarmRequest): Promise<{ acknowledged: boolean }> {
    return this.stops.byRequest(by);
  }

  /**
   * Whether the gun may be armed now for `userId`'s session: the session in progress has an arming
   * on record (or the gun's last status said armed while nobody's session did), and that session is
   * theirs. Lock and logout of that user disarm first.
   */
  armedFor(userId: number): boolean {
    const a = this.store.active;
    const gunSaysArmed = this.deps.gun.identity() !== null && this.facts.anyArmed();
    if (a) return a.row.clinician_user_id === userId && (a.ctx.armWindowId !== null || gunSaysArmed);
    return gunSaysArmed;
  }

  /** The clinician whose session has the gun armed now (for shots counting as their activity). */
  armingClinician(): number | null {
    const a = this.store.active;
    return a && a.ctx.armWindowId !== null ? a.row.clinician_user_id : null;
  }

  // ---------------------------------------------------------------- internals

  /** A queued command on one session, answered with that session's view as it committed. */
  private command(fn: () => Promise<number>): Promise<SessionView> {
    return this.queue.run(async () => this.get(await fn()));
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
      softAcksNeeded: this.guard.softAcksNeeded(a),
      profileResendError: this.facts.resendFailures.get(a.row.id) ?? null,
    });
  }
}
