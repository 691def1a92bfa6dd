// What the session workflow needs from the rest of the station, as small interfaces (ports). The real
// implementations (GunLink through an adapter, UsersService, the serum library, patients, courses,
// settings) satisfy them in wiring.ts; the unit tests use fakes.
import type { GunIdentity, GunStatus } from '../../../device/link/index.js';
import type { DoseProfile } from '../../../device/protocol/index.js';
import type { Zone } from '../../contract/sessions.js';
import type { Reason } from '../../contract/define.js';
import type { Actor } from '../access/actor.js';
import type { AuditPort } from '../audit/port.js';
import type { Clock } from '../clock.js';
import type { Db } from '../storage/db.js';

/** What every part of the workflow that writes the session's record needs. */
export interface RecordDeps {
  db: Db;
  clock: Clock;
  audit: AuditPort;
}

/** The one gun of the station, as the workflow drives it. */
export interface GunPort {
  /** The connected gun once paired and authenticated (link 'ready'); null otherwise. */
  identity(): GunIdentity | null;
  /**
   * A fresh status from the gun (GET_STATUS), answered after every request sent before it: after
   * disarm() resolves, its lastRecordId bounds the shots fired while armed.
   */
  status(): Promise<GunStatus>;
  /** Resolves with the profile as the gun echoed it. Setting a profile disarms the gun. */
  setProfile(profile: DoseProfile): Promise<DoseProfile>;
  /** The profile the gun echoed on its current connection (null after a reconnect until set again). */
  echoedProfile(): DoseProfile | null;
  /**
   * Arms the gun with a volume budget (nL) it enforces itself (PROTOCOL.md, "Budget"). Rejects with
   * ArmRefused when the gun certainly did not arm (it said no, or nothing was sent); any other
   * rejection (a timeout, a lost link) leaves open whether it armed.
   */
  arm(budgetNl: number): Promise<void>;
  disarm(): Promise<void>;
}

/** The gun certainly did not arm: it refused (NAK), or the request was never sent. */
export class ArmRefused extends Error {
  constructor(
    message: string,
    /** Why, as the gun said it: its refusal's name ('needleNotSeated', 'noProfile') or the link's code. */
    readonly refusal: string,
  ) {
    super(message);
    this.name = 'ArmRefused';
  }
}

export interface CredentialsPort {
  /** The signer re-enters the password; rejects (CoreError) when it is wrong. */
  verifySignature(actor: Actor, password: string, meaning: 'performed' | 'reviewed'): Promise<unknown>;
  /** Another user's credentials typed in at this station (an admin approving, a reviewer signing). */
  authenticate(username: string, password: string): Promise<Actor>;
}

export interface SerumVersionInfo {
  versionId: number;
  name: string;
  zoneVolume: { softMaxNl: number; hardMaxNl: number };
  sessionVolume: { softMaxNl: number; hardMaxNl: number };
}

export interface LotInfo {
  id: number;
  lotNumber: string;
  /** YYYY-MM-DD */
  expiryDate: string;
  /** Absent or released: usable; quarantined or recalled: refused, with the reason. */
  status?: 'released' | 'quarantined' | 'recalled';
  statusReason?: string | null;
}

export interface ProfileViolation {
  field: string;
  reason: Reason;
  message: string;
}

/** A reason a serum or lot may not be used, as a code with parameters and plain words for the log. */
export interface UseProblem extends Reason {
  message: string;
}

export interface SerumPort {
  version(versionId: number): SerumVersionInfo | null;
  lot(versionId: number, lotNumber: string): LotInfo | null;
  /**
   * Blocking problems with using this lot on this patient today: expired, quarantined or recalled
   * lot, an allergen or contraindication, an unapproved example serum, the serum's minimum days not
   * kept without an approval at intake.
   */
  checkUse(args: {
    versionId: number;
    lot: LotInfo;
    patientAllergies: readonly string[];
    anaestheticAllergy: boolean;
    /** The screening's "yes" answers. */
    contraindications?: readonly string[];
    today: string;
    patientId?: number;
    sessionId?: number;
  }): UseProblem[];
  /** The serum's per-shot limits (dose, depth, mode) applied to a profile. */
  profileWithinLimits(profile: DoseProfile, versionId: number): { hardViolations: ProfileViolation[]; softViolations: ProfileViolation[] };
}

export interface PatientIntake {
  allergies: string[];
  anaestheticAllergy: boolean;
  /** The latest screening's "yes" answers (serums contraindicated by one are refused). */
  contraindications: string[];
  /** Block the session: inactive record, no screening, screening not confirmed today, no valid consent. */
  problems: Reason[];
  warnings: Reason[];
}

export interface PatientPort {
  /** Null when there is no such patient. `screeningId` is the screening the clinician confirmed at intake. */
  intake(patientId: number, args?: { screeningId?: number }): PatientIntake | null;
}

export interface CoursePort {
  /**
   * The patient's running course (its enrolment id, or null) and the interval rules for a session
   * today: `tooEarly` blocks unless the clinician records a reason; `underSerumMinimum` also needs an
   * administrator's approval; `warnings` (overdue) are recorded.
   */
  timing(args: { patientId: number; today: string }): { courseId: number | null; tooEarly: Reason | null; underSerumMinimum: Reason | null; warnings: Reason[] };
  /** Target volume per zone from the patient's plan, when it is for this serum. */
  zoneTargets?(args: { patientId: number; serumVersionId: number }): Partial<Record<Zone, number>> | null;
}

export interface SessionSettings {
  /** Thermotherapy defaults (settings; 10 and 5 minutes unless changed). Read at each timer start. */
  thermoMinutes(): { steam: number; massage: number };
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { thermoMinutes: () => ({ steam: 10, massage: 5 }) };
