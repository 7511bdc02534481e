import { defineConfig } from '@playwright/test';

// The fixture in test/e2e/fixtures.ts launches Debian's Chromium itself (persistent profile, so
// a restart keeps IndexedDB) and serves the built renderer; there is no webServer here.
export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: process.env['PW_OUTPUT_DIR'] ?? 'test-results',
  // A click or fill that cannot happen fails in 30 s, not at the test's own (long) timeout.
  use: { trace: 'retain-on-failure', actionTimeout: 30_000 },
});
