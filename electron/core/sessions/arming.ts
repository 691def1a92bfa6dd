// Mesotherapy: choosing the zone, arming (only with the gun that took the profile, holding it, the
// ledger storing records, the serum's limits loaded, and no limit in the way; the gun is armed with a
// budget it enforces itself), disarming, and acknowledging a soft limit with a reason.
import { sameProfile } from '../../../device/protocol/index.js';
import { formatVolume } from '../../contract/units.js';
import type { Zone } from '../../contract/sessions.js';
import type { Actor } from '../access/actor.js';
import { refused } from '../errors.js';
import type { Ledger } from '../ledger/ledger.js';
import { inTransaction } from '../storage/db.js';
import type { ArmWindows } from './armWindows.js';
import type { GunFacts } from './gunFacts.js';
import type { GunStops } from './gunStops.js';
import type { LimitProblem } from './limits.js';
import type { SessionEvent } from './machine.js';
import { blockedFor } from './messages.js';
import { ArmRefused, type GunPort, type RecordDeps } from './ports.js';
import type { VolumeGuard } from './volumeGuard.js';
import type { WorkflowStore } from './workflowStore.js';

export interface ArmingDeps extends RecordDeps {
  gun: GunPort;
  ledger: Pick<Ledger, 'maxRecordId'>;
  windows: ArmWindows;
  facts: GunFacts;
  store: WorkflowStore;
  guard: VolumeGuard;
  stops: GunStops;
}

export class Arming {
  constructor(private readonly o: ArmingDeps) {}

  selectZone(actor: Actor, input: { sessionId: number; zone: Zone }): number {
    const a = this.o.store.require(input.sessionId);
    this.o.store.step(a, { type: 'ZONE_SELECTED', at: this.o.clock.now(), zone: input.zone }, { actor });
    return a.row.id;
  }

  async arm(actor: Actor, input: { sessionId: number }): Promise<number> {
    const { store, gun, guard, windows, facts, clock } = this.o;
    const a = store.require(input.sessionId);
    const probe: SessionEvent = { type: 'ARMED', at: 0, armWindowId: 0 };
    if (a.phase !== 'mesotherapy') store.assertCan(a, probe);
    if (a.ctx.armWindowId !== null) return a.row.id;
    if (!a.ctx.zone) throw refused('blocked', { code: 'session.zone-first' }, 'choose the zone to treat before arming', 'zone');
    store.assertCan(a, probe);
    const ctx = a.ctx;
    const zone = ctx.zone!;
    const identity = gun.identity();
    if (!identity) throw refused('gun', { code: 'gun.not-connected' }, 'no paired, authenticated gun is connected');
    if (identity.serial !== ctx.gun?.serial)
      throw refused('blocked', { code: 'gun.other-gun', params: { serial: identity.serial, expected: ctx.gun?.serial ?? null } }, `a different gun (${identity.serial}) is connected than the one that took the profile (${ctx.gun?.serial}); set the profile again`);
    // The gun fires what it holds, not what the session says: after a reconnect, or a profile set
    // by someone else, the two differ and the limits would be computed for the wrong dose.
    const echoed = gun.echoedProfile();
    if (!echoed || !ctx.profile || !sameProfile(echoed, { ...ctx.profile }))
      throw refused('gun', { code: 'gun.profile-lost' }, "the gun does not hold this session's dose profile (it reconnected or was set elsewhere); set the profile again", 'profile');
    if (facts.ledgerFailure)
      throw refused('blocked', { code: 'session.ledger-failed' }, `the dose ledger could not store the last dose record (${facts.ledgerFailure}); arming is refused until records can be stored`);
    if (!a.limits) store.refreshLimits(a);
    if (!a.limits)
      throw refused('blocked', { code: 'session.limits-unavailable' }, `the volume limits of the serum (version ${ctx.serum?.serumVersionId ?? '?'}) could not be loaded from the serum library; arming is refused until they can`);
    guard.refuse(a, zone, actor, guard.nextShot(a, zone));

    facts.arming = true;
    try {
      const status = await gun.status().catch((e: unknown) => {
        throw refused('gun', { code: 'gun.no-answer' }, `the gun did not answer: ${(e as Error).message}`);
      });
      if (status.armed) throw refused('gun', { code: 'gun.already-armed' }, 'the gun reports itself armed already; disarm it first');
      facts.noteStatus(identity.serial, status);
      // The gun is disarmed now, so its clock closes any window still waiting for a bound.
      windows.bound(identity.serial, status);
      // Again with the fresh STATUS: records the gun made that have not arrived count against the
      // limits now, pessimistically; the budget then says how much the gun itself may still deliver.
      guard.refuse(a, zone, actor, guard.nextShot(a, zone));
      const budgetNl = guard.budget(a, zone);
      if (budgetNl < ctx.profile.doseNl) {
        // Rounding aside, refuse() already stopped this; never arm with a budget under one shot.
        const problem: LimitProblem = { kind: 'hard', scope: 'session', zone, totalNl: 0, limitNl: budgetNl, reason: { code: 'limit.budget-below-shot', params: { budgetNl } }, message: `the volume left under the limits (${formatVolume(budgetNl)}) is less than one shot` };
        guard.refuse(a, zone, actor, [problem]);
      }
      const after = Math.max(status.lastRecordId, this.o.ledger.maxRecordId(identity.serial));
      const w = inTransaction(this.o.db, () => windows.open({ zone, gunSerial: identity.serial, afterRecordId: after, armedGunTimeMs: status.gunTimeMs, at: clock.now() }));
      try {
        await gun.arm(budgetNl);
      } catch (e) {
        const why = (e as Error).message;
        if (e instanceof ArmRefused) {
          windows.voidWindow(w.id, clock.now(), `arming refused: ${why}`);
          throw refused('gun', { code: 'gun.did-not-arm', params: { cause: e.refusal } }, `the gun did not arm: ${why}`);
        }
        // Only the answer may have been lost: the gun may be armed. Keep the window (closed, so no
        // limit check treats it as live) until the gun's STATUS reports it disarmed and bounds it,
        // so any shot it fires is still attributed here; and tell it to disarm.
        await this.o.stops.stop({ window: w, disarm: true, inCommand: true, actor, bound: true, record: () => ({ reason: `arming unconfirmed: ${why}` }) });
        throw refused('gun', { code: 'gun.arm-unconfirmed' }, `the gun did not confirm arming (${why}); it was told to disarm; arm again when the link is back`);
      }
      store.step(a, { type: 'ARMED', at: clock.now(), armWindowId: w.id }, { actor, detail: { zone, gunSerial: identity.serial, afterRecordId: after, budgetNl } });
    } finally {
      facts.arming = false;
    }
    // A shot committed while ARMED was being written is checked here, not lost between the two.
    const w = windows.current();
    if (w) this.o.stops.beforeNextShot(a, w);
    return a.row.id;
  }

  async disarm(actor: Actor, input: { sessionId: number }): Promise<number> {
    const a = this.o.store.require(input.sessionId);
    if (a.ctx.armWindowId === null) {
      // The session records an arming only in mesotherapy.armed, so there is nothing to record here
      // whatever the phase; but the gun is told in every phase, in case it disagrees with the
      // record (an unconfirmed arm, a restart). Sending DISARM never needs a workflow guard.
      await this.o.gun.disarm().catch(() => undefined);
      return a.row.id;
    }
    await this.o.stops.inCommand(actor, 'disarmed by the clinician');
    return a.row.id;
  }

  ackSoftLimit(actor: Actor, input: { sessionId: number; scope: 'zone' | 'session'; zone?: Zone; reason: string }): number {
    const a = this.o.store.require(input.sessionId);
    if (a.phase !== 'mesotherapy') throw blockedFor('ackSoftLimit', a.row.id, a.phase, a.step);
    const zone = input.scope === 'zone' ? (input.zone ?? a.ctx.zone) : null;
    if (input.scope === 'zone' && !zone) throw refused('validation', { code: 'validation.required', params: { field: 'zone' } }, 'name the zone whose soft limit is acknowledged', 'zone');
    const problem = this.o.guard
      .nextShot(a, zone ?? a.ctx.zone ?? 'frontal')
      .find((p) => p.kind === 'soft' && p.scope === input.scope && (p.scope === 'session' || p.zone === zone));
    if (!problem) throw refused('blocked', { code: 'session.no-soft-limit', params: { scope: input.scope, zone } }, `no ${input.scope} soft limit${zone ? ` for ${zone}` : ''} is reached; nothing to acknowledge`, 'scope');
    const at = this.o.clock.now();
    const { scope, totalNl, limitNl } = problem;
    inTransaction(this.o.db, () => {
      this.o.guard.record(a.row.id, { kind: 'soft_ack', scope, zone: problem.zone, totalNl, limitNl, reason: input.reason, detail: problem.message, what: problem.reason, userId: actor.userId, at });
      this.o.audit.append({ actor, action: 'session.soft-limit-ack', entity: 'clinical_session', entityId: a.row.id, newValue: { scope, zone: problem.zone, totalNl, limitNl }, reason: input.reason });
    });
    return a.row.id;
  }
}
