import { defineConfig } from 'vitest/config';

// Tests of the built app and of the README's commands: they run after `npm run build`, one
// file at a time, because `npm start` rebuilds out/ which the others read.
export default defineConfig({
  test: {
    include: ['test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    fileParallelism: false,
  },
});
