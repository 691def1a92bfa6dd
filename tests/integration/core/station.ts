// The station core as the app builds it (createStation: an encrypted database with its keys in a key
// folder, the services, the GunLink over a serial path or an in-process cable), seeded with a clinician,
// a patient ready for treatment and an approved serum lot, for the integration tests and the crash child.
// Everything lives in one folder, so a restarted station (the crash child) finds its records, keys and
// settings as they were.
import { join } from 'node:path';
import type { GunKeyStore, GunLink, PortFactory } from '../../../device/link/index.js';
import { THERMO_CHECKLIST, THERMO_STAGES, type ThermoStageName } from '../../../electron/contract/sessions.js';
import type { Actor } from '../../../electron/core/access/actor.js';
import type { CoreBus } from '../../../electron/core/bus.js';
import { openKeyVault } from '../../../electron/core/keys/fileVault.js';
import type { KeyStore, KeyVault } from '../../../electron/core/keys/keyStore.js';
import { plainSealer } from '../../../electron/core/keys/sealers.js';
import type { Ledger } from '../../../electron/core/ledger/ledger.js';
import { definitionOf } from '../../../electron/core/serum/repository.js';
import type { Services } from '../../../electron/core/services.js';
import { linkKeyName } from '../../../electron/core/settings/gunKeys.js';
import type { SettingsStore } from '../../../electron/core/settings/store.js';
import type { SerumVersionInfo } from '../../../electron/core/sessions/ports.js';
import type { SessionService } from '../../../electron/core/sessions/service.js';
import { createStation, type Station } from '../../../electron/core/station.js';
import { connect, databaseKeyFrom, type Db } from '../../../electron/core/storage/db.js';
import { openConfSettings } from '../../../electron/settings/confSettings.js';
import { FAST_USERS } from '../../support/users.js';

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
  /** The station as createStation built it. */
  station: Station;
  db: Db;
  ledger: Ledger;
  sessions: SessionService;
  /** The bus its ledger and workflow publish on. */
  bus: CoreBus;
  link: GunLink;
  /** The paired guns' link keys, as the link reads them (from the key folder). */
  gunKeys: GunKeyStore;
  clinician: Actor;
  patientId: number;
  /** The patient's screening, as the clinician confirms it at intake. */
  screeningId: number;
  serumVersionId: number;
  close(): Promise<void>;
}

export type VolumeLimits = Pick<SerumVersionInfo, 'zoneVolume' | 'sessionVolume'>;

export interface StationOptions {
  /** The station's folder: its data folder, key folder and settings file are made inside it. */
  dir: string;
  /** The gun's serial path (a socat pty), or the name of the in-process cable `portFactory` opens. */
  stationPath: string;
  /** An in-process port instead of the serial path (tests/support/simPort.ts). */
  portFactory?: PortFactory;
  /**
   * Volume limits for the example serum (small, so a test reaches them in a few shots), written as a
   * new version of it through the serum library when the station is first set up.
   */
  volumeLimits?: VolumeLimits;
}

/** Where a station folder keeps its parts: the key folder beside the data folder, never inside it. */
function layout(dir: string): { dataDir: string; vault: KeyVault; keys: KeyStore; settings: SettingsStore } {
  const dataDir = join(dir, 'data');
  // Plain-sealed key files: the tests need no machine secret (the product seals them so too when MESO_KEYSTORE_SECRET is unset).
  const vault = openKeyVault({ dir: join(dir, 'keys'), sealer: plainSealer });
  return { dataDir, vault, keys: vault.forDataDir(dataDir), settings: openConfSettings({ cwd: dir }) };
}

/**
 * Builds the station over `dir` with createStation (in training mode: the gun is the simulator, which
 * a clinical station refuses), seeds it on first use, and waits until it has restored any session in
 * progress and started its gun link.
 */
export async function openStation(opts: StationOptions): Promise<CoreStation> {
  const { dataDir, vault, settings } = layout(opts.dir);
  const station = createStation({
    dataDir,
    keys: vault,
    settings,
    users: FAST_USERS,
    autoLockSweepMs: 0,
    mode: 'training',
    gun: { kind: 'path', path: opts.stationPath, portFactory: opts.portFactory },
  });
  try {
    await station.ready;
    await seed(station.services, opts.volumeLimits);
  } catch (e) {
    await station.close();
    throw e;
  }
  const { services, db } = station;
  const clinicianRow = services.users.list().find((u) => u.username === 'clin')!;
  const clinician: Actor = { userId: clinicianRow.id, username: clinicianRow.username, displayName: clinicianRow.displayName, role: 'clinician' };
  const patientId = (db.prepare('SELECT MIN(id) AS id FROM patients').get() as { id: number }).id;
  const serumVersionId = services.serumLibrary.list()[0]!.versionId;
  const screeningId = (db.prepare('SELECT MAX(id) AS id FROM patient_screenings WHERE patient_id = ?').get(patientId) as { id: number }).id;
  return {
    station,
    db,
    bus: station.events,
    ledger: services.sessionsArea.ledger,
    sessions: services.sessionsArea.sessions,
    link: services.link,
    gunKeys: services.gunKeys,
    clinician,
    patientId,
    screeningId,
    serumVersionId,
    close: () => station.close(),
  };
}

/** The first start: an admin, a clinician with a password of their own, a patient screened and consented, the example serum approved with a lot. */
async function seed(services: Services, volumeLimits: VolumeLimits | undefined): Promise<void> {
  const { users, patients, consents, serumLibrary: library, serumLots: lots } = services;
  if (!users.needsSetup()) return;
  const admin = await users.createFirstAdmin({ username: 'admin', displayName: 'Clinic Admin', password: ADMIN_CREDENTIALS.password });
  // An account an admin created must choose its own password before it can sign.
  const clin = await users.create(admin, { username: 'clin', displayName: 'Dr Clin Ician', role: 'clinician', password: 'Initial-pass-2025!' });
  await users.changeOwnPassword({ userId: clin.id, username: clin.username, displayName: clin.displayName, role: 'clinician' }, 'Initial-pass-2025!', CLINICIAN_PASSWORD);
  const p = patients.create(admin, { fullName: 'Test Patient', birthDate: '1980-02-03', sex: 'male', allergies: [] });
  patients.recordScreening(admin, { patientId: p.id, pregnancy: false, breastfeeding: false, immunologicalDisease: false, activeCancer: false, diabetes: false, anaestheticAllergy: false, other: false });
  const form = consents.templates({ treatment: 'hair-mesotherapy' }).find((t) => t.language === 'en')!;
  await consents.record(admin, { patientId: p.id, templateVersionId: form.versionId, signature: { kind: 'drawn', width: 400, height: 150, strokes: [[[10, 10], [20, 30], [40, 35], [60, 20], [80, 40]]] } });
  let serum = library.list()[0]!;
  // Small limits are the serum's own data, a new version an admin makes (audited with its reason):
  // the session reads them as it reads any serum's, with no way around the volume guard.
  if (volumeLimits) serum = library.update(admin, { serumId: serum.serumId, reason: 'integration test: limits a few shots reach', ...definitionOf(serum), ...volumeLimits });
  // The example serum is approved for clinical use as an admin would, signing with the password.
  await library.approveExample(admin, { serumId: serum.serumId, password: ADMIN_CREDENTIALS.password });
  lots.receive(admin, { serumId: serum.serumId, lotNumber: LOT.lotNumber, expiryDate: LOT.expiry, quantity: 10, supplier: 'Test supplier' });
}

/**
 * A gun paired before the station first starts (the crash test's simulator keeps its key across every
 * restart): its link key in the key folder and its pairing in the settings file, where the station's
 * own pairing puts them.
 */
export function pairBeforeStart(dir: string, serial: string, key: Uint8Array): void {
  const { keys, settings } = layout(dir);
  keys.put(linkKeyName(serial), key);
  settings.set('pairedGuns', { ...settings.get('pairedGuns'), [serial]: { pairedAt: new Date().toISOString(), model: '', firmware: '', lastSeenAt: null } });
}

/**
 * A connection to the station folder's encrypted database, with no station over it (the crash test
 * reads what a killed child left). Only while no station has the folder open.
 */
export function openStationDatabase(dir: string): Db {
  const { dataDir, keys } = layout(dir);
  const key = keys.get('database');
  if (!key) throw new Error(`${dir} holds no station yet`);
  return connect(join(dataDir, 'station.db'), databaseKeyFrom(key));
}
