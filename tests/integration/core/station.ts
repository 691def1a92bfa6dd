// The station core as the app wires it (real db, audit, users, patients, serum library, ledger,
// session workflow, GunLink over a serial path), for the integration tests and the crash child.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { GunLink, type GunLinkTiming, type PortFactory, type DoseSink, type GunKeyStore } from '../../../device/link/index.js';
import { THERMO_CHECKLIST, THERMO_STAGES, type ThermoStageName } from '../../../electron/contract/sessions.js';
import type { Actor } from '../../../electron/core/access/actor.js';
import { AuditTrail } from '../../../electron/core/audit/trail.js';
import { systemClock } from '../../../electron/core/clock.js';
import { ConsentService } from '../../../electron/core/consents/service.js';
import { EventBus, type CoreBus } from '../../../electron/core/bus.js';
import { publishLinkEvents } from '../../../electron/core/gun/linkEvents.js';
import { Ledger } from '../../../electron/core/ledger/ledger.js';
import { signersFromUsers } from '../../../electron/core/patients/signers.js';
import { PatientService } from '../../../electron/core/patients/service.js';
import { SerumLibrary } from '../../../electron/core/serum/library.js';
import { SerumLots } from '../../../electron/core/serum/lots.js';
import { definitionOf } from '../../../electron/core/serum/repository.js';
import type { SerumVersionInfo } from '../../../electron/core/sessions/ports.js';
import { SessionService } from '../../../electron/core/sessions/service.js';
import { attachLinkEvents, credentialsFromUsers, gunPortFromLink, patientPortFrom, serumPortFrom } from '../../../electron/core/sessions/wiring.js';
import { openDatabase, type Db } from '../../../electron/core/storage/db.js';
import { UsersService } from '../../../electron/core/users/service.js';

/** Link keys in a JSON file, so a restarted station still knows the paired gun. */
export class FileKeyStore implements GunKeyStore {
  constructor(private readonly file: string) {}
  private read(): Record<string, string> {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>) : {};
  }
  get(serial: string): Uint8Array | undefined {
    const hex = this.read()[serial];
    return hex ? new Uint8Array(Buffer.from(hex, 'hex')) : undefined;
  }
  set(serial: string, key: Uint8Array): void {
    writeFileSync(this.file, JSON.stringify({ ...this.read(), [serial]: Buffer.from(key).toString('hex') }));
  }
}

/** One key for every station a test opens, so a restarted station verifies the same chain. */
const AUDIT_KEY = new Uint8Array(32).fill(7);

export const CLINICIAN_PASSWORD = 'Clinician-pass-2025!';
/** The seeded admin, who approves shortening thermotherapy (these tests do not wait out its timers). */
export const ADMIN_CREDENTIALS = { username: 'admin', password: 'Admin-pass-2025!' };

/**
 * Both thermotherapy stages, each started, its checklist ticked and completed early with the admin's
 * approval (recorded as shortened): the integration tests run on the real clock.
 */
export async function shortenedThermotherapy(sessions: SessionService, clinician: Actor, sessionId: number): Promise<void> {
  for (const stage of THERMO_STAGES) {
    const v = sessions.get(sessionId);
    if (v.thermo[stage].startedAt === null) await sessions.thermo(clinician, { sessionId, stage }, 'start');
    await completeStageEarly(sessions, clinician, sessionId, stage);
  }
}

/** Ticks the stage's checklist and completes it early with the seeded admin's approval. */
export async function completeStageEarly(sessions: SessionService, clinician: Actor, sessionId: number, stage: ThermoStageName): Promise<void> {
  for (const item of THERMO_CHECKLIST[stage]) await sessions.checkThermo(clinician, { sessionId, stage, item, checked: true });
  await sessions.completeThermo(clinician, { sessionId, stage, early: { reason: 'integration test: no waiting', admin: ADMIN_CREDENTIALS } });
}
export const LOT = { lotNumber: 'LOT-A1', expiry: '2099-06-30' };

export interface CoreStation {
  db: Db;
  ledger: Ledger;
  sessions: SessionService;
  /** The bus its ledger and workflow publish on. */
  bus: CoreBus;
  link: GunLink;
  clinician: Actor;
  patientId: number;
  /** The patient's screening, as the clinician confirms it at intake. */
  screeningId: number;
  serumVersionId: number;
  close(): Promise<void>;
}

async function seed(db: Db, users: UsersService, audit: AuditTrail, volumeLimits: VolumeLimits | undefined): Promise<void> {
  if (!users.needsSetup()) return;
  const admin = await users.createFirstAdmin({ username: 'admin', displayName: 'Clinic Admin', password: 'Admin-pass-2025!' });
  // An account an admin created must choose its own password before it can sign.
  const clin = await users.create(admin, { username: 'clin', displayName: 'Dr Clin Ician', role: 'clinician', password: 'Initial-pass-2025!' });
  await users.changeOwnPassword({ userId: clin.id, username: clin.username, displayName: clin.displayName, role: 'clinician' }, 'Initial-pass-2025!', CLINICIAN_PASSWORD);
  const patients = new PatientService(db, audit, systemClock);
  const p = patients.create(admin, { fullName: 'Test Patient', birthDate: '1980-02-03', sex: 'male', allergies: [] });
  patients.recordScreening(admin, { patientId: p.id, pregnancy: false, breastfeeding: false, immunologicalDisease: false, activeCancer: false, diabetes: false, anaestheticAllergy: false, other: false });
  const signers = signersFromUsers(users);
  const consents = new ConsentService(db, audit, systemClock, () => undefined, signers);
  const form = consents.templates({ treatment: 'hair-mesotherapy' }).find((t) => t.language === 'en')!;
  await consents.record(admin, { patientId: p.id, templateVersionId: form.versionId, signature: { kind: 'drawn', width: 400, height: 150, strokes: [[[10, 10], [20, 30], [40, 35], [60, 20], [80, 40]]] } });
  const library = new SerumLibrary(db, audit, systemClock, signers);
  let serum = library.list()[0]!;
  // Small limits are the serum's own data, a new version an admin makes (audited with its reason):
  // the session reads them as it reads any serum's, with no way around the volume guard.
  if (volumeLimits) serum = library.update(admin, { serumId: serum.serumId, reason: 'integration test: limits a few shots reach', ...definitionOf(serum), ...volumeLimits });
  // The example serum is approved for clinical use as an admin would, signing with the password.
  await library.approveExample(admin, { serumId: serum.serumId, password: 'Admin-pass-2025!' });
  new SerumLots(db, audit, systemClock, library).receive(admin, { serumId: serum.serumId, lotNumber: LOT.lotNumber, expiryDate: LOT.expiry, quantity: 10, supplier: 'Test supplier' });
}

export type VolumeLimits = Pick<SerumVersionInfo, 'zoneVolume' | 'sessionVolume'>;

export interface StationOptions {
  dbFile: string;
  stationPath: string;
  keyFile: string;
  /** An in-process port instead of the serial path (tests/support/simPort.ts). */
  portFactory?: PortFactory;
  /** Replaces the ledger as the link's DoseSink (a sink that fails, say); it should commit into the ledger. */
  sink?: (ledger: Ledger) => DoseSink;
  /**
   * Volume limits for the example serum (small, so a test reaches them in a few shots), written as a
   * new version of it through the serum library when the station is first set up.
   */
  volumeLimits?: VolumeLimits;
  /** Link timing overrides. */
  timing?: Partial<GunLinkTiming>;
}

export async function openStation(opts: StationOptions): Promise<CoreStation> {
  const db = openDatabase(opts.dbFile);
  const clock = systemClock;
  const audit = new AuditTrail(db, clock, AUDIT_KEY);
  // Cheap scrypt: the tests sign and log in often; production keeps the default cost.
  const users = new UsersService(db, audit, clock, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  await seed(db, users, audit, opts.volumeLimits);
  const patients = new PatientService(db, audit, clock);
  const library = new SerumLibrary(db, audit, clock);
  const lots = new SerumLots(db, audit, clock, library);
  const bus: CoreBus = new EventBus();
  const ledger = new Ledger(db, audit, clock, bus);
  const link = new GunLink({
    path: opts.stationPath,
    keyStore: new FileKeyStore(opts.keyFile),
    sink: opts.sink ? opts.sink(ledger) : ledger,
    stationName: 'Room 1',
    portFactory: opts.portFactory,
    timing: opts.timing,
  });
  const sessions = new SessionService({
    db,
    clock,
    audit,
    ledger,
    bus,
    gun: gunPortFromLink(link),
    credentials: credentialsFromUsers(users),
    serum: serumPortFrom(library, lots),
    patients: patientPortFrom(patients, new ConsentService(db, audit, clock, () => undefined, null)),
    courses: { timing: () => ({ courseId: null, tooEarly: null, underSerumMinimum: null, warnings: [] }) },
    // The gun here is the simulator: a training station's rule (a clinical one refuses a simulator).
    mode: 'training',
  });
  await sessions.init();
  const unpublish = publishLinkEvents(link, bus);
  const detach = attachLinkEvents(bus, sessions);
  const clinicianRow = users.list().find((u) => u.username === 'clin')!;
  const clinician: Actor = { userId: clinicianRow.id, username: clinicianRow.username, displayName: clinicianRow.displayName, role: 'clinician' };
  const patientId = (db.prepare('SELECT MIN(id) AS id FROM patients').get() as { id: number }).id;
  const serumVersionId = library.list()[0]!.versionId;
  const screeningId = (db.prepare('SELECT MAX(id) AS id FROM patient_screenings WHERE patient_id = ?').get(patientId) as { id: number }).id;
  return {
    db,
    bus,
    ledger,
    sessions,
    link,
    clinician,
    patientId,
    screeningId,
    serumVersionId,
    close: async () => {
      await link.stop();
      detach();
      unpublish();
      await sessions.whenIdle();
      db.close();
    },
  };
}
