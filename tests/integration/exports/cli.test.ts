// `npm run export`: documented by --help, runs as a password-checked admin, audited, and exits with
// a code a script can act on.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKeyFrom } from '../../../electron/core/settings/auditKey.js';
import { hashPassword } from '../../../electron/core/users/password.js';
import { openConfSettings } from '../../../electron/settings/confSettings.js';
import { openStation, type Station } from './fixture.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const PASSWORD = 'correct horse battery';

let st: Station;
let settingsDir: string;
beforeAll(async () => {
  st = openStation({ rooms: 1, sessionsPerRoomPerDay: 3, days: 2, shotsPerSession: 10, patients: 4, seed: 2 });
  const now = new Date().toISOString();
  st.db
    .prepare("INSERT INTO users (username, display_name, role, password_hash, created_at, password_changed_at) VALUES ('boss', 'Bea Boss', 'admin', ?, ?, ?)")
    .run(await hashPassword(PASSWORD), now, now);
  st.db.close();
  // The station's settings file, holding the audit key the CLI must use.
  settingsDir = path.join(st.dir, 'settings');
  auditKeyFrom(openConfSettings({ cwd: settingsDir }));
});
afterAll(() => st.close());

function cli(args: string[], env: Record<string, string> = {}, input?: string) {
  const withSettings = args.includes('--db') ? [...args, '--settings', settingsDir] : args;
  return spawnSync(TSX, [path.join(ROOT, 'electron/cli/export.ts'), ...withSettings], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, input: input ?? '', timeout: 60_000 });
}

describe('npm run export', () => {
  it('--help documents every output, filter and exit code', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    for (const word of ['--db', '--settings', '--out', '--user', 'shots_csv', 'zones_csv', 'sessions_csv', 'json', 'pdf', 'recall_csv', '--from', '--to', '--clinician', '--patient', '--gun', '--lot', '--status', '--pseudonymise', '--no-bom', 'Exit codes'])
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
    expect(cli(['--frobnicate']).status).toBe(2);
    expect(cli(['--db', db]).status).toBe(2);
    // A settings folder without the station's audit key is refused rather than given a new key.
    expect(spawnSync(TSX, [path.join(ROOT, 'electron/cli/export.ts'), '--db', db, '--out', st.out, '--user', 'boss', '--settings', path.join(st.dir, 'empty')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, MESO_EXPORT_PASSWORD: PASSWORD } }).status).toBe(2);
  });
});
