import { defineConfig } from 'vitest/config';

// Tests of the built app (out/): they run after `npm run build` in `npm test`.
export default defineConfig({
  test: {
    include: ['test/shipped/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
