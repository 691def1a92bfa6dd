#!/usr/bin/env node
// `node scripts/build.mjs renderer main preload`: the named builds, each only when its inputs changed
// since it was last built (the same reuse as npm start; start-lib.mjs).
import { nodeDeps } from './node-deps.mjs';
import { BUILDS, ensureBuilt, StartError } from './start-lib.mjs';

const names = process.argv.slice(2);
const unknown = names.filter((n) => !(n in BUILDS));
if (names.length === 0 || unknown.length > 0) {
  process.stderr.write(`usage: node scripts/build.mjs ${Object.keys(BUILDS).join('|')} ...${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}\n`);
  process.exit(2);
}
try {
  await ensureBuilt(nodeDeps([]), names);
} catch (e) {
  process.stderr.write(`${e instanceof StartError ? e.message : String(e)}\n`);
  process.exit(1);
}
