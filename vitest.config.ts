import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Slow suites with their own commands and configs: npm run test:browser, test:replicas, test:workers (several Node
    // processes per test).
    exclude: [...configDefaults.exclude, 'test/browser/**', 'test/replicas/**', 'test/workers/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
