// Fakes for the session workflow's ports and a harness that wires the real ledger, audit trail and
// database (a temp file, WAL + synchronous=FULL as in production) around them.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TypedEmitter, type DoseRecord, type GunIdentity, type GunLinkEvents, type GunStatus } from '../../../device/link/index.js';
import { DEFAULT_GUN_LIMITS, DOSE_MODES, FAULT_CODES, doseRecordCrc, doseRecordMac, linkKeyId, recordKey, type DoseProfile } from '../../../device/protocol/index.js';

/** The link key the fake gun MACs its records with (a record carries the gun's MAC, as from a real link). */
export const GUN_LINK_KEY = new Uint8Array(32).fill(21);
import { THERMO_CHECKLIST, THERMO_STAGES, type ThermoStageName, type WorkflowEvent, type Zone } from '../../../electron/contract/sessions.js';
import type { Actor } from '../../../electron/core/access/actor.js';
import { AuditTrail } from '../../../electron/core/audit/trail.js';
import { EventBus, type CoreBus } from '../../../electron/core/bus.js';
import { publishLinkEvents, type LinkNews } from '../../../electron/core/gun/linkEvents.js';
import type { Clock } from '../../../electron/core/clock.js';
import { CoreError } from '../../../electron/core/errors.js';
import { Ledger } from '../../../electron/core/ledger/ledger.js';
import type { Reason } from '../../../electron/contract/define.js';
import { ArmRefused, type UseProblem, type ProfileViolation, type CoursePort, type CredentialsPort, type GunPort, type LotInfo, type PatientPort, type SerumPort, type SerumVersionInfo } from '../../../electron/core/sessions/ports.js';
import { SessionService } from '../../../electron/core/sessions/service.js';
import { attachLinkEvents } from '../../../electron/core/sessions/wiring.js';
import { openDatabase, type Db } from '../../../electron/core/storage/db.js';
import { TestClock } from '../../support/clock.js';

export { expectCoreError } from '../../support/coreErrors.js';

/** The day the session tests start on (a Monday in May, 09:00 UTC). */
export const SESSIONS_START = Date.UTC(2025, 4, 12, 9, 0, 0);

/** One audit key per test run: a restarted harness must verify the chain its predecessor wrote. */
const AUDIT_KEY = new Uint8Array(randomBytes(32));

export const CLINICIAN: Actor = { userId: 11, username: 'ana', displayName: 'Dr Ana Ruiz', role: 'clinician' };
export const OTHER_CLINICIAN: Actor = { userId: 12, username: 'ben', displayName: 'Dr Ben Ode', role: 'clinician' };
export const ADMIN: Actor = { userId: 1, username: 'root', displayName: 'Clinic Admin', role: 'admin' };
const PASSWORDS: Record<string, string> = { ana: 'ana-pass-1', ben: 'ben-pass-1', root: 'root-pass-1' };

/** Stands in for GunLink behind its adapter: fires only while armed, unless told to misbehave. */
export class FakeGun implements GunPort {
  armed = false;
  profile: DoseProfile | null = null;
  lastRecordId = 0;
  connected = true;
  /** Every call in order, to check e.g. that abort disarms before anything else. */
  readonly calls: string[] = [];
  /** Shots the gun fires between receiving DISARM and acting on it (the "one shot in flight"). */
  inFlightOnDisarm = 0;
  /** A shot under way at DISARM that ends (and takes its id) only after the gun's next status. */
  shotUnderWayOnDisarm = false;
  private readonly underWay: number[] = [];
  /** Delivered = commanded * this (a syringe is +/-10 %). */
  deliveryFactor = 1;
  echoTamper: ((p: DoseProfile) => DoseProfile) | null = null;
  armRefusal: string | null = null;
  /** ARM reaches the gun (it arms) but the answer is lost: arm() rejects as a timeout would. */
  armAnswerLost = false;
  /** The budget of the current arming, as the gun enforces it (PROTOCOL.md, "Budget"). */
  budgetNl = 0;
  /** Budgets the station armed with, in order. */
  readonly budgets: number[] = [];
  /** Presses refused because the budget could not hold the shot. */
  budgetRefusals = 0;
  private readonly pending: DoseRecord[] = [];

  constructor(
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    readonly serial = 'MG-0001',
  ) {}

  /** Identifies as a simulator (as the real GunLink reports the built-in one). */
  simulated = true;

  identity(): GunIdentity | null {
    if (!this.connected) return null;
    return { model: this.simulated ? 'MesoGun S (simulated)' : 'MesoGun S', serial: this.serial, firmware: '1.0.0', protocolVersion: 1, schemaHash: '00', limits: DEFAULT_GUN_LIMITS, simulated: this.simulated };
  }

  async status(): Promise<GunStatus> {
    this.calls.push('status');
    if (!this.connected) throw new Error('not connected');
    return { armed: this.armed, authenticated: true, reservoirNl: 5_000_000, batteryPct: 90, needleSeated: true, faults: [], gunTimeMs: this.clock.now(), lastRecordId: this.lastRecordId };
  }

  async setProfile(p: DoseProfile): Promise<DoseProfile> {
    this.calls.push('setProfile');
    if (!this.connected) throw new Error('not connected');
    this.armed = false;
    this.profile = { ...p };
    return this.echoTamper ? this.echoTamper({ ...p }) : { ...p };
  }

  echoedProfile(): DoseProfile | null {
    return this.connected && this.profile ? { ...this.profile } : null;
  }

  async arm(budgetNl: number): Promise<void> {
    this.calls.push('arm');
    if (!this.connected) throw new ArmRefused('not connected', 'disconnected');
    if (this.armRefusal) throw new ArmRefused(this.armRefusal, this.armRefusal);
    if (!this.profile) throw new ArmRefused('cannotArm: profile', 'profile');
    if (budgetNl < this.profile.doseNl) throw new ArmRefused('cannotArm: budgetNl', 'budgetNl');
    this.budgets.push(budgetNl);
    this.budgetNl = budgetNl;
    this.armed = true;
    if (this.armAnswerLost) throw new Error('The gun did not answer ARM within 1250 ms (4 retransmits)');
  }

  disarm(): Promise<void> {
    this.calls.push('disarm');
    this.budgetNl = 0;
    // Shots already triggered before the request arrived still happen.
    for (let i = 0; i < this.inFlightOnDisarm && this.armed; i++) this.pending.push(this.makeRecord());
    if (this.shotUnderWayOnDisarm && this.armed) this.underWay.push(this.clock.now());
    this.armed = false;
    return Promise.resolve();
  }

  makeRecord(fault: keyof typeof FAULT_CODES | null = null, startedAt?: number): DoseRecord {
    const p = this.profile!;
    const recordId = ++this.lastRecordId;
    const t = startedAt ?? this.clock.now();
    const deliveredNl = Math.round(p.doseNl * this.deliveryFactor);
    this.budgetNl = Math.max(0, this.budgetNl - deliveredNl);
    const fields = {
      recordId,
      commandedNl: p.doseNl,
      deliveredNl,
      depthUm: p.depthUm,
      entryPct: p.entryPct,
      dwellPct: p.dwellPct,
      exitPct: p.exitPct,
      mode: DOSE_MODES[p.mode],
      startedAtMs: t,
      endedAtMs: t + 300,
      fault: fault ? FAULT_CODES[fault] : 0,
    };
    return {
      gunSerial: this.serial,
      ...fields,
      mode: p.mode,
      fault,
      recordCrc: doseRecordCrc(fields),
      recordMac: doseRecordMac(recordKey(GUN_LINK_KEY, this.serial), fields),
      keyId: linkKeyId(GUN_LINK_KEY),
      authenticated: true,
      receivedAtMs: t + 310,
    };
  }

  /** A press: the gun fires only while armed and only if the budget holds the shot, else disarms itself. */
  private press(): boolean {
    if (!this.armed) return false;
    if (this.budgetNl < this.profile!.doseNl) {
      this.budgetRefusals++;
      this.armed = false;
      this.budgetNl = 0;
      return false;
    }
    return true;
  }

  /** Presses that fire and make records the link has not delivered yet (lost or late on the line). */
  fireWithheld(n: number): DoseRecord[] {
    const made: DoseRecord[] = [];
    for (let i = 0; i < n && this.press(); i++) {
      made.push(this.makeRecord());
      if (this.clock instanceof TestClock) this.clock.advance(150);
    }
    return made;
  }

  /** Trigger presses: each makes a record (only while armed) which the "link" commits at once. */
  async fire(n: number): Promise<DoseRecord[]> {
    const made: DoseRecord[] = [];
    for (let i = 0; i < n; i++) {
      if (!this.press()) break;
      const r = this.makeRecord();
      made.push(r);
      if (this.clock instanceof TestClock) this.clock.advance(500);
      await this.ledger.commit([r]);
      await this.flushPending();
    }
    return made;
  }

  /** A gun that fires while disarmed (a fault we must survive): the record still reaches the ledger. */
  async rogueShot(): Promise<DoseRecord> {
    if (this.clock instanceof TestClock) this.clock.advance(500);
    const r = this.makeRecord();
    await this.ledger.commit([r]);
    return r;
  }

  /** The shot that was under way at DISARM ends now: it gets the next id, its start is before the disarm. */
  async finishShotUnderWay(): Promise<DoseRecord | null> {
    const started = this.underWay.shift();
    if (started === undefined) return null;
    const r = this.makeRecord(null, started);
    await this.ledger.commit([r]);
    return r;
  }

  async flushPending(): Promise<void> {
    while (this.pending.length > 0) await this.ledger.commit([this.pending.shift()!]);
  }
}

export class FakeCredentials implements CredentialsPort {
  readonly users = new Map<string, Actor>([CLINICIAN, OTHER_CLINICIAN, ADMIN].map((a) => [a.username, a]));
  async verifySignature(actor: Actor, password: string): Promise<unknown> {
    if (PASSWORDS[actor.username] !== password) throw new CoreError('unauthenticated', { code: 'auth.signature-not-applied' }, 'wrong password: the signature was not applied', 'password');
    return { ok: true };
  }
  async authenticate(username: string, password: string): Promise<Actor> {
    const u = this.users.get(username);
    if (!u || PASSWORDS[username] !== password) throw new CoreError('unauthenticated', { code: 'auth.wrong-credentials' }, 'wrong user name or password', 'password');
    return u;
  }
}

/** Limits chosen so a test reaches them in a few 20 uL shots. */
export const SERUM_V1: SerumVersionInfo = {
  versionId: 1,
  name: 'Revita-H v1',
  zoneVolume: { softMaxNl: 100_000, hardMaxNl: 150_000 },
  sessionVolume: { softMaxNl: 400_000, hardMaxNl: 500_000 },
};
const SERUM_V2_LIDO: SerumVersionInfo = { ...SERUM_V1, versionId: 2, name: 'Lido-Mix v1' };

export class FakeSerum implements SerumPort {
  versions = new Map<number, SerumVersionInfo>([
    [1, SERUM_V1],
    [2, SERUM_V2_LIDO],
  ]);
  lots: (LotInfo & { versionId: number })[] = [
    { id: 1, versionId: 1, lotNumber: 'L-2025-01', expiryDate: '2099-12-31' },
    { id: 2, versionId: 1, lotNumber: 'OLD-1', expiryDate: '2020-01-31' },
    { id: 3, versionId: 2, lotNumber: 'LD-7', expiryDate: '2099-12-31' },
  ];
  version(id: number) {
    return this.versions.get(id) ?? null;
  }
  lot(versionId: number, lotNumber: string) {
    return this.lots.find((l) => l.versionId === versionId && l.lotNumber === lotNumber) ?? null;
  }
  checkUse(a: { versionId: number; lot: LotInfo; patientAllergies: readonly string[]; today: string }): UseProblem[] {
    const out: UseProblem[] = [];
    if (a.lot.expiryDate < a.today) out.push({ code: 'lot.expired', params: { lot: a.lot.lotNumber, expiry: a.lot.expiryDate }, message: `lot ${a.lot.lotNumber} expired on ${a.lot.expiryDate}` });
    if (a.versionId === 2 && a.patientAllergies.includes('lidocaine'))
      out.push({ code: 'serum.allergen', params: { allergy: 'lidocaine', allergen: 'lidocaine', serum: 'Lido-Mix' }, message: 'the patient is allergic to lidocaine, a component of Lido-Mix' });
    return out;
  }
  profileWithinLimits(p: DoseProfile) {
    const hardViolations: ProfileViolation[] = [];
    const softViolations: ProfileViolation[] = [];
    if (p.doseNl > 100_000) hardViolations.push({ field: 'doseNl', reason: { code: 'profile.dose-outside', params: { band: 'hard', doseNl: p.doseNl, minNl: 0, maxNl: 100_000, serum: 'fake' } }, message: `dose ${p.doseNl / 1000} uL is above the hard maximum 100 uL` });
    else if (p.doseNl > 50_000) softViolations.push({ field: 'doseNl', reason: { code: 'profile.dose-outside', params: { band: 'soft', doseNl: p.doseNl, minNl: 0, maxNl: 50_000, serum: 'fake' } }, message: `dose ${p.doseNl / 1000} uL is above the soft maximum 50 uL` });
    if (p.depthUm > 4_000) softViolations.push({ field: 'depthUm', reason: { code: 'profile.depth-outside', params: { band: 'soft', depthUm: p.depthUm, minUm: 0, maxUm: 4_000, serum: 'fake' } }, message: `depth ${p.depthUm / 1000} mm is above the soft maximum 4 mm` });
    if (p.mode === 'retrograde') hardViolations.push({ field: 'mode', reason: { code: 'profile.mode-not-allowed', params: { mode: p.mode, serum: 'fake', allowed: 'perpendicular' } }, message: 'retrograde is not an allowed mode for this serum' });
    return { hardViolations, softViolations };
  }
}

export class FakePatients implements PatientPort {
  intake(patientId: number) {
    if (patientId === 1) return { allergies: [], anaestheticAllergy: false, contraindications: [], problems: [], warnings: [] };
    if (patientId === 2) return { allergies: ['lidocaine'], anaestheticAllergy: false, contraindications: [], problems: [], warnings: [] };
    if (patientId === 3) return { allergies: [], anaestheticAllergy: false, contraindications: [], problems: [{ code: 'screening.missing' as const, params: { patientId } }], warnings: [] };
    return null;
  }
}

export class FakeCourses implements CoursePort {
  tooEarly: Reason | null = null;
  underSerumMinimum: Reason | null = null;
  timing() {
    return { courseId: null, tooEarly: this.tooEarly, underSerumMinimum: this.underSerumMinimum, warnings: [] };
  }
}

export const PROFILE: DoseProfile = { doseNl: 20_000, entryPct: 0, dwellPct: 100, exitPct: 0, depthUm: 2_000, mode: 'papule', minIntervalMs: 500 };

export interface Harness {
  dir: string;
  file: string;
  db: Db;
  clock: TestClock;
  audit: AuditTrail;
  /** The core's bus this harness's ledger and workflow publish on. */
  bus: CoreBus;
  ledger: Ledger;
  gun: FakeGun;
  serum: FakeSerum;
  credentials: FakeCredentials;
  courses: FakeCourses;
  service: SessionService;
  /** A new service over the same file, as after a station restart (optionally with another serum library). */
  restart(serum?: FakeSerum): Promise<Harness>;
  close(): void;
}

export async function makeHarness(existing?: { dir: string; clock?: TestClock; gun?: FakeGun; serum?: FakeSerum; mode?: 'clinical' | 'training' }): Promise<Harness> {
  const dir = existing?.dir ?? mkdtempSync(join(tmpdir(), 'sessions-'));
  const file = join(dir, 'station.db');
  const db = openDatabase(file);
  const clock = existing?.clock ?? new TestClock(SESSIONS_START);
  const audit = new AuditTrail(db, clock, AUDIT_KEY);
  const bus: CoreBus = new EventBus();
  const ledger = new Ledger(db, audit, clock, bus);
  const gun = new FakeGun(ledger, clock);
  if (existing?.gun) {
    gun.lastRecordId = existing.gun.lastRecordId;
    gun.profile = existing.gun.profile;
  }
  const serum = existing?.serum ?? new FakeSerum();
  const credentials = new FakeCredentials();
  const courses = new FakeCourses();
  // FakeGun identifies as a simulator: a training station's rule (a clinical one refuses it).
  const service = new SessionService({ db, clock, audit, ledger, bus, gun, credentials, serum, patients: new FakePatients(), courses, mode: existing?.mode ?? 'training' });
  await service.init();
  const h: Harness = {
    dir,
    file,
    db,
    clock,
    audit,
    bus,
    ledger,
    gun,
    serum,
    credentials,
    courses,
    service,
    restart: async (nextSerum?: FakeSerum) => {
      db.close();
      return makeHarness({ dir, clock, gun, serum: nextSerum });
    },
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Ticks the stage's checklist. */
export async function tickChecklist(h: Harness, sessionId: number, stage: ThermoStageName): Promise<void> {
  for (const item of THERMO_CHECKLIST[stage]) await h.service.checkThermo(CLINICIAN, { sessionId, stage, item, checked: true });
}

/** One thermotherapy stage the way the seeds require it: started, checklist ticked, its set time run, completed. */
export async function runThermoStage(h: Harness, sessionId: number, stage: ThermoStageName): Promise<void> {
  const v = await h.service.thermo(CLINICIAN, { sessionId, stage }, 'start');
  await tickChecklist(h, sessionId, stage);
  h.clock.advance(v.thermo[stage].plannedMs);
  await h.service.completeThermo(CLINICIAN, { sessionId, stage });
}

/** Intake -> thermotherapy (both stages) -> preparation complete: the session is in mesotherapy. */
export async function toMesotherapy(h: Harness, patientId = 1): Promise<number> {
  const s = await h.service.start(CLINICIAN, { patientId, intake: {} });
  const id = s.id;
  for (const stage of THERMO_STAGES) await runThermoStage(h, id, stage);
  await h.service.prepare(CLINICIAN, { sessionId: id, serum: { serumVersionId: 1, lotNumber: 'L-2025-01', expiry: '2099-12-31' }, needleNewConfirmed: true });
  await h.service.setProfile(CLINICIAN, { sessionId: id, profile: PROFILE });
  await h.service.prepare(CLINICIAN, { sessionId: id, primed: true });
  return id;
}

export async function armIn(h: Harness, sessionId: number, zone: Zone): Promise<void> {
  await h.service.selectZone(CLINICIAN, { sessionId, zone });
  await h.service.arm(CLINICIAN, { sessionId });
}

export function count(db: Db, sql: string, ...params: (string | number)[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

/** Feeds a fake link's events to the harness's workflow as the station does: link -> bus -> workflow. */
export function attachLink(h: Harness, link: LinkNews): () => void {
  const unpublish = publishLinkEvents(link, h.bus);
  const detach = attachLinkEvents(h.bus, h.service);
  return () => {
    detach();
    unpublish();
  };
}

/** What the workflow published on the harness's bus, as it happens. */
export function workflowEvents(h: Harness): WorkflowEvent[] {
  const out: WorkflowEvent[] = [];
  h.bus.on('workflow.event', (e) => out.push(e));
  return out;
}

/** The link as publishLinkEvents sees it, with the events a test can raise. */
export class FakeLink extends TypedEmitter<GunLinkEvents> {
  constructor(private readonly hh: Harness) {
    super();
  }
  get identity(): GunIdentity | null {
    return this.hh.gun.identity();
  }
  raise<K extends keyof GunLinkEvents>(event: K, ...args: Parameters<GunLinkEvents[K]>): void {
    this.emit(event, ...args);
  }
}
