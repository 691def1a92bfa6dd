// A patient's treatment plan: the serum, the dose profile and a target volume for every zone (0
// spares it: the occipital is usually spared in androgenetic loss). A clinician starts it from the
// course template or from the last session ("repeat last session"), adjusts it and saves it; every
// save is a new version. The plan's targets become the session's zone targets when its serum is the
// one loaded. A target above the serum's soft limit for a zone needs a reason when it is planned.
import { z } from 'zod';
import type { Reason } from './define.js';
import { method } from './define.js';
import { CLINICAL_ROLES, id, reason } from './fields.js';
import type { RecordedBy } from './patients.js';
import { doseProfile, type DoseProfile } from './serum.js';
import { MAX_VOLUME_NL, ZONES, type Zone } from './sessions.js';

export const PLAN_SOURCES = ['course-template', 'last-session', 'manual'] as const;
export type PlanSource = (typeof PLAN_SOURCES)[number];

const target = z.number({ error: 'is not a number: enter a volume (0 spares the zone)' }).int('must be a whole number of nL').min(0, 'must not be negative').max(MAX_VOLUME_NL, 'must be at most one syringe (10 mL)');

/** Every zone has a target: a plan never leaves one unsaid. */
export const planTargets = z.strictObject(Object.fromEntries(ZONES.map((zone) => [zone, target])) as Record<Zone, typeof target>);

export const getPlanInput = z.strictObject({ patientId: id });
export const draftPlanInput = z.strictObject({
  patientId: id,
  from: z.enum(['course-template', 'last-session'], 'must be course-template or last-session'),
  /** For a draft from the course template: the serum (else the plan's, else the last session's). */
  serumId: id.optional(),
});
export const savePlanInput = z.strictObject({
  patientId: id,
  serumId: id,
  profile: doseProfile,
  zoneTargetsNl: planTargets,
  /** Why a zone's target is above the serum's soft limit for a zone; needed for each such zone. */
  overSoftReasons: z.partialRecord(z.enum(ZONES), reason).default({}),
  source: z.enum(PLAN_SOURCES, `must be one of ${PLAN_SOURCES.join(', ')}`),
});

export interface PlanView {
  id: number;
  patientId: number;
  serumId: number;
  serumName: string;
  profile: DoseProfile;
  zoneTargetsNl: Record<Zone, number>;
  overSoftReasons: Partial<Record<Zone, string>>;
  source: PlanSource;
  createdBy: RecordedBy;
  createdAt: string;
}

/** A plan proposed from the course template or the last session, for the clinician to adjust and save. */
export interface PlanDraft {
  serumId: number;
  serumName: string;
  profile: DoseProfile;
  zoneTargetsNl: Record<Zone, number>;
  source: Exclude<PlanSource, 'manual'>;
  /** Where the figures came from: plan.from-session {sessionId, date}, plan.from-template {template}, plan.from-serum {serum}. */
  basis: Reason;
  /** The serum's soft limit for one zone, so the editor can ask for reasons as targets pass it. */
  zoneSoftMaxNl: number;
  zoneHardMaxNl: number;
}

export const plansContract = {
  'plans.get': method<typeof getPlanInput, PlanView | null>(getPlanInput, CLINICAL_ROLES),
  'plans.draft': method<typeof draftPlanInput, PlanDraft>(draftPlanInput, CLINICAL_ROLES),
  'plans.save': method<typeof savePlanInput, PlanView>(savePlanInput, CLINICAL_ROLES),
} as const;
