import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { memoryStore, temporaryFolder } from './store-test-kit.js';

describe('SqliteTokenStore', () => {
  it('has no tokens until some are saved', async () => {
    const { store } = memoryStore();
    expect(await store.tokens.loadTokens('zalo-oa')).toBeUndefined();
    store.close();
  });

  it('replaces the whole pair on each save', async () => {
    const { store } = memoryStore();
    await store.tokens.saveTokens('zalo-oa', { accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: '2025-09-02T04:00:00.000Z' });
    await store.tokens.saveTokens('zalo-oa', { accessToken: 'access-2', refreshToken: 'refresh-2' });
    expect(await store.tokens.loadTokens('zalo-oa')).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    store.close();
  });

  it('loads the last saved pair after a restart', async () => {
    const { folder, cleanup } = temporaryFolder();
    try {
      const path = join(folder, 'store.sqlite');
      const before = SqliteStore.open({ path, pinMatchThreshold: 0.8 });
      await before.tokens.saveTokens('zalo-oa', { accessToken: 'a', refreshToken: 'r', expiresAt: '2025-09-02T04:00:00.000Z' });
      before.close();
      const after = SqliteStore.open({ path, pinMatchThreshold: 0.8 });
      expect(await after.tokens.loadTokens('zalo-oa')).toEqual({ accessToken: 'a', refreshToken: 'r', expiresAt: '2025-09-02T04:00:00.000Z' });
      after.close();
    } finally {
      cleanup();
    }
  });
});
