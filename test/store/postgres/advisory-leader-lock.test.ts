import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { AdvisoryLeaderLock } from '../../../src/store/postgres/advisory-leader-lock.js';
import { announcePostgresSkipped, testDatabaseUrl } from '../../support/postgres-database.js';
import type { LeaderTerm } from '../../../src/core/ports.js';

announcePostgresSkipped('PostgreSQL leader lock');
const aborts: AbortController[] = [];
afterEach(() => {
  for (const abort of aborts.splice(0)) abort.abort();
});

function lockPair() {
  const name = `hoiphuong:test-leader:${randomBytes(4).toString('hex')}`;
  const make = () => new AdvisoryLeaderLock({ url: testDatabaseUrl as string, name, retryMs: 50, checkMs: 1_000 });
  return { name, first: make(), second: make() };
}

function signal(): AbortSignal {
  const controller = new AbortController();
  aborts.push(controller);
  return controller.signal;
}

describe.skipIf(!testDatabaseUrl)('AdvisoryLeaderLock', () => {
  it('lets one replica lead; the other leads once the first gives up', async () => {
    const { first, second } = lockPair();
    const term = await first.acquire(signal());
    const waiting = second.acquire(signal());
    let secondLeads = false;
    void waiting.then(() => (secondLeads = true));
    // The second tries (and fails) at least once while the first leads.
    await new Promise((resolve) => setImmediate(resolve));
    expect([first.isLeader(), second.isLeader(), secondLeads]).toEqual([true, false, false]);
    await term.release();
    const next: LeaderTerm = await waiting;
    expect([first.isLeader(), second.isLeader()]).toEqual([false, true]);
    await next.release();
  });

  it('loses leadership when its database connection is cut, and another replica takes over', async () => {
    const { name, first, second } = lockPair();
    const term = await first.acquire(signal());
    const waiting = second.acquire(signal());
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    try {
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = (hashtextextended($1, 0) & 4294967295)::bigint::oid`,
        [name],
      );
    } finally {
      await admin.end();
    }
    await term.lost;
    expect(first.isLeader()).toBe(false);
    const next = await waiting;
    expect(second.isLeader()).toBe(true);
    await next.release();
  });

  it('stops waiting to lead when told to', async () => {
    const { first, second } = lockPair();
    const term = await first.acquire(signal());
    const controller = new AbortController();
    const waiting = second.acquire(controller.signal);
    controller.abort(new Error('stopping'));
    await expect(waiting).rejects.toThrow('stopping');
    await term.release();
  });
});
