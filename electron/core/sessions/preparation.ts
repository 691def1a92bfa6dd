// Preparation: the serum and lot checked against the library and the patient (expiry on the vial,
// allergens, contraindications, quarantine, the serum's minimum days), the zone targets (the plan's,
// else the soft volume spread evenly), the needle and priming, and the dose profile checked against
// the gun's and the serum's per-shot limits before the gun takes it.
import { checkProfile, sameProfile, type DoseProfile } from '../../../device/protocol/index.js';
import type { Zone } from '../../contract/sessions.js';
import type { StationMode } from '../../contract/station.js';
import type { Actor } from '../access/actor.js';
import { isLinkError } from '../../../device/link/index.js';
import { notFound, refused } from '../errors.js';
import { inTransaction } from '../storage/db.js';
import { localDate } from './dates.js';
import type { GunFacts } from './gunFacts.js';
import type { GunState, ProfileState, SessionEvent } from './machine.js';
import type { CoursePort, GunPort, PatientPort, RecordDeps, SerumPort } from './ports.js';
import type { VolumeGuard } from './volumeGuard.js';
import type { Active, WorkflowStore } from './workflowStore.js';

export interface PrepareInput {
  sessionId: number;
  serum?: { serumVersionId: number; lotNumber: string; expiry: string };
  needleNewConfirmed?: true;
  primed?: true;
  zoneTargetsNl?: Partial<Record<Zone, number>>;
}

export interface PreparationDeps extends RecordDeps {
  gun: GunPort;
  serum: SerumPort;
  patients: PatientPort;
  courses: CoursePort;
  store: WorkflowStore;
  guard: Pick<VolumeGuard, 'record'>;
  facts: GunFacts;
  /** Clinical: only a real gun takes a session's profile. Training: only the simulated gun. */
  mode: StationMode;
}

/** A clinical record never gets a simulator's doses; training never drives a real gun. */
export function assertGunFitsMode(mode: StationMode, simulated: boolean): void {
  if (mode === 'clinical' && simulated)
    throw refused('blocked', { code: 'gun.simulated-on-clinical' }, 'this gun is a simulator: it cannot be used on a clinical record; start the station in training mode to use it');
  if (mode === 'training' && !simulated) throw refused('blocked', { code: 'gun.real-in-training' }, 'this is a real gun: training mode only drives the simulated gun');
}

export class Preparation {
  constructor(private readonly o: PreparationDeps) {}

  /** Serum, targets, needle and priming: each a step, every one checked before any is written, all in one transaction. */
  prepare(actor: Actor, input: PrepareInput): number {
    const { store } = this.o;
    const a = store.require(input.sessionId);
    const at = this.o.clock.now();
    const events: SessionEvent[] = [];
    if (input.serum) {
      const serum = this.checkSerum(a, input.serum);
      const targets = input.zoneTargetsNl ?? this.defaultTargets(a, serum.versionId);
      events.push({ type: 'SERUM_CHOSEN', at, serum: serum.state, zoneTargetsNl: targets });
    } else if (input.zoneTargetsNl) events.push({ type: 'ZONE_TARGETS', at, zoneTargetsNl: input.zoneTargetsNl });
    if (input.needleNewConfirmed) events.push({ type: 'NEEDLE_CONFIRMED', at });
    if (input.primed) {
      if (!a.ctx.profile && !input.serum) throw refused('blocked', { code: 'session.profile-before-priming' }, 'set the dose profile on the gun before priming', 'primed');
      if (input.serum) throw refused('blocked', { code: 'session.serum-clears-profile' }, 'a new serum clears the dose profile: set the profile again, then prime', 'primed');
      events.push({ type: 'PRIMED', at });
    }
    if (events.length === 0) throw refused('validation', { code: 'session.nothing-to-prepare' }, 'nothing to prepare: give the serum, the needle confirmation or priming', 'sessionId');
    // Every event is checked first, so a refused one leaves nothing half-done; then all are written
    // in one transaction, so a crash cannot leave the serum chosen but the needle unconfirmed.
    for (const e of events) store.assertCan(a, e);
    store.steps(
      a,
      events.map((e) => ({ event: e, o: { actor, detail: e.type === 'SERUM_CHOSEN' ? { serum: e.serum, zoneTargetsNl: e.zoneTargetsNl } : undefined } })),
      // The last confirmation may complete preparation and move on to mesotherapy by itself.
      (phase, e) => phase === 'preparation' || e.type === 'ZONE_TARGETS',
    );
    if (input.serum) store.refreshLimits(a);
    return a.row.id;
  }

  /**
   * The dose profile: within the gun's limits, then the serum's (a hard violation is refused and
   * counted as a near miss; a soft one needs a reason, recorded as an override), then set on the gun,
   * whose echo must match.
   */
  async setProfile(actor: Actor, input: { sessionId: number; profile: ProfileState; softOverrideReason?: string }): Promise<number> {
    const { store, db } = this.o;
    const a = store.require(input.sessionId);
    const at = this.o.clock.now();
    const gunStub: GunState = { serial: '', model: '', firmware: '', simulated: false };
    store.assertCan(a, { type: 'PROFILE_SET', at, profile: input.profile, gun: gunStub });
    if (!a.ctx.serum) throw refused('blocked', { code: 'session.serum-first' }, 'choose the serum and lot first: the profile is checked against its limits', 'profile');
    const identity = this.o.gun.identity();
    if (!identity) throw refused('gun', { code: 'gun.not-connected' }, 'no paired, authenticated gun is connected');
    assertGunFitsMode(this.o.mode, identity.simulated);
    const profile: DoseProfile = { ...input.profile };
    const gunProblem = checkProfile(profile, identity.limits);
    if (gunProblem) throw refused('validation', { code: 'profile.outside-gun', params: { field: gunProblem.field } }, gunProblem.message, `profile.${gunProblem.field}`);
    const verdict = this.o.serum.profileWithinLimits(profile, a.ctx.serum.serumVersionId);
    if (verdict.hardViolations.length > 0) {
      const message = verdict.hardViolations.map((v) => v.message).join('; ');
      // A hard-limit refusal is a near miss: counted in review even though nothing was delivered.
      inTransaction(db, () => {
        this.o.guard.record(a.row.id, { kind: 'near_miss', scope: 'shot', zone: null, totalNl: null, limitNl: null, reason: null, detail: `profile refused at a hard limit: ${message}`, what: verdict.hardViolations[0]!.reason, userId: actor.userId, at });
        this.o.audit.append({ actor, action: 'session.profile-refused', entity: 'clinical_session', entityId: a.row.id, newValue: { profile, violations: verdict.hardViolations } });
      });
      throw refused('blocked', verdict.hardViolations[0]!.reason, `hard limit: ${message}`, `profile.${verdict.hardViolations[0]!.field}`);
    }
    const soft = verdict.softViolations;
    if (soft.length > 0 && !input.softOverrideReason)
      throw refused('blocked', soft[0]!.reason, `soft limit: ${soft.map((v) => v.message).join('; ')}; give a reason to override`, 'softOverrideReason');
    const echoed = await this.o.gun.setProfile(profile).catch((e: unknown) => {
      throw refused('gun', { code: 'gun.profile-refused', params: { linkCode: isLinkError(e) ? e.code : null } }, `the gun did not take the profile: ${(e as Error).message}`);
    });
    if (!sameProfile(echoed, profile)) throw refused('gun', { code: 'gun.profile-echo-mismatch' }, 'the gun echoed a different profile than the one sent; not used');
    const gun: GunState = { serial: identity.serial, model: identity.model, firmware: identity.firmware, simulated: identity.simulated };
    this.o.facts.resendFailures.delete(a.row.id);
    store.step(
      a,
      { type: 'PROFILE_SET', at: this.o.clock.now(), profile: { ...input.profile }, gun },
      {
        actor,
        reason: input.softOverrideReason,
        detail: { profile, gunSerial: gun.serial, softOverrides: soft },
        extra: () => {
          if (soft.length > 0)
            this.o.guard.record(a.row.id, {
              kind: 'soft_ack',
              scope: 'shot',
              zone: null,
              totalNl: null,
              limitNl: null,
              reason: input.softOverrideReason ?? null,
              detail: `profile beyond a soft limit: ${soft.map((v) => v.message).join('; ')}`,
              what: soft[0]!.reason,
              userId: actor.userId,
              at,
            });
        },
      },
    );
    return a.row.id;
  }

  private checkSerum(a: Active, s: { serumVersionId: number; lotNumber: string; expiry: string }) {
    const { serum } = this.o;
    const version = serum.version(s.serumVersionId);
    if (!version) throw notFound('serum-version', s.serumVersionId, 'serum.serumVersionId');
    const lot = serum.lot(s.serumVersionId, s.lotNumber);
    if (!lot) throw refused('blocked', { code: 'lot.not-in-library', params: { lot: s.lotNumber, serum: version.name } }, `lot ${s.lotNumber} is not in the library for ${version.name}; add it first`, 'serum.lotNumber');
    if (lot.expiryDate !== s.expiry)
      throw refused('blocked', { code: 'lot.expiry-mismatch', params: { lot: lot.lotNumber, vial: s.expiry, library: lot.expiryDate } }, `the expiry on the vial (${s.expiry}) does not match the library's for lot ${lot.lotNumber} (${lot.expiryDate}); check the vial`, 'serum.expiry');
    const today = localDate(this.o.clock.now());
    const patient = this.o.patients.intake(a.row.patient_id);
    const problems = serum.checkUse({
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
    const plan = this.o.courses.zoneTargets?.({ patientId: a.row.patient_id, serumVersionId: versionId }) ?? null;
    if (plan) return plan;
    const v = this.o.serum.version(versionId);
    if (!v) return {};
    const each = Math.min(v.zoneVolume.softMaxNl, Math.floor(v.sessionVolume.softMaxNl / 8));
    return { frontal: each, mid_scalp: each, vertex: each, temporal_left: each, temporal_right: each, parietal_left: each, parietal_right: each, occipital: each };
  }
}
