// Adapters from the station's real parts to the workflow's ports, and the one place the gun link's
// events reach the workflow. Each adapter is a few lines so the ports stay the only coupling.
import { isLinkError, type GunLink, type LinkState } from '../../../device/link/index.js';
import { isBlockingFault } from '../../../device/protocol/index.js';
import { CoreError } from '../errors.js';
import type { EnrolmentService } from '../courses/enrolments.js';
import type { PatientService } from '../patients/service.js';
import { checkSerumUse, profileWithinSerumLimits } from '../serum/check.js';
import type { SerumLibrary } from '../serum/library.js';
import type { SerumLots } from '../serum/lots.js';
import type { UsersService } from '../users/service.js';
import { ArmRefused, type CoursePort, type CredentialsPort, type GunPort, type PatientPort, type SerumPort, type SessionSettings } from './ports.js';
import type { SessionService } from './service.js';

/** The parts of GunLink the workflow uses (GunLink satisfies it). */
export type GunLinkLike = Pick<GunLink, 'state' | 'identity' | 'profile' | 'refreshStatus' | 'setProfile' | 'arm' | 'disarm' | 'on' | 'off'>;

export function gunPortFromLink(link: GunLinkLike): GunPort {
  return {
    // The link keeps the last identity after a disconnect (for display); only a ready link is usable.
    identity: () => (link.state === 'ready' ? link.identity : null),
    status: () => link.refreshStatus(),
    setProfile: (p) => link.setProfile(p),
    echoedProfile: () => (link.state === 'ready' ? link.profile : null),
    arm: async (budgetNl) => {
      try {
        await link.arm(budgetNl);
      } catch (e) {
        // A NAK, or a refusal before anything was written: the gun is certainly not armed. A timeout
        // or a lost link is not: the ARM may have arrived and only its ACK been lost.
        if (isLinkError(e) && (e.detail.nak !== undefined || e.code === 'not-ready' || e.code === 'cannot-arm')) throw new ArmRefused(e.message);
        throw e;
      }
    },
    disarm: async () => {
      // disarm() never rejects; false means no authenticated connection (the gun is then disarmed
      // by its own watchdog or by the next HELLO), which the workflow records.
      if (!(await link.disarm())) throw new Error('no authenticated connection to the gun');
    },
  };
}

/**
 * Feeds the link's news to the workflow: status, disconnects, blocking faults, and failed ledger
 * commits (the limits are blind while records cannot be stored, so the gun is stopped at once).
 * Returns the detach function.
 */
export function attachLinkEvents(link: Pick<GunLinkLike, 'identity' | 'on' | 'off'>, sessions: Pick<SessionService, 'handleGunStatus' | 'handleGunDisconnected' | 'handleCommitFailed' | 'handleGunFault' | 'handleGunReady'>): () => void {
  const onStatus = (status: Parameters<SessionService['handleGunStatus']>[1]) => {
    const id = link.identity;
    if (id) sessions.handleGunStatus(id.serial, status);
  };
  const onDisconnected = () => sessions.handleGunDisconnected();
  const onCommitFailed = ({ error }: { error: Error }) => sessions.handleCommitFailed(error);
  const onFault = (f: { fault: Parameters<SessionService['handleGunFault']>[0]['fault']; active: boolean; detail: string }) => {
    // Warnings (low reservoir, low battery) do not stop the gun; blocking faults disarm it.
    if (f.active && isBlockingFault(f.fault)) sessions.handleGunFault(f);
  };
  // 'ready' is entered after every (re)connection, once authenticated and synced: the gun then holds
  // no profile, and the session's own is sent back to it (handleGunReady checks whether it is needed).
  const onState = (state: LinkState) => {
    if (state === 'ready') void sessions.handleGunReady();
  };
  link.on('status', onStatus);
  link.on('state', onState);
  link.on('disconnected', onDisconnected);
  link.on('commit-failed', onCommitFailed);
  link.on('fault', onFault);
  return () => {
    link.off('status', onStatus);
    link.off('state', onState);
    link.off('disconnected', onDisconnected);
    link.off('commit-failed', onCommitFailed);
    link.off('fault', onFault);
  };
}

export function credentialsFromUsers(users: Pick<UsersService, 'verifySignature' | 'authenticateSigner'>): CredentialsPort {
  return {
    verifySignature: (actor, password, meaning) => users.verifySignature(actor, password, meaning),
    // A co-signer (an admin approving, a reviewer) who must still change an admin-set password cannot sign.
    authenticate: (username, password) => users.authenticateSigner(username, password),
  };
}

function orNull<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof CoreError && e.code === 'not-found') return null;
    throw e;
  }
}

export function serumPortFrom(library: Pick<SerumLibrary, 'version'>, lots: Pick<SerumLots, 'findLot'>): SerumPort {
  const version = (id: number) => orNull(() => library.version(id));
  return {
    version: (id) => version(id),
    lot: (versionId, lotNumber) => {
      const v = version(versionId);
      const lot = v ? lots.findLot(v.serumId, lotNumber) : null;
      return lot ? { id: lot.id, lotNumber: lot.lotNumber, expiryDate: lot.expiryDate } : null;
    },
    checkUse: ({ versionId, lot, patientAllergies, anaestheticAllergy, today }) => {
      const v = version(versionId);
      if (!v) return [`there is no serum version ${versionId}`];
      return checkSerumUse({ serumVersion: v, lot: { serumId: v.serumId, lotNumber: lot.lotNumber, expiryDate: lot.expiryDate }, patientAllergies, anaestheticAllergy, today }).problems.map(
        (p) => p.message,
      );
    },
    profileWithinLimits: (profile, versionId) => {
      const v = version(versionId);
      if (!v) return { hardViolations: [{ field: 'serum', message: `there is no serum version ${versionId}` }], softViolations: [] };
      return profileWithinSerumLimits(profile, v);
    },
  };
}

export function patientPortFrom(patients: Pick<PatientService, 'get'>): PatientPort {
  return {
    intake: (patientId) => {
      const p = orNull(() => patients.get({ id: patientId }));
      if (!p) return null;
      const problems: string[] = [];
      if (!p.active) problems.push(`patient ${patientId} is deactivated; reactivate the record first`);
      if (!p.screened) problems.push('no screening is recorded for this patient; record one before the first session');
      const warnings: string[] = [];
      if (p.needsClinicianReview && p.screening)
        warnings.push(`screening lists ${p.screening.contraindications.join(', ')}: reviewed by the clinician at intake`);
      if (!p.consent) warnings.push('no consent is recorded for this patient');
      return { allergies: p.allergies, anaestheticAllergy: p.screening?.anaestheticAllergy ?? false, problems, warnings };
    },
  };
}

export function coursePortFrom(enrolments: Pick<EnrolmentService, 'timingForPatient'>): CoursePort {
  return {
    timing: ({ patientId }) => {
      const t = enrolments.timingForPatient(patientId);
      if (!t) return { courseId: null, tooEarly: null, warnings: [] };
      const { timing } = t;
      const warnings: string[] = [];
      if (timing.completed) warnings.push('the course is complete; this is an extra session');
      if (timing.overdue) warnings.push(`the session is overdue (latest ${timing.latestDate}; ${timing.daysSinceLast} days since the last)`);
      const tooEarly = timing.tooEarly ? `too early for the course: earliest ${timing.earliestDate} (${timing.daysSinceLast} days since the last)` : null;
      return { courseId: t.enrolmentId, tooEarly, warnings };
    },
  };
}

/** From the station settings' `thermotherapy` entry (read at every timer start, so a change applies at once). */
export function sessionSettingsFrom(thermotherapy: () => { steamMinutes: number; massageMinutes: number }): SessionSettings {
  return {
    thermoMinutes: () => {
      const t = thermotherapy();
      return { steam: t.steamMinutes, massage: t.massageMinutes };
    },
  };
}
