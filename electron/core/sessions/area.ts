// The sessions area in one call, for createServices/createStation: the ledger first (the GunLink
// takes it as its DoseSink), then the workflow over the link and the other areas' services.
//   const ledger = createLedger(db, audit, clock, bus);
//   const link = new GunLink({ ..., sink: ledger });
//   publishLinkEvents(link, bus);
//   const area = createSessionsArea({ db, clock, audit, bus, ledger, link, users, patients, serumLibrary, serumLots, enrolments, thermotherapy });
//   await area.sessions.init();   // before link.start(): the session in progress comes back first
//   handlers: { ...area.handlers }; the workflow's events go out on the bus ('workflow.event')
import type { GunLink } from '../../../device/link/index.js';
import type { StationMode } from '../../contract/station.js';
import type { CoreBus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { EnrolmentService } from '../courses/enrolments.js';
import { Ledger } from '../ledger/ledger.js';
import type { AuditPort } from '../ledger/types.js';
import type { Logger } from '../logger.js';
import type { PatientService } from '../patients/service.js';
import type { SerumLibrary } from '../serum/library.js';
import type { SerumLots } from '../serum/lots.js';
import type { Db } from '../storage/db.js';
import type { UsersService } from '../users/service.js';
import type { ConsentService } from '../consents/service.js';
import type { PlanService } from '../plans/service.js';
import { sessionsHandlers, type SessionsHandlers } from './handlers.js';
import { SessionRecords } from './history.js';
import { approvedUnderMinimum } from './intake.js';
import { SessionService } from './service.js';
import { attachLinkEvents, coursePortFrom, credentialsFromUsers, gunPortFromLink, patientPortFrom, serumPortFrom, sessionSettingsFrom } from './wiring.js';
import type { RecordDeps } from './ports.js';

export function createLedger(db: Db, audit: AuditPort, clock: Clock, bus: CoreBus): Ledger {
  return new Ledger(db, audit, clock, bus);
}

export interface SessionsAreaDeps extends RecordDeps {
  /** The core's bus: the link's news comes from it, the workflow's events go out on it. */
  bus: CoreBus;
  ledger: Ledger;
  link: GunLink;
  users: Pick<UsersService, 'verifySignature' | 'authenticateSigner'>;
  patients: Pick<PatientService, 'get'>;
  consents: Pick<ConsentService, 'problemFor'>;
  plans: Pick<PlanService, 'get' | 'zoneTargetsFor'>;
  serumLibrary: Pick<SerumLibrary, 'version' | 'get'>;
  serumLots: Pick<SerumLots, 'findLot'>;
  enrolments: Pick<EnrolmentService, 'timingForPatient' | 'lastSession'>;
  /** The settings' `thermotherapy` entry, read at each timer start. */
  thermotherapy: () => { steamMinutes: number; massageMinutes: number };
  /** Clinical stations use only real guns, training stations only the simulated one. */
  mode: StationMode;
  logger?: Logger;
}

export interface SessionsArea {
  ledger: Ledger;
  sessions: SessionService;
  handlers: SessionsHandlers;
  /** Stops feeding the link's news to the workflow. */
  detach(): void;
}

export function createSessionsArea(d: SessionsAreaDeps): SessionsArea {
  const sessions = new SessionService({
    db: d.db,
    clock: d.clock,
    audit: d.audit,
    ledger: d.ledger,
    bus: d.bus,
    gun: gunPortFromLink(d.link),
    credentials: credentialsFromUsers(d.users),
    serum: serumPortFrom(d.serumLibrary, d.serumLots, { lastSession: (p, except) => d.enrolments.lastSession(p, except), approvedUnderMinimum: (id) => approvedUnderMinimum(d.db, id) }),
    patients: patientPortFrom(d.patients, d.consents),
    courses: coursePortFrom(d.enrolments, d.serumLibrary, d.plans),
    settings: sessionSettingsFrom(d.thermotherapy),
    mode: d.mode,
    logger: d.logger,
  });
  const detach = attachLinkEvents(d.bus, sessions);
  return { ledger: d.ledger, sessions, handlers: sessionsHandlers(sessions, new SessionRecords(d.db)), detach };
}
