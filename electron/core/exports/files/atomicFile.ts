// A file that only appears under its real name once it is whole. Bytes go to a hidden temporary file
// in the target folder (same file system, so the final rename is atomic), hashed as they are written;
// finish() fsyncs and closes it; commit() renames it into place and fsyncs the folder so the rename
// itself survives a power cut. discard() removes the temporary file: a cancelled, failed or disk-full
// export leaves nothing that looks complete. Writes are awaited one by one, so a producer that awaits
// write() can never run ahead of the disk (backpressure without an unbounded buffer).
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { open, rename, rm, access, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** What a completed file is in the manifest. */
export interface WrittenFile {
  name: string;
  bytes: number;
  sha256: string;
}

/** Temporary files carry this suffix (and a leading dot): nothing with it is ever a finished export. */
export const PARTIAL_SUFFIX = '.partial';

export class AtomicFile {
  private bytes = 0;
  private readonly hash: Hash = createHash('sha256');
  private state: 'open' | 'finished' | 'committed' | 'discarded' = 'open';
  private result: WrittenFile | null = null;

  private constructor(
    readonly dir: string,
    readonly name: string,
    readonly tempPath: string,
    private handle: FileHandle | null,
  ) {}

  /** Opens a fresh temporary file beside where `name` will go. Fails if `name` already exists. */
  static async create(dir: string, name: string): Promise<AtomicFile> {
    if (name !== path.basename(name) || name.startsWith('.')) throw new Error(`export file name ${JSON.stringify(name)} must be a plain name`);
    const finalPath = path.join(dir, name);
    if (await exists(finalPath)) throw new Error(`${finalPath} already exists; an export never overwrites a file`);
    const tempPath = path.join(dir, `.${name}.${randomBytes(6).toString('hex')}${PARTIAL_SUFFIX}`);
    // 'wx': never reuse a file someone else created; 0o600: the records are health data.
    const handle = await open(tempPath, 'wx', 0o600);
    return new AtomicFile(dir, name, tempPath, handle);
  }

  get finalPath(): string {
    return path.join(this.dir, this.name);
  }

  /** Name, size and hash; only once finish() has run. */
  get written(): WrittenFile {
    if (!this.result) throw new Error(`${this.name}: not finished`);
    return this.result;
  }

  get bytesWritten(): number {
    return this.bytes;
  }

  /** Writes the whole chunk before resolving (a regular file may accept fewer bytes per call). */
  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.state !== 'open' || !this.handle) throw new Error(`${this.name}: write after ${this.state}`);
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await this.handle.write(buf, off, buf.length - off);
      off += bytesWritten;
    }
    this.hash.update(buf);
    this.bytes += buf.length;
  }

  /** Flushes to the disk (fsync) and closes; the file keeps its temporary name until commit(). */
  async finish(): Promise<WrittenFile> {
    if (this.state !== 'open' || !this.handle) throw new Error(`${this.name}: finish after ${this.state}`);
    const handle = this.handle;
    await handle.sync();
    this.handle = null;
    await handle.close();
    this.state = 'finished';
    this.result = { name: this.name, bytes: this.bytes, sha256: this.hash.digest('hex') };
    return this.result;
  }

  /** Renames into place. Call only when every file of the export is finished. */
  async commit(): Promise<WrittenFile> {
    if (this.state !== 'finished' || !this.result) throw new Error(`${this.name}: commit before finish`);
    if (await exists(this.finalPath)) throw new Error(`${this.finalPath} appeared while exporting; not overwritten`);
    await rename(this.tempPath, this.finalPath);
    this.state = 'committed';
    return this.result;
  }

  /** Removes the temporary file (or, with `committed`, the renamed file too: used to roll back). Never throws. */
  async discard(opts: { committed?: boolean } = {}): Promise<void> {
    if (this.handle) {
      const h = this.handle;
      this.handle = null;
      await h.close().catch(() => undefined);
    }
    if (this.state === 'committed') {
      if (opts.committed) await rm(this.finalPath, { force: true }).catch(() => undefined);
    } else {
      await rm(this.tempPath, { force: true }).catch(() => undefined);
    }
    this.state = 'discarded';
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p, fsConstants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes renames in `dir` durable. POSIX needs the directory itself fsynced; Windows cannot open a
 * directory for that and commits renames with the metadata journal, so there it is skipped.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (process.platform !== 'win32' && code !== 'EINVAL' && code !== 'EISDIR') throw e;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
