// The clinical-session and dose-ledger part of the contract: input schemas (the only place these
// inputs are validated) and who may call each method. The session's words are in sessionTerms.ts, the
// shapes the core returns in sessionViews.ts; both are re-exported here, so callers import one module.
// Imports nothing from Node: the renderer and the preload load this file too.
import { z } from 'zod';
import { method } from './define.js';
import { DAYS_OUT_OF_ORDER, daysInOrder, sessionFilterFields } from './sessionFilter.js';
import { THERMO_CHECKLIST, THERMO_STAGES, ZONES, MAX_DOSE_NL, MAX_VOLUME_NL, DOSE_MODE_NAMES } from './sessionTerms.js';
import type { SessionHistoryItem, SessionPage, SessionView, ShotView, UnattributedRecordView } from './sessionViews.js';

export * from './sessionTerms.js';
export type * from './sessionViews.js';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const reason = z.string().trim().min(3).max(500);
const note = z.string().trim().max(2000);
const password = z.string().min(1).max(200);
const username = z.string().trim().min(1).max(100);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const zone = z.enum(ZONES);
const sessionRef = z.strictObject({ sessionId: id });
const credentials = z.strictObject({ username, password });

export const doseProfileSchema = z.strictObject({
  doseNl: z.number().int().positive().max(MAX_DOSE_NL),
  entryPct: z.number().int().min(0).max(100),
  dwellPct: z.number().int().min(0).max(100),
  exitPct: z.number().int().min(0).max(100),
  depthUm: z.number().int().positive().max(10_000),
  mode: z.enum(DOSE_MODE_NAMES),
  minIntervalMs: z.number().int().positive().max(60_000),
});

/** Target volume per zone; 0 spares the zone. */
export const zoneTargets = z.partialRecord(zone, z.number().int().min(0).max(MAX_VOLUME_NL));

export const sessionsStartInput = z.strictObject({
  patientId: id,
  /** The course (enrolment) the screen showed; must be the patient's running one. Found by itself when absent. */
  courseId: id.optional(),
  intake: z.strictObject({
    /** Two identifiers checked against the patient record (name + date of birth, in practice). */
    identityConfirmed: z.literal(true),
    /**
     * The screening shown at intake (with its date), confirmed unchanged with the patient today or
     * updated just now: it must be the patient's latest.
     */
    screeningId: id,
    notes: note.optional(),
    /** The interval rules say this session is too early: go ahead only with a recorded reason. */
    tooEarlyReason: reason.optional(),
    /** Under the serum's minimum days between sessions: an administrator approves with their password. */
    underMinimumApproval: credentials.optional(),
  }),
});

const CHECKLIST_ITEMS = [...THERMO_CHECKLIST.steam, ...THERMO_CHECKLIST.massage] as const;

const thermoStage = z.enum(THERMO_STAGES);
export const thermoStageInput = z.strictObject({ sessionId: id, stage: thermoStage });
export const thermoSkipInput = z.strictObject({ sessionId: id, reason, admin: credentials });
export const thermoCheckInput = z.strictObject({ sessionId: id, stage: thermoStage, item: z.enum(CHECKLIST_ITEMS), checked: z.boolean() });
export const thermoCompleteInput = z.strictObject({
  sessionId: id,
  stage: thermoStage,
  /**
   * Completing before the timer has run its set time shortens the stage: it needs a reason and an
   * admin's approval (as a skip does), and is recorded as shortened with the time actually given.
   * Ignored once the timer has run its time.
   */
  early: z.strictObject({ reason, admin: credentials }).optional(),
});

export const sessionsPrepareInput = z.strictObject({
  sessionId: id,
  serum: z
    .strictObject({
      serumVersionId: id,
      lotNumber: z.string().trim().min(1).max(64),
      /** As printed on the vial; must match the library's lot. */
      expiry: isoDate,
    })
    .optional(),
  needleNewConfirmed: z.literal(true).optional(),
  primed: z.literal(true).optional(),
  zoneTargetsNl: zoneTargets.optional(),
});

export const sessionsSetProfileInput = z.strictObject({
  sessionId: id,
  profile: doseProfileSchema,
  /** Needed when the profile is beyond a serum soft limit; recorded as an override. */
  softOverrideReason: reason.optional(),
});

export const sessionsSelectZoneInput = z.strictObject({ sessionId: id, zone });

export const sessionsAckSoftLimitInput = z.strictObject({
  sessionId: id,
  scope: z.enum(['zone', 'session']),
  zone: zone.optional(),
  reason,
});

export const sessionsClosingInput = z.strictObject({
  sessionId: id,
  oilSerumApplied: z.literal(true),
  aftercareGiven: z.literal(true),
  notes: note.optional(),
});

export const sessionsSignInput = z.strictObject({
  sessionId: id,
  password,
  reviewedBy: credentials.optional(),
});

export const sessionsAbortInput = z.strictObject({ sessionId: id, reason });
export const sessionsAddendumInput = z.strictObject({ sessionId: id, text: z.string().trim().min(1).max(4000), reason });

/** One page of the admin's session browser: the one session filter (contract/sessionFilter.ts) and a page. */
export const sessionsListInput = z
  .strictObject({
    ...sessionFilterFields,
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  })
  .refine(daysInOrder, DAYS_OUT_OF_ORDER);

export const sessionsHistoryInput = z.strictObject({ patientId: id, limit: z.number().int().min(1).max(200).default(50) });

export const ledgerUnattributedInput = z.strictObject({
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});


const performers = ['clinician'] as const;
const readers = ['clinician', 'admin'] as const;
const admins = ['admin'] as const;

export const sessionsContract = {
  'sessions.start': method<typeof sessionsStartInput, SessionView>(sessionsStartInput, performers),
  'sessions.get': method<typeof sessionRef, SessionView>(sessionRef, readers),
  'sessions.active': method<z.ZodObject<Record<string, never>>, SessionView | null>(z.strictObject({}), readers),
  'sessions.thermo.start': method<typeof thermoStageInput, SessionView>(thermoStageInput, performers),
  'sessions.thermo.pause': method<typeof thermoStageInput, SessionView>(thermoStageInput, performers),
  'sessions.thermo.resume': method<typeof thermoStageInput, SessionView>(thermoStageInput, performers),
  'sessions.thermo.check': method<typeof thermoCheckInput, SessionView>(thermoCheckInput, performers),
  'sessions.thermo.complete': method<typeof thermoCompleteInput, SessionView>(thermoCompleteInput, performers),
  'sessions.thermo.skip': method<typeof thermoSkipInput, SessionView>(thermoSkipInput, performers),
  'sessions.prepare': method<typeof sessionsPrepareInput, SessionView>(sessionsPrepareInput, performers),
  'sessions.setProfile': method<typeof sessionsSetProfileInput, SessionView>(sessionsSetProfileInput, performers),
  'sessions.selectZone': method<typeof sessionsSelectZoneInput, SessionView>(sessionsSelectZoneInput, performers),
  'sessions.arm': method<typeof sessionRef, SessionView>(sessionRef, performers),
  'sessions.disarm': method<typeof sessionRef, SessionView>(sessionRef, readers),
  'sessions.ackSoftLimit': method<typeof sessionsAckSoftLimitInput, SessionView>(sessionsAckSoftLimitInput, performers),
  'sessions.closing': method<typeof sessionsClosingInput, SessionView>(sessionsClosingInput, performers),
  'sessions.sign': method<typeof sessionsSignInput, SessionView>(sessionsSignInput, performers),
  'sessions.abort': method<typeof sessionsAbortInput, SessionView>(sessionsAbortInput, readers),
  'sessions.addendum': method<typeof sessionsAddendumInput, SessionView>(sessionsAddendumInput, readers),
  'sessions.list': method<typeof sessionsListInput, SessionPage>(sessionsListInput, admins),
  /** A patient's past sessions, newest first: the clinician sees what was given before treating. */
  'sessions.history': method<typeof sessionsHistoryInput, SessionHistoryItem[]>(sessionsHistoryInput, readers),
  /** The session's dose records in the order the gun fired them (the admin's shot timeline). */
  'sessions.shots': method<typeof sessionRef, ShotView[]>(sessionRef, readers),
  'ledger.unattributed': method<typeof ledgerUnattributedInput, UnattributedRecordView[]>(ledgerUnattributedInput, admins),
} as const;

export type SessionsContract = typeof sessionsContract;
