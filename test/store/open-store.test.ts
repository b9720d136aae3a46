import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, readConfig } from '../../src/config.js';
import { openLeaderLock, openStore } from '../../src/store/open-store.js';
import { createTestDatabase, testDatabaseUrl } from '../support/postgres-database.js';
import { temporaryFolder } from './store-test-kit.js';
import type { Store } from '../../src/store/store.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe('openStore', () => {
  it('keeps everything in the SQLite file at DATABASE_PATH when DATABASE_URL is unset, as the single leader', async () => {
    const { folder, cleanup } = temporaryFolder();
    cleanups.push(cleanup);
    const config = loadConfig({ DATABASE_PATH: join(folder, 'store.sqlite') });
    const store: Store = await openStore(config);
    cleanups.push(() => store.close());
    expect(store.kind).toBe('sqlite');
    expect(store.sharedRateLimit).toBeUndefined();
    const lock = openLeaderLock(config, () => {});
    await lock.acquire(new AbortController().signal);
    expect(lock.isLeader()).toBe(true);
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, without printing its password', () => {
    const { problems } = readConfig({ DATABASE_URL: 'mysql://admin:hunter2@db/hoiphuong' });
    expect(problems.map((problem) => problem.setting)).toEqual(['DATABASE_URL']);
    expect(problems[0]?.text).toContain('must be a PostgreSQL URL such as postgres://');
    expect(problems[0]?.text).not.toContain('hunter2');
  });

  it.skipIf(!testDatabaseUrl)('keeps everything in PostgreSQL when DATABASE_URL names one, with limits shared by replicas', async () => {
    const database = await createTestDatabase(testDatabaseUrl as string);
    cleanups.push(() => database.drop());
    const store = await openStore(loadConfig({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: '2' }));
    cleanups.push(() => store.close());
    expect(store.kind).toBe('postgres');
    const limit = store.sharedRateLimit?.('http', 1);
    expect([await limit?.tryAcquire('visitor'), await limit?.tryAcquire('visitor')]).toEqual([true, false]);
  });
});
