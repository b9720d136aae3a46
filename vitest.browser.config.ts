import { defineConfig } from 'vitest/config';

/** The browser suite (`npm run test:browser`): Debian's Chromium driven by playwright-core; kept out of `npm test`. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
