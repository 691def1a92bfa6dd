// The real world for start-lib.mjs (files, processes, output), shared by start.mjs and build.mjs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Every file under `dir`, recursively. */
function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

/** @returns {import('./start-lib.mjs').Deps} */
export function nodeDeps(argv) {
  return {
    root,
    argv,
    env: process.env,
    platform: process.platform,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    execPath: process.execPath,
    spawn: (cmd, args, opts) => spawn(cmd, args, { ...opts, windowsHide: false }),
    exists: existsSync,
    readFile: (p) => readFileSync(p, 'utf8'),
    writeFile: (p, text) => {
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    },
    listFiles,
    tempDir: (prefix) => mkdtempSync(join(tmpdir(), prefix)),
    removeDir: (p) => rmSync(p, { recursive: true, force: true }),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    onSignal: (cb) => {
      for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => cb(s));
    },
  };
}
