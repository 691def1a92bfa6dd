// Crash safety: the station core runs in a child process (crashChild.ts) driving one session through
// its phases with the real GunLink on a socat pty; the simulator runs here, in the parent, so it
// outlives every kill. The child is killed with SIGKILL at 20 random points. After each kill the
// database holds every dose the child had reported committed, and the restarted child finds the
// session in the phase the database recorded. At the end nothing is lost and nothing is counted
// twice: the ledger equals the simulator's own log, record for record.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { SimulatedGun } from '../../../device/sim/harness.js';
import { PHASES } from '../../../electron/contract/sessions.js';
import { mulberry32 } from '../../../device/sim/prng.js';
import { useTeardown } from '../../support/teardown.js';
import { openStationDatabase, pairBeforeStart } from './station.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'core-crash-'));
const stopAfterTest = useTeardown();
stopAfterTest(() => rmSync(dir, { recursive: true, force: true }));

const KILLS = 20;
const SHOTS_PER_ZONE = 12;
/** Where each kill is aimed: it falls at a random moment once the session has reached that phase. */
const TARGETS = ['thermotherapy', 'thermotherapy', 'preparation', 'preparation', 'preparation', ...Array<string>(13).fill('mesotherapy'), 'review', 'review'];
/** The station's folder (its encrypted database, key folder and settings), shared by every child in turn. */
const stationDir = join(dir, 'station');

interface Line {
  t: string;
  sessionId?: number | null;
  phase?: string | null;
  step?: string | null;
  armed?: boolean;
  shots?: number;
  message?: string;
}


function startChild(stationPath: string): { child: ChildProcess; lines: Line[]; next: (pred: (l: Line) => boolean, ms: number) => Promise<Line>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'crashChild.ts'), stationDir, stationPath, String(SHOTS_PER_ZONE)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Line[] = [];
  const waiters: { pred: (l: Line) => boolean; resolve: (l: Line) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (raw) => {
    let l: Line;
    try {
      l = JSON.parse(raw) as Line;
    } catch {
      return;
    }
    lines.push(l);
    for (const w of waiters.splice(0)) {
      if (w.pred(l)) w.resolve(l);
      else waiters.push(w);
    }
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const next = (pred: (l: Line) => boolean, ms: number) =>
    new Promise<Line>((resolve, reject) => {
      const found = lines.find(pred);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error(`child: no expected line within ${ms} ms; lines ${JSON.stringify(lines.slice(-5))}; stderr ${stderr.slice(-2000)}`)), ms);
      waiters.push({
        pred,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
      void exited.then(() => setTimeout(() => reject(new Error(`child exited; lines ${JSON.stringify(lines.slice(-5))}; stderr ${stderr.slice(-2000)}`)), 50));
    });
  return { child, lines, next, exited };
}

/** What the database holds right now (the child is dead: nobody else has it open). */
function dbState(): { phase: string | null; step: string | null; shots: number; status: string | null } {
  const db = openStationDatabase(stationDir);
  try {
    const s = db.prepare('SELECT phase, step, status FROM clinical_sessions ORDER BY id DESC LIMIT 1').get() as { phase: string; step: string; status: string } | undefined;
    const shots = (db.prepare('SELECT COUNT(*) AS n FROM dose_records WHERE session_id IS NOT NULL').get() as { n: number }).n;
    return { phase: s?.phase ?? null, step: s?.step ?? null, status: s?.status ?? null, shots };
  } finally {
    db.close();
  }
}

const phaseIndex = (p: string | null | undefined) => (p ? PHASES.indexOf(p as (typeof PHASES)[number]) : -1);

it(`${KILLS} SIGKILLs across the phases: each restart resumes with every committed dose; nothing lost, nothing doubled`, async () => {
  const gun = await SimulatedGun.start({ dir: join(dir, 'pty'), stateFile: join(dir, 'gun-state.jsonl'), reservoirNl: 10_000_000, seed: 11 });
  stopAfterTest(() => gun.stop());
  // Paired beforehand: the key is in the gun and in the station's key folder.
  const key = randomBytes(32);
  gun.setKey(new Uint8Array(key));
  pairBeforeStart(stationDir, gun.serial, key);
  // The clinician's finger: a press whenever the gun is armed and idle.
  const presser = setInterval(() => {
    if (gun.armed && gun.pendingShots === 0) gun.fire(1);
  }, 40);
  stopAfterTest(() => clearInterval(presser));

  const rand = mulberry32(20250512);
  const phasesAtKill: string[] = [];
  let expectFromDb: ReturnType<typeof dbState> | null = null;
  expect(TARGETS).toHaveLength(KILLS);
  for (let k = 0; k <= KILLS; k++) {
    const run = startChild(gun.stationPath);
    stopAfterTest(() => void run.child.kill('SIGKILL'));
    const init = await run.next((l) => l.t === 'init' || l.t === 'error', 30_000);
    expect(init.t, init.message).toBe('init');
    if (expectFromDb && expectFromDb.status === 'in_progress') {
      // Back in the phase the database recorded, with every dose it held; an armed session comes back disarmed.
      expect(init.phase).toBe(expectFromDb.phase);
      expect(init.step).toBe(expectFromDb.step === 'armed' ? 'disarmed' : expectFromDb.step);
      expect(init.armed).toBe(false);
      expect(init.shots).toBe(expectFromDb.shots);
    }
    if (k === KILLS) {
      const done = await run.next((l) => l.t === 'done' || l.t === 'error', 90_000);
      expect(done.t).toBe('done');
      expect(await run.exited).toBe(0);
      break;
    }
    const target = TARGETS[k]!;
    const reached = await Promise.race([run.next((l) => (l.t === 'init' || l.t === 'step') && phaseIndex(l.phase) >= phaseIndex(target), 60_000), run.exited.then(() => null)]);
    expect(reached, `child ${k} ended before reaching ${target}`).not.toBeNull();
    const delay = rand() * (target === 'mesotherapy' ? 1000 : target === 'review' ? 20 : 150);
    await Promise.race([new Promise((r) => setTimeout(r, delay)), run.exited]);
    const lastSeen = [...run.lines].reverse().find((l) => l.t === 'step' || l.t === 'init');
    run.child.kill('SIGKILL');
    await run.exited;
    expectFromDb = dbState();
    phasesAtKill.push(`${expectFromDb.phase}${expectFromDb.step ? `.${expectFromDb.step}` : ''}`);
    // Nothing the child saw committed is gone, and the session never went backwards.
    if (lastSeen) {
      expect(expectFromDb.shots).toBeGreaterThanOrEqual(lastSeen.shots ?? 0);
      if (lastSeen.phase) expect(phaseIndex(expectFromDb.phase)).toBeGreaterThanOrEqual(phaseIndex(lastSeen.phase));
    }
    if (expectFromDb.status === 'signed') break;
  }
  clearInterval(presser);
  console.log(JSON.stringify({ phasesAtKill, records: gun.log.length }));
  expect(phasesAtKill.length).toBeGreaterThanOrEqual(KILLS - 1);
  expect(new Set(phasesAtKill.map((p) => p.split('.')[0])).size).toBeGreaterThanOrEqual(3);

  // No station runs any more (the last child exited or was killed after signing), so nothing can still
  // reach the database: the ledger is compared with the simulator's log as it stands, with no wait.
  const db = openStationDatabase(stationDir);
  stopAfterTest(() => {
    db.close();
  });
  const held = db.prepare('SELECT record_id AS recordId, delivered_nl AS deliveredNl, session_id AS sessionId, zone FROM dose_records ORDER BY record_id').all() as {
    recordId: number;
    deliveredNl: number;
    sessionId: number | null;
    zone: string | null;
  }[];
  // Nothing lost, nothing counted twice, nothing invented: the ledger is the simulator's log.
  expect(held.map((r) => [r.recordId, r.deliveredNl])).toEqual(gun.log.map((r) => [r.recordId, r.deliveredNl]));
  const unattributed = db.prepare('SELECT record_id, unattributed_reason, received_at_ms FROM dose_records WHERE session_id IS NULL').all();
  const windows = db.prepare('SELECT * FROM arm_windows ORDER BY id').all();
  expect({ unattributed, windows: unattributed.length ? windows : [] }).toEqual({ unattributed: [], windows: [] });
  const session = db.prepare("SELECT id, status FROM clinical_sessions ORDER BY id DESC LIMIT 1").get() as { id: number; status: string };
  expect(session.status).toBe('signed');
  const total = (db.prepare('SELECT SUM(delivered_nl) AS n FROM dose_records WHERE session_id = ?').get(session.id) as { n: number }).n;
  expect(total).toBe(gun.totalDeliveredNl());
}, 240_000);
