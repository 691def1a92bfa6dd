// What the core returns about clinical sessions and pushes to the renderer: the session's view, its
// pages and history, its dose records, and the workflow events. Types only; the inputs and who may call
// each method are in sessions.ts.
import type { Reason } from './reasons.js';
import type { ChecklistItem, DoseModeName, Phase, RecordedMode, ReportedFault, SessionStatus, Zone } from './sessionTerms.js';

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
  /**
   * What happened, for the screen: limit.hard / limit.soft with the stored figures, a profile's
   * violation, or (for rows written before details were codes) the stored words as they are.
   */
  what: Reason;
  /** The stored English detail (for the PDF report and the log). */
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
  softAcksNeeded: { scope: 'zone' | 'session'; zone: Zone | null; reason: Reason }[];
  limitEvents: LimitEventView[];
  closing: { oilSerumApplied: boolean; aftercareGiven: boolean; notes: string | null; at: number } | null;
  signatures: SignatureView[];
  abort: { reason: string; at: number; phase: Phase } | null;
  addenda: AddendumView[];
  /** What the intake noted (course complete or overdue, a reason to go ahead early); older sessions' words as stored. */
  warnings: Reason[];
  /** Station restarts and link losses while the gun was armed, oldest first. */
  interruptions: InterruptionView[];
  /**
   * A gun that reconnects has forgotten the profile; the core sends the session's profile again by
   * itself. Set when that last automatic re-send failed (the clinician then sends it by hand); null
   * when it succeeded or was not needed.
   */
  profileResendError: Reason | null;
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
export type WorkflowEvent =
  | { type: 'dose.unattributed'; gunSerial: string; recordId: number; deliveredNl: number; reason: string }
  | { type: 'limit.stop'; sessionId: number; kind: 'soft_stop' | 'hard_stop'; scope: 'zone' | 'session'; zone: Zone | null; what: Reason }
  | { type: 'session.changed'; sessionId: number; phase: Phase; step: string }
  /**
   * The station stopped the gun outside the clinician's control: an alert, to be shown at once.
   * commit-failed: a dose record could not be stored, so volume limits are blind (arming is refused
   * until records store again); fault: a blocking gun fault while armed; budget: the gun reached the
   * volume budget it was armed with and disarmed itself. sessionId is null when no session was open.
   */
  | { type: 'gun.stopped'; sessionId: number | null; reason: 'commit-failed' | 'fault' | 'budget'; what: Reason };
