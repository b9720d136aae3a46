import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAnswerLogRetention } from '../../src/store/answer-retention.js';
import { openDatabase } from '../../src/store/sqlite/open-database.js';
import { answered, memoryStore, temporaryFolder } from './store-test-kit.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function folder(): string {
  const temporary = temporaryFolder();
  cleanups.push(temporary.cleanup);
  return temporary.folder;
}

describe('the database file', () => {
  it('is created 0600 in a folder created 0700: it holds tokens and the user-key salt', () => {
    const path = join(folder(), 'private', 'store.sqlite');
    const database = openDatabase(path);
    database.prepare('CREATE TABLE IF NOT EXISTS probe (x)').run();
    database.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
  });

  it('names the path and the setting when DATABASE_PATH is a folder', () => {
    const path = join(folder(), 'a-folder');
    mkdirSync(path);
    expect(() => openDatabase(path)).toThrow(`DATABASE_PATH=${path} is a folder, not a database file`);
  });
});

describe('answer log retention', () => {
  it('deletes answers older than the cutoff, with their feedback, in batches, and keeps the newer ones', async () => {
    const { store, clock } = memoryStore();
    const ids: string[] = [];
    for (const day of ['2025-01-01', '2025-01-02', '2025-01-03', '2025-06-01', '2025-08-30']) {
      clock.set(`${day}T03:00:00.000Z`);
      const id = await store.answers.record({ text: `câu hỏi ${day}`, channel: 'web' }, answered(`câu hỏi ${day}`, 'trả lời'));
      await store.feedback.recordFeedback({ answerId: id, vote: 'up', userKey: 'u', channel: 'web' });
      ids.push(id);
    }
    const removed = await store.answers.prune(new Date('2025-03-01T00:00:00.000Z'), 2);
    expect(removed).toBe(3);
    const left = store.database.prepare<[], { id: string }>('SELECT id FROM answers ORDER BY created_at').all().map((row) => row.id);
    expect(left).toEqual(ids.slice(3));
    expect(store.database.prepare('SELECT COUNT(*) AS n FROM feedback').get()).toEqual({ n: 2 });
    store.close();
  });

  it('lets answers be logged while a prune is running', async () => {
    const { store, clock } = memoryStore();
    clock.set('2024-01-01T00:00:00.000Z');
    for (let index = 0; index < 20; index += 1) await store.answers.record({ text: `cũ ${index}`, channel: 'web' }, answered('cũ', 'x'));
    clock.set('2025-09-01T00:00:00.000Z');
    const pruning = store.answers.prune(new Date('2025-01-01T00:00:00.000Z'), 1);
    // The prune yields between its batches, so this answer is logged before it finishes.
    const logged = store.answers.record({ text: 'mới', channel: 'web' }, answered('mới', 'y'));
    expect(await logged).toBeTruthy();
    expect(await pruning).toBe(20);
    expect(store.database.prepare('SELECT COUNT(*) AS n FROM answers').get()).toEqual({ n: 1 });
    store.close();
  });

  it('runs in the background by ANSWER_LOG_DAYS and says what it removed; 0 keeps everything', async () => {
    const { store, clock } = memoryStore();
    clock.set('2025-01-01T00:00:00.000Z');
    await store.answers.record({ text: 'cũ', channel: 'web' }, answered('cũ', 'x'));
    const lines: string[] = [];
    await startAnswerLogRetention(store.answers, { days: 0, log: (line) => lines.push(line) })();
    expect(store.database.prepare('SELECT COUNT(*) AS n FROM answers').get()).toEqual({ n: 1 });
    const stop = startAnswerLogRetention(store.answers, { days: 180, log: (line) => lines.push(line), now: () => new Date('2025-09-01T00:00:00.000Z') });
    await stop();
    expect(lines).toEqual(['Answer log: removed 1 answers older than 180 days (ANSWER_LOG_DAYS).']);
    expect(store.database.prepare('SELECT COUNT(*) AS n FROM answers').get()).toEqual({ n: 0 });
    store.close();
  });
});
