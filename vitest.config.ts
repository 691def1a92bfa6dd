import { defineConfig } from 'vitest/config';

// Suites are split by folder so `npm test` can run them in sequence with their own timeouts:
// unit tests are fast and in-process; integration tests open real socat pseudo-terminals.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
