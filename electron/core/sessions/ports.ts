// What the session workflow needs from the rest of the station, as small interfaces (ports). The real
// implementations (GunLink through an adapter, UsersService, the serum library, patients, courses,
// settings) satisfy them in wiring.ts; the unit tests use fakes.
import type { GunIdentity, GunStatus } from '../../../device/link/index.js';
import type { DoseProfile } from '../../../device/protocol/index.js';
import type { Zone } from '../../contract/sessions.js';
import type { Actor } from '../access/actor.js';

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
  constructor(message: string) {
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
}

export interface ProfileViolation {
  field: string;
  message: string;
}

export interface SerumPort {
  version(versionId: number): SerumVersionInfo | null;
  lot(versionId: number, lotNumber: string): LotInfo | null;
  /** Blocking problems with using this lot on this patient today (expired, allergen), as messages. */
  checkUse(args: { versionId: number; lot: LotInfo; patientAllergies: readonly string[]; anaestheticAllergy: boolean; today: string }): string[];
  /** The serum's per-shot limits (dose, depth, mode) applied to a profile. */
  profileWithinLimits(profile: DoseProfile, versionId: number): { hardViolations: ProfileViolation[]; softViolations: ProfileViolation[] };
}

export interface PatientPort {
  /** Null when there is no such patient. `problems` block a session (inactive, not screened, contraindicated). */
  intake(patientId: number): { allergies: string[]; anaestheticAllergy: boolean; problems: string[]; warnings: string[] } | null;
}

export interface CoursePort {
  /**
   * The patient's running course (its enrolment id, or null) and the timing of a session today:
   * `tooEarly` blocks unless the clinician records a reason; `warnings` (overdue) are recorded.
   */
  timing(args: { patientId: number; today: string }): { courseId: number | null; tooEarly: string | null; warnings: string[] };
  /** Target volume per zone from the course plan, when it has one. */
  zoneTargets?(courseId: number): Partial<Record<Zone, number>> | null;
}

export interface SessionSettings {
  /** Thermotherapy defaults (settings; 10 and 5 minutes unless changed). Read at each timer start. */
  thermoMinutes(): { steam: number; massage: number };
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { thermoMinutes: () => ({ steam: 10, massage: 5 }) };
