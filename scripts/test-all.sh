#!/usr/bin/env bash
# `npm test`: every suite, in order (unit, integration over socat ptys, end-to-end in Chromium), then
# one plain closing line "N passed, N failed" with the true totals of all of them.
set -u
cd "$(dirname "$0")/.."
out=$(mktemp -d)
status=0

npx vitest run --reporter=default --reporter=json --outputFile="$out/vitest.json" || status=1

if [ -f playwright.config.ts ] && [ -n "$(ls tests/e2e/*.spec.ts 2>/dev/null)" ]; then
  PLAYWRIGHT_JSON_OUTPUT_NAME="$out/playwright.json" npx playwright test --reporter=list,json || status=1
fi

node scripts/test-totals.mjs "$out" || status=1
rm -rf "$out"
exit $status
