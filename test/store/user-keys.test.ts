import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { memoryStore, temporaryFolder } from './store-test-kit.js';

describe('SaltedUserKeys', () => {
  it('gives a 64-character hex key that never contains the raw id', () => {
    const { store } = memoryStore();
    const key = store.userKeys.userKey('discord', '123456789012345678');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain('123456789012345678');
    store.close();
  });

  it('gives the same key for the same user and different keys across platforms and users', () => {
    const { store } = memoryStore();
    const keys = store.userKeys;
    expect(keys.userKey('discord', '42')).toBe(keys.userKey('discord', '42'));
    expect(keys.userKey('discord', '42')).not.toBe(keys.userKey('zalo', '42'));
    expect(keys.userKey('discord', '42')).not.toBe(keys.userKey('discord', '43'));
    store.close();
  });

  it('uses the configured salt when one is set', () => {
    const first = memoryStore({ userKeySalt: 'configured' }).store;
    const second = memoryStore({ userKeySalt: 'configured', newSalt: () => 'another' }).store;
    const third = memoryStore({ userKeySalt: 'different' }).store;
    expect(first.userKeys.userKey('web', 'a')).toBe(second.userKeys.userKey('web', 'a'));
    expect(first.userKeys.userKey('web', 'a')).not.toBe(third.userKeys.userKey('web', 'a'));
    for (const store of [first, second, third]) store.close();
  });

  it('generates a salt once and keeps it in the database across restarts', () => {
    const { folder, cleanup } = temporaryFolder();
    try {
      const path = join(folder, 'store.sqlite');
      let salts = 0;
      const newSalt = () => `generated-${++salts}`;
      const before = SqliteStore.open({ path, pinMatchThreshold: 0.8, newSalt });
      const key = before.userKeys.userKey('zalo-oa', 'user-1');
      before.close();
      const after = SqliteStore.open({ path, pinMatchThreshold: 0.8, newSalt });
      expect(after.userKeys.userKey('zalo-oa', 'user-1')).toBe(key);
      expect(after.database.prepare("SELECT value FROM settings WHERE key = 'user-key-salt'").pluck().all()).toEqual(['generated-1']);
      after.close();
    } finally {
      cleanup();
    }
  });
});
