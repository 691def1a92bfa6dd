// `npm run export -- [options]`: the same records export as the admin screens, from a shell, as a
// named admin (password checked, failures counted towards the lock-out, the export audited like any
// other). Run `npm run export -- --help` for the options.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { EXPORT_OUTPUTS, EXPORT_OUTPUT_LABELS, exportsRunInput, type ExportOutputName } from '../contract/exports.js';
import { language } from '../contract/languages.js';
import { systemClock } from '../core/clock.js';
import { CoreError } from '../core/errors.js';
import { ExportCancelled, type ExportProgress } from '../core/exports/progress.js';
import { runExport } from '../core/exports/run.js';
import { defaultKeyDir, openKeyVault } from '../core/keys/fileVault.js';
import { sealerFromEnvironment } from '../core/keys/sealers.js';
import { memorySettings } from '../core/settings/store.js';
import { StartRefusal } from '../core/startup/errors.js';
import { openStationData } from '../core/startup/openStationData.js';
import type { Db } from '../core/storage/db.js';
import { UsersService } from '../core/users/service.js';

const HELP = `Export treatment records from a station database.

Usage: npm run export -- --db FILE --out DIR --user ADMIN [options]

Required:
  --db FILE            the station database (station.db); the station may keep running
  --out DIR            an existing folder; files are named meso-export-<time>-<id>.*
  --user NAME          an admin's user name; the password is read from the MESO_EXPORT_PASSWORD
                       environment variable, else from the first line of standard input
                       (--password-stdin), else asked for on the terminal
  --key-dir DIR        the station's key folder (the database key, the audit-trail key and the
                       pseudonym secret); default: MESO_KEY_DIR, else ${defaultKeyDir()}
                       (keys sealed with MESO_KEYSTORE_SECRET need that variable set here too)

Outputs (--format, comma-separated; default sessions_csv,zones_csv,shots_csv):
${EXPORT_OUTPUTS.map((o) => `  ${o.padEnd(20)} ${EXPORT_OUTPUT_LABELS[o]}`).join('\n')}

Filters (all optional; they choose sessions, and every output carries those sessions whole):
  --from YYYY-MM-DD    first day (session start, station time zone)
  --to YYYY-MM-DD      last day, included
  --clinician ID|NAME  clinician user id or user name
  --patient ID|CLINIC  patient id or clinic number
  --gun SERIAL         sessions that used this gun
  --lot LOT            sessions that received this serum lot
  --status LIST        signed, aborted, in_progress (comma-separated)
  --recall LOT         lot recall: same as --lot LOT plus --format recall_csv

Options:
  --pseudonymise       no names, birth dates, clinic numbers or free text; a stable patient code
  --language LANG      en, tr or es: the language of the PDF reports; default the admin's own
                       language, else English (CSV and JSON are language-neutral)
  --no-bom             CSV without the UTF-8 byte-order mark (Excel needs it; other tools may not)
  --password-stdin     read the password from the first line of standard input
  --quiet              no progress on standard error
  -h, --help           this text

Every export writes a manifest (filters, row counts, SHA-256 of each file, who and when) after its
data files, and an audit-trail entry. Files appear only when complete; Ctrl-C cancels cleanly.
Exit codes: 0 done, 1 failed, 2 bad arguments, 3 not allowed (login), 130 cancelled.
`;

class UsageError extends Error {}

function fail(code: number, message: string): never {
  process.stderr.write(`export: ${message}\n`);
  process.exit(code);
}

async function readPassword(fromStdin: boolean): Promise<string> {
  const env = process.env.MESO_EXPORT_PASSWORD;
  if (env !== undefined && env !== '') return env;
  if (fromStdin || !process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    throw new UsageError('no password on standard input');
  }
  // Interactive: no echo.
  process.stderr.write('Password: ');
  process.stdin.setRawMode(true);
  process.stdin.resume();
  return new Promise((resolve) => {
    let pw = '';
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          process.stdin.setRawMode(false);
          process.stdin.pause();
          process.stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(pw);
          return;
        }
        if (ch === '\u0003') fail(130, 'cancelled');
        if (ch === '\u007f') pw = pw.slice(0, -1);
        else pw += ch;
      }
    };
    process.stdin.on('data', onData);
  });
}

function resolveClinician(db: Db, v: string): number {
  if (/^\d+$/.test(v)) return Number(v);
  const row = db.prepare('SELECT id FROM users WHERE username = ?').get(v) as { id: number } | undefined;
  if (!row) throw new UsageError(`no user named ${v}`);
  return row.id;
}

function resolvePatient(db: Db, v: string): number {
  const row = db.prepare('SELECT id FROM patients WHERE clinic_id = ?').get(v) as { id: number } | undefined;
  if (row) return row.id;
  if (/^\d+$/.test(v)) return Number(v);
  throw new UsageError(`no patient with id or clinic number ${v}`);
}

function softwareName(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name?: string; version?: string };
    return `${pkg.name ?? 'meso-station'} ${pkg.version ?? '?'} (command line)`;
  } catch {
    return 'meso-station (command line)';
  }
}

function progressLine(p: ExportProgress): string {
  const pct = p.rowsTotal > 0 ? Math.floor((p.rowsDone / p.rowsTotal) * 100) : 0;
  return `${p.phase} ${pct}% ${p.rowsDone}/${p.rowsTotal} rows, ${(p.bytesWritten / 1e6).toFixed(1)} MB${p.file ? `, ${p.file}` : ''}`;
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        db: { type: 'string' },
        'key-dir': { type: 'string' },
        out: { type: 'string' },
        user: { type: 'string' },
        format: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        clinician: { type: 'string' },
        patient: { type: 'string' },
        gun: { type: 'string' },
        lot: { type: 'string' },
        recall: { type: 'string' },
        status: { type: 'string' },
        language: { type: 'string' },
        pseudonymise: { type: 'boolean', default: false },
        'no-bom': { type: 'boolean', default: false },
        'password-stdin': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    fail(2, `${(e as Error).message}\n(run with --help for the options)`);
  }
  if (args.help) {
    process.stdout.write(HELP);
    return;
  }
  if (!args.db || !args.out || !args.user) fail(2, '--db, --out and --user are required (run with --help)');

  const dbFile = path.resolve(args.db);
  const dataDir = path.dirname(dbFile);
  // The station's own keys; this tool never makes one (a key of its own would open nothing, and its
  // audit rows would not verify).
  const vault = openKeyVault({ dir: path.resolve(args['key-dir'] ?? process.env.MESO_KEY_DIR ?? defaultKeyDir()), sealer: sealerFromEnvironment() });
  const data = openStationData({ dataDir, dbFile, keys: vault.forDataDir(dataDir), settings: memorySettings(), clock: systemClock, policy: { create: false } });
  const { db, audit } = data;
  try {
    const users = new UsersService(db, audit, systemClock);
    let outputs = (args.format ?? 'sessions_csv,zones_csv,shots_csv').split(',').map((s) => s.trim()).filter(Boolean) as ExportOutputName[];
    const lot = args.recall ?? args.lot;
    if (args.recall && !outputs.includes('recall_csv')) outputs = args.format ? [...outputs, 'recall_csv'] : ['recall_csv'];
    const parsed = exportsRunInput.safeParse({
      outputs,
      pseudonymise: args.pseudonymise,
      bom: !args['no-bom'],
      targetDir: path.resolve(args.out),
      filters: {
        ...(args.from ? { fromDate: args.from } : {}),
        ...(args.to ? { toDate: args.to } : {}),
        ...(args.clinician ? { clinicianUserId: resolveClinician(db, args.clinician) } : {}),
        ...(args.patient ? { patientId: resolvePatient(db, args.patient) } : {}),
        ...(args.gun ? { gunSerial: args.gun } : {}),
        ...(lot ? { lotNumber: lot } : {}),
        ...(args.status ? { statuses: args.status.split(',').map((s) => s.trim()) } : {}),
      },
    });
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));

    const chosenLanguage = args.language === undefined ? null : language.safeParse(args.language);
    if (chosenLanguage && !chosenLanguage.success) throw new UsageError(`--language: ${chosenLanguage.error.issues[0]?.message ?? 'must be en, tr or es'}`);

    const password = await readPassword(args['password-stdin']);
    let actor;
    try {
      actor = await users.authenticate(args.user, password);
    } catch (e) {
      fail(3, e instanceof CoreError ? e.message : String(e));
    }
    if (actor.role !== 'admin') fail(3, `${actor.username} is not an admin; only admins export records`);

    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    process.once('SIGTERM', () => abort.abort());
    const tty = process.stderr.isTTY;
    const result = await runExport(
      { ...parsed.data, targetDir: parsed.data.targetDir ?? path.resolve(args.out) },
      {
        stationDb: db,
        pseudonymSecret: data.pseudonymSecret,
        actor,
        language: chosenLanguage?.data ?? actor.language ?? 'en',
        clock: systemClock,
        audit,
        software: softwareName(),
        via: 'command_line',
        signal: abort.signal,
        onProgress: args.quiet ? undefined : (p) => process.stderr.write(tty ? `\r${progressLine(p)}\u001b[K` : `${progressLine(p)}\n`),
      },
    );
    if (!args.quiet && tty) process.stderr.write('\n');
    process.stdout.write(
      JSON.stringify({ exportId: result.exportId, manifest: result.manifestPath, rowCounts: result.manifest.rowCounts, files: result.manifest.files.length, warnings: result.manifest.warnings }) + '\n',
    );
  } finally {
    audit.close();
    db.close();
  }
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) fail(2, e.message);
  if (e instanceof StartRefusal) fail(1, e.message);
  if (e instanceof ExportCancelled) fail(130, 'cancelled; no files were left behind');
  if (e instanceof CoreError) fail(e.code === 'validation' ? 2 : 1, e.field ? `${e.field}: ${e.message}` : e.message);
  fail(1, (e as Error).stack ?? String(e));
});
