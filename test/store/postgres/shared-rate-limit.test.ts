import { afterEach, describe, expect, it } from 'vitest';
import { PostgresRateLimit } from '../../../src/store/postgres/shared-rate-limit.js';
import { openPostgresPool, type PostgresPool } from '../../../src/store/postgres/open-pool.js';
import { announcePostgresSkipped, createTestDatabase, testDatabaseUrl } from '../../support/postgres-database.js';

announcePostgresSkipped('PostgreSQL rate limit');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** Two pools on one new database, as two replicas. */
async function twoReplicas(): Promise<[PostgresPool, PostgresPool]> {
  const database = await createTestDatabase(testDatabaseUrl as string);
  cleanups.push(() => database.drop());
  const pools = [await openPostgresPool(database.url), await openPostgresPool(database.url)] as [PostgresPool, PostgresPool];
  cleanups.push(async () => void (await Promise.all(pools.map((pool) => pool.end()))));
  return pools;
}

describe.skipIf(!testDatabaseUrl)('PostgresRateLimit', () => {
  it('holds one limit across replicas, even for requests racing on both', async () => {
    const [first, second] = await twoReplicas();
    let now = 1_000_000;
    const clock = () => now;
    const limits = [first, second].map((pool) => new PostgresRateLimit(pool, { scope: 'http', limitPerWindow: 5, now: clock }));
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, index) => limits[index % 2]!.tryAcquire('visitor-1')));
    expect(outcomes.filter(Boolean)).toHaveLength(5);
    expect(await limits[0]!.tryAcquire('visitor-2')).toBe(true);
    now += 60_000;
    expect(await limits[1]!.tryAcquire('visitor-1')).toBe(true);
  });

  it('counts channels apart and lets everything through with a limit of 0', async () => {
    const [pool] = await twoReplicas();
    const http = new PostgresRateLimit(pool, { scope: 'http', limitPerWindow: 1 });
    const zalo = new PostgresRateLimit(pool, { scope: 'zalo', limitPerWindow: 1 });
    expect([await http.tryAcquire('u'), await http.tryAcquire('u'), await zalo.tryAcquire('u')]).toEqual([true, false, true]);
    const unlimited = new PostgresRateLimit(pool, { scope: 'web', limitPerWindow: 0 });
    for (let index = 0; index < 20; index++) expect(await unlimited.tryAcquire('u')).toBe(true);
  });
});
