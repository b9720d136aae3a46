import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryConversationStore } from '../../src/core/memory-conversation-store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { ConversationState } from '../../src/core/conversation.js';
import type { ConversationStore } from '../../src/core/ports.js';
import { ManualClock } from './store-test-kit.js';

const STATE: ConversationState = {
  turns: [
    {
      question: 'Dân số phường Mẫu Sơn là bao nhiêu?',
      standalone: 'Dân số phường Mẫu Sơn là bao nhiêu?',
      frame: 'Dân số § là bao nhiêu?',
      place: 'phường Mẫu Sơn, TP Thử Nghiệm',
      answered: true,
      answer: 'Phường có 47.168 người.',
      articleIds: ['phuong-mau-son'],
    },
  ],
};

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** One contract, run against the SQLite store and the in-memory one. */
function describeConversationStore(name: string, make: (clock: ManualClock, ttlMinutes: number) => ConversationStore) {
  describe(name, () => {
    it('gives back what was saved, and nothing for an unknown id', async () => {
      const clock = new ManualClock();
      const store = make(clock, 30);
      await store.save('http:a', STATE);
      expect(await store.load('http:a')).toEqual(STATE);
      expect(await store.load('http:b')).toBeUndefined();
    });

    it('forgets a conversation once its TTL has passed since the last save, and keeps it until then', async () => {
      const clock = new ManualClock('2025-09-01T03:00:00.000Z');
      const store = make(clock, 30);
      await store.save('http:a', STATE);
      clock.set('2025-09-01T03:29:59.000Z');
      expect(await store.load('http:a')).toEqual(STATE);
      await store.save('http:a', STATE);
      clock.set('2025-09-01T03:59:00.000Z');
      expect(await store.load('http:a')).toEqual(STATE);
      clock.set('2025-09-01T04:00:00.000Z');
      expect(await store.load('http:a')).toBeUndefined();
    });

    it('clears a conversation on request', async () => {
      const store = make(new ManualClock(), 30);
      await store.save('http:a', STATE);
      await store.clear('http:a');
      expect(await store.load('http:a')).toBeUndefined();
    });
  });
}

describeConversationStore('SqliteConversationStore', (clock, ttlMinutes) =>
  SqliteStore.open({ path: ':memory:', pinMatchThreshold: 0.8, now: clock.now, conversationTtlMinutes: ttlMinutes }).conversations,
);
describeConversationStore('MemoryConversationStore', (clock, ttlMinutes) => new MemoryConversationStore(ttlMinutes * 60_000, () => clock.now().getTime()));

describe('conversations in the database file', () => {
  const open = (path: string, clock: ManualClock) => SqliteStore.open({ path, pinMatchThreshold: 0.8, now: clock.now, conversationTtlMinutes: 30 });

  it('survive a restart', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hoiphuong-conversations-'));
    folders.push(folder);
    const path = join(folder, 'store.sqlite');
    const clock = new ManualClock();
    const first = open(path, clock);
    await first.conversations.save('zalo-oa:u1', STATE);
    first.close();
    const second = open(path, clock);
    expect(await second.conversations.load('zalo-oa:u1')).toEqual(STATE);
    second.close();
  });

  it('are deleted from the file once expired: on the next save of any conversation and when the store opens', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hoiphuong-conversations-'));
    folders.push(folder);
    const path = join(folder, 'store.sqlite');
    const clock = new ManualClock('2025-09-01T03:00:00.000Z');
    const store = open(path, clock);
    await store.conversations.save('old', STATE);
    clock.set('2025-09-01T04:00:00.000Z');
    await store.conversations.save('new', STATE);
    const ids = () => (store.database.prepare('SELECT id FROM conversations ORDER BY id').all() as Array<{ id: string }>).map((row) => row.id);
    expect(ids()).toEqual(['new']);
    store.close();
    clock.set('2025-09-01T05:00:00.000Z');
    const reopened = open(path, clock);
    expect(reopened.database.prepare('SELECT COUNT(*) AS count FROM conversations').get()).toEqual({ count: 0 });
    reopened.close();
  });
});
