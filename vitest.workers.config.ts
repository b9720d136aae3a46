import { defineConfig } from 'vitest/config';

/** `npm run test:workers`: serve with HTTP workers and processes sharing one INDEX_DIR (several Node processes each). */
export default defineConfig({
  test: {
    include: ['test/workers/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
