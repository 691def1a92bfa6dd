// The key store as a folder of key files, outside the data folder:
//   <vault>/<key id>/<name>.key     one JSON file per key: { format, seal, value (base64) }
// The data folder holds only its key id (<dataDir>/key-id, not a secret), which picks its sub-folder:
// a training folder, a second station, or a copy of the data folder restored elsewhere each find
// their own keys, and a copy of the data folder alone (a backup, a stolen disk image) holds none.
// Folders are 0700 and files 0600; every write is temp file, fsync, rename, fsync of the folder.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { StartRefusal } from '../startup/errors.js';
import { checkKeyName, unreadableKey, type KeyName, type KeyStore, type KeyVault } from './keyStore.js';
import type { Sealer } from './sealers.js';

export const KEY_ID_FILE = 'key-id';
const FORMAT = 1;

/** Creates a folder (and its parents) and makes it owner-only, also when it already existed. */
export function ownerOnlyDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}

/** Writes a whole file owner-only and durably: temp file, fsync, rename over, fsync of the folder. */
export function writeFileDurably(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  syncDir(join(file, '..'));
}

export function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The browser host's default vault: the user's config folder, never the data folder. */
export function defaultKeyDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'meso-station', 'keys');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'meso-station', 'keys');
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

function inside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The data folder's key id; undefined when it has none yet (`create` makes one). */
export function keyIdOf(dataDir: string, create: boolean): string | undefined {
  const file = join(dataDir, KEY_ID_FILE);
  if (existsSync(file)) {
    const id = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{32}$/.test(id)) throw new StartRefusal('key-unreadable', `${file} does not hold a key id (32 hex digits); restore it from the data folder's backup.`, { file });
    return id;
  }
  if (!create) return undefined;
  ownerOnlyDir(dataDir);
  const id = randomBytes(16).toString('hex');
  writeFileDurably(file, `${id}\n`);
  return id;
}

/** One data folder's keys. Reading never writes: the key id is made by the first put(). */
class FileKeyStore implements KeyStore {
  readonly label: string;
  constructor(
    private readonly root: string,
    private readonly dataDir: string,
    private readonly sealer: Sealer,
  ) {
    this.label = `the key folder ${root} (keys of ${dataDir}; ${sealer.describe})`;
  }

  private file(name: KeyName, create: boolean): string | undefined {
    checkKeyName(name);
    const id = keyIdOf(this.dataDir, create);
    return id === undefined ? undefined : join(this.root, id, `${name}.key`);
  }

  get(name: KeyName): Buffer | undefined {
    const file = this.file(name, false);
    if (file === undefined) return undefined;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw unreadableKey(this.label, name, (e as NodeJS.ErrnoException).code ?? 'read failed');
    }
    let parsed: { format?: unknown; seal?: unknown; value?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw unreadableKey(this.label, name, 'not a key file');
    }
    if (parsed.format !== FORMAT || typeof parsed.value !== 'string') throw unreadableKey(this.label, name, 'not a key file');
    if (parsed.seal !== this.sealer.kind) throw unreadableKey(this.label, name, `sealed as "${String(parsed.seal)}", but this station opens keys as "${this.sealer.kind}"`);
    try {
      return this.sealer.open(Buffer.from(parsed.value, 'base64'), name);
    } catch {
      throw unreadableKey(this.label, name, 'it does not unseal');
    }
  }

  put(name: KeyName, value: Uint8Array): void {
    const file = this.file(name, true)!;
    ownerOnlyDir(this.root);
    ownerOnlyDir(join(file, '..'));
    const sealed = this.sealer.seal(Buffer.from(value), name);
    writeFileDurably(file, JSON.stringify({ format: FORMAT, seal: this.sealer.kind, value: sealed.toString('base64') }) + '\n');
  }

  remove(name: KeyName): void {
    const file = this.file(name, false);
    if (file === undefined || !existsSync(file)) return;
    rmSync(file, { force: true });
    syncDir(join(file, '..'));
  }
}

export function openKeyVault(opts: { dir: string; sealer: Sealer }): KeyVault {
  const root = resolve(opts.dir);
  return {
    label: `the key folder ${root} (${opts.sealer.describe})`,
    forDataDir(dataDir) {
      const data = resolve(dataDir);
      if (inside(real(root), real(data)))
        throw new StartRefusal('key-folder-inside-data', `The key folder ${root} is inside the data folder ${data}.\nKeys must live apart from the records they protect: a copy of the data folder would carry them.\nChoose a key folder outside it (--key-dir DIR, or MESO_KEY_DIR).`, { keyDir: root, dataDir: data });
      return new FileKeyStore(root, data, opts.sealer);
    },
  };
}
