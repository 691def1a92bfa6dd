// The core's services, built once per station over one database. Areas add their service here and
// their handlers in handlers.ts.
import { GunLink, type PortFactory, type UsbId } from '../../device/link/index.js';
import { LoginManager, type LockReason, type Login } from './access/logins.js';
import { AuditTrail } from './audit/trail.js';
import type { StationMode } from '../contract/station.js';
import type { Clock } from './clock.js';
import type { KeyStore } from './keys/keyStore.js';
import type { CoreBus } from './bus.js';
import { publishLinkEvents } from './gun/linkEvents.js';
import { createGunKeyStore, type SettingsGunKeyStore } from './settings/gunKeys.js';
import { SettingsService } from './settings/service.js';
import type { SettingsStore } from './settings/store.js';
import { createClinicalRecordServices, type ClinicalRecordServices } from './patients/clinicalRecords.js';
import { signersFromUsers } from './patients/signers.js';
import { ExportService } from './exports/service.js';
import { GunService } from './gun/gunService.js';
import { QualityDashboard } from './quality/dashboard.js';
import { reconcileQualityReviews } from './quality/reconcile.js';
import { ReviewQueue } from './quality/reviews.js';
import { ReasonCodes } from './reasons/reasonCodes.js';
import { reconcileLedger } from './ledger/reconcile.js';
import type { Logger } from './logger.js';
import { createLedger, createSessionsArea, type SessionsArea } from './sessions/area.js';
import { reconcileSignatures } from './sessions/signatureReconcile.js';
import type { Db } from './storage/db.js';
import type { SessionService } from './sessions/service.js';
import { AuthService, type LeaveGuard } from './users/auth.js';
import { UsersService, type UsersOptions } from './users/service.js';

/** Written into every export's manifest, JSON and PDF. */
export const STATION_VERSION = '0.1.0';

export interface ServiceDeps {
  db: Db;
  /** The trail over `db`, keyed from the key store (startup/openStationData.ts). */
  audit: AuditTrail;
  /** This data folder's key store: the guns' link keys live there. */
  keys: KeyStore;
  /** From the key store: behind pseudonymised patient codes in exports. */
  pseudonymSecret: Uint8Array;
  /** Clinical (a real gun) or training (the simulated gun, its own database). */
  mode: StationMode;
  settings: SettingsStore;
  clock: Clock;
  /** The core's one bus: every area publishes on it; the hosts forward the contract's events from it. */
  bus: CoreBus;
  users?: UsersOptions;
  gun?: GunSource;
  logger?: Logger;
  /** Where exports go when the admin names no folder. */
  exportsDir: string;
}

/**
 * Where the station's gun is: an explicit serial port (a socat pty for the simulator), or discovery
 * by USB vendor/product id. Without one the link is built but never started (no gun is looked for).
 * A path may name how it is opened (`portFactory`): the serial port by default, or a port that is no
 * file at all, such as the simulator on an in-process cable. The link's handshake, authentication
 * and every check after it are the same whatever carries the bytes.
 */
export type GunSource = { kind: 'path'; path: string; portFactory?: PortFactory } | { kind: 'discover'; ids: readonly UsbId[]; serialNumber?: string };

export interface Services extends ClinicalRecordServices {
  db: Db;
  mode: StationMode;
  clock: Clock;
  audit: AuditTrail;
  users: UsersService;
  /** Who is signed in on which window (not the clinical sessions: sessionsArea). */
  logins: LoginManager;
  auth: AuthService;
  settings: SettingsService;
  gunKeys: SettingsGunKeyStore;
  /** The one gun: link (with the ledger as its dose sink), and its view for windows. */
  link: GunLink;
  gun: GunService;
  /** Dose ledger and session workflow. */
  sessionsArea: SessionsArea;
  exports: ExportService;
  /** Where exports (records and the audit trail) go when the admin names no folder. */
  exportsDir: string;
  reasonCodes: ReasonCodes;
  quality: QualityDashboard;
  reviews: ReviewQueue;
}

export function createServices(deps: ServiceDeps): Services {
  const { db, clock, bus, audit } = deps;
  audit.addReconciler(reconcileLedger);
  audit.addReconciler(reconcileSignatures);
  audit.addReconciler(reconcileQualityReviews);
  const users = new UsersService(db, audit, clock, deps.users);
  // The session workflow is built below (it needs the link); a login's lock and logout reach it through these.
  let workflow: SessionService | null = null;
  const guard: LeaveGuard = {
    async disarmIfArmedFor(userId, by) {
      if (!workflow?.armedFor(userId)) return false;
      await workflow.disarmGun(by);
      return true;
    },
  };
  // Auto-lock: the DISARM goes out before the session is marked locked; its audit row follows the
  // gun's answer. (An explicit lock or logout awaits the disarm first; see AuthService.)
  const onLocking = (login: Login, reason: LockReason): boolean => {
    if (!workflow?.armedFor(login.userId)) return false;
    const user = users.activeActor(login.userId);
    void workflow.disarmGun({ actor: null, systemActor: reason === 'idle' ? 'station:auto-lock' : 'station:locked', screenUser: user?.username ?? null, cause: reason === 'idle' ? 'auto-lock' : 'lock' });
    return true;
  };
  const onLocked = (login: Login, reason: LockReason, gunDisarmed: boolean): void => {
    const actor = users.activeActor(login.userId) ?? null;
    audit.append({ actor, action: 'auth.lock', entity: 'user', entityId: login.userId, newValue: { reason, gunDisarmed } });
    bus.emit('login.locked', { connectionId: login.connectionId, userId: login.userId, reason, gunDisarmed });
  };
  const logins = new LoginManager({ clock, autoLockMs: () => deps.settings.get('autoLockMinutes') * 60_000, onLocking, onLocked });
  const auth = new AuthService(users, logins, audit, guard);
  const gunKeys = createGunKeyStore(deps.settings, deps.keys, audit, clock);
  const settings = new SettingsService(deps.settings, db, audit, gunKeys);
  const signers = signersFromUsers(users);
  const clinical = createClinicalRecordServices({ db, audit, clock, signers });

  // The ledger is the link's dose sink: a record is acknowledged to the gun only once it is in the file.
  const ledger = createLedger(db, audit, clock, bus);
  const source = deps.gun;
  const link = new GunLink({
    ...(source?.kind === 'path' ? { path: source.path, portFactory: source.portFactory } : { discovery: { ids: source?.ids ?? deps.settings.get('gunUsbIds'), serialNumber: source?.kind === 'discover' ? source.serialNumber : undefined } }),
    keyStore: gunKeys,
    sink: ledger,
    stationName: deps.settings.get('stationName'),
  });
  // Before anything hears 'link.*': the link's news reaches the core only through the bus.
  publishLinkEvents(link, bus);
  const sessionsArea = createSessionsArea({
    db,
    clock,
    audit,
    bus,
    ledger,
    link,
    users,
    patients: clinical.patients,
    serumLibrary: clinical.serumLibrary,
    serumLots: clinical.serumLots,
    enrolments: clinical.enrolments,
    consents: clinical.consents,
    plans: clinical.plans,
    thermotherapy: () => deps.settings.get('thermotherapy'),
    mode: deps.mode,
    logger: deps.logger,
  });
  workflow = sessionsArea.sessions;
  // What a window needs of each commit: which sessions' screens refresh (the workflow heard the
  // batch first, on the same bus, and has checked the limits).
  bus.on('ledger.committed', (batch) => {
    // While the gun is armed, its shots are the arming clinician's activity: no auto-lock mid-zone.
    const clinician = sessionsArea.sessions.armingClinician();
    if (clinician !== null && batch.some((c) => 'attributed' in c.result && c.result.attributed.sessionId === sessionsArea.sessions.getActiveId())) logins.touchUser(clinician);
    const sessionIds = new Set<number>();
    let unattributed = 0;
    for (const c of batch) {
      if ('attributed' in c.result) sessionIds.add(c.result.attributed.sessionId);
      else unattributed++;
    }
    bus.emit('doses.committed', { sessionIds: [...sessionIds], records: batch.length, unattributed });
  });
  const gun = new GunService(link, gunKeys, deps.settings, bus, source?.kind === 'path' ? source.path : 'USB discovery', clock);

  const exports = new ExportService({
    db,
    clock,
    audit,
    pseudonymSecret: deps.pseudonymSecret,
    defaultDir: deps.exportsDir,
    software: `meso-station ${STATION_VERSION}`,
    // The PDF reports are written in the exporting admin's own language, else the station's.
    languageOf: (actor) => users.activeActor(actor.userId)?.language ?? deps.settings.get('language'),
  });

  const reasonCodes = new ReasonCodes(db, audit, clock);
  const quality = new QualityDashboard(db);
  const reviews = new ReviewQueue(db, audit, clock, signers);

  return { db, mode: deps.mode, clock, audit, users, logins, auth, settings, gunKeys, ...clinical, link, gun, sessionsArea, exports, exportsDir: deps.exportsDir, reasonCodes, quality, reviews };
}
