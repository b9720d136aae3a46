import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { memoryStore, temporaryFolder } from './store-test-kit.js';

describe('SqliteSeenEvents', () => {
  it('says first only once per key', async () => {
    const { store } = memoryStore();
    expect(await store.seenEvents.firstSighting('zalo-oa:msg:1')).toBe(true);
    expect(await store.seenEvents.firstSighting('zalo-oa:msg:1')).toBe(false);
    expect(await store.seenEvents.firstSighting('zalo-oa:msg:2')).toBe(true);
    store.close();
  });

  it('remembers keys across a restart', async () => {
    const { folder, cleanup } = temporaryFolder();
    try {
      const path = join(folder, 'store.sqlite');
      const before = SqliteStore.open({ path, pinMatchThreshold: 0.8 });
      expect(await before.seenEvents.firstSighting('zalo-bot:msg:7')).toBe(true);
      before.close();
      const after = SqliteStore.open({ path, pinMatchThreshold: 0.8 });
      expect(await after.seenEvents.firstSighting('zalo-bot:msg:7')).toBe(false);
      after.close();
    } finally {
      cleanup();
    }
  });

  it('forgets keys after 30 days, when no platform redelivers any more', async () => {
    const { store, clock } = memoryStore();
    await store.seenEvents.firstSighting('old');
    clock.set('2025-10-02T03:00:00.000Z');
    await store.seenEvents.firstSighting('new');
    expect(store.database.prepare('SELECT key FROM seen_events').pluck().all()).toEqual(['new']);
    store.close();
  });
});
