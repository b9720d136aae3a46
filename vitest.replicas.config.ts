import { defineConfig } from 'vitest/config';

// `npm run test:replicas`: PostgreSQL + two `serve` processes (slow; not part of `npm test`). Needs TEST_DATABASE_URL.
export default defineConfig({
  test: {
    include: ['test/replicas/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
