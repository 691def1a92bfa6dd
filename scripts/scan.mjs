#!/usr/bin/env node
// `npm run scan`: Electron's static security scanner (@doyensec/electronegativity) over electron/,
// offline, for the Electron version we ship. Passes when it finds nothing but its review notice for
// the preload (PRELOAD_JS_CHECK: every preload is to be reviewed; ours exposes exactly call and on).
// Offline: the scanner fetches translations and Electron's release list with `got`, and with no
// network its retry crashes the process; here `got` fails at once instead (both callers catch that),
// and the release-list check (AvailableSecurityFixesGlobalCheck, which needs that list) is left out.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const ELECTRON_VERSION = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const ALLOWED = new Set(['PRELOAD_JS_CHECK']);
const out = join(root, '.tmp', 'electronegativity.json');

const offline = () => Promise.reject(new Error('offline'));
const stub = Object.assign(offline, { get: offline, head: offline });
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'got' && parent?.filename?.includes(`${join('@doyensec', 'electronegativity')}`)) return { __esModule: true, default: stub };
  return load.call(this, request, parent, isMain);
};

const quiet = console.log;
// Its one complaint about the missing network (translations) is not news.
console.log = (...a) => (String(a[0]).includes('Could not retrieve updated translations') ? undefined : quiet(...a));
const runner = require('@doyensec/electronegativity/dist/runner.js');
const run = typeof runner === 'function' ? runner : runner.default;
let result;
try {
  result = await run({
    input: join(root, 'electron'),
    customScan: [],
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: ELECTRON_VERSION,
    parserPlugins: [],
  });
} finally {
  console.log = quiet;
}
const findings = result.issues.map((i) => ({ id: i.id, where: `${relative(root, i.file)}:${i.location.line}:${i.location.column}`, severity: i.severity.name, confidence: i.confidence.name, sample: i.sample ?? '' }));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ electron: ELECTRON_VERSION, checks: result.atomicChecks + result.globalChecks, findings }, null, 2) + '\n');
const unexpected = findings.filter((f) => !ALLOWED.has(f.id));
console.log(`electronegativity (${result.atomicChecks + result.globalChecks} checks, Electron ${ELECTRON_VERSION}) on electron/: ${findings.map((f) => `${f.id} ${f.severity} at ${f.where}`).join('; ') || 'nothing'}`);
if (result.errors.length > 0) console.error(`  ${result.errors.length} file(s) could not be parsed: ${result.errors.map((e) => e.file).join(', ')}`);
if (unexpected.length > 0 || result.errors.length > 0) {
  for (const f of unexpected) console.error(`  not allowed: ${f.id} (${f.severity}, ${f.confidence}) at ${f.where} ${f.sample}`);
  process.exit(1);
}
