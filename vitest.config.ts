import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Slow suites with their own scripts and configs: `npm run test:replicas`.
    exclude: [...configDefaults.exclude, 'test/replicas/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
