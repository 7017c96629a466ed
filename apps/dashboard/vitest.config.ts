import { defineConfig } from 'vitest/config';

// Unit tests only; the browser tests have their own config (vitest.browser.config.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
  },
});
