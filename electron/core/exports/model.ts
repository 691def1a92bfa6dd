// What an export says about a session, independent of how the tables store it. The query layer fills
// these from the real schema; the PDF, JSON and CSV writers only ever see these shapes.
import type { SessionStatus } from '../../contract/sessionFilter.js';
import { ZONES, type Zone } from '../../contract/sessions.js';

export { ZONES, type Zone };

export interface PatientRef {
  id: number;
  /** Stable pseudonymous code (HMAC of the id); always present, so any export can be joined with a pseudonymised one. */
  code: string;
  /** Null in a pseudonymised export (and when the record has none). */
  fullName: string | null;
  birthDate: string | null;
  clinicId: string | null;
  sex: string | null;
  /** How to reach the patient (a lot recall); absent in a pseudonymised export. */
  contact?: { phone: string | null; email: string | null; preferredLanguage: string | null };
}

export interface Signer {
  userId: number;
  username: string;
  /** Null in a pseudonymised export. */
  displayName: string | null;
}

export interface SignatureRef extends Signer {
  meaning: string;
  signedAtMs: number;
}

export interface TimerRef {
  plannedMs: number | null;
  startedAtMs: number | null;
  endedAtMs: number | null;
  /** Time actually spent, pauses excluded; null while not ended. */
  activeMs: number | null;
  pauses: number;
  /** Completed before its set time with an admin's approval (reason null in a pseudonymised export). */
  shortened: { reason: string | null; approvedBy: string } | null;
}

export interface ZoneTotal {
  zone: Zone;
  shots: number;
  deliveredNl: number;
  commandedNl: number;
  targetNl: number | null;
  faults: number;
}

export interface TimelineSegment {
  zone: string;
  firstShotMs: number;
  lastShotMs: number;
  shots: number;
  deliveredNl: number;
  faults: number;
}

export interface LimitEventRef {
  atMs: number;
  kind: string;
  scope: string;
  zone: string | null;
  totalNl: number | null;
  limitNl: number | null;
  /** Free text; null in a pseudonymised export. */
  reason: string | null;
  detail: string;
  userId: number | null;
}

/** A station restart or a link loss while the gun was armed (sessions/interruptions.ts). */
export interface InterruptionRef {
  kind: 'station-restart' | 'link-lost';
  startedAtMs: number;
  endedAtMs: number | null;
  recovered: number;
  /** Null until the gun has said how many records it made in the interrupted window. */
  missing: number | null;
}

export interface SessionReport {
  sessionId: number;
  status: SessionStatus;
  phase: string;
  startedAtMs: number;
  /** When the session closed, by its signature or its abort; null while in progress. */
  closedAtMs: number | null;
  patient: PatientRef;
  clinician: Signer;
  signatures: SignatureRef[];
  gun: { serial: string | null; model: string | null; firmware: string | null };
  serum: { serumVersionId: number | null; name: string | null; libraryVersion: number | null; lotNumber: string | null; expiry: string | null };
  thermo: { steam: TimerRef | null; massage: TimerRef | null; skipped: { reason: string | null; approvedBy: string; atMs: number } | null };
  zones: ZoneTotal[];
  /** `authenticated`: shots whose record carried the gun's MAC and it verified when it arrived. */
  totals: { shots: number; deliveredNl: number; commandedNl: number; faults: number; authenticated: number };
  timeline: TimelineSegment[];
  limitEvents: LimitEventRef[];
  interruptions: InterruptionRef[];
  closing: { oilSerumApplied: boolean; aftercareGiven: boolean; notes: string | null; atMs: number } | null;
  abort: { reason: string | null; atMs: number; phase: string } | null;
  addenda: { atMs: number; username: string; text: string | null; reason: string | null }[];
  /** Free text from the intake step; null in a pseudonymised export. */
  intakeNotes: string | null;
  courseId: number | null;
}
