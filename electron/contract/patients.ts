// Patients: two identifiers, sex (picks the grade scale), allergen tags, screening, hair-loss grade
// per visit, consent. Also home to the allergen names the serum contract reuses.
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';
import { ALLERGEN_NAME_PATTERN, allergenCode } from './allergens.js';
import type { ConsentView } from './consents.js';
import { method } from './define.js';
import { CLINICAL_ROLES, id, isoDate, printedCode, reason } from './fields.js';
import { language, type Language } from './languages.js';

// The birth date is a calendar day (fields.ts); exported with the record's other fields.
export { isoDate } from './fields.js';

/** An allergy or allergen as typed, in any script ("lidocaine", "lidokain", "Lidocaína"); matched by code (allergens.ts). */
export const allergenName = z
  .string()
  .trim()
  .min(1, 'an allergen name may not be empty')
  .max(60, 'an allergen name must be at most 60 characters')
  .regex(ALLERGEN_NAME_PATTERN, 'an allergen name uses letters, digits, spaces and . \' ( ) / + -');

/** Several allergen names; one per code (a second spelling of the same allergen is dropped). */
export const allergenNames = z
  .array(allergenName)
  .max(30, 'at most 30 allergens')
  .transform((names) => {
    const seen = new Set<string>();
    return names.filter((n) => {
      const code = allergenCode(n).code;
      if (seen.has(code)) return false;
      seen.add(code);
      return true;
    });
  });

// The languages live in languages.ts; re-exported here for the record's screens and schemas.
export { LANGUAGES, LANGUAGE_NAMES, language, type Language } from './languages.js';

/** A phone number written with its country code (+90 532 123 45 67), checked against the numbering plan. */
export const phone = z
  .string()
  .trim()
  .max(30, 'must be at most 30 characters')
  // abort: a number in the wrong form is not also called invalid for its country.
  .refine((s) => /^\+[0-9 ()./-]+$/.test(s), { message: 'write the number with its country code, e.g. +90 532 123 45 67', abort: true, params: { reason: 'validation.phone-format' } })
  .refine((s) => isValidPhoneNumber(s), { message: 'is not a valid phone number for its country code', params: { reason: 'validation.phone-invalid' } })
  .transform((s) => parsePhoneNumberFromString(s)!.number as string);

export const email = z.string().trim().max(254, 'must be at most 254 characters').pipe(z.email('is not a valid e-mail address'));

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

const fullName = z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters');
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
    clinicId: printedCode.optional(),
    sex: z.enum(SEXES, 'must be female, male or other'),
    /** Known at registration; each is recorded as an allergy added (reason: registration). */
    allergies: allergenNames.default([]),
    phone: phone.optional(),
    email: email.optional(),
    preferredLanguage: language.optional(),
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
  clinicId: printedCode.nullable().optional(),
  sex: z.enum(SEXES, 'must be female, male or other').optional(),
  phone: phone.nullable().optional(),
  email: email.nullable().optional(),
  preferredLanguage: language.nullable().optional(),
  active: z.boolean().optional(),
});

/** Allergies change one at a time, each with its reason (patients.addAllergy / removeAllergy). */
export const addAllergyInput = z.strictObject({ patientId: id, name: allergenName, reason });
export const removeAllergyInput = z.strictObject({ patientId: id, allergyId: id, reason });

/** One screening answer: true (yes) or false (no). Nothing is pre-answered: a missing answer is refused by name. */
const answer = z.boolean({ error: (i) => (i.input === undefined ? 'is not answered: answer yes or no' : 'must be yes or no') });

export const recordScreeningInput = z
  .object({
    patientId: id,
    pregnancy: answer,
    breastfeeding: answer,
    immunologicalDisease: answer,
    activeCancer: answer,
    diabetes: answer,
    anaestheticAllergy: answer,
    other: answer,
    note: note.optional(),
    /** Required when this changes an earlier screening (an update at intake): why it changed. */
    reason: reason.optional(),
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
  /** Why it changed an earlier screening; null for the first. */
  reason: string | null;
  /** The items answered yes; any entry means a clinician reviews before treating (a serum contraindicated by one is refused). */
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

export interface AllergyView {
  id: number;
  /** As typed. */
  name: string;
  /** The standard code it matches on (allergens.ts); its folded spelling when not recognised. */
  code: string;
  recognised: boolean;
  addedBy: RecordedBy;
  addedAt: string;
  reason: string;
}

export interface PatientSummary {
  id: number;
  fullName: string | null;
  birthDate: string | null;
  clinicId: string | null;
  sex: Sex;
  /** Current allergies, as typed (allergyDetails in PatientView has codes and who recorded them). */
  allergies: string[];
  phone: string | null;
  email: string | null;
  preferredLanguage: Language | null;
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
  /** Current allergies with their codes, oldest first. */
  allergyDetails: AllergyView[];
  /** Every consent, newest first, each with its validity today. */
  consents: ConsentView[];
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
  'patients.addAllergy': method<typeof addAllergyInput, PatientView>(addAllergyInput, CLINICAL_ROLES),
  'patients.removeAllergy': method<typeof removeAllergyInput, PatientView>(removeAllergyInput, CLINICAL_ROLES),
} as const;
