#!/usr/bin/env node
// `npm start [-- --gun=PATH | --simulate | --browser | ...]`: the station, whatever this machine has.
// The decisions are in start-lib.mjs (tested with fakes); this file only hands it the real world.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start } from './start-lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function listFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

const code = await start({
  root,
  argv: process.argv.slice(2),
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
});
process.exit(code);
