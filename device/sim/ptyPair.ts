// A pseudo-terminal pair made by socat: a real serial link on one machine. The station opens
// `stationPath`, the simulator `gunPath`. Killing socat is an unplug: both ends get EIO/hang-up, as
// with a USB cable pulled out; starting it again with the same paths is a replug.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class PtyPair {
  readonly stationPath: string;
  readonly gunPath: string;
  private proc: ChildProcess | null = null;
  private readonly dir: string;
  private readonly ownsDir: boolean;

  constructor(dir?: string) {
    this.ownsDir = !dir;
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'meso-pty-'));
    this.stationPath = join(this.dir, 'station');
    this.gunPath = join(this.dir, 'gun');
  }

  get plugged(): boolean {
    return this.proc !== null;
  }

  /** Starts socat and resolves once both links exist. */
  async plug(): Promise<void> {
    if (this.proc) return;
    const proc = spawn('socat', [`pty,raw,echo=0,link=${this.stationPath}`, `pty,raw,echo=0,link=${this.gunPath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const spawnError = new Promise<never>((_, reject) => {
      proc.once('error', (e: NodeJS.ErrnoException) =>
        reject(new Error(e.code === 'ENOENT' ? 'socat is not installed (apt-get install socat)' : `socat failed: ${e.message}`)),
      );
    });
    this.proc = proc;
    proc.once('exit', () => {
      if (this.proc === proc) this.proc = null;
    });
    const deadline = Date.now() + 5000;
    const ready = (async () => {
      while (!(existsSync(this.stationPath) && existsSync(this.gunPath))) {
        if (Date.now() > deadline) throw new Error(`socat did not create the pty pair in 5 s: ${stderr.trim()}`);
        if (proc.exitCode !== null) throw new Error(`socat exited (${proc.exitCode}): ${stderr.trim()}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await Promise.race([ready, spawnError]);
  }

  /** Kills socat: both ends see the line drop. Resolves once it has exited and the links are gone. */
  async unplug(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = null;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
    for (const p of [this.stationPath, this.gunPath]) rmSync(p, { force: true });
  }

  async dispose(): Promise<void> {
    await this.unplug();
    if (this.ownsDir) rmSync(this.dir, { recursive: true, force: true });
  }
}
