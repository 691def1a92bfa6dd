// Starts the browser host as its own process (so a test can kill it), with the simulator and the
// test hooks, and talks to it: the simulator hooks over HTTP, the contract over a WebSocket opened
// the way a page opens it (same Origin, token as subprotocol).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { WireReply } from '../../../electron/contract/api.js';
import type { Input, MethodName, Output } from '../../../electron/contract/index.js';
import type { SimState } from '../../../electron/host/testHooks.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface Host {
  url: string;
  origin: string;
  token: string;
  /** The folder given with --data-dir (the clinical station's). */
  dataDir: string;
  /** The key folder: beside the data folder, never inside it (and never the user's own). */
  keyDir: string;
  /** Where the running mode keeps its data: `<dataDir>/training` in training mode. */
  stationDir: string;
  proc: ChildProcess;
  output: () => string;
  sim(): Promise<SimState>;
  fire(n: number): Promise<void>;
  /** The simulated gun's low-battery fault (it does not stop the gun firing). */
  battery(low: boolean): Promise<void>;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  /** SIGKILL: no clean shutdown, like pulling the power. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Training mode (the built-in simulator on a socat pty, the training folder) unless `clinical`; in
 * either mode `gunPath` points the station at a gun (a simulator run in another process).
 */
export async function startHost(opts: { dataDir?: string; port?: number; clinical?: boolean; gunPath?: string } = {}): Promise<Host> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'meso-e2e-'));
  const keyDir = `${dataDir}-keys`;
  const args = ['--import', 'tsx', 'electron/host/main.ts', '--port', String(opts.port ?? 0), '--data-dir', dataDir, '--key-dir', keyDir];
  if (!opts.clinical) args.push('--training');
  if (opts.gunPath) args.push('--gun', opts.gunPath);
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, MESO_TEST_HOOKS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in 30 s:\n${out}`)), 30_000);
    const check = () => {
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout?.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited (${code}) before it printed its address:\n${out}`));
    });
  });
  const origin = new URL(url).origin;
  const token = new URL(url).hash.replace('#token=', '');
  const hook = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${origin}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return {
    url,
    origin,
    token,
    dataDir,
    keyDir,
    stationDir: opts.clinical ? dataDir : join(dataDir, 'training'),
    proc,
    output: () => out,
    sim: () => hook('GET', '/__test/sim') as Promise<SimState>,
    fire: async (n) => void (await hook('POST', '/__test/sim/fire', { n })),
    battery: async (low) => void (await hook('POST', '/__test/sim/battery', { low })),
    unplug: async () => void (await hook('POST', '/__test/sim/unplug', {})),
    replug: async () => void (await hook('POST', '/__test/sim/replug', {})),
    kill: async () => {
      proc.kill('SIGKILL');
      await exited;
      killOrphanSocat(dataDir);
    },
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGKILL');
        await exited;
        killOrphanSocat(dataDir);
      }
    },
  };
}

/**
 * A host killed with SIGKILL cannot stop its simulator's socat: end that one process (found by the
 * pty link path inside this test's own data folder), by its pid.
 */
function killOrphanSocat(dataDir: string): void {
  const mark = `link=${join(dataDir, 'training', 'sim', 'station')}`;
  const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  for (const line of ps.split('\n')) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (m && m[2]!.startsWith('socat ') && m[2]!.includes(mark)) process.kill(Number(m[1]), 'SIGTERM');
  }
}

/** A contract client over the host's WebSocket, as the renderer's (for set-up steps and refusal checks). */
export interface SocketClient {
  call<N extends MethodName>(method: N, input: Input<N>): Promise<Output<N>>;
  /** Resolves with the ContractError code when the call is refused. */
  refusal(method: string, input: unknown): Promise<string | null>;
  close(): void;
}

export function openSocket(host: Pick<Host, 'origin' | 'token'>, opts: { origin?: string; token?: string } = {}): Promise<SocketClient> {
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ws`, ['meso.v1', `token.${opts.token ?? host.token}`], { origin: opts.origin ?? host.origin });
  let next = 1;
  const pending = new Map<number, (r: WireReply) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as WireReply | { event: string };
    if ('id' in msg) {
      pending.get(msg.id)?.(msg);
      pending.delete(msg.id);
    }
  });
  const raw = (method: string, input: unknown) =>
    new Promise<WireReply>((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, input }));
    });
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        async call(method, input) {
          const r = await raw(method, input);
          if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
          return r.result as never;
        },
        async refusal(method, input) {
          const r = await raw(method, input);
          return r.ok ? null : r.error.code;
        },
        close: () => ws.close(),
      }),
    );
    ws.once('error', reject);
    ws.once('close', (code) => reject(new Error(`closed ${code}`)));
  });
}

/**
 * How a refused WebSocket ends: the HTTP status of a refused upgrade, or, had the host accepted the
 * socket and closed it afterwards, the close code with `opened: true`.
 */
export function socketRefusal(host: Pick<Host, 'origin' | 'token'>, opts: { origin?: string; token?: string }): Promise<{ closeCode?: number; httpStatus?: number; opened?: boolean }> {
  return new Promise((resolve) => {
    let opened = false;
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ws`, ['meso.v1', `token.${opts.token ?? host.token}`], { origin: opts.origin ?? host.origin });
    ws.on('open', () => (opened = true));
    ws.on('unexpected-response', (_req, res) => {
      resolve({ httpStatus: res.statusCode });
      ws.terminate();
    });
    ws.on('close', (code) => resolve({ closeCode: code, opened }));
    ws.on('error', () => undefined);
  });
}
