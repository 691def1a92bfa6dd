#!/usr/bin/env node
// `node scripts/build.mjs renderer main preload`: the named builds, each only when its inputs changed
// since it was last built (the same reuse as npm start; start-lib.mjs).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILDS, ensureBuilt, StartError } from './start-lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const names = process.argv.slice(2);
const unknown = names.filter((n) => !(n in BUILDS));
if (names.length === 0 || unknown.length > 0) {
  process.stderr.write(`usage: node scripts/build.mjs ${Object.keys(BUILDS).join('|')} ...${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}\n`);
  process.exit(2);
}
const listFiles = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
try {
  await ensureBuilt(
    {
      root,
      execPath: process.execPath,
      spawn: (cmd, args, opts) => spawn(cmd, args, opts),
      exists: existsSync,
      readFile: (p) => readFileSync(p, 'utf8'),
      writeFile: (p, text) => {
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, text);
      },
      listFiles,
      out: (line) => process.stdout.write(`${line}\n`),
    },
    names,
  );
} catch (e) {
  process.stderr.write(`${e instanceof StartError ? e.message : String(e)}\n`);
  process.exit(1);
}
