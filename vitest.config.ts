import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser suite (npm run test:browser) and the HTTP workers suite (npm run test:workers, several Node processes
    // per test) have their own commands and configs.
    exclude: [...configDefaults.exclude, 'test/browser/**', 'test/workers/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
