// Every way the gun ends up disarmed, through one stop-and-record path: the arm window is marked
// closing at once (no later limit check touches it), DISARM goes out before any queued step (unless
// the gun already disarmed itself), and when the stop's turn comes the close is recorded: a DISARMED
// step if it ends the session's arming, else the window's close alone, with whatever belongs to the
// same act (limit events, audit rows) in the same transaction. The causes differ only in their words,
// what else they write, and what they announce.
import type { ReportedFault } from '../../../device/protocol/index.js';
import type { WorkflowEvent } from '../../contract/sessions.js';
import type { Actor } from '../access/actor.js';
import type { Logger } from '../logger.js';
import { inTransaction } from '../storage/db.js';
import type { ArmWindow, ArmWindows } from './armWindows.js';
import type { RecordCompleteness } from './completeness.js';
import type { LimitProblem } from './limits.js';
import type { GunPort, RecordDeps } from './ports.js';
import type { CommandQueue } from './queue.js';
import type { VolumeGuard } from './volumeGuard.js';
import type { Active, WorkflowStore } from './workflowStore.js';

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

/** What a stop records, decided when its turn comes (the session and the limits as they are then). */
interface StopRecord {
  reason: string;
  detail?: unknown;
  /** Writes in the same transaction as the close (limit events, audit rows). */
  write?(at: number): void;
  /** After the close is recorded: alerts to the windows. */
  announce?(): void;
}

export interface StopOrder {
  /** The window the stop closes: the current one when not given. */
  window?: ArmWindow;
  /** DISARM goes out first, at once (false: the gun disarmed itself). */
  disarm: boolean;
  /** Already running as a queued command (a step that disarms on its way). */
  inCommand?: boolean;
  /** Recorded only for the window's own session: a stop the gun or the limits made for it. */
  windowSessionOnly?: boolean;
  /**
   * With no open window, still end the session's arming on record: an earlier stop closed the window
   * in memory, and may not have been able to record it.
   */
  endsSessionArming?: boolean;
  actor: Actor | null;
  record(a: Active | null, failure: string | null, w: ArmWindow | undefined): StopRecord;
  /** Then ask the disarmed gun for its last record id (it bounds the window). */
  bound?: boolean;
  /** Recording failed (the database that refused a record may refuse this too): the stop happened anyway. */
  recordFailed?(e: unknown, failure: string | null, w: ArmWindow | undefined): void;
}

export interface GunStopsDeps extends RecordDeps {
  gun: GunPort;
  windows: ArmWindows;
  store: WorkflowStore;
  guard: Pick<VolumeGuard, 'nextShot' | 'record'>;
  completeness: Pick<RecordCompleteness, 'boundFromGun'>;
  queue: CommandQueue;
  emit(e: WorkflowEvent): void;
  logger: Logger;
}

/** The DISARM request's outcome: null when acknowledged, else why not. Never rejects. */
function disarmAnswer(gun: GunPort): Promise<string | null> {
  return gun.disarm().then(
    () => null,
    (e: unknown) => (e as Error).message,
  );
}

const failed = (failure: string | null) => (failure ? ` (disarm request failed: ${failure}; the gun disarms itself when the link is lost)` : '');

export class GunStops {
  constructor(private readonly o: GunStopsDeps) {}

  /** The one stop-and-record path. Everything before its first await runs at once, in the caller's turn. */
  stop(order: StopOrder): Promise<{ acknowledged: boolean }> {
    const w = order.window ?? this.o.windows.current();
    if (w) this.o.windows.markClosing(w.id);
    const disarming = order.disarm ? disarmAnswer(this.o.gun) : Promise.resolve(null);
    const finish = async () => {
      const failure = await disarming;
      await this.record(order, w, failure);
      return { acknowledged: failure === null };
    };
    return order.inCommand ? finish() : this.o.queue.run(finish);
  }

  /**
   * The stop (gun.disarm, lock, logout, auto-lock): disarms the gun whatever the session says (none,
   * unreadable, any phase), audited by the signed-in user, or by the station when nobody is signed in.
   */
  byRequest(by: DisarmRequest): Promise<{ acknowledged: boolean }> {
    return this.stop({
      disarm: true,
      endsSessionArming: true,
      actor: by.actor,
      bound: true,
      record: (a, failure) => ({
        reason: `${DISARM_CAUSE_WORDS[by.cause]}${failed(failure)}`,
        detail: { cause: by.cause },
        write: () =>
          this.o.audit.append({
            actor: by.actor,
            systemActor: by.actor ? null : (by.systemActor ?? null),
            action: 'gun.disarm',
            entity: a ? 'clinical_session' : 'gun',
            entityId: a ? a.row.id : (this.o.gun.identity()?.serial ?? null),
            newValue: {
              cause: by.cause,
              acknowledged: failure === null,
              sessionId: a?.row.id ?? this.o.store.unreadable?.sessionId ?? null,
              ...(by.screenUser ? { screenUser: by.screenUser } : {}),
            },
            reason: failure,
          }),
      }),
    });
  }

  /** A command that ends the arming on its way (disarm, finishing mesotherapy, abort): runs in its turn. */
  async inCommand(actor: Actor | null, reason: string): Promise<void> {
    await this.stop({ disarm: true, inCommand: true, endsSessionArming: true, actor, bound: true, record: (_a, failure) => ({ reason: `${reason}${failed(failure)}` }) });
  }

  /**
   * The station's rule before the next shot, run synchronously from a commit (or a STATUS) so the
   * DISARM request is queued before the link acks the record: a shot that would pass a limit stops
   * the gun now, recorded as a limit event.
   */
  beforeNextShot(a: Active, w: ArmWindow): void {
    if (!w.open) return;
    let problems: LimitProblem[];
    try {
      problems = this.o.guard.nextShot(a, w.zone);
    } catch (e) {
      // Cannot tell whether the next shot is safe: stop.
      problems = [{ kind: 'hard', scope: 'session', zone: null, totalNl: 0, limitNl: 0, reason: { code: 'limit.check-failed' }, message: `limit check failed: ${(e as Error).message}` }];
    }
    if (problems.length > 0) this.atLimits(w, problems);
  }

  private atLimits(w: ArmWindow, problems: LimitProblem[]): void {
    const first = problems[0]!;
    const kind = first.kind === 'hard' ? 'hard_stop' : 'soft_stop';
    const stops = problems.filter((p) => p.kind === first.kind);
    void this.stop({
      window: w,
      disarm: true,
      windowSessionOnly: true,
      actor: null,
      bound: true,
      record: (_a, failure) => ({
        reason: `${first.kind}-limit stop: ${first.message}${failure ? ` (disarm request failed: ${failure})` : ''}`,
        write: (at) => {
          for (const p of stops) this.o.guard.record(w.sessionId, { kind, scope: p.scope, zone: p.zone, totalNl: p.totalNl, limitNl: p.limitNl, reason: null, detail: p.message, what: p.reason, userId: null, at });
        },
        announce: () => {
          for (const p of stops) this.o.emit({ type: 'limit.stop', sessionId: w.sessionId, kind, scope: p.scope, zone: p.zone, what: p.reason });
        },
      }),
    });
  }

  /**
   * The gun disarmed itself (a STATUS, a fault, a lost link). With `atLimits`, and a limit reached (the
   * gun stopped at its volume budget, the backstop for a station check that came late), the stop is
   * recorded as a limit stop.
   */
  gunDisarmedItself(w: ArmWindow, reason: string, o: { atLimits?: boolean; fault?: ReportedFault; inCommand?: boolean } = {}): Promise<unknown> {
    return this.stop({
      window: w,
      disarm: false,
      inCommand: o.inCommand,
      windowSessionOnly: true,
      actor: null,
      record: (a) => {
        let problems: LimitProblem[] = [];
        if (o.atLimits)
          try {
            problems = this.o.guard.nextShot(a!, w.zone);
          } catch {
            problems = [];
          }
        const first = problems[0];
        const kind = first?.kind === 'hard' ? 'hard_stop' : 'soft_stop';
        const stops = first ? problems.filter((p) => p.kind === first.kind) : [];
        const why = first ? `the gun stopped itself at its volume budget: ${first.message}` : reason;
        return {
          reason: why,
          detail: o.fault ? { fault: o.fault } : first ? { budget: true } : undefined,
          write: (at) => {
            for (const p of stops) this.o.guard.record(w.sessionId, { kind, scope: p.scope, zone: p.zone, totalNl: p.totalNl, limitNl: p.limitNl, reason: null, detail: `gun budget: ${p.message}`, what: p.reason, userId: null, at });
          },
          announce: () => {
            for (const p of stops) this.o.emit({ type: 'limit.stop', sessionId: w.sessionId, kind, scope: p.scope, zone: p.zone, what: p.reason });
            if (first) this.o.emit({ type: 'gun.stopped', sessionId: w.sessionId, reason: 'budget', what: { code: 'stop.budget', params: { ...first.reason.params, kind: first.kind } } });
          },
        };
      },
    });
  }

  /** A dose record could not be stored: the limits are blind, so the gun is stopped at once and it is said. */
  commitFailed(error: Error): void {
    void this.stop({
      disarm: true,
      actor: null,
      record: (a, failure, w) => {
        const sessionId = w?.sessionId ?? a?.row.id ?? null;
        const message = `a dose record could not be stored (${error.message}): the gun was disarmed${failed(failure)}; arming is refused until records store again`;
        return {
          reason: message,
          write: () =>
            this.o.audit.append({ actor: null, action: 'gun.stopped', entity: 'clinical_session', entityId: sessionId, newValue: { reason: 'commit-failed', error: error.message, disarmAcknowledged: failure === null } }),
          announce: () => this.o.emit({ type: 'gun.stopped', sessionId, reason: 'commit-failed', what: { code: 'stop.commit-failed', params: { disarmFailed: failure !== null } } }),
        };
      },
      recordFailed: (e, failure, w) =>
        // The stop happened anyway; say so in the log, without patient data.
        this.o.logger.error('gun stopped: dose ledger commit failed; the stop could not be recorded', {
          sessionId: w?.sessionId ?? this.o.store.active?.row.id ?? null,
          commitError: error.message,
          recordError: e instanceof Error ? e.message : String(e),
          disarmAcknowledged: failure === null,
        }),
    });
  }

  private async record(order: StopOrder, w: ArmWindow | undefined, failure: string | null): Promise<void> {
    const a = this.o.store.active;
    if (order.windowSessionOnly && (!a || !w || a.row.id !== w.sessionId)) return;
    const at = this.o.clock.now();
    const r = order.record(a, failure, w);
    const armed = a?.ctx.armWindowId ?? null;
    // A stop the gun or the limits made for one window ends the arming only if it is that window's;
    // the clinician's and the station's stops end whatever arming the session has on record.
    const endsArming = a !== null && armed !== null && (order.endsSessionArming === true || (w !== undefined && armed === w.id));
    const windowId = w?.id ?? (endsArming ? armed : null);
    const writes = () => {
      if (windowId !== null) this.o.windows.persistClose(windowId, at, r.reason);
      r.write?.(at);
    };
    try {
      if (endsArming) this.o.store.step(a, { type: 'DISARMED', at, reason: r.reason }, { actor: order.actor, reason: r.reason, detail: r.detail, extra: writes });
      else inTransaction(this.o.db, writes);
    } catch (e) {
      if (!order.recordFailed) throw e;
      order.recordFailed(e, failure, w);
    }
    r.announce?.();
    if (order.bound) await this.o.completeness.boundFromGun();
  }
}
