// Serum library, in the manner of an infusion pump's drug library (dose error reduction): per serum,
// soft limits (overridable with a reason) inside hard limits (never), inside what the gun can do.
// Entries are versioned: an edit makes a new immutable version that sessions reference by id.
import { z } from 'zod';
import { method } from './define.js';
import type { SerumChange } from './serumDiff.js';
import { formatDepth, formatVolume } from './units.js';
import { ADMIN_ONLY, CLINICAL_ROLES, id, isoDate, printedCode, reason, refinedBy, versionedEdit, type FieldIssue } from './fields.js';
import { allergenNames, type Contraindication, type Language, type RecordedBy } from './patients.js';

/** What the gun can physically do (domain.md, "The gun"); every serum limit sits inside these. */
export const GUN_LIMITS = {
  doseMinNl: 5_000,
  doseMaxNl: 200_000,
  depthMinUm: 500,
  depthMaxUm: 6_000,
  /** The largest syringe the gun takes (10 mL): no zone or session volume can exceed it. */
  volumeMaxNl: 10_000_000,
} as const;

/** Screening answers a serum can be contraindicated by ('other' is free text: the clinician judges it). */
export const SERUM_CONTRAINDICATIONS = ['pregnancy', 'breastfeeding', 'immunologicalDisease', 'activeCancer', 'diabetes', 'anaestheticAllergy'] as const satisfies readonly Exclude<Contraindication, 'other'>[];
export type SerumContraindication = (typeof SERUM_CONTRAINDICATIONS)[number];

export const INJECTION_MODES = ['papule', 'nappage', 'micropapule', 'retrograde'] as const;
export type InjectionMode = (typeof INJECTION_MODES)[number];

const whole = (unit: string) => z.number().int(`must be a whole number of ${unit}`);
const nl = whole('nL').min(0, 'must not be negative');
const um = whole('um').min(0, 'must not be negative');
const pct = whole('percent').min(0, 'must be 0-100').max(100, 'must be 0-100');

const doseRange = z.strictObject({ hardMinNl: nl, softMinNl: nl, softMaxNl: nl, hardMaxNl: nl });
const depthRange = z.strictObject({ hardMinUm: um, softMinUm: um, softMaxUm: um, hardMaxUm: um });
const volumeCap = z.strictObject({ softMaxNl: nl, hardMaxNl: nl });

/** A dose profile as the gun is commanded: volume per shot, its release split, depth and mode. */
export const doseProfile = z.strictObject({
  doseNl: nl,
  entryPct: pct,
  dwellPct: pct,
  exitPct: pct,
  depthUm: um,
  mode: z.enum(INJECTION_MODES, `must be one of ${INJECTION_MODES.join(', ')}`),
});
export type DoseProfile = z.output<typeof doseProfile>;

const definitionShape = {
  name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
  components: z
    .array(z.string().trim().min(1, 'a component may not be empty').max(80, 'a component must be at most 80 characters'))
    .min(1, 'list at least one component')
    .max(40, 'at most 40 components'),
  /** Allergens in any script, matched by code against the patient's allergies (lidocaine, lokal anestezik, minoxidil). */
  allergens: allergenNames,
  /** Screening answers that rule this serum out: a "yes" on one blocks it (minoxidil: pregnancy, breastfeeding). */
  contraindications: z
    .array(z.enum(SERUM_CONTRAINDICATIONS, `must be one of ${SERUM_CONTRAINDICATIONS.join(', ')}`))
    .max(SERUM_CONTRAINDICATIONS.length)
    .default([])
    .transform((c) => SERUM_CONTRAINDICATIONS.filter((x) => c.includes(x))),
  notes: z.string().trim().max(1000, 'must be at most 1000 characters').default(''),
  dose: doseRange,
  depth: depthRange,
  zoneVolume: volumeCap,
  sessionVolume: volumeCap,
  allowedModes: z
    .array(z.enum(INJECTION_MODES, `must be one of ${INJECTION_MODES.join(', ')}`))
    .min(1, 'allow at least one mode')
    .transform((m) => INJECTION_MODES.filter((x) => m.includes(x))),
  minDaysBetweenSessions: whole('days').min(0, 'must not be negative').max(365, 'must be at most 365'),
  maxDaysBetweenSessions: whole('days').min(1, 'must be at least 1').max(365, 'must be at most 365').nullable(),
  defaultProfile: doseProfile,
};

export const serumDefinition = z.strictObject(definitionShape);
export type SerumDefinition = z.output<typeof serumDefinition>;

/** Range rules across fields; each problem names the field that breaks it. */
export function serumDefinitionProblems(d: SerumDefinition): FieldIssue[] {
  const out: FieldIssue[] = [];
  const add = (path: (string | number)[], message: string) => out.push({ path, message });
  const { dose, depth, zoneVolume, sessionVolume, defaultProfile: p } = d;

  if (dose.hardMinNl < GUN_LIMITS.doseMinNl) add(['dose', 'hardMinNl'], `must be at least the gun's ${formatVolume(GUN_LIMITS.doseMinNl)}`);
  if (dose.hardMaxNl > GUN_LIMITS.doseMaxNl) add(['dose', 'hardMaxNl'], `must be at most the gun's ${formatVolume(GUN_LIMITS.doseMaxNl)}`);
  if (dose.softMinNl < dose.hardMinNl) add(['dose', 'softMinNl'], 'must not be below the hard minimum');
  if (dose.softMaxNl > dose.hardMaxNl) add(['dose', 'softMaxNl'], 'must not be above the hard maximum');
  if (dose.softMinNl > dose.softMaxNl) add(['dose', 'softMinNl'], 'must not exceed the soft maximum');

  if (depth.hardMinUm < GUN_LIMITS.depthMinUm) add(['depth', 'hardMinUm'], `must be at least the gun's ${formatDepth(GUN_LIMITS.depthMinUm)}`);
  if (depth.hardMaxUm > GUN_LIMITS.depthMaxUm) add(['depth', 'hardMaxUm'], `must be at most the gun's ${formatDepth(GUN_LIMITS.depthMaxUm)}`);
  if (depth.softMinUm < depth.hardMinUm) add(['depth', 'softMinUm'], 'must not be below the hard minimum');
  if (depth.softMaxUm > depth.hardMaxUm) add(['depth', 'softMaxUm'], 'must not be above the hard maximum');
  if (depth.softMinUm > depth.softMaxUm) add(['depth', 'softMinUm'], 'must not exceed the soft maximum');

  for (const [key, cap] of [['zoneVolume', zoneVolume], ['sessionVolume', sessionVolume]] as const) {
    if (cap.softMaxNl <= 0) add([key, 'softMaxNl'], 'must be more than 0');
    if (cap.softMaxNl >= cap.hardMaxNl) add([key, 'softMaxNl'], 'must be less than the hard maximum');
    if (cap.hardMaxNl > GUN_LIMITS.volumeMaxNl) add([key, 'hardMaxNl'], `must be at most the largest syringe, ${formatVolume(GUN_LIMITS.volumeMaxNl)}`);
  }
  if (zoneVolume.hardMaxNl > sessionVolume.hardMaxNl) add(['zoneVolume', 'hardMaxNl'], 'must not exceed the session hard maximum');
  if (zoneVolume.hardMaxNl < dose.hardMaxNl) add(['zoneVolume', 'hardMaxNl'], 'must hold at least one shot at the hard maximum dose');

  if (d.maxDaysBetweenSessions !== null && d.maxDaysBetweenSessions < d.minDaysBetweenSessions)
    add(['maxDaysBetweenSessions'], 'must not be less than the minimum days between sessions');

  // The default profile is what a session starts from, so it must sit inside the soft limits.
  if (p.entryPct + p.dwellPct + p.exitPct !== 100) add(['defaultProfile', 'dwellPct'], 'entry, dwell and exit must add up to 100 %');
  if (p.doseNl < dose.softMinNl || p.doseNl > dose.softMaxNl) add(['defaultProfile', 'doseNl'], 'must be inside the soft dose limits');
  if (p.depthUm < depth.softMinUm || p.depthUm > depth.softMaxUm) add(['defaultProfile', 'depthUm'], 'must be inside the soft depth limits');
  if (!d.allowedModes.includes(p.mode)) add(['defaultProfile', 'mode'], 'must be one of the allowed modes');
  return out;
}

export const createSerumInput = z.strictObject(definitionShape).superRefine(refinedBy(serumDefinitionProblems));
export const updateSerumInput = z.object({ serumId: id, ...versionedEdit, ...definitionShape }).superRefine(refinedBy(serumDefinitionProblems));

export const listSerumsInput = z.strictObject({});
export const getSerumInput = z.strictObject({ serumId: id });
export const listLotsInput = z.strictObject({ serumId: id, includeExpired: z.boolean().default(true) });

/** An admin receives a lot into the room: only received lots can be loaded in a session. */
export const receiveLotInput = z.strictObject({
  serumId: id,
  lotNumber: printedCode,
  expiryDate: isoDate,
  /** Vials received. */
  quantity: z.number().int('must be a whole number of vials').min(1, 'must be at least 1 vial').max(100_000, 'must be at most 100,000 vials'),
  supplier: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
});

export const LOT_STATUSES = ['released', 'quarantined', 'recalled'] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];

/** Quarantine holds a lot while it is checked (it can be released again); a recall is final. */
export const setLotStatusInput = z.strictObject({ lotId: id, status: z.enum(LOT_STATUSES, 'must be released, quarantined or recalled'), reason });
export const lotRecipientsInput = z.strictObject({ lotId: id });

/** An admin approves an example serum for clinical use, signing with their password. */
export const approveExampleInput = z.strictObject({ serumId: id, password: z.string().min(1, 'is required').max(200) });

// ---- Two-person governance: every change is a draft; another admin approves and publishes it.

const signaturePassword = z.string().min(1, 'a signature needs your password').max(200);

/**
 * A draft of a new serum (no serumId) or of a change to one (serumId, the version it was made from,
 * and why). Nothing a draft says is used on a patient until a second admin publishes it.
 */
export const draftSerumInput = z
  .object({
    serumId: id.optional(),
    /** The version the change was made from; a newer one published meanwhile means the draft is out of date. */
    baseVersion: z.number().int().positive().optional(),
    reason: reason.optional(),
    ...definitionShape,
  })
  .strict()
  .superRefine((d, ctx) => {
    refinedBy(serumDefinitionProblems)(d, ctx);
    if (d.serumId !== undefined && d.reason === undefined) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a reason for the change is required' });
    if (d.serumId !== undefined && d.baseVersion === undefined) ctx.addIssue({ code: 'custom', path: ['baseVersion'], message: 'name the version the change was made from' });
  });

export const listDraftsInput = z.strictObject({ state: z.enum(['open', 'all']).default('open') });
export const withdrawDraftInput = z.strictObject({ draftId: id, reason });
/** The approving admin's own password: an electronic signature meaning "approved". Never the drafter's. */
export const approveDraftInput = z.strictObject({ draftId: id, password: signaturePassword });
export const retireSerumInput = z.strictObject({ serumId: id, reason, password: signaturePassword });
export const diffSerumInput = z.strictObject({ serumId: id, fromVersion: z.number().int().positive(), toVersion: z.number().int().positive() });

export type SerumDraftState = 'open' | 'published' | 'withdrawn';

export interface SerumDraftView {
  id: number;
  /** Null for a new serum until it is published. */
  serumId: number | null;
  baseVersion: number | null;
  definition: SerumDefinition;
  reason: string | null;
  draftedBy: RecordedBy;
  draftedAt: string;
  state: SerumDraftState;
  /** Who published (approved) or withdrew it, when, and a withdrawal's reason. */
  closed: { by: RecordedBy; at: string; reason: string | null } | null;
  publishedVersionId: number | null;
  /** What it changes against the version it was made from (every field for a new serum). */
  changes: SerumChange[];
  /** A newer version was published since this draft was made: it can no longer be approved. */
  outdated: boolean;
}

export interface SerumVersionView extends SerumDefinition {
  /** The version's own id: what a session records. */
  versionId: number;
  serumId: number;
  version: number;
  /** Seeded at installation as an example: refused in sessions until an admin approves it. */
  example: boolean;
  /** An example's approval for clinical use (an admin's signature); null when not approved or not an example. */
  approval: { by: RecordedBy; at: string } | null;
  createdAt: string;
  createdBy: RecordedBy | null;
  reason: string | null;
  /** Published from a draft by a second admin; null for versions from before two-person approval and for seeded examples. */
  publication: { draftId: number; draftedBy: RecordedBy; approvedBy: RecordedBy; approvedAt: string } | null;
  /** Retired serums are never loaded into a new session (one in progress keeps what it loaded). */
  retired: { at: string; by: RecordedBy; reason: string } | null;
  /** The serum's newest version: only that one is loaded into a new session. */
  latest: boolean;
}

export interface SerumDetail {
  latest: SerumVersionView;
  /** Every version, newest first. */
  versions: SerumVersionView[];
}

export interface LotView {
  id: number;
  serumId: number;
  lotNumber: string;
  expiryDate: string;
  expired: boolean;
  /** Vials received; null for a lot recorded before lots were received by admins. */
  quantity: number | null;
  supplier: string | null;
  status: LotStatus;
  /** The last status change (quarantine, recall, release) with its reason; null while never changed. */
  statusChange: { at: string; by: RecordedBy; reason: string } | null;
  /** May be loaded today: released and not expired. */
  usable: boolean;
  recordedBy: RecordedBy;
  recordedAt: string;
}

/** Who received doses from a lot, with how to reach them (lot recall). */
export interface LotRecipient {
  patientId: number;
  fullName: string | null;
  birthDate: string | null;
  clinicId: string | null;
  phone: string | null;
  email: string | null;
  preferredLanguage: Language | null;
  sessions: number;
  lastSessionAt: number;
  shots: number;
  deliveredNl: number;
}

export const serumContract = {
  'serum.list': method<typeof listSerumsInput, SerumVersionView[]>(listSerumsInput, CLINICAL_ROLES),
  'serum.get': method<typeof getSerumInput, SerumDetail>(getSerumInput, CLINICAL_ROLES),
  // No method publishes a serum change directly: every change is a draft that a second admin approves
  // with a signature (serum.drafts.*). createSerumInput / updateSerumInput stay as the core's own shapes.
  'serum.approveExample': method<typeof approveExampleInput, SerumVersionView>(approveExampleInput, ADMIN_ONLY),
  'serum.drafts.list': method<typeof listDraftsInput, SerumDraftView[]>(listDraftsInput, ADMIN_ONLY),
  'serum.drafts.create': method<typeof draftSerumInput, SerumDraftView>(draftSerumInput, ADMIN_ONLY),
  'serum.drafts.withdraw': method<typeof withdrawDraftInput, SerumDraftView>(withdrawDraftInput, ADMIN_ONLY),
  'serum.drafts.approve': method<typeof approveDraftInput, SerumVersionView>(approveDraftInput, ADMIN_ONLY),
  'serum.diff': method<typeof diffSerumInput, SerumChange[]>(diffSerumInput, CLINICAL_ROLES),
  'serum.retire': method<typeof retireSerumInput, SerumVersionView>(retireSerumInput, ADMIN_ONLY),
  'serum.lots.list': method<typeof listLotsInput, LotView[]>(listLotsInput, CLINICAL_ROLES),
  'serum.lots.receive': method<typeof receiveLotInput, LotView>(receiveLotInput, ADMIN_ONLY),
  'serum.lots.setStatus': method<typeof setLotStatusInput, LotView>(setLotStatusInput, ADMIN_ONLY),
  'serum.lots.recipients': method<typeof lotRecipientsInput, LotRecipient[]>(lotRecipientsInput, ADMIN_ONLY),
} as const;
