// Records at rest: the station's database is encrypted under a key from the key store; a missing or
// wrong key is a refusal that names the key store and writes nothing; a database written before
// encryption (plain) is encrypted in place only by explicit choice about the plain copy, and the
// secrets that lived beside it (audit key and link keys in settings.json, the pseudonym secret in
// the database) move into the key store; files are 0600 and folders 0700.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../electron/core/audit/trail.js';
import { patientCode } from '../../../electron/core/exports/pseudonym.js';
import { openKeyVault } from '../../../electron/core/keys/fileVault.js';
import type { KeyVault } from '../../../electron/core/keys/keyStore.js';
import { plainSealer } from '../../../electron/core/keys/sealers.js';
import { PatientService } from '../../../electron/core/patients/service.js';
import { memorySettings, type SettingsStore } from '../../../electron/core/settings/store.js';
import { createStation, type Station } from '../../../electron/core/station.js';
import { openDatabase } from '../../../electron/core/storage/db.js';
import { databaseFileState } from '../../../electron/core/storage/encryptInPlace.js';
import { UsersService } from '../../../electron/core/users/service.js';
import { TestClock } from '../../support/clock.js';
import { startRefusal } from '../../support/coreErrors.js';
import { ADMIN } from './access.fixture.js';
import { FAST_USERS } from '../../support/users.js';

const NAME = 'Ilkay Brightwater';
const ALLERGY = 'zz-rare-allergen';

let root: string;
let dataDir: string;
let keyDir: string;
let vault: KeyVault;
let settings: SettingsStore;
let clock: TestClock;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'meso-atrest-'));
  dataDir = join(root, 'data');
  keyDir = join(root, 'keys');
  vault = openKeyVault({ dir: keyDir, sealer: plainSealer });
  settings = memorySettings();
  clock = new TestClock();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const dbFile = () => join(dataDir, 'station.db');
const open = (extra: Partial<Parameters<typeof createStation>[0]> = {}): Station =>
  createStation({ dataDir, settings, keys: vault, clock, users: FAST_USERS, autoLockSweepMs: 0, ...extra });

/** Every file under a folder with its SHA-256: "nothing was written" is this, unchanged. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    out[p] = createHash('sha256').update(readFileSync(p)).digest('hex');
  }
  return out;
}

function holdsPlainText(dir: string, text: string): string[] {
  return Object.keys(snapshot(dir)).filter((f) => readFileSync(f).includes(Buffer.from(text)));
}

async function stationWithAPatient(): Promise<Station> {
  const s = open();
  const conn = s.newConnection();
  await s.dispatch(conn, 'setup.createAdmin', ADMIN);
  await s.dispatch(conn, 'patients.create', { fullName: NAME, birthDate: '1981-02-03', sex: 'female', allergies: [ALLERGY] });
  return s;
}

describe('encryption at rest', () => {
  it('the database, its WAL and SHM hold no plain text and are 0600; the data folder is 0700; a plain open fails', async () => {
    const s = await stationWithAPatient();
    try {
      // While open: the WAL holds the latest pages.
      expect(existsSync(`${dbFile()}-wal`)).toBe(true);
      expect(holdsPlainText(dataDir, NAME)).toEqual([]);
      expect(holdsPlainText(dataDir, ALLERGY)).toEqual([]);
      for (const f of ['station.db', 'station.db-wal', 'station.db-shm', 'key-id']) expect([f, (statSync(join(dataDir, f)).mode & 0o777).toString(8)]).toEqual([f, '600']);
      for (const d of [dataDir, join(dataDir, 'exports')]) expect((statSync(d).mode & 0o777).toString(8)).toBe('700');
    } finally {
      await s.close();
    }
    expect(databaseFileState(dbFile())).toBe('encrypted');
    expect(holdsPlainText(dataDir, NAME)).toEqual([]);
    const plain = new Database(dbFile());
    try {
      // SQLite's own error for an encrypted file opened without its key (no code).
      expect(() => plain.prepare('SELECT * FROM patients').all()).toThrow(/file is not a database/);
    } finally {
      plain.close();
    }
    // Reopened with its key from the key store: everything is there.
    const again = open();
    try {
      expect((again.db.prepare('SELECT full_name FROM patients').get() as { full_name: string }).full_name).toBe(NAME);
      expect(again.services.audit.verify()).toMatchObject({ ok: true });
    } finally {
      await again.close();
    }
  });

  it('a wrong key is refused, naming the key store, with nothing written', async () => {
    await (await stationWithAPatient()).close();
    const store = vault.forDataDir(dataDir);
    store.put('database', randomBytes(32));
    const before = snapshot(dataDir);
    const r = startRefusal(() => open());
    expect(r.code).toBe('database-key-wrong');
    expect(r.params).toMatchObject({ dbFile: dbFile(), store: expect.stringContaining(keyDir) });
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('a missing database key is refused, and never answered with a new empty database', async () => {
    await (await stationWithAPatient()).close();
    vault.forDataDir(dataDir).remove('database');
    const before = snapshot(dataDir);
    const r = startRefusal(() => open());
    expect(r.code).toBe('database-key-missing');
    expect(r.params).toMatchObject({ dbFile: dbFile(), store: expect.stringContaining(keyDir) });
    expect(snapshot(dataDir)).toEqual(before);
    expect(vault.forDataDir(dataDir).get('database')).toBeUndefined();
  });

  it('a missing audit key with audit rows present stops the station: no new key is made', async () => {
    await (await stationWithAPatient()).close();
    vault.forDataDir(dataDir).remove('audit');
    const r = startRefusal(() => open());
    expect(r.code).toBe('audit-key-missing');
    expect(r.params.rows).toBeGreaterThan(0);
    expect(vault.forDataDir(dataDir).get('audit')).toBeUndefined();
  });

  it('a database restored from an older copy stops the station, unless someone accepts it (recorded)', async () => {
    await (await stationWithAPatient()).close();
    const { copyFileSync } = await import('node:fs');
    copyFileSync(dbFile(), `${root}/older.db`);
    const s = open();
    const conn = s.newConnection();
    await s.dispatch(conn, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await s.dispatch(conn, 'patients.create', { fullName: 'Later Patient', birthDate: '1990-01-01', sex: 'male', allergies: [] });
    await s.close();
    for (const side of ['-wal', '-shm']) rmSync(dbFile() + side, { force: true });
    copyFileSync(`${root}/older.db`, dbFile());

    const r = startRefusal(() => open());
    expect(r.code).toBe('database-rolled-back');
    expect(r.params).toMatchObject({ store: expect.stringContaining(keyDir) });
    // The hosts print a start refusal's message as it stands (no screen words it from the code), so it
    // must name the way out: the one flag that accepts this copy.
    expect(r.message).toContain('--accept-restored-database');

    const accepted = open({ acceptRestoredDatabase: true });
    try {
      expect(accepted.services.audit.list({ action: 'audit.restored-database-accepted' }).entries).toEqual([
        expect.objectContaining({ userId: null, newValue: expect.objectContaining({ code: 'rolled-back', checkpointRows: expect.any(Number), databaseRows: expect.any(Number) }) }),
      ]);
      expect(accepted.services.audit.verify()).toMatchObject({ ok: true, problems: [] });
    } finally {
      await accepted.close();
    }
    // Accepted once: the next start is an ordinary one.
    await open().close();
  });

  it('a training data folder inside the data folder gets its own database key', async () => {
    await (await stationWithAPatient()).close();
    const training = createStation({ dataDir: join(dataDir, 'training'), settings: memorySettings(), keys: vault, clock, users: FAST_USERS, autoLockSweepMs: 0 });
    await training.close();
    expect(vault.forDataDir(join(dataDir, 'training')).get('database')).not.toEqual(vault.forDataDir(dataDir).get('database'));
  });
});

/** A station as it was before encryption at rest: plain file, audit key and link keys in settings, pseudonym secret in the database, head without its MAC. */
async function legacyStation(): Promise<{ auditKey: Buffer; linkKey: Buffer; pseudonym: Buffer; patientId: number }> {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(dbFile());
  const auditKey = randomBytes(32);
  const linkKey = randomBytes(32);
  const audit = new AuditTrail(db, clock, auditKey);
  const users = new UsersService(db, audit, clock, FAST_USERS);
  const admin = await users.createFirstAdmin(ADMIN);
  const patientId = new PatientService(db, audit, clock).create(admin, { fullName: NAME, birthDate: '1981-02-03', sex: 'female', allergies: [ALLERGY] }).id;
  db.exec('DROP TRIGGER audit_head_forward; UPDATE audit_head SET head_mac = NULL;');
  const pseudonym = Buffer.from((db.prepare('SELECT secret FROM export_pseudonym_secret').get() as { secret: Uint8Array }).secret);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  settings.set('auditKey', auditKey.toString('base64'));
  settings.set('pairedGuns', { 'MG.0001': { key: linkKey.toString('base64'), pairedAt: '2025-01-15T09:00:00.000Z', model: 'MG-1', firmware: '1.0', lastSeenAt: null } });
  return { auditKey, linkKey, pseudonym, patientId };
}

describe('a plain database from before encryption', () => {
  it('is not touched without an explicit choice about the plain copy', async () => {
    await legacyStation();
    const before = snapshot(dataDir);
    const r = startRefusal(() => open());
    expect(r.code).toBe('plain-database-needs-choice');
    expect(r.params).toMatchObject({ dbFile: dbFile() });
    // Printed as it stands by the hosts: it must name the flag that makes the choice.
    expect(r.message).toContain('--encrypt-existing=keep');
    expect(snapshot(dataDir)).toEqual(before);
    expect(databaseFileState(dbFile())).toBe('plain');
  });

  it('is encrypted in place, keeping the plain copy when asked; the secrets move into the key store', async () => {
    const legacy = await legacyStation();
    const notices: string[] = [];
    const s = open({ plainDatabase: 'keep', notice: (l) => notices.push(l) });
    try {
      expect(databaseFileState(dbFile())).toBe('encrypted');
      expect((s.db.prepare('SELECT full_name FROM patients').get() as { full_name: string }).full_name).toBe(NAME);
      // The chain, keyed with the moved audit key, verifies; the old head got its MAC through an audited row.
      expect(s.services.audit.verify()).toEqual({ ok: true, rows: expect.any(Number), problems: [] });
      expect(s.services.audit.list({ action: 'audit.head-keyed' }).entries).toHaveLength(1);

      const store = vault.forDataDir(dataDir);
      expect(store.get('audit')).toEqual(legacy.auditKey);
      expect(store.get('gun-link.MG.0001')).toEqual(legacy.linkKey);
      expect(store.get('pseudonym')).toEqual(legacy.pseudonym);
      expect(settings.get('auditKey')).toBeUndefined();
      expect(settings.get('pairedGuns')['MG.0001']).toEqual({ pairedAt: '2025-01-15T09:00:00.000Z', model: 'MG-1', firmware: '1.0', lastSeenAt: null });
      expect(s.services.gunKeys.get('MG.0001')).toEqual(new Uint8Array(legacy.linkKey));
      expect(s.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'export_pseudonym_secret'").get()).toBeUndefined();
      // The same secret: pseudonymised codes match earlier exports.
      expect(patientCode(store.get('pseudonym')!, legacy.patientId)).toBe(patientCode(legacy.pseudonym, legacy.patientId));
    } finally {
      await s.close();
    }
    const kept = readdirSync(dataDir).filter((f) => f.startsWith('station.db.plain-'));
    expect(kept).toHaveLength(1);
    expect(notices.join('\n')).toContain(kept[0]);
    expect(databaseFileState(join(dataDir, kept[0]!))).toBe('plain');
    expect((statSync(join(dataDir, kept[0]!)).mode & 0o777).toString(8)).toBe('600');
    // Only the kept copy holds the name in clear.
    expect(holdsPlainText(dataDir, NAME)).toEqual([join(dataDir, kept[0]!)]);
  });

  it('is encrypted in place and the plain copy removed when asked: no plain text left in the folder', async () => {
    await legacyStation();
    const s = open({ plainDatabase: 'remove' });
    await s.close();
    expect(readdirSync(dataDir).filter((f) => f.includes('plain') || f.includes('encrypting'))).toEqual([]);
    expect(holdsPlainText(dataDir, NAME)).toEqual([]);
    expect(holdsPlainText(dataDir, ALLERGY)).toEqual([]);
    const again = open();
    try {
      expect(again.services.audit.verify().ok).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('a failed copy leaves the plain database as it was', async () => {
    await legacyStation();
    const before = snapshot(dataDir);
    // An encryption in progress that cannot be finished: its file is in the way and not removable.
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(`${dbFile()}.encrypting`);
    writeFileSync(join(`${dbFile()}.encrypting`, 'x'), 'x');
    expect(() => open({ plainDatabase: 'remove' })).toThrow();
    rmSync(`${dbFile()}.encrypting`, { recursive: true });
    const after = snapshot(dataDir);
    expect(after[dbFile()]).toBe(before[dbFile()]);
    expect(databaseFileState(dbFile())).toBe('plain');
  });
});
