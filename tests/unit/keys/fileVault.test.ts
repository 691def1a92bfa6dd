// The key store as a folder of key files: owner-only, outside the data folder, one sub-folder per
// data folder (a training folder gets its own keys), sealed as the environment asks, and a key that
// cannot be read is a refusal naming the store, never a new key.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultKeyDir, KEY_ID_FILE, openKeyVault } from '../../../electron/core/keys/fileVault.js';
import { plainSealer, sealerFromEnvironment, secretSealer } from '../../../electron/core/keys/sealers.js';
import { startRefusal } from '../../support/coreErrors.js';

let root: string;
let keyDir: string;
let dataDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'meso-keys-'));
  keyDir = join(root, 'keys');
  dataDir = join(root, 'data');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const mode = (p: string) => statSync(p).mode & 0o777;

describe('the file key vault', () => {
  it('keeps each key in a 0600 file in a 0700 folder outside the data folder; the data folder holds only its key id', () => {
    const store = openKeyVault({ dir: keyDir, sealer: plainSealer }).forDataDir(dataDir);
    // Reading writes nothing: no key id, no folder.
    expect(store.get('database')).toBeUndefined();
    expect(readdirSync(root)).toEqual([]);
    const key = randomBytes(32);
    store.put('database', key);
    expect(store.get('database')).toEqual(key);
    expect(store.get('audit')).toBeUndefined();

    const id = readFileSync(join(dataDir, KEY_ID_FILE), 'utf8').trim();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(readdirSync(dataDir)).toEqual([KEY_ID_FILE]);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, KEY_ID_FILE))).toBe(0o600);
    expect(mode(keyDir)).toBe(0o700);
    expect(mode(join(keyDir, id))).toBe(0o700);
    expect(readdirSync(join(keyDir, id))).toEqual(['database.key']);
    expect(mode(join(keyDir, id, 'database.key'))).toBe(0o600);
    // Nothing of the key under the data folder.
    expect(readFileSync(join(dataDir, KEY_ID_FILE)).includes(key)).toBe(false);

    // Another vault object on the same folder (a restart) reads it back; removal forgets it.
    const again = openKeyVault({ dir: keyDir, sealer: plainSealer }).forDataDir(dataDir);
    expect(again.get('database')).toEqual(key);
    again.remove('database');
    expect(store.get('database')).toBeUndefined();
  });

  it('gives a training folder inside the data folder its own keys, without being asked', () => {
    const vault = openKeyVault({ dir: keyDir, sealer: plainSealer });
    const clinical = vault.forDataDir(dataDir);
    const training = vault.forDataDir(join(dataDir, 'training'));
    clinical.put('database', Buffer.alloc(32, 1));
    training.put('database', Buffer.alloc(32, 2));
    expect(clinical.get('database')).toEqual(Buffer.alloc(32, 1));
    expect(training.get('database')).toEqual(Buffer.alloc(32, 2));
    expect(training.label).not.toBe(clinical.label);
  });

  it('a copy of the data folder elsewhere (restored backup) finds the same keys; a folder without its key id finds none', () => {
    const vault = openKeyVault({ dir: keyDir, sealer: plainSealer });
    vault.forDataDir(dataDir).put('audit', Buffer.alloc(32, 3));
    const moved = join(root, 'moved');
    renameSync(dataDir, moved);
    expect(vault.forDataDir(moved).get('audit')).toEqual(Buffer.alloc(32, 3));
    rmSync(join(moved, KEY_ID_FILE));
    expect(vault.forDataDir(moved).get('audit')).toBeUndefined();
  });

  it('refuses a key folder inside the data folder, naming both', () => {
    const r = startRefusal(() => openKeyVault({ dir: join(dataDir, 'keys'), sealer: plainSealer }).forDataDir(dataDir));
    expect(r.code).toBe('key-folder-inside-data');
    expect(r.params).toMatchObject({ keyDir: expect.stringContaining(join(dataDir, 'keys')), dataDir: expect.stringContaining(dataDir) });
  });

  it('refuses unknown key names (they become file names)', () => {
    const store = openKeyVault({ dir: keyDir, sealer: plainSealer }).forDataDir(dataDir);
    // A programming error (the names are the code's own), thrown as a plain Error: its words are all there is to match.
    for (const bad of ['../x', 'gun-link.../x', 'settings', 'gun-link.', 'gun-link.a/b']) expect(() => store.put(bad as 'database', randomBytes(32))).toThrow(/not a key name/);
    store.put('gun-link.MG.0001', randomBytes(32));
  });

  it('seals with MESO_KEYSTORE_SECRET: the file holds no key bytes, another secret or a plain opener is refused by name', () => {
    const secret = randomBytes(32);
    const sealed = sealerFromEnvironment({ MESO_KEYSTORE_SECRET: secret.toString('base64') });
    expect(sealed.kind).toBe('aes-256-gcm');
    expect(sealerFromEnvironment({ MESO_KEYSTORE_SECRET: secret.toString('hex') }).kind).toBe('aes-256-gcm');
    expect(sealerFromEnvironment({}).kind).toBe('none');
    // A bad environment variable stops the host before any station exists: a plain Error, printed as it stands.
    expect(() => sealerFromEnvironment({ MESO_KEYSTORE_SECRET: 'c2hvcnQ=' })).toThrow(/MESO_KEYSTORE_SECRET must hold 32 bytes/);

    const store = openKeyVault({ dir: keyDir, sealer: sealed }).forDataDir(dataDir);
    const key = randomBytes(32);
    store.put('database', key);
    expect(store.get('database')).toEqual(key);
    const id = readFileSync(join(dataDir, KEY_ID_FILE), 'utf8').trim();
    const file = readFileSync(join(keyDir, id, 'database.key'));
    expect(file.includes(key)).toBe(false);
    expect(file.includes(Buffer.from(key.toString('base64')))).toBe(false);

    const wrongSecret = openKeyVault({ dir: keyDir, sealer: secretSealer(randomBytes(32)) }).forDataDir(dataDir);
    const r1 = startRefusal(() => wrongSecret.get('database'));
    expect(r1.code).toBe('key-unreadable');
    expect(r1.params).toMatchObject({ name: 'database' });
    // Why a key does not open has no code of its own: the printed refusal (the hosts show its message as
    // it stands) is the only place that tells a wrong secret from a key sealed another way.
    expect(r1.message).toContain('does not unseal');
    const plain = openKeyVault({ dir: keyDir, sealer: plainSealer }).forDataDir(dataDir);
    const r2 = startRefusal(() => plain.get('database'));
    expect(r2.code).toBe('key-unreadable');
    expect(r2.params).toMatchObject({ name: 'database', store: expect.stringContaining(keyDir) });
    expect(r2.message).toMatch(/sealed as "aes-256-gcm"/);
  });

  it('a sealed key moved to another name does not open (the name is bound into the seal)', () => {
    const store = openKeyVault({ dir: keyDir, sealer: secretSealer(randomBytes(32)) }).forDataDir(dataDir);
    store.put('database', randomBytes(32));
    const id = readFileSync(join(dataDir, KEY_ID_FILE), 'utf8').trim();
    writeFileSync(join(keyDir, id, 'audit.key'), readFileSync(join(keyDir, id, 'database.key')));
    expect(startRefusal(() => store.get('audit')).code).toBe('key-unreadable');
  });

  it('a damaged key file or key id is a refusal naming it, never a new key', () => {
    const store = openKeyVault({ dir: keyDir, sealer: plainSealer }).forDataDir(dataDir);
    store.put('audit', randomBytes(32));
    const id = readFileSync(join(dataDir, KEY_ID_FILE), 'utf8').trim();
    writeFileSync(join(keyDir, id, 'audit.key'), '{"format":1,"seal":"none"');
    const damagedKey = startRefusal(() => store.get('audit'));
    expect(damagedKey).toMatchObject({ code: 'key-unreadable', params: { name: 'audit' } });
    expect(damagedKey.message).toContain('(not a key file)'); // the cause, printed as it stands: no code of its own
    writeFileSync(join(dataDir, KEY_ID_FILE), 'not an id\n');
    expect(startRefusal(() => openKeyVault({ dir: keyDir, sealer: plainSealer }).forDataDir(dataDir).get('audit'))).toMatchObject({ code: 'key-unreadable', params: { file: expect.stringContaining(KEY_ID_FILE) } });
  });

  it('defaults to the user config folder, never a data folder', () => {
    expect(defaultKeyDir({ XDG_CONFIG_HOME: '/x/cfg' })).toBe(join('/x/cfg', 'meso-station', 'keys'));
    mkdirSync(dataDir);
    expect(defaultKeyDir({}).startsWith(dataDir)).toBe(false);
  });
});
