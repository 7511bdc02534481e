import { defineConfig } from '@playwright/test';

// The fixture in test/e2e/fixtures.ts launches Debian's Chromium itself (persistent profile, so
// a restart keeps IndexedDB) and serves the built renderer; there is no webServer here.
export default defineConfig({
  testDir: 'test/e2e',
  // Two: CI has two cores, and each worker has its own X display (test/e2e/fixtures.ts).
  workers: Number(process.env['E2E_WORKERS'] ?? 2),
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: process.env['PW_OUTPUT_DIR'] ?? 'test-results',
  // A click or fill that cannot happen fails in a minute, not at the test's own (long) timeout.
  use: { trace: 'retain-on-failure', actionTimeout: 60_000 },
});
