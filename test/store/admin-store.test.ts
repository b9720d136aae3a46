import { describe, expect, it } from 'vitest';
import { isAccountName } from '../../src/store/sqlite/admin-store.js';
import { memoryStore } from './store-test-kit.js';

describe('SqliteAdminStore', () => {
  it('locks a key out at the fifth failure within 15 minutes, and forgets failures older than that', () => {
    const { store, clock } = memoryStore();
    clock.set('2026-01-01T00:00:00.000Z');
    for (let failure = 0; failure < 4; failure += 1) store.admin.recordFailure(['account:lan']);
    expect(store.admin.lockedUntil(['account:lan'])).toBeUndefined();
    clock.set('2026-01-01T00:16:00.000Z');
    store.admin.recordFailure(['account:lan']);
    expect(store.admin.lockedUntil(['account:lan'])).toBeUndefined();
    for (let failure = 0; failure < 4; failure += 1) store.admin.recordFailure(['account:lan', 'visitor:1.2.3.4']);
    expect(store.admin.lockedUntil(['account:lan'])).toBe('2026-01-01T00:31:00.000Z');
    expect(store.admin.lockedUntil(['visitor:1.2.3.4'])).toBeUndefined();
    clock.set('2026-01-01T00:31:00.000Z');
    expect(store.admin.lockedUntil(['account:lan'])).toBeUndefined();
    store.close();
  });

  it('ends sessions when they expire, on logout, and when the password changes', () => {
    const { store, clock } = memoryStore();
    clock.set('2026-01-01T00:00:00.000Z');
    store.admin.setAccount('lan', 'scrypt$hash-1');
    const first = store.admin.startSession('lan', 1);
    expect(store.admin.session(first.token)).toMatchObject({ account: 'lan', csrfToken: first.csrfToken });
    clock.set('2026-01-01T01:00:00.000Z');
    expect(store.admin.session(first.token)).toBeUndefined();
    const second = store.admin.startSession('lan', 1);
    store.admin.endSession(second.token);
    expect(store.admin.session(second.token)).toBeUndefined();
    const third = store.admin.startSession('lan', 1);
    expect(store.admin.setAccount('lan', 'scrypt$hash-2')).toBe('changed');
    expect(store.admin.session(third.token)).toBeUndefined();
    store.close();
  });

  it('accepts Vietnamese account names and refuses spaces and markup', () => {
    expect(isAccountName('chị-Lan.2')).toBe(true);
    expect(isAccountName('Hương')).toBe(true);
    expect(isAccountName('a b')).toBe(false);
    expect(isAccountName('<b>')).toBe(false);
    expect(isAccountName('')).toBe(false);
  });

  it('keeps the audit log newest first', () => {
    const { store } = memoryStore();
    store.admin.audit('lan', 'pin.add', 'Câu hỏi 1');
    store.admin.audit('minh', 'pin.remove', 'Câu hỏi 1');
    expect(store.admin.auditLog(10).map((entry) => [entry.actor, entry.action])).toEqual([
      ['minh', 'pin.remove'],
      ['lan', 'pin.add'],
    ]);
    store.close();
  });
});
