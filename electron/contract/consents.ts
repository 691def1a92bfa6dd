// Informed consent: admins keep the consent forms (a template per treatment and language, every edit
// a new immutable version); a clinician records a patient's consent on one version, with the
// patient's own signature (drawn on screen, kept as vector strokes) or a typed name witnessed by a
// second member of staff who signs with their password. A consent can be withdrawn. A session
// starts only with a valid consent for its treatment.
import { z } from 'zod';
import type { Reason } from './define.js';
import { method } from './define.js';
import { ADMIN_ONLY, CLINICAL_ROLES, id, reason } from './fields.js';
import { language, type Language, type RecordedBy } from './patients.js';

/** Treatments a consent is given for. The station performs one. */
export const TREATMENTS = ['hair-mesotherapy'] as const;
export type Treatment = (typeof TREATMENTS)[number];
export const TREATMENT = 'hair-mesotherapy' satisfies Treatment;

const treatment = z.enum(TREATMENTS, `must be one of ${TREATMENTS.join(', ')}`);

export const consentTemplatesInput = z.strictObject({ treatment: treatment.optional() });

export const saveConsentTemplateInput = z.strictObject({
  /** A new version of this template; absent for a new treatment and language. */
  templateId: id.optional(),
  /** The version the admin edited; a newer one on file means someone else changed it first. */
  expectedVersion: z.number().int().positive().optional(),
  treatment,
  language,
  title: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  body: z.string().trim().min(20, 'must be at least 20 characters').max(20_000, 'must be at most 20,000 characters'),
  /** Patients who signed an earlier version must sign this one before their next session. */
  requiresReconsent: z.boolean({ error: 'say whether patients must sign again' }),
  reason,
});

/** Drawn strokes: each stroke a list of [x, y] points in the pad's own units (0..width, 0..height). */
const MAX_POINTS = 8_000;
const point = z.tuple([z.number().finite().min(0), z.number().finite().min(0)]);
export const drawnSignature = z
  .strictObject({
    kind: z.literal('drawn'),
    width: z.number().int().min(100).max(4000),
    height: z.number().int().min(50).max(4000),
    strokes: z.array(z.array(point).min(1).max(MAX_POINTS)).min(1, 'the patient has not signed').max(200, 'at most 200 strokes'),
  })
  .superRefine((s, ctx) => {
    const points = s.strokes.reduce((n, st) => n + st.length, 0);
    if (points > MAX_POINTS) ctx.addIssue({ code: 'custom', path: ['strokes'], message: `at most ${MAX_POINTS} points` });
    if (points < 5) ctx.addIssue({ code: 'custom', path: ['strokes'], message: 'the signature is too short: ask the patient to sign' });
    for (const st of s.strokes)
      if (st.some(([x, y]) => x > s.width || y > s.height)) {
        ctx.addIssue({ code: 'custom', path: ['strokes'], message: 'a point lies outside the signature pad' });
        break;
      }
  });

export const typedSignature = z.strictObject({
  kind: z.literal('typed'),
  typedName: z.string().trim().min(2, 'type the patient’s full name').max(120, 'must be at most 120 characters'),
  /** A second member of staff who saw the patient consent, signing with their own password. */
  witness: z.strictObject({ username: z.string().trim().min(1, 'is required').max(100), password: z.string().min(1, 'is required').max(200) }),
});

export const recordConsentInput = z.strictObject({
  patientId: id,
  templateVersionId: id,
  signature: z.discriminatedUnion('kind', [drawnSignature, typedSignature], 'must be a drawn signature or a typed name with a witness'),
});

export const withdrawConsentInput = z.strictObject({ patientId: id, consentId: id, reason });

export interface ConsentTemplateView {
  templateId: number;
  versionId: number;
  version: number;
  treatment: Treatment;
  language: Language;
  title: string;
  body: string;
  requiresReconsent: boolean;
  createdAt: string;
  /** null for the forms seeded at installation. */
  createdBy: RecordedBy | null;
  reason: string | null;
}

export type ConsentSignatureView =
  | { kind: 'drawn'; width: number; height: number; strokes: [number, number][][] }
  | { kind: 'typed'; typedName: string; witnessedBy: RecordedBy };

export interface ConsentView {
  id: number;
  patientId: number;
  treatment: Treatment;
  language: Language;
  templateId: number;
  templateVersionId: number;
  templateVersion: number;
  title: string;
  obtainedBy: RecordedBy;
  obtainedAt: string;
  signature: ConsentSignatureView;
  withdrawal: { at: string; by: RecordedBy; reason: string } | null;
  /** Valid today for its treatment: not withdrawn, and no later version of its form asks to sign again. */
  valid: boolean;
  /** Why not valid (consent.withdrawn, consent.outdated); null when valid. */
  invalidReason: Reason | null;
}

export const consentsContract = {
  'consents.templates': method<typeof consentTemplatesInput, ConsentTemplateView[]>(consentTemplatesInput, CLINICAL_ROLES),
  'consents.saveTemplate': method<typeof saveConsentTemplateInput, ConsentTemplateView>(saveConsentTemplateInput, ADMIN_ONLY),
  'consents.record': method<typeof recordConsentInput, ConsentView>(recordConsentInput, CLINICAL_ROLES),
  'consents.withdraw': method<typeof withdrawConsentInput, ConsentView>(withdrawConsentInput, CLINICAL_ROLES),
} as const;
