import { afterEach, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../../src/store/postgres/postgres-store.js';
import { LATEST_POSTGRES_SCHEMA_VERSION } from '../../../src/store/postgres/migrations.js';
import { anHaiPin } from '../store-test-kit.js';
import { announcePostgresSkipped, createTestDatabase, queryDatabase, testDatabaseUrl } from '../../support/postgres-database.js';

announcePostgresSkipped('PostgreSQL schema and connection');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function database() {
  const created = await createTestDatabase(testDatabaseUrl as string);
  cleanups.push(() => created.drop());
  return created.url;
}

const query = queryDatabase;

describe.skipIf(!testDatabaseUrl)('PostgresStore.open', () => {
  it('migrates a new database once even when several replicas start together', async () => {
    const url = await database();
    const stores = await Promise.all([1, 2, 3].map(() => PostgresStore.open({ url, pinMatchThreshold: 0.8 })));
    cleanups.push(async () => void (await Promise.all(stores.map((store) => store.close()))));
    expect(await query(url, 'SELECT version FROM schema_version')).toEqual([{ version: LATEST_POSTGRES_SCHEMA_VERSION }]);
  });

  it('refuses a database written by a newer Hỏi Phường, naming the versions, and leaves it as it was', async () => {
    const url = await database();
    const store = await PostgresStore.open({ url, pinMatchThreshold: 0.8 });
    await store.pins.add(anHaiPin());
    await store.close();
    await query(url, `UPDATE schema_version SET version = ${LATEST_POSTGRES_SCHEMA_VERSION + 1}`);
    await expect(PostgresStore.open({ url, pinMatchThreshold: 0.8 })).rejects.toMatchObject({
      code: 'store-too-new',
      message: expect.stringContaining(`schema version ${LATEST_POSTGRES_SCHEMA_VERSION + 1}, but this Hỏi Phường only knows versions up to ${LATEST_POSTGRES_SCHEMA_VERSION}`),
    });
    expect(await query(url, 'SELECT count(*)::int AS pins FROM pins')).toEqual([{ pins: 1 }]);
  });

  it('says which database it could not reach without printing the password', async () => {
    const url = new URL(testDatabaseUrl as string);
    url.password = 'secret-password';
    url.port = '1';
    const failure = PostgresStore.open({ url: url.toString(), pinMatchThreshold: 0.8 });
    await expect(failure).rejects.toThrow(/Could not open the PostgreSQL database .*\(DATABASE_URL\)/);
    await expect(failure).rejects.not.toThrow(/secret-password/);
  });

  it('keeps an acknowledged pin when the process that wrote it is gone', async () => {
    const url = await database();
    const writer = await PostgresStore.open({ url, pinMatchThreshold: 0.8 });
    await writer.pins.add(anHaiPin());
    // The writer's connections are cut without a goodbye, as when its process is killed.
    await query(url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    await writer.close();
    const reader = await PostgresStore.open({ url, pinMatchThreshold: 0.8 });
    cleanups.push(() => reader.close());
    expect((await reader.pins.match('Bí thư phường An Hải là ai?'))?.answer).toBe(anHaiPin().answer);
  });
});
