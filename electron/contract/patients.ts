// Patients: two identifiers, sex (picks the grade scale), allergen tags, screening, hair-loss grade
// per visit, consent. Also home to the small input pieces (dates, slugs, reasons) that the courses
// and serum contracts reuse, because the contract may import nothing from the core.
import { z } from 'zod';
import { method } from './define.js';

export const CLINICAL_ROLES = ['clinician', 'admin'] as const;
export const ADMIN_ONLY = ['admin'] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isRealIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** A calendar day (no time zone games): clinical dates here are days, not instants. */
export const isoDate = z
  .string()
  .regex(ISO_DATE, 'must be a date written YYYY-MM-DD')
  .refine(isRealIsoDate, 'is not a real calendar date')
  .refine((s) => s >= '1900-01-01' && s <= '2199-12-31', 'must be between 1900 and 2199');

export const id = z.number().int('must be a whole number').positive('must be a positive id');

/** Why an existing record is changed: Part 11 wants old value, new value and the reason. */
export const reason = z.string().trim().min(1, 'a reason for the change is required').max(500, 'must be at most 500 characters');

/** Lower-case slug such as 'lidocaine' or 'local-anaesthetic'; input is trimmed and lower-cased. */
export const allergenTag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'an allergen tag may not be empty')
  .max(40, 'an allergen tag must be at most 40 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'an allergen tag uses only a-z, 0-9 and single hyphens (e.g. local-anaesthetic)');

export const allergenTags = z
  .array(allergenTag)
  .max(30, 'at most 30 allergen tags')
  .transform((tags) => [...new Set(tags)].sort());

export const SEXES = ['female', 'male', 'other'] as const;
export type Sex = (typeof SEXES)[number];

// Grade scales. Norwood (Hamilton-Norwood) for male-pattern loss, with the usual 'a' variants and
// III vertex; Ludwig and Sinclair for female-pattern thinning.
export const GRADE_SCALES = {
  norwood: ['I', 'II', 'IIa', 'III', 'IIIa', 'III vertex', 'IV', 'IVa', 'V', 'Va', 'VI', 'VII'],
  ludwig: ['I', 'II', 'III'],
  sinclair: ['1', '2', '3', '4', '5'],
} as const satisfies Record<string, readonly string[]>;
export type GradeScale = keyof typeof GRADE_SCALES;
export const GRADE_SCALE_NAMES: Record<GradeScale, string> = { norwood: 'Norwood', ludwig: 'Ludwig', sinclair: 'Sinclair' };

/** The scales the grade screen offers first for a patient's sex; any scale may still be used. */
export function suggestedScales(sex: Sex): GradeScale[] {
  if (sex === 'male') return ['norwood'];
  if (sex === 'female') return ['ludwig', 'sinclair'];
  return ['norwood', 'ludwig', 'sinclair'];
}

export const CONTRAINDICATIONS = ['pregnancy', 'breastfeeding', 'immunologicalDisease', 'activeCancer', 'diabetes', 'anaestheticAllergy', 'other'] as const;
export type Contraindication = (typeof CONTRAINDICATIONS)[number];
export const CONTRAINDICATION_LABELS: Record<Contraindication, string> = {
  pregnancy: 'Pregnancy',
  breastfeeding: 'Breastfeeding',
  immunologicalDisease: 'Immunological disease',
  activeCancer: 'Active cancer',
  diabetes: 'Diabetes',
  anaestheticAllergy: 'Allergy to local anaesthetics',
  other: 'Other',
};

const fullName = z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters');
const clinicId = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(40, 'must be at most 40 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'may contain only letters, digits and . _ / -');
const note = z.string().trim().max(1000, 'must be at most 1000 characters');

const IDENTIFIERS = ['fullName', 'birthDate', 'clinicId'] as const;

/**
 * Two identifiers, as patient-safety practice asks: any two of full name, date of birth and clinic
 * id (name + birth date being the usual pair). Returns the first missing field, or null when enough.
 */
export function missingIdentifier(p: { fullName?: string | null; birthDate?: string | null; clinicId?: string | null }): (typeof IDENTIFIERS)[number] | null {
  const missing = IDENTIFIERS.filter((k) => p[k] == null || p[k] === '');
  return missing.length <= 1 ? null : missing[0]!;
}
export const IDENTIFIER_RULE = 'two identifiers are required: any two of full name, date of birth and clinic id';

export const listPatientsInput = z.strictObject({
  query: z.string().trim().max(120, 'must be at most 120 characters').optional(),
  includeInactive: z.boolean().default(false),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100, 'at most 100 a page').default(25),
});

export const getPatientInput = z.strictObject({ id });

export const createPatientInput = z
  .object({
    fullName: fullName.optional(),
    birthDate: isoDate.optional(),
    clinicId: clinicId.optional(),
    sex: z.enum(SEXES, 'must be female, male or other'),
    allergies: allergenTags.default([]),
  })
  .superRefine((p, ctx) => {
    const field = missingIdentifier(p);
    if (field) ctx.addIssue({ code: 'custom', path: [field], message: IDENTIFIER_RULE });
  });

// Patch semantics: an absent field is unchanged, null clears an identifier. No delete: `active: false`.
export const updatePatientInput = z.strictObject({
  id,
  reason,
  fullName: fullName.nullable().optional(),
  birthDate: isoDate.nullable().optional(),
  clinicId: clinicId.nullable().optional(),
  sex: z.enum(SEXES, 'must be female, male or other').optional(),
  allergies: allergenTags.optional(),
  active: z.boolean().optional(),
});

export const recordScreeningInput = z
  .object({
    patientId: id,
    pregnancy: z.boolean(),
    breastfeeding: z.boolean(),
    immunologicalDisease: z.boolean(),
    activeCancer: z.boolean(),
    diabetes: z.boolean(),
    anaestheticAllergy: z.boolean(),
    other: z.boolean(),
    note: note.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.other && !s.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'describe the other contraindication' });
  });

export const recordGradeInput = z
  .object({
    patientId: id,
    visitDate: isoDate,
    scale: z.enum(['norwood', 'ludwig', 'sinclair'], 'must be norwood, ludwig or sinclair'),
    grade: z.string().trim().min(1, 'is required').max(20, 'must be at most 20 characters'),
    note: note.optional(),
  })
  .superRefine((g, ctx) => {
    const allowed: readonly string[] = GRADE_SCALES[g.scale];
    if (!allowed.includes(g.grade))
      ctx.addIssue({ code: 'custom', path: ['grade'], message: `"${g.grade}" is not a ${GRADE_SCALE_NAMES[g.scale]} grade (one of ${allowed.join(', ')})` });
  });

export const recordConsentInput = z.strictObject({
  patientId: id,
  consentDate: isoDate,
  consentedTo: z.string().trim().min(1, 'say what was consented to').max(1000, 'must be at most 1000 characters'),
});

export interface RecordedBy {
  userId: number;
  name: string;
}

export interface ScreeningView {
  id: number;
  pregnancy: boolean;
  breastfeeding: boolean;
  immunologicalDisease: boolean;
  activeCancer: boolean;
  diabetes: boolean;
  anaestheticAllergy: boolean;
  other: boolean;
  note: string | null;
  /** The ticked items; any entry means a clinician must review before treating (it does not block). */
  contraindications: Contraindication[];
  recordedBy: RecordedBy;
  recordedAt: string;
}

export interface GradeView {
  id: number;
  visitDate: string;
  scale: GradeScale;
  grade: string;
  note: string | null;
  recordedBy: RecordedBy;
  recordedAt: string;
}

export interface ConsentView {
  id: number;
  consentDate: string;
  consentedTo: string;
  recordedBy: RecordedBy;
  recordedAt: string;
}

export interface PatientSummary {
  id: number;
  fullName: string | null;
  birthDate: string | null;
  clinicId: string | null;
  sex: Sex;
  allergies: string[];
  active: boolean;
  /** A screening has been recorded (the session workflow asks for one before the first session). */
  screened: boolean;
  /** The latest screening lists a contraindication: a clinician reviews before treating. */
  needsClinicianReview: boolean;
}

export interface PatientView extends PatientSummary {
  createdAt: string;
  updatedAt: string;
  /** The latest screening; earlier ones stay in the record and the audit trail. */
  screening: ScreeningView | null;
  /** Newest visit first. */
  grades: GradeView[];
  /** The latest consent. */
  consent: ConsentView | null;
}

export interface PatientPage {
  items: PatientSummary[];
  total: number;
  offset: number;
  limit: number;
}

export const patientsContract = {
  'patients.list': method<typeof listPatientsInput, PatientPage>(listPatientsInput, CLINICAL_ROLES),
  'patients.get': method<typeof getPatientInput, PatientView>(getPatientInput, CLINICAL_ROLES),
  'patients.create': method<typeof createPatientInput, PatientView>(createPatientInput, CLINICAL_ROLES),
  'patients.update': method<typeof updatePatientInput, PatientView>(updatePatientInput, CLINICAL_ROLES),
  'patients.recordScreening': method<typeof recordScreeningInput, PatientView>(recordScreeningInput, CLINICAL_ROLES),
  'patients.recordGrade': method<typeof recordGradeInput, PatientView>(recordGradeInput, CLINICAL_ROLES),
  'patients.recordConsent': method<typeof recordConsentInput, PatientView>(recordConsentInput, CLINICAL_ROLES),
} as const;
