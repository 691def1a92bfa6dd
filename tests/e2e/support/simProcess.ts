// The simulated gun in a process of its own (`npm run sim`), for tests where the station process
// dies while the gun lives on: driven through its standard input, watched through its output, each
// line stamped with the time it arrived.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface SimProcess {
  stationPath: string;
  /** Every output line with Date.now() when it arrived. */
  lines: { at: number; text: string }[];
  /** The pairing code the gun shows (the latest it printed; waits for one). */
  pairingCode(): Promise<string>;
  /** Resolves with the arrival time of the first line after `since` matching `re`. */
  waitFor(re: RegExp, since?: number, timeoutMs?: number): Promise<number>;
  send(command: string): void;
  stop(): Promise<void>;
}

export async function startSimProcess(): Promise<SimProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'meso-sim-'));
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'device/sim/cli.ts', '--dir', dir], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: { at: number; text: string }[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  const take = (d: Buffer) => {
    partial += d.toString();
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) lines.push({ at: Date.now(), text });
    for (const w of waiters) w();
  };
  proc.stdout?.on('data', take);
  proc.stderr?.on('data', take);
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));

  const waitFor = (re: RegExp, since = 0, timeoutMs = 20_000): Promise<number> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const hit = lines.find((l) => l.at >= since && re.test(l.text));
        if (!hit) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(hit.at);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`the simulator did not print ${re} in ${timeoutMs} ms:\n${lines.map((l) => l.text).join('\n')}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  await waitFor(/Station port:/, 0, 30_000);
  const stationPath = /Station port:\s+(\S+)/.exec(lines.find((l) => /Station port:/.test(l.text))!.text)![1]!;
  return {
    stationPath,
    lines,
    async pairingCode() {
      await waitFor(/PAIRING CODE: \d{6}/);
      return /PAIRING CODE: (\d{6})/.exec(lines.filter((l) => /PAIRING CODE/.test(l.text)).at(-1)!.text)![1]!;
    },
    waitFor,
    send(command) {
      proc.stdin?.write(`${command}\n`);
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.stdin?.end('quit\n');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGKILL');
        await exited;
      }
    },
  };
}
