// End-to-end tests: Debian's Chromium (never a downloaded browser) against the browser host, which
// runs the real core with the simulated gun on a socat pty. Each test starts its own host process.
// Two projects: `timed` holds the specs whose assertions bound a time (the stop within 1.5 s, the
// watchdog after a kill, the shots counted at a trigger release); they run one at a time with the
// machine to themselves. `shared` holds the rest, which `npm test` runs on two workers first
// (scripts/test-all.sh). A plain `npx playwright test` runs both on one worker, as before.
import { defineConfig } from '@playwright/test';

export const TIMED_SPECS = ['**/stop.spec.ts', '**/resilience.spec.ts', '**/training.spec.ts', '**/limits.spec.ts'];

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/support/globalSetup.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  projects: [
    { name: 'shared', testIgnore: TIMED_SPECS },
    { name: 'timed', testMatch: TIMED_SPECS, workers: 1 },
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    actionTimeout: 15_000,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
