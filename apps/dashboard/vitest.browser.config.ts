import { defineConfig } from 'vitest/config';

// The browser tests: the built API and dashboard, driven in Chromium. Slow to start, so kept apart.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
