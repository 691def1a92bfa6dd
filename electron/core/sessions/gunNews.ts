// The gun's own news, as the link reports it (wiring.ts attaches these): its status, blocking
// faults, a lost link, a reconnection, a dose record the ledger could not store, and each batch the
// ledger did store. Each is turned into what the session must know: a stop recorded, a limit checked
// before the next shot, the profile sent back to a gun that forgot it, a screen told to refresh.
import { isLinkError, type GunStatus } from '../../../device/link/index.js';
import { checkProfile, isBlockingFault, sameProfile, type DoseProfile, type ReportedFault } from '../../../device/protocol/index.js';
import type { WorkflowEvent } from '../../contract/sessions.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { CommittedDose } from '../ledger/types.js';
import { inTransaction, type Db } from '../storage/db.js';
import type { ArmWindows } from './armWindows.js';
import type { GunFacts } from './gunFacts.js';
import type { GunStops } from './gunStops.js';
import { endInterruptions, recordInterruption } from './interruptions.js';
import type { GunPort } from './ports.js';
import type { CommandQueue } from './queue.js';
import { readSession } from './repo.js';
import type { WorkflowStore } from './workflowStore.js';

export interface GunNewsDeps {
  db: Db;
  clock: Clock;
  gun: GunPort;
  windows: ArmWindows;
  facts: GunFacts;
  store: WorkflowStore;
  stops: GunStops;
  queue: CommandQueue;
  emit(e: WorkflowEvent): void;
  logger: Logger;
}

export class GunNews {
  constructor(private readonly o: GunNewsDeps) {}

  /**
   * A STATUS: a disarmed gun bounds pending windows; an unexpected disarm is recorded; while armed,
   * records the gun reports having made but the ledger does not hold yet (lost or late on the line)
   * are checked against the limits now, pessimistically.
   */
  status(gunSerial: string, status: GunStatus): void {
    const { facts, windows, store } = this.o;
    const before = facts.noteStatus(gunSerial, status);
    const w = windows.current();
    if (status.armed) {
      const a = store.active;
      if (a && w && w.gunSerial === gunSerial && !facts.arming && status.lastRecordId > before) this.o.stops.beforeNextShot(a, w);
      return;
    }
    if (w && w.gunSerial === gunSerial && !facts.arming) {
      const blocking = status.faults.filter(isBlockingFault);
      const reason = blocking.length > 0 ? `the gun disarmed itself: fault ${blocking.join(', ')}` : 'the gun disarmed itself (volume budget reached, needle, fault or lost heartbeat)';
      void this.o.stops.gunDisarmedItself(w, reason, { atLimits: blocking.length === 0 });
    }
    // A window now bounded tells how many records the gun made in it: an interruption's count of
    // records still missing becomes known, so the screens refresh.
    const a = store.active;
    if (windows.bound(gunSerial, status).length > 0 && a) this.o.emit({ type: 'session.changed', sessionId: a.row.id, phase: a.phase, step: a.step });
  }

  /** A blocking fault while armed: the gun disarmed itself; recorded on the session, and said at once. */
  fault(f: { fault: ReportedFault; active: boolean; detail: string }): void {
    const w = this.o.windows.current();
    if (!w || this.o.facts.arming) return;
    const reason = `gun fault while armed: ${f.fault}${f.detail ? ` (${f.detail})` : ''}; the gun disarmed itself`;
    this.o.windows.markClosing(w.id);
    void this.o.queue.run(async () => {
      await this.o.stops.gunDisarmedItself(w, reason, { fault: f.fault, inCommand: true });
      this.o.emit({ type: 'gun.stopped', sessionId: w.sessionId, reason: 'fault', what: { code: 'stop.fault', params: { fault: f.fault } } });
    });
  }

  /** The link is lost: the gun disarms itself within a second of silence; an armed window is interrupted. */
  disconnected(): void {
    const w = this.o.windows.current();
    if (!w || this.o.facts.arming) return;
    this.o.windows.markClosing(w.id);
    const at = this.o.clock.now();
    void this.o.queue.run(async () => {
      inTransaction(this.o.db, () => recordInterruption(this.o.db, { sessionId: w.sessionId, armWindowId: w.id, kind: 'link-lost', startedAt: at, endedAt: null }));
      await this.o.stops.gunDisarmedItself(w, 'link to the gun lost; the gun disarms itself', { inCommand: true });
    });
  }

  /**
   * A dose record could not be stored, so the limits can no longer see what is delivered. Disarm at
   * once (the DISARM goes out before any queued step), alert, record it, and refuse to arm until a
   * commit succeeds again.
   */
  commitFailed(error: Error): void {
    const first = this.o.facts.ledgerFailure === null;
    this.o.facts.ledgerFailure = error.message;
    // The gun re-sends the record every 300 ms and each attempt may fail again: one stop per episode.
    if (!this.o.windows.current() && !first) return;
    this.o.stops.commitFailed(error);
  }

  /** Records stored: the limits see what is delivered again, and the next shot is checked. */
  committed(batch: readonly CommittedDose[]): void {
    this.o.facts.ledgerFailure = null;
    for (const c of batch)
      if ('unattributed' in c.result)
        this.o.emit({ type: 'dose.unattributed', gunSerial: c.record.gunSerial, recordId: c.record.recordId, deliveredNl: c.record.deliveredNl, reason: c.result.unattributed });
    const a = this.o.store.active;
    const w = this.o.windows.current();
    if (!a || !w) return;
    if (!batch.some((c) => 'attributed' in c.result && c.result.attributed.armWindowId === w.id)) return;
    this.o.stops.beforeNextShot(a, w);
  }

  /**
   * The link is ready again ('ready' after every (re)connection): a gun that reconnected (or restarted,
   * or a station that restarted) holds no profile. The session's own, already checked against the
   * serum's limits, goes back to the same gun by itself, recorded as a PROFILE_SET step without a user.
   * Nothing is sent while armed (a re-sent profile disarms the gun), to another gun (arming asks for the
   * profile to be set again, deliberately) or when the gun already holds it. Never rejects.
   */
  ready(): Promise<void> {
    return this.o.queue.run(async () => {
      const { store, gun, facts } = this.o;
      const a = store.active;
      // The link is back: interruptions by a lost link end now.
      for (const sessionId of endInterruptions(this.o.db, 'link-lost', this.o.clock.now())) {
        const where = a?.row.id === sessionId ? { phase: a.phase, step: a.step } : readSession(this.o.db, sessionId);
        if (where) this.o.emit({ type: 'session.changed', sessionId, phase: where.phase, step: where.step });
      }
      if (!a || (a.phase !== 'mesotherapy' && a.phase !== 'preparation')) return;
      const ctx = a.ctx;
      if (!ctx.profile || !ctx.gun || ctx.armWindowId !== null) return;
      const identity = gun.identity();
      if (!identity || identity.serial !== ctx.gun.serial) return;
      const profile: DoseProfile = { ...ctx.profile };
      const held = gun.echoedProfile();
      if (held && sameProfile(held, profile)) return;
      const sessionId = a.row.id;
      try {
        const gunProblem = checkProfile(profile, identity.limits);
        if (gunProblem) throw new Error(gunProblem.message);
        const echoed = await gun.setProfile(profile);
        if (!sameProfile(echoed, profile)) throw new Error('the gun echoed a different profile than the one sent');
        if (store.active !== a || a.ctx.armWindowId !== null) return;
        facts.resendFailures.delete(sessionId);
        const reason = 'the gun reconnected: the session profile was sent to it again';
        const gunState = { serial: identity.serial, model: identity.model, firmware: identity.firmware, simulated: identity.simulated };
        store.step(a, { type: 'PROFILE_SET', at: this.o.clock.now(), profile: { ...ctx.profile }, gun: gunState }, { actor: null, reason, detail: { profile, gunSerial: identity.serial, resent: true } });
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        facts.resendFailures.set(sessionId, { code: 'gun.profile-resend-failed', params: { linkCode: isLinkError(e) ? e.code : null } });
        this.o.logger.error('automatic profile re-send failed', { sessionId, detail: why });
        // The screen reloads on this and offers the manual re-send.
        this.o.emit({ type: 'session.changed', sessionId, phase: a.phase, step: a.step });
      }
    });
  }
}
