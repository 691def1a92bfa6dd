// A patient's plan: drafted from the course template or the last session, saved by a clinician with
// a reason for each zone target above the serum's soft limit, and read by the session workflow as
// its zone targets when the plan's serum is the one loaded.
import { draftPlanInput, getPlanInput, savePlanInput, type PlanDraft, type PlanView } from '../../contract/plans.js';
import type { DoseProfile, SerumVersionView } from '../../contract/serum.js';
import { ZONES, type Zone } from '../../contract/sessions.js';
import { formatVolume, NL_PER_UL } from '../../contract/units.js';
import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import { atomically } from '../audit/atomically.js';
import type { Clock } from '../clock.js';
import type { EnrolmentService } from '../courses/enrolments.js';
import { refused } from '../errors.js';
import type { AuditPort } from '../audit/port.js';
import { nowIso } from '../patients/dates.js';
import type { PatientService } from '../patients/service.js';
import { parseInput, requireActor } from '../serviceChecks.js';
import { profileWithinSerumLimits } from '../serum/check.js';
import type { SerumLibrary } from '../serum/library.js';
import type { Db } from '../storage/db.js';
import { deliveredByZone, insertPlan, lastProfileOf, latestPlan } from './repository.js';

/** Rounded to whole µL: a plan's figures are what a clinician would write down. */
const toMicrolitre = (nl: number) => Math.round(nl / NL_PER_UL) * NL_PER_UL;

export class PlanService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditPort,
    private readonly clock: Clock,
    private readonly patients: Pick<PatientService, 'get' | 'requireActive'>,
    private readonly library: Pick<SerumLibrary, 'get' | 'version'>,
    private readonly enrolments: Pick<EnrolmentService, 'timingForPatient' | 'lastSession'>,
  ) {}

  get(input: z.input<typeof getPlanInput>): PlanView | null {
    const { patientId } = parseInput(getPlanInput, input);
    this.patients.get({ id: patientId });
    return this.read(patientId);
  }

  /** Zone targets for a session loading this serum version, when the patient's plan is for that serum. */
  zoneTargetsFor(patientId: number, serumId: number): Record<Zone, number> | null {
    const plan = this.read(patientId);
    return plan && plan.serumId === serumId ? plan.zoneTargetsNl : null;
  }

  draft(input: z.input<typeof draftPlanInput>): PlanDraft {
    const d = parseInput(draftPlanInput, input);
    this.patients.get({ id: d.patientId });
    if (d.from === 'last-session') {
      const last = this.enrolments.lastSession(d.patientId);
      if (!last || last.serumVersionId === null) throw refused('not-found', { code: 'plan.no-last-session', params: { patientId: d.patientId } }, 'this patient has no session that delivered serum to repeat');
      const serum = this.library.version(last.serumVersionId);
      const delivered = deliveredByZone(this.db, last.sessionId);
      const zoneTargetsNl = Object.fromEntries(ZONES.map((z) => [z, toMicrolitre(delivered[z])])) as Record<Zone, number>;
      const profile = lastProfileOf(this.db, last.sessionId) ?? serum.defaultProfile;
      return this.draftOf(serum, profile, zoneTargetsNl, 'last-session', { code: 'plan.from-session', params: { sessionId: last.sessionId, date: last.date } });
    }
    const serumId = d.serumId ?? this.read(d.patientId)?.serumId ?? this.lastSerumId(d.patientId);
    if (serumId === null) throw refused('validation', { code: 'plan.no-serum', params: {} }, 'serumId: choose the serum for the plan', 'serumId');
    const serum = this.library.get({ serumId }).latest;
    const course = this.enrolments.timingForPatient(d.patientId);
    const given = course?.template.zoneTargetsNl ?? null;
    if (given) {
      const zoneTargetsNl = Object.fromEntries(ZONES.map((z) => [z, given[z] ?? 0])) as Record<Zone, number>;
      return this.draftOf(serum, serum.defaultProfile, zoneTargetsNl, 'course-template', { code: 'plan.from-template', params: { template: course!.template.name } });
    }
    // The template gives no targets: the serum's session volume across the zones androgenetic loss
    // affects, within the zone limit; the occipital spared (domain.md, "Scalp zones").
    const treated = ZONES.filter((z) => z !== 'occipital');
    const each = toMicrolitre(Math.min(serum.zoneVolume.softMaxNl, Math.floor(serum.sessionVolume.softMaxNl / treated.length)));
    const zoneTargetsNl = Object.fromEntries(ZONES.map((z) => [z, z === 'occipital' ? 0 : each])) as Record<Zone, number>;
    return this.draftOf(serum, serum.defaultProfile, zoneTargetsNl, 'course-template', { code: 'plan.from-serum', params: { serum: serum.name, template: course?.template.name ?? null } });
  }

  save(actorOrNull: Actor | null, input: z.input<typeof savePlanInput>): PlanView {
    const actor = requireActor(actorOrNull);
    const p = parseInput(savePlanInput, input);
    return atomically(this.db, () => {
      this.patients.requireActive(p.patientId);
      const serum = this.library.get({ serumId: p.serumId }).latest;
      const hard = profileWithinSerumLimits({ ...p.profile }, serum).hardViolations[0];
      if (hard) throw refused('validation', { code: 'plan.profile-outside-hard', params: { field: hard.field, serum: serum.name } }, `profile.${hard.field}: ${hard.message}`, `profile.${hard.field}`);
      const reasons: Partial<Record<Zone, string>> = {};
      let total = 0;
      for (const zone of ZONES) {
        const t = p.zoneTargetsNl[zone];
        total += t;
        const params = { zone, targetNl: t, serum: serum.name };
        if (t > serum.zoneVolume.hardMaxNl)
          throw refused('validation', { code: 'plan.target-over-hard', params: { ...params, limitNl: serum.zoneVolume.hardMaxNl } }, `zoneTargetsNl.${zone}: ${formatVolume(t)} is above ${serum.name}'s hard limit for a zone, ${formatVolume(serum.zoneVolume.hardMaxNl)}`, `zoneTargetsNl.${zone}`);
        if (t > serum.zoneVolume.softMaxNl) {
          const why = p.overSoftReasons[zone];
          if (!why)
            throw refused('validation', { code: 'plan.target-needs-reason', params: { ...params, limitNl: serum.zoneVolume.softMaxNl } }, `overSoftReasons.${zone}: ${formatVolume(t)} is above ${serum.name}'s soft limit for a zone, ${formatVolume(serum.zoneVolume.softMaxNl)}; give a reason`, `overSoftReasons.${zone}`);
          reasons[zone] = why;
        }
      }
      if (total > serum.sessionVolume.hardMaxNl)
        throw refused('validation', { code: 'plan.total-over-hard', params: { totalNl: total, limitNl: serum.sessionVolume.hardMaxNl, serum: serum.name } }, `zoneTargetsNl: the targets add up to ${formatVolume(total)}, above ${serum.name}'s session hard limit, ${formatVolume(serum.sessionVolume.hardMaxNl)}`, 'zoneTargetsNl');
      const before = this.read(p.patientId);
      const id = insertPlan(this.db, { patientId: p.patientId, serumId: p.serumId, profile: p.profile, targets: p.zoneTargetsNl, reasons, source: p.source, byId: actor.userId, byName: actor.displayName, at: nowIso(this.clock) });
      this.audit.append({
        actor,
        action: 'patient.plan',
        entity: 'patient',
        entityId: p.patientId,
        oldValue: before && { planId: before.id, serumId: before.serumId, profile: before.profile, zoneTargetsNl: before.zoneTargetsNl, overSoftReasons: before.overSoftReasons },
        newValue: { planId: id, serumId: p.serumId, profile: p.profile, zoneTargetsNl: p.zoneTargetsNl, overSoftReasons: reasons, source: p.source },
      });
      const saved = this.read(p.patientId);
      if (!saved) throw refused('internal', { code: 'internal.not-saved' }, 'the plan was not saved');
      return saved;
    });
  }

  private read(patientId: number): PlanView | null {
    return latestPlan(this.db, patientId, (serumId) => this.library.get({ serumId }).latest.name);
  }

  private lastSerumId(patientId: number): number | null {
    const last = this.enrolments.lastSession(patientId);
    return last?.serumVersionId ? this.library.version(last.serumVersionId).serumId : null;
  }

  private draftOf(serum: SerumVersionView, profile: DoseProfile, zoneTargetsNl: Record<Zone, number>, source: PlanDraft['source'], basis: PlanDraft['basis']): PlanDraft {
    return { serumId: serum.serumId, serumName: serum.name, profile, zoneTargetsNl, source, basis, zoneSoftMaxNl: serum.zoneVolume.softMaxNl, zoneHardMaxNl: serum.zoneVolume.hardMaxNl };
  }
}

