// Adds up the JSON reports of every suite `npm test` ran and prints the closing line CI reads.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
let suites = 0;

// One vitest report per run (vitest-unit.json, vitest-integration.json).
for (const name of readdirSync(dir).filter((f) => /^vitest.*\.json$/.test(f)).sort()) {
  const r = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // A test file that failed to load has no tests but is a failure all the same.
  failed += (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  suites++;
}

/** Every skipped Playwright test with the reason it gave (test.skip(condition, reason)). */
function skippedWithReasons(suite, out = []) {
  for (const spec of suite.specs ?? [])
    for (const t of spec.tests ?? [])
      if (t.status === 'skipped' || (t.results ?? []).every((r) => r.status === 'skipped'))
        out.push(`${spec.file}: ${spec.title}: ${(t.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'no reason given'}`);
  for (const s of suite.suites ?? []) skippedWithReasons(s, out);
  return out;
}

// One Playwright report per run (playwright-shared.json, playwright-timed.json).
for (const name of readdirSync(dir).filter((f) => /^playwright.*\.json$/.test(f)).sort()) {
  const report = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  for (const line of (report.suites ?? []).flatMap((s) => skippedWithReasons(s))) console.log(`skipped: ${line}`);
  const s = report.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  suites++;
}

for (const name of readdirSync(dir).filter((f) => f.startsWith('missing-'))) {
  console.error(`no report from ${name.slice('missing-'.length)}`);
  failed++;
}

if (suites === 0) {
  console.log('0 passed, 1 failed');
  console.error('no test report was written');
  process.exit(1);
}
// Skips are said on their own line: the last line stays the plain `N passed, N failed` that CI reads.
if (skipped) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
