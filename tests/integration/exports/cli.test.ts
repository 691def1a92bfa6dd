// `npm run export`: documented by --help, runs as a password-checked admin, audited, and exits with
// a code a script can act on.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/core/clock.js';
import { openKeyVault } from '../../../electron/core/keys/fileVault.js';
import { plainSealer } from '../../../electron/core/keys/sealers.js';
import { openStationData } from '../../../electron/core/startup/openStationData.js';
import { hashPassword } from '../../../electron/core/users/password.js';
import { openStation, type Station } from './fixture.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const PASSWORD = 'correct horse battery';

let st: Station;
let keyDir: string;
beforeAll(async () => {
  st = openStation({ rooms: 1, sessionsPerRoomPerDay: 3, days: 2, shotsPerSession: 10, patients: 4, seed: 2 });
  const now = new Date().toISOString();
  st.db
    .prepare("INSERT INTO users (username, display_name, role, password_hash, created_at, password_changed_at) VALUES ('boss', 'Bea Boss', 'admin', ?, ?, ?)")
    .run(await hashPassword(PASSWORD), now, now);
  st.audit.close();
  st.db.close();
  // The station as it starts today: the plain database encrypted in place, its keys (and the legacy
  // audit key from its settings) in a key folder outside the data folder. The CLI needs that folder.
  keyDir = path.join(st.dir, '..', `${path.basename(st.dir)}-keys`);
  const data = openStationData({ dataDir: st.dir, keys: openKeyVault({ dir: keyDir, sealer: plainSealer }).forDataDir(st.dir), settings: st.settings, clock: systemClock, plainDatabase: 'remove' });
  data.audit.close();
  data.db.close();
});
afterAll(() => {
  st.close();
  rmSync(keyDir, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}, input?: string) {
  const withKeys = args.includes('--db') && !args.includes('--key-dir') ? [...args, '--key-dir', keyDir] : args;
  return spawnSync(TSX, [path.join(ROOT, 'electron/cli/export.ts'), ...withKeys], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, input: input ?? '', timeout: 60_000 });
}

describe('npm run export', () => {
  it('--help documents every output, filter and exit code', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    for (const word of ['--db', '--key-dir', '--out', '--user', 'shots_csv', 'zones_csv', 'sessions_csv', 'json', 'pdf', 'recall_csv', '--from', '--to', '--clinician', '--patient', '--gun', '--lot', '--status', '--pseudonymise', '--no-bom', '--language', 'Exit codes'])
      expect(r.stdout).toContain(word);
  });

  it('exports as the named admin and prints the manifest path', () => {
    const db = path.join(st.dir, 'station.db');
    const r = cli(['--db', db, '--out', st.out, '--user', 'boss', '--format', 'sessions_csv,json', '--status', 'signed', '--quiet'], { MESO_EXPORT_PASSWORD: PASSWORD });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as { manifest: string; files: number };
    expect(summary.files).toBe(3);
    expect(readdirSync(st.out)).toContain(path.basename(summary.manifest));
    // The manifest carries the audit trail's head as the export was made, keyed; the next export's
    // head is one row further (this export's own audit row).
    type Manifest = { manifestVersion: number; auditCheckpoint: { rows: number; lastHash: string; headMac: string; mac: string } };
    const manifest = JSON.parse(readFileSync(summary.manifest, 'utf8')) as Manifest;
    expect(manifest.manifestVersion).toBe(3);
    expect(manifest.auditCheckpoint).toMatchObject({ lastHash: expect.stringMatching(/^[0-9a-f]{64}$/), headMac: expect.stringMatching(/^[0-9a-f]{64}$/), mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const next = cli(['--db', db, '--out', st.out, '--user', 'boss', '--format', 'zones_csv', '--quiet'], { MESO_EXPORT_PASSWORD: PASSWORD });
    expect(next.status).toBe(0);
    const nextManifest = JSON.parse(readFileSync((JSON.parse(next.stdout) as { manifest: string }).manifest, 'utf8')) as Manifest;
    expect(nextManifest.auditCheckpoint.rows).toBe(manifest.auditCheckpoint.rows + 1);
    expect(nextManifest.auditCheckpoint.lastHash).not.toBe(manifest.auditCheckpoint.lastHash);
  });

  it('writes the PDF reports in the language asked for (--language)', ({ skip }) => {
    if (spawnSync('which', ['pdftotext']).status !== 0) skip('poppler-utils is not installed');
    const out = mkdtempSync(path.join(st.dir, 'cli-es-'));
    const r = cli(['--db', path.join(st.dir, 'station.db'), '--out', out, '--user', 'boss', '--format', 'pdf', '--status', 'signed', '--language', 'es', '--quiet'], { MESO_EXPORT_PASSWORD: PASSWORD });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const pdf = readdirSync(out).find((f) => f.endsWith('.pdf'))!;
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', path.join(out, pdf), '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Mesoterapia capilar - informe de la sesión');
    expect(text).toContain('Fecha de nacimiento');
  });

  it('reads the password from standard input too', () => {
    const r = cli(['--db', path.join(st.dir, 'station.db'), '--out', st.out, '--user', 'boss', '--format', 'zones_csv', '--password-stdin', '--quiet'], {}, `${PASSWORD}\n`);
    expect(r.status).toBe(0);
  });

  it('refuses a wrong password (3), bad arguments (2) and an unknown option (2)', () => {
    const db = path.join(st.dir, 'station.db');
    expect(cli(['--db', db, '--out', st.out, '--user', 'boss'], { MESO_EXPORT_PASSWORD: 'wrong password!' }).status).toBe(3);
    expect(cli(['--db', db, '--out', st.out, '--user', 'boss', '--format', 'xlsx'], { MESO_EXPORT_PASSWORD: PASSWORD }).status).toBe(2);
    expect(cli(['--db', db, '--out', st.out, '--user', 'boss', '--from', '2025-13-01'], { MESO_EXPORT_PASSWORD: PASSWORD }).status).toBe(2);
    expect(cli(['--db', db, '--out', st.out, '--user', 'boss', '--language', 'de'], { MESO_EXPORT_PASSWORD: PASSWORD }).status).toBe(2);
    expect(cli(['--frobnicate']).status).toBe(2);
    expect(cli(['--db', db]).status).toBe(2);
    // A key folder without the station's keys is refused (naming it) rather than given new keys.
    const empty = path.join(st.dir, '..', `${path.basename(st.dir)}-nokeys`);
    try {
      const r = cli(['--db', db, '--out', st.out, '--user', 'boss', '--key-dir', empty], { MESO_EXPORT_PASSWORD: PASSWORD });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(empty);
      expect(r.stderr).toMatch(/holds no key/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
