import { describe, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { announcePostgresSkipped, createTestDatabase, testDatabaseUrl } from '../support/postgres-database.js';
import { describeConsoleStore } from './describe-console-store.js';
import { describeStore, type StoreFactoryOptions } from './describe-store.js';

announcePostgresSkipped('PostgresStore contract');
if (testDatabaseUrl) {
  const serverUrl = testDatabaseUrl;
  const postgresDatabase = async () => {
    const database = await createTestDatabase(serverUrl);
    return {
      open: async (options: StoreFactoryOptions) => PostgresStore.open({ url: database.url, pinMatchThreshold: 0.8, newSalt: () => 'test-salt', poolSize: 4, ...options }),
      dispose: () => database.drop(),
    };
  };
  describeStore('PostgresStore', postgresDatabase);
  describeConsoleStore('PostgresStore', postgresDatabase);
} else {
  describe('PostgresStore (Store contract)', () => {
    it.skip('needs TEST_DATABASE_URL (eval "$(scripts/ci/start-postgres.sh)")', () => {});
  });
}
