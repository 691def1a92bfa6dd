// The one volume guard: the only builder of the inputs the volume limits read (the zone's and the
// session's delivered totals, the soft limits acknowledged, and the records the gun made that the
// ledger does not hold yet), so arming, the station's stop before the next shot, the gun's budget and
// the session's view all judge the same figures. It also records what the limits did (limit events,
// each with its audit row).
import type { Zone } from '../../contract/sessions.js';
import type { Actor } from '../access/actor.js';
import { refused } from '../errors.js';
import { sessionTotal, zoneTotal } from '../ledger/doseTable.js';
import { insertLimitEvent, softAcks, type LimitEventInput } from '../ledger/limitEvents.js';
import { inTransaction } from '../storage/db.js';
import type { RecordCompleteness } from './completeness.js';
import { armBudgetNl, nextShotProblems, NO_UNCONFIRMED, pessimisticShotNl, type LimitProblem, type NextShotArgs, type Unconfirmed, type VolumeLimits } from './limits.js';
import type { RecordDeps, SerumPort } from './ports.js';
import type { Active } from './workflowStore.js';

/** Everything a limit check reads except the dose of the next shot. */
export type LimitInputs = Omit<NextShotArgs, 'doseNl'>;

export interface VolumeGuardDeps extends RecordDeps {
  serum: Pick<SerumPort, 'version'>;
  completeness: Pick<RecordCompleteness, 'unconfirmed'>;
}

export class VolumeGuard {
  constructor(private readonly o: VolumeGuardDeps) {}

  /** The serum version's zone and session volume limits; null when the library cannot give them. */
  limitsFor(versionId: number | null): VolumeLimits | null {
    if (versionId === null) return null;
    const v = this.o.serum.version(versionId);
    if (!v) return null;
    return { zoneSoftNl: v.zoneVolume.softMaxNl, zoneHardNl: v.zoneVolume.hardMaxNl, sessionSoftNl: v.sessionVolume.softMaxNl, sessionHardNl: v.sessionVolume.hardMaxNl };
  }

  /** The inputs of every limit check for this session and zone: the only place they are built. */
  inputs(a: Active, zone: Zone, limits: VolumeLimits): LimitInputs {
    const { db } = this.o;
    const acks = softAcks(db, a.row.id);
    return {
      zone,
      zoneTotalNl: zoneTotal(db, a.row.id, zone),
      sessionTotalNl: sessionTotal(db, a.row.id).deliveredNl,
      limits,
      acked: { zone: acks.zones.has(zone), session: acks.session },
      unconfirmed: this.unconfirmed(a, zone),
    };
  }

  /** What would stop the next shot in `zone`. Fails closed: without the serum's limits, nothing says it is safe. */
  nextShot(a: Active, zone: Zone): LimitProblem[] {
    if (!a.ctx.profile) return [];
    if (!a.limits) return [{ kind: 'hard', scope: 'session', zone: null, totalNl: 0, limitNl: 0, reason: { code: 'limit.unavailable' }, message: "the serum's volume limits could not be loaded from the library" }];
    return nextShotProblems({ ...this.inputs(a, zone, a.limits), doseNl: a.ctx.profile.doseNl });
  }

  /** What the gun may deliver while armed now (PROTOCOL.md, "Budget"); 0 without limits. */
  budget(a: Active, zone: Zone): number {
    return a.limits ? armBudgetNl(this.inputs(a, zone, a.limits)) : 0;
  }

  /** Soft limits the next shot in the chosen zone would pass and nobody acknowledged: arming waits for these. */
  softAcksNeeded(a: Active): LimitProblem[] {
    if (a.phase !== 'mesotherapy' || !a.ctx.zone || !a.ctx.profile || !a.limits) return [];
    return this.nextShot(a, a.ctx.zone).filter((p) => p.kind === 'soft');
  }

  /** Refuses arming at a limit: a hard one is a recorded block (counted in review), a soft one needs its acknowledgement. */
  refuse(a: Active, zone: Zone, actor: Actor, problems: LimitProblem[]): void {
    const hard = problems.filter((p) => p.kind === 'hard');
    if (hard.length > 0) {
      const at = this.o.clock.now();
      inTransaction(this.o.db, () => {
        for (const p of hard)
          this.record(a.row.id, { kind: 'hard_block', scope: p.scope, zone: p.zone ?? (p.scope === 'zone' ? zone : null), totalNl: p.totalNl, limitNl: p.limitNl, reason: null, detail: `arming refused: ${p.message}`, what: p.reason, userId: actor.userId, at });
      });
      throw refused('blocked', hard[0]!.reason, `hard limit: ${hard.map((p) => p.message).join('; ')}`);
    }
    if (problems.length > 0) throw refused('blocked', problems[0]!.reason, problems.map((p) => p.message).join('; '));
  }

  /** A limit event and its audit row; call inside the transaction of the act it belongs to. */
  record(sessionId: number, e: Omit<LimitEventInput, 'sessionId'>): void {
    insertLimitEvent(this.o.db, { ...e, sessionId });
    this.o.audit.append({
      actor: null,
      action: `limit.${e.kind}`,
      entity: 'clinical_session',
      entityId: sessionId,
      newValue: { scope: e.scope, zone: e.zone, totalNl: e.totalNl, limitNl: e.limitNl, detail: e.detail, userId: e.userId },
      reason: e.reason,
    });
  }

  /**
   * Records on their way, as volume: each counts as the largest dose of the session's profiles plus
   * the syringe's 10 %, the worst it can have delivered.
   */
  private unconfirmed(a: Active, zone: Zone): Unconfirmed {
    const n = this.o.completeness.unconfirmed(a.row.id, zone);
    if (n.session === 0) return NO_UNCONFIRMED;
    const shot = pessimisticShotNl(this.maxDoseNl(a));
    return { records: n.session, zoneNl: n.zone * shot, sessionNl: n.session * shot };
  }

  /** The largest dose any profile of this session commanded (a record on its way may be from an earlier one). */
  private maxDoseNl(a: Active): number {
    const r = this.o.db
      .prepare("SELECT MAX(CAST(json_extract(detail, '$.profile.doseNl') AS INTEGER)) AS n FROM session_steps WHERE session_id = ? AND event = 'PROFILE_SET'")
      .get(a.row.id) as { n: number | null };
    return Math.max(r.n ?? 0, a.ctx.profile?.doseNl ?? 0);
  }
}
