// `npm run bench -- export`: a synthetic busy year (4 rooms x 20 sessions a day x 300 days x 200
// shots = 4.8 million dose records) in the real schema, encrypted at rest as the station keeps it,
// then
//   export.csv_shots_s             the shot-level CSV of the whole year from the encrypted database,
//                                  through runExport
//   export.peak_rss_mb             this process's peak resident memory (the generator runs in a child
//                                  process, so it is the export's peak, not the generator's)
//   export.baseline_sqlite3_cli_s  Debian's `sqlite3 -csv` running the same query on a plain copy of
//                                  the same data (it cannot open the encrypted file), in the same run
//                                  (best of two, one before and one after ours)
//   records.browser_first_page_ms  the session browser's first page (sessions.list's query), filtered,
//                                  on a fresh connection to the encrypted file; the worst of several
// The generated databases (plain, and its encrypted copy with its key beside it) are cached under
// os.tmpdir(), keyed by the schema (migration ids and names) and the generator's shape.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../../electron/core/access/actor.js';
import { systemClock } from '../../electron/core/clock.js';
import { runExport } from '../../electron/core/exports/run.js';
import { shotQueries, shotSelect } from '../../electron/core/exports/query/shots.js';
import type { SessionFilter } from '../../electron/contract/sessionFilter.js';
import { listSessions } from '../../electron/core/sessions/repo.js';
import { databaseKeyFrom, openDatabase, type DatabaseKey } from '../../electron/core/storage/db.js';
import { encryptCopy } from '../../electron/core/storage/encryptInPlace.js';
import { MIGRATIONS } from '../../electron/core/storage/migrations/index.js';
import { generateClinic, type ClinicOptions } from '../support/syntheticClinic.js';

const YEAR: ClinicOptions = { rooms: 4, sessionsPerRoomPerDay: 20, days: 300, shotsPerSession: 200, unattributedShots: 50, seed: 2025, startDate: '2025-01-06' };
/** Bump when the generator's output changes shape, so a cached database is not reused. */
const GENERATOR_VERSION = 1;

function cacheKey(opts: ClinicOptions): string {
  const schema = MIGRATIONS.map((m) => `${m.id}:${m.name}`).join('|');
  return createHash('sha256').update(`${schema}#${GENERATOR_VERSION}#${JSON.stringify(opts)}`).digest('hex').slice(0, 16);
}

export function benchDatabasePath(opts: ClinicOptions = YEAR): string {
  return path.join(os.tmpdir(), `meso-export-bench-${cacheKey(opts)}.db`);
}

/** The encrypted copy and its key (a benchmark's key, kept beside it in the temp folder). */
function encryptedPaths(opts: ClinicOptions): { db: string; key: string } {
  const plain = benchDatabasePath(opts);
  return { db: `${plain}.encrypted`, key: `${plain}.encrypted.key` };
}

function encryptedKey(opts: ClinicOptions): DatabaseKey {
  return readFileSync(encryptedPaths(opts).key, 'utf8').trim() as DatabaseKey;
}

/** Encrypts the plain cache into its own file (verified row by row), once. */
function encryptCache(opts: ClinicOptions): void {
  const { db, key } = encryptedPaths(opts);
  const building = `${db}.building`;
  for (const s of ['', '-wal', '-shm']) rmSync(building + s, { force: true });
  const k = databaseKeyFrom(randomBytes(32));
  const t0 = performance.now();
  encryptCopy(benchDatabasePath(opts), building, k);
  writeFileSync(key, `${k}\n`, { mode: 0o600 });
  renameSync(building, db);
  process.stderr.write(`encrypted copy in ${((performance.now() - t0) / 1000).toFixed(1)} s -> ${db}\n`);
}

/** Generates into a temporary file and renames it: an interrupted generation is never taken for a cache hit. */
function generate(file: string, opts: ClinicOptions): void {
  const building = `${file}.building`;
  for (const s of ['', '-wal', '-shm']) rmSync(building + s, { force: true });
  const db = openDatabase(building);
  const t0 = performance.now();
  const summary = generateClinic(db, opts);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  for (const s of ['-wal', '-shm']) rmSync(building + s, { force: true });
  renameSync(building, file);
  process.stderr.write(`generated ${summary.sessions} sessions, ${summary.shots} shots in ${((performance.now() - t0) / 1000).toFixed(1)} s -> ${file}\n`);
}

/** The plain database (for the sqlite3 baseline) and its encrypted copy with its key (for ours). */
export function ensureDatabase(opts: ClinicOptions): { plain: string; encrypted: string; key: DatabaseKey } {
  const file = benchDatabasePath(opts);
  const enc = encryptedPaths(opts);
  if (!existsSync(file) || !existsSync(enc.db) || !existsSync(enc.key)) {
    process.stderr.write(`generating the synthetic year and its encrypted copy (cached for next time) ...\n`);
    // In a child process, so the generator's memory does not count towards the export's peak RSS.
    const tsx = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/.bin/tsx');
    const r = spawnSync(tsx, [fileURLToPath(import.meta.url), '--generate', JSON.stringify(opts)], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0 || !existsSync(file) || !existsSync(enc.db)) throw new Error(`generating the benchmark database failed (exit ${r.status})`);
  }
  return { plain: file, encrypted: enc.db, key: encryptedKey(opts) };
}

/** The shot export's query with plain columns, for the sqlite3 CLI to format itself. */
function baselineSql(outFile: string): string {
  const cols = shotSelect(false);
  const queries = shotQueries({});
  return [
    // The same patient-code join our export makes (the codes themselves are made in JavaScript there).
    'CREATE TEMP TABLE export_patient_codes (patient_id INTEGER PRIMARY KEY, code TEXT NOT NULL);',
    "INSERT INTO temp.export_patient_codes SELECT id, 'P-' || hex(randomblob(6)) FROM patients;",
    '.headers on',
    '.mode csv',
    `.output ${outFile}`,
    ...queries.map((q) => `SELECT ${cols} ${q.body};`),
    '.output stdout',
    '',
  ].join('\n');
}

function timeSqliteCli(dbFile: string, dir: string): number {
  const out = path.join(dir, 'baseline.csv');
  const t0 = performance.now();
  execFileSync('sqlite3', ['-readonly', dbFile], { input: baselineSql(out), stdio: ['pipe', 'ignore', 'inherit'] });
  const s = (performance.now() - t0) / 1000;
  rmSync(out, { force: true });
  return s;
}

function firstPageMs(dbFile: string, key: DatabaseKey): Record<string, number> {
  const db = openDatabase(dbFile, key);
  try {
    const clinician = (db.prepare("SELECT id FROM users WHERE username = 'clin03'").get() as { id: number }).id;
    // A lot this clinician used, but only in the first weeks: the newest-first page must look far back.
    const lot = (db.prepare('SELECT lot_number FROM clinical_sessions WHERE clinician_user_id = ? ORDER BY started_at LIMIT 1').get(clinician) as { lot_number: string }).lot_number;
    const mixes: Record<string, SessionFilter> = {
      clinician_quarter_signed: { clinicianUserId: clinician, statuses: ['signed'], fromDate: '2025-04-01', toDate: '2025-06-30' },
      lot: { lotNumber: lot },
      clinician_lot: { clinicianUserId: clinician, lotNumber: lot },
      aborted: { statuses: ['aborted'] },
      gun: { gunSerial: (db.prepare('SELECT gun_serial FROM clinical_sessions ORDER BY id LIMIT 1').get() as { gun_serial: string }).gun_serial },
      unfiltered: {},
    };
    const out: Record<string, number> = {};
    for (const [name, f] of Object.entries(mixes)) {
      const t0 = performance.now();
      const page = listSessions(db, { ...f, limit: 50, offset: 0 });
      out[name] = performance.now() - t0;
      if (page.items.length === 0) throw new Error(`the browser filter ${name} found nothing; the benchmark data is wrong`);
    }
    return out;
  } finally {
    db.close();
  }
}

/** One shot-level CSV export of the whole year through runExport, as an admin would start it. */
async function timeExport(dbFile: string, key: DatabaseKey, dir: string): Promise<{ seconds: number; rows: number }> {
  const db = openDatabase(dbFile, key);
  try {
    const actor: Actor = { userId: 0, username: 'bench', displayName: 'Benchmark', role: 'admin' };
    const audit = { append: () => undefined }; // the benchmark database stays as generated
    const t0 = performance.now();
    const r = await runExport(
      { outputs: ['shots_csv'], filters: {}, pseudonymise: false, bom: true, targetDir: dir },
      { stationDb: db, pseudonymSecret: randomBytes(32), actor, language: 'en', clock: systemClock, audit, software: 'meso-station bench', via: 'command_line' },
    );
    const seconds = (performance.now() - t0) / 1000;
    for (const f of [...r.manifest.files.map((x) => x.name), path.basename(r.manifestPath)]) rmSync(path.join(dir, f), { force: true });
    return { seconds, rows: r.manifest.rowCounts.shots };
  } finally {
    db.close();
  }
}

export async function runExportBench(): Promise<Record<string, number>> {
  const files = ensureDatabase(YEAR);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meso-export-bench-out-'));
  try {
    const hasCli = spawnSync('sqlite3', ['-version'], { stdio: 'ignore' }).status === 0;
    if (!hasCli) throw new Error('the sqlite3 command-line tool is needed for the baseline (apt-get install sqlite3)');
    // The machine may be shared: each side runs twice, interleaved, and keeps its best time.
    const baselines: number[] = [];
    const exports: number[] = [];
    let shotRows = 0;
    for (let round = 0; round < 2; round++) {
      baselines.push(timeSqliteCli(files.plain, dir));
      const run = await timeExport(files.encrypted, files.key, dir);
      exports.push(run.seconds);
      shotRows = run.rows;
    }
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    if (shotRows < YEAR.rooms! * YEAR.sessionsPerRoomPerDay! * YEAR.days! * YEAR.shotsPerSession!) throw new Error(`only ${shotRows} shot rows exported`);
    const pages = firstPageMs(files.encrypted, files.key);
    const baseline = Math.min(...baselines);
    const exportS = Math.min(...exports);
    return {
      'export.csv_shots_s': round(exportS, 2),
      'export.peak_rss_mb': round(peakRssMb, 1),
      'export.baseline_sqlite3_cli_s': round(baseline, 2),
      'export.ratio_to_sqlite3_cli': round(exportS / baseline, 2),
      'export.shot_rows': shotRows,
      'export.encrypted': 1,
      'records.browser_first_page_ms': round(Math.max(...Object.values(pages)), 1),
      ...Object.fromEntries(Object.entries(pages).map(([k, v]) => [`records.browser_first_page_ms.${k}`, round(v, 1)])),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// `tsx tests/bench/export.ts --generate '<options json>'`: the child process that builds the cache.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--generate') {
  const opts = JSON.parse(process.argv[3] ?? '{}') as ClinicOptions;
  if (!existsSync(benchDatabasePath(opts))) {
    generate(benchDatabasePath(opts), opts);
    writeFileSync(`${benchDatabasePath(opts)}.info`, JSON.stringify({ generatedAt: new Date().toISOString(), opts }) + '\n');
  }
  encryptCache(opts);
}
