#!/usr/bin/env bash
# `npm test`: every suite, in order (unit, integration over socat ptys, end-to-end in Chromium), then
# one plain closing line "N passed, N failed" with the true totals of all of them.
set -u
cd "$(dirname "$0")/.."
out=$(mktemp -d)
status=0

# Unit tests are in-process with no time bounds: two workers (vitest's default on two cores is one).
# Integration tests drive real ptys with timing: one at a time, as before.
npx vitest run tests/unit --maxWorkers=2 --reporter=default --reporter=json --outputFile="$out/vitest-unit.json" || status=1
npx vitest run tests/integration --maxWorkers=1 --reporter=default --reporter=json --outputFile="$out/vitest-integration.json" || status=1
for run in unit integration; do [ -f "$out/vitest-$run.json" ] || touch "$out/missing-vitest-$run"; done

if [ -f playwright.config.ts ] && [ -n "$(ls tests/e2e/*.spec.ts 2>/dev/null)" ]; then
  # The specs without time bounds share two workers; the timed ones then run alone (playwright.config.ts).
  PLAYWRIGHT_JSON_OUTPUT_NAME="$out/playwright-shared.json" npx playwright test --project=shared --workers=2 --reporter=list,json || status=1
  # The renderer is built by then (globalSetup of the first run).
  E2E_SKIP_BUILD=1 PLAYWRIGHT_JSON_OUTPUT_NAME="$out/playwright-timed.json" npx playwright test --project=timed --workers=1 --reporter=list,json || status=1
  # A run that wrote no report (it failed before its tests) counts as a failure, never as nothing.
  for run in shared timed; do [ -f "$out/playwright-$run.json" ] || touch "$out/missing-playwright-$run"; done
fi

node scripts/test-totals.mjs "$out" || status=1
rm -rf "$out"
exit $status
