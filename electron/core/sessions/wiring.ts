// Adapters from the station's real parts to the workflow's ports, and the one place the gun link's
// news (from the bus) reaches the workflow. Each adapter is a few lines so the ports stay the only coupling.
import { isLinkError, type GunLink } from '../../../device/link/index.js';
import type { CoreBus } from '../bus.js';
import { isBlockingFault } from '../../../device/protocol/index.js';
import { TREATMENT } from '../../contract/consents.js';
import type { Reason } from '../../contract/define.js';
import type { ConsentService } from '../consents/service.js';
import { intervalVerdict } from '../courses/intervals.js';
import { CoreError } from '../errors.js';
import { daysBetween } from '../patients/dates.js';
import type { PlanService } from '../plans/service.js';
import type { EnrolmentService } from '../courses/enrolments.js';
import type { PatientService } from '../patients/service.js';
import { checkSerumUse, profileWithinSerumLimits } from '../serum/check.js';
import type { SerumLibrary } from '../serum/library.js';
import type { SerumLots } from '../serum/lots.js';
import type { UsersService } from '../users/service.js';
import { ArmRefused, type CoursePort, type CredentialsPort, type GunPort, type PatientPort, type SerumPort, type SessionSettings, type UseProblem } from './ports.js';
import { serumMinimumProblem } from './intake.js';
import type { SessionService } from './service.js';

/** The parts of GunLink the workflow uses (GunLink satisfies it). */
export type GunLinkLike = Pick<GunLink, 'state' | 'identity' | 'profile' | 'refreshStatus' | 'setProfile' | 'arm' | 'disarm'>;

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
        if (isLinkError(e) && (e.detail.nak !== undefined || e.code === 'not-ready' || e.code === 'cannot-arm')) throw new ArmRefused(e.message, e.detail.nak ?? e.field ?? e.code);
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
 * Feeds the link's news (put on the bus by gun/linkEvents.ts) to the workflow: status, disconnects,
 * blocking faults, and failed ledger commits (the limits are blind while records cannot be stored, so
 * the gun is stopped at once). Returns the detach function.
 */
export function attachLinkEvents(bus: Pick<CoreBus, 'on'>, sessions: Pick<SessionService, 'handleGunStatus' | 'handleGunDisconnected' | 'handleCommitFailed' | 'handleGunFault' | 'handleGunReady'>): () => void {
  const offs = [
    bus.on('link.status', ({ serial, status }) => {
      if (serial !== null) sessions.handleGunStatus(serial, status);
    }),
    // 'ready' is entered after every (re)connection, once authenticated and synced: the gun then holds
    // no profile, and the session's own is sent back to it (handleGunReady checks whether it is needed).
    bus.on('link.state', (state) => {
      if (state === 'ready') void sessions.handleGunReady();
    }),
    bus.on('link.disconnected', () => sessions.handleGunDisconnected()),
    bus.on('link.commitFailed', ({ error }) => sessions.handleCommitFailed(error)),
    // Warnings (low reservoir, low battery) do not stop the gun; blocking faults disarm it.
    bus.on('link.fault', (f) => {
      if (f.active && isBlockingFault(f.fault)) sessions.handleGunFault(f);
    }),
  ];
  return () => offs.forEach((off) => off());
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

/** What the serum port reads to hold the serum's own minimum days at preparation. */
export interface IntervalFacts {
  lastSession(patientId: number, exceptSessionId?: number): { date: string } | null;
  approvedUnderMinimum(sessionId: number): boolean;
}

export function serumPortFrom(library: Pick<SerumLibrary, 'version'>, lots: Pick<SerumLots, 'findLot'>, intervals?: IntervalFacts): SerumPort {
  const version = (id: number) => orNull(() => library.version(id));
  return {
    version: (id) => version(id),
    lot: (versionId, lotNumber) => {
      const v = version(versionId);
      const lot = v ? lots.findLot(v.serumId, lotNumber) : null;
      return lot ? { id: lot.id, lotNumber: lot.lotNumber, expiryDate: lot.expiryDate, status: lot.status, statusReason: lot.statusChange?.reason ?? null } : null;
    },
    checkUse: ({ versionId, lot, patientAllergies, anaestheticAllergy, contraindications, today, patientId, sessionId }) => {
      const v = version(versionId);
      if (!v) return [{ code: 'serum.unknown-version', params: { versionId }, message: `there is no serum version ${versionId}` }];
      const problems: UseProblem[] = checkSerumUse({
        serumVersion: v,
        lot: { serumId: v.serumId, lotNumber: lot.lotNumber, expiryDate: lot.expiryDate, status: lot.status, statusReason: lot.statusReason },
        patientAllergies,
        anaestheticAllergy,
        contraindications,
        today,
      }).problems;
      if (intervals && patientId !== undefined) {
        const last = intervals.lastSession(patientId, sessionId);
        const p = serumMinimumProblem({
          lastSessionDate: last?.date ?? null,
          daysSinceLast: last ? daysBetween(last.date, today) : null,
          serum: { name: v.name, minDays: v.minDaysBetweenSessions },
          approved: sessionId !== undefined && intervals.approvedUnderMinimum(sessionId),
        });
        if (p) problems.push(p);
      }
      return problems;
    },
    profileWithinLimits: (profile, versionId) => {
      const v = version(versionId);
      if (!v) return { hardViolations: [{ field: 'serum', reason: { code: 'lookup.not-found', params: { kind: 'serum-version', id: versionId } }, message: `there is no serum version ${versionId}` }], softViolations: [] };
      return profileWithinSerumLimits(profile, v);
    },
  };
}

export function patientPortFrom(patients: Pick<PatientService, 'get'>, consents: Pick<ConsentService, 'problemFor'>): PatientPort {
  return {
    intake: (patientId, args) => {
      const p = orNull(() => patients.get({ id: patientId }));
      if (!p) return null;
      const problems: Reason[] = [];
      if (!p.active) problems.push({ code: 'patient.inactive', params: { patientId } });
      if (!p.screening) problems.push({ code: 'screening.missing', params: { patientId } });
      else if (args?.screeningId !== p.screening.id)
        problems.push(
          args?.screeningId === undefined
            ? { code: 'screening.not-confirmed', params: { screeningId: p.screening.id, recordedAt: p.screening.recordedAt } }
            : { code: 'screening.not-latest', params: { screeningId: args.screeningId, latestId: p.screening.id, recordedAt: p.screening.recordedAt } },
        );
      const consent = consents.problemFor(patientId, TREATMENT);
      if (consent) problems.push(consent);
      const warnings: Reason[] = [];
      if (p.needsClinicianReview && p.screening) warnings.push({ code: 'intake.screening-reviewed', params: { contraindications: p.screening.contraindications.join(', ') } });
      return { allergies: p.allergies, anaestheticAllergy: p.screening?.anaestheticAllergy ?? false, contraindications: p.screening?.contraindications ?? [], problems, warnings };
    },
  };
}

/**
 * The interval rules and the plan's zone targets. The serum judged at intake is the plan's, else
 * the one of the last session; the serum loaded is judged again at preparation (serumPortFrom).
 */
export function coursePortFrom(
  enrolments: Pick<EnrolmentService, 'timingForPatient' | 'lastSession'>,
  library: Pick<SerumLibrary, 'get' | 'version'>,
  plans: Pick<PlanService, 'get' | 'zoneTargetsFor'>,
): CoursePort {
  const serumOf = (patientId: number, lastVersionId: number | null) => {
    const planned = plans.get({ patientId });
    if (planned) return library.get({ serumId: planned.serumId }).latest;
    return lastVersionId === null ? null : orNull(() => library.version(lastVersionId));
  };
  return {
    timing: ({ patientId, today }) => {
      const t = enrolments.timingForPatient(patientId);
      const last = enrolments.lastSession(patientId);
      const serum = serumOf(patientId, last?.serumVersionId ?? null);
      const verdict = intervalVerdict({
        today,
        lastSessionDate: last?.date ?? null,
        course: t?.timing ?? null,
        serum: serum && { name: serum.name, minDays: serum.minDaysBetweenSessions, maxDays: serum.maxDaysBetweenSessions },
      });
      return { courseId: t?.enrolmentId ?? null, tooEarly: verdict.tooEarly, underSerumMinimum: verdict.underSerumMinimum, warnings: verdict.warnings };
    },
    zoneTargets: ({ patientId, serumVersionId }) => {
      const v = orNull(() => library.version(serumVersionId));
      return v ? plans.zoneTargetsFor(patientId, v.serumId) : null;
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
