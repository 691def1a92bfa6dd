// The clinical-session and dose-ledger part of the contract: input schemas (the only place these
// inputs are validated), who may call each method, and the shapes the core returns. Imports nothing
// from Node: the renderer and the preload load this file too.
import { z } from 'zod';
import { method } from './define.js';
import { DAYS_OUT_OF_ORDER, daysInOrder, sessionFilterFields, type SessionStatus } from './sessionFilter.js';

/** Default scalp map (domain.md). Every dose belongs to exactly one of these; "other" is not a zone. */
export const ZONES = ['frontal', 'mid_scalp', 'vertex', 'temporal_left', 'temporal_right', 'parietal_left', 'parietal_right', 'occipital'] as const;
export type Zone = (typeof ZONES)[number];

export const PHASES = ['intake', 'thermotherapy', 'preparation', 'mesotherapy', 'closing', 'review', 'signed', 'aborted'] as const;
export type Phase = (typeof PHASES)[number];

// A clinical session's status (in_progress | signed | aborted) is the one vocabulary of the database
// (migration 311), the filter, sessions.list and the exports; it is defined with the filter.
export { SESSION_STATUSES, type SessionStatus } from './sessionFilter.js';

export const DOSE_MODE_NAMES = ['papule', 'nappage', 'micropapule', 'retrograde'] as const;
export type DoseModeName = (typeof DOSE_MODE_NAMES)[number];

/**
 * The faults a gun reports (device/protocol's FAULT_CODES, mirrored here so the renderer needs
 * nothing from device/; electron/core/gun/gunService.ts checks at compile time that both agree).
 */
export const FAULT_NAMES = ['reservoirEmpty', 'reservoirLow', 'occlusion', 'driveBlocked', 'needleNotSeated', 'airInLine', 'lowBattery', 'tamper', 'calibrationInvalid'] as const;
export type FaultName = (typeof FAULT_NAMES)[number];
/** A code the station does not know, as stored and shown: the record is kept, never dropped. */
export type UnknownCode = `unknown (code ${number})`;
/** A fault as a gun reported it: a known name, or "unknown (code N)". */
export type ReportedFault = FaultName | UnknownCode;
/** A mode as a gun recorded it: a known name, or "unknown (code N)". */
export type RecordedMode = DoseModeName | UnknownCode;

/** 200 µL: the gun's absolute per-shot ceiling (domain.md); anything above is a typing error. */
export const MAX_DOSE_NL = 200_000;
/** A session is at most one syringe (10 mL); a zone target above that is a typing error. */
export const MAX_VOLUME_NL = 10_000_000;

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

export const THERMO_STAGES = ['steam', 'massage'] as const;
export type ThermoStageName = (typeof THERMO_STAGES)[number];

/**
 * Each thermotherapy stage's checklist, as codes (the renderer words them). Every item must be
 * ticked, and each tick is recorded with its time, before the stage can complete.
 */
export const THERMO_CHECKLIST = {
  steam: ['cape-on', 'steamer-ready', 'patient-comfortable'],
  massage: ['all-zones', 'no-pain', 'scalp-ready'],
} as const satisfies Record<ThermoStageName, readonly string[]>;
export type ChecklistItem = (typeof THERMO_CHECKLIST)[ThermoStageName][number];
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

// ---- outputs ----

export interface TimerView {
  plannedMs: number;
  startedAt: number | null;
  pausedAt: number | null;
  endedAt: number | null;
  pauses: { at: number; resumedAt: number | null }[];
  /** Derived from the stored timestamps (never stored). */
  remainingMs: number;
  /** Running time so far (or given, once ended), pauses excluded. */
  givenMs: number;
  /** Completed before its set time, with an admin's approval. */
  shortened: { reason: string; approvedBy: string; givenMs: number; at: number } | null;
  /** The checklist: each ticked item with the time it was ticked. */
  checks: Partial<Record<ChecklistItem, number>>;
}

export interface ZoneTotalView {
  zone: Zone;
  deliveredNl: number;
  commandedNl: number;
  shots: number;
  targetNl: number | null;
  softMaxNl: number | null;
  hardMaxNl: number | null;
}

export interface LimitEventView {
  id: number;
  at: number;
  kind: 'soft_stop' | 'soft_ack' | 'hard_stop' | 'hard_block' | 'near_miss';
  scope: 'shot' | 'zone' | 'session';
  zone: Zone | null;
  totalNl: number | null;
  limitNl: number | null;
  reason: string | null;
  detail: string;
  userId: number | null;
}

export interface SignatureView {
  userId: number;
  username: string;
  displayName: string;
  meaning: 'performed' | 'reviewed';
  signedAt: number;
}

export interface AddendumView {
  id: number;
  at: number;
  userId: number;
  username: string;
  text: string;
  reason: string;
}

export interface DoseProfileView {
  doseNl: number;
  entryPct: number;
  dwellPct: number;
  exitPct: number;
  depthUm: number;
  mode: DoseModeName;
  minIntervalMs: number;
}

export type InterruptionKind = 'station-restart' | 'link-lost';

/** A station restart or a link loss while the gun was armed for the session (the renderer words `kind`). */
export interface InterruptionView {
  id: number;
  kind: InterruptionKind;
  /** Station time: the last sign of life before a restart, or when the link was lost. */
  startedAt: number;
  /** Station time: the station back up, or the link ready again; null until then. */
  endedAt: number | null;
  /** Dose records of the armed window that reached the record after it began (the gun kept them). */
  recovered: number;
  /** Records the gun made in that window that the record does not hold; null until the gun has said how many it made. */
  missing: number | null;
}

export interface SessionView {
  id: number;
  patientId: number;
  courseId: number | null;
  clinician: { userId: number; username: string; displayName: string };
  phase: Phase;
  /** Sub-step inside the phase, e.g. thermotherapy "steam.running", mesotherapy "armed". */
  step: string;
  status: SessionStatus;
  startedAt: number;
  thermo: { steam: TimerView; massage: TimerView; skipped: { reason: string; approvedBy: string; at: number } | null };
  serum: { serumVersionId: number; name: string; lotId: number; lotNumber: string; expiry: string } | null;
  needleConfirmedAt: number | null;
  primedAt: number | null;
  gun: { serial: string; model: string; firmware: string; simulated: boolean } | null;
  profile: DoseProfileView | null;
  zone: Zone | null;
  armed: boolean;
  zones: ZoneTotalView[];
  totalDeliveredNl: number;
  totalShots: number;
  sessionSoftMaxNl: number | null;
  sessionHardMaxNl: number | null;
  /** Soft limits reached and not yet acknowledged: arming waits for these. */
  softAcksNeeded: { scope: 'zone' | 'session'; zone: Zone | null; message: string }[];
  limitEvents: LimitEventView[];
  closing: { oilSerumApplied: boolean; aftercareGiven: boolean; notes: string | null; at: number } | null;
  signatures: SignatureView[];
  abort: { reason: string; at: number; phase: Phase } | null;
  addenda: AddendumView[];
  warnings: string[];
  /** Station restarts and link losses while the gun was armed, oldest first. */
  interruptions: InterruptionView[];
  /**
   * A gun that reconnects has forgotten the profile; the core sends the session's profile again by
   * itself. Set when that last automatic re-send failed (the clinician then sends it by hand); null
   * when it succeeded or was not needed.
   */
  profileResendError: string | null;
}

export interface SessionSummary {
  id: number;
  patientId: number;
  /** The patient's identifiers, so a list names whom each session was for. */
  patientName: string | null;
  patientClinicId: string | null;
  patientBirthDate: string | null;
  clinicianUserId: number;
  clinicianName: string;
  phase: Phase;
  status: SessionStatus;
  startedAt: number;
  /** When the session was signed or aborted; null while in progress. */
  endedAt: number | null;
  serumVersionId: number | null;
  lotNumber: string | null;
  /** The gun that took the session's (last) profile; null before one did. */
  gunSerial: string | null;
  totalDeliveredNl: number;
  totalShots: number;
}

export interface SessionPage {
  items: SessionSummary[];
  /** Sessions matching the filter, over all pages. */
  total: number;
  offset: number;
  limit: number;
}

/** One past session as a clinician reviews it before treating (sessions.history). */
export interface SessionHistoryItem {
  id: number;
  status: SessionStatus;
  phase: Phase;
  startedAt: number;
  clinicianName: string;
  serumName: string | null;
  lotNumber: string | null;
  totalDeliveredNl: number;
  totalShots: number;
  /** Delivered per zone and the target it had (0 = spared; null = none). */
  zones: { zone: Zone; deliveredNl: number; targetNl: number | null }[];
  /** Soft limits passed with a reason (profile overrides and volume acknowledgements). */
  overrides: { at: number; detail: string; reason: string | null }[];
  /** Faults the gun reported on doses, and limit stops: what went wrong in the chair. */
  adverseEvents: { at: number; kind: string; detail: string }[];
  /** Intake, closing and addendum notes, and an abort's reason. */
  notes: { kind: 'intake' | 'closing' | 'addendum' | 'abort'; at: number; text: string }[];
}

/** One dose record of a session, as the ledger holds it (sessions.shots). */
export interface ShotView {
  /** The gun's own record id (never reused by that gun). */
  recordId: number;
  gunSerial: string;
  zone: Zone;
  commandedNl: number;
  deliveredNl: number;
  depthUm: number;
  mode: RecordedMode;
  /** Gun clock. */
  gunStartedAtMs: number;
  gunEndedAtMs: number;
  /** Station clock: when the record reached the station. */
  receivedAtMs: number;
  /** The fault the gun reported with this shot (e.g. 'occlusion'); null for a clean shot. */
  fault: ReportedFault | null;
}

export interface UnattributedRecordView {
  id: number;
  gunSerial: string;
  recordId: number;
  deliveredNl: number;
  commandedNl: number;
  startedAtMs: number;
  receivedAtMs: number;
  reason: string;
}

/** Pushed to the renderer: a dose with nowhere to go, or a limit that stopped the gun. */
export type SessionsEvent =
  | { type: 'dose.unattributed'; gunSerial: string; recordId: number; deliveredNl: number; reason: string }
  | { type: 'limit.stop'; sessionId: number; kind: 'soft_stop' | 'hard_stop'; scope: 'zone' | 'session'; zone: Zone | null; message: string }
  | { type: 'session.changed'; sessionId: number; phase: Phase; step: string }
  /**
   * The station stopped the gun outside the clinician's control: an alert, to be shown at once.
   * commit-failed: a dose record could not be stored, so volume limits are blind (arming is refused
   * until records store again); fault: a blocking gun fault while armed; budget: the gun reached the
   * volume budget it was armed with and disarmed itself. sessionId is null when no session was open.
   */
  | { type: 'gun.stopped'; sessionId: number | null; reason: 'commit-failed' | 'fault' | 'budget'; message: string };

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
