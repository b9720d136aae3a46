import { describe, expect, it } from 'vitest';
import { answered, memoryStore, refusal } from './store-test-kit.js';

describe('SqliteAnswerLog', () => {
  it('logs a refusal with its reason, key and channel, and returns a new answer id', async () => {
    const { store } = memoryStore();
    const question = 'Phí đỗ xe ở phường là bao nhiêu vậy?';
    const answerId = await store.answers.record({ text: question, channel: 'zalo-bot', userKey: 'hashed-user' }, refusal(question));
    expect(answerId).toBe('id-1');
    expect(store.database.prepare('SELECT * FROM answers').all()).toEqual([
      {
        id: 'id-1',
        question,
        normalized_question: 'phi do xe o phuong la bao nhieu',
        answer: refusal(question).answer,
        answered: 0,
        reason: 'no-sources',
        mode: 'extractive',
        citations: '[]',
        channel: 'zalo-bot',
        user_key: 'hashed-user',
        language: 'vi',
        pin_id: null,
        place: null,
        created_at: '2025-09-01T03:00:00.000Z',
      },
    ]);
    store.close();
  });

  it('logs an answer with its citations and the pin it came from', async () => {
    const { store } = memoryStore();
    const result = { ...answered('Giờ tiếp dân?', 'Sáng thứ Năm.'), mode: 'pinned' as const, pinned: { id: 'pin-7', pinnedBy: 'Chị Lan', reviewOverdue: false } };
    await store.answers.record({ text: 'Giờ tiếp dân?', channel: 'cli' }, result);
    const row = store.database.prepare('SELECT answered, mode, citations, pin_id, user_key FROM answers').get() as Record<string, unknown>;
    expect(row).toMatchObject({ answered: 1, mode: 'pinned', pin_id: 'pin-7', user_key: null });
    expect(JSON.parse(String(row.citations))).toEqual(result.citations);
    store.close();
  });
});
