// The station core as the app wires it (real db, audit, users, patients, serum library, ledger,
// session workflow, GunLink over a serial path), for the integration tests and the crash child.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { GunLink } from '../../../device/link/GunLink.js';
import type { GunKeyStore } from '../../../device/link/types.js';
import type { Actor } from '../../../electron/core/access/actor.js';
import { AuditTrail } from '../../../electron/core/audit/trail.js';
import { systemClock } from '../../../electron/core/clock.js';
import { Ledger } from '../../../electron/core/ledger/ledger.js';
import { PatientService } from '../../../electron/core/patients/service.js';
import { SerumLibrary } from '../../../electron/core/serum/library.js';
import { SerumLots } from '../../../electron/core/serum/lots.js';
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

export const CLINICIAN_PASSWORD = 'Clinician-pass-2025!';
export const LOT = { lotNumber: 'LOT-A1', expiry: '2099-06-30' };

export interface CoreStation {
  db: Db;
  ledger: Ledger;
  sessions: SessionService;
  link: GunLink;
  clinician: Actor;
  patientId: number;
  serumVersionId: number;
  close(): Promise<void>;
}

async function seed(db: Db, users: UsersService, audit: AuditTrail): Promise<void> {
  if (!users.needsSetup()) return;
  const admin = await users.createFirstAdmin({ username: 'admin', displayName: 'Clinic Admin', password: 'Admin-pass-2025!' });
  await users.create(admin, { username: 'clin', displayName: 'Dr Clin Ician', role: 'clinician', password: CLINICIAN_PASSWORD });
  const patients = new PatientService(db, audit, systemClock);
  const p = patients.create(admin, { fullName: 'Test Patient', birthDate: '1980-02-03', sex: 'male', allergies: [] });
  patients.recordScreening(admin, { patientId: p.id, pregnancy: false, breastfeeding: false, immunologicalDisease: false, activeCancer: false, diabetes: false, anaestheticAllergy: false, other: false });
  patients.recordConsent(admin, { patientId: p.id, consentDate: '2025-01-01', consentedTo: 'hair mesotherapy course' });
  const library = new SerumLibrary(db, audit, systemClock);
  const serum = library.list()[0]!;
  new SerumLots(db, audit, systemClock, library).add(admin, { serumId: serum.serumId, lotNumber: LOT.lotNumber, expiryDate: LOT.expiry });
}

export async function openStation(opts: { dbFile: string; stationPath: string; keyFile: string }): Promise<CoreStation> {
  const db = openDatabase(opts.dbFile);
  const clock = systemClock;
  const audit = new AuditTrail(db, clock);
  // Cheap scrypt: the tests sign and log in often; production keeps the default cost.
  const users = new UsersService(db, audit, clock, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  await seed(db, users, audit);
  const patients = new PatientService(db, audit, clock);
  const library = new SerumLibrary(db, audit, clock);
  const lots = new SerumLots(db, audit, clock, library);
  const ledger = new Ledger(db, audit, clock);
  const link = new GunLink({ path: opts.stationPath, keyStore: new FileKeyStore(opts.keyFile), sink: ledger, stationName: 'Room 1' });
  const sessions = new SessionService({
    db,
    clock,
    audit,
    ledger,
    gun: gunPortFromLink(link),
    credentials: credentialsFromUsers(users),
    serum: serumPortFrom(library, lots),
    patients: patientPortFrom(patients),
    courses: { timing: () => ({ courseId: null, tooEarly: null, warnings: [] }) },
  });
  await sessions.init();
  const detach = attachLinkEvents(link, sessions);
  const clinicianRow = users.list().find((u) => u.username === 'clin')!;
  const clinician: Actor = { userId: clinicianRow.id, username: clinicianRow.username, displayName: clinicianRow.displayName, role: 'clinician' };
  const patientId = (db.prepare('SELECT MIN(id) AS id FROM patients').get() as { id: number }).id;
  const serumVersionId = library.list()[0]!.versionId;
  return {
    db,
    ledger,
    sessions,
    link,
    clinician,
    patientId,
    serumVersionId,
    close: async () => {
      await link.stop();
      detach();
      await sessions.whenIdle();
      db.close();
    },
  };
}
