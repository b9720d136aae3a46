import { afterEach, describe, expect, it } from 'vitest';
import { answered, memoryStore } from './store-test-kit.js';

const { store, clock } = memoryStore();
afterEach(() => store.database.exec('DELETE FROM feedback; DELETE FROM answers;'));

async function logAnswer(): Promise<string> {
  const question = 'Nộp hồ sơ ở đâu?';
  return store.answers.record({ text: question, channel: 'discord', userKey: 'asker' }, answered(question, 'Tại bộ phận một cửa.'));
}

function rows() {
  return store.database.prepare('SELECT answer_id, user_key, vote, comment, channel, created_at, updated_at FROM feedback').all();
}

describe('SqliteFeedbackStore', () => {
  it('records a vote with its comment against the answer it rates', async () => {
    const answerId = await logAnswer();
    expect(await store.feedback.recordFeedback({ answerId, vote: 'down', comment: ' Sai địa chỉ ', userKey: 'user-a', channel: 'discord' })).toBe('recorded');
    expect(rows()).toEqual([
      { answer_id: answerId, user_key: 'user-a', vote: 'down', comment: 'Sai địa chỉ', channel: 'discord', created_at: '2025-09-01T03:00:00.000Z', updated_at: '2025-09-01T03:00:00.000Z' },
    ]);
  });

  it('changes the vote when the same user votes again, never adding a second row', async () => {
    const answerId = await logAnswer();
    await store.feedback.recordFeedback({ answerId, vote: 'down', comment: 'Sai', userKey: 'user-a', channel: 'discord' });
    clock.set('2025-09-02T03:00:00.000Z');
    expect(await store.feedback.recordFeedback({ answerId, vote: 'up', userKey: 'user-a', channel: 'discord' })).toBe('changed');
    expect(rows()).toEqual([expect.objectContaining({ vote: 'up', comment: null, created_at: '2025-09-01T03:00:00.000Z', updated_at: '2025-09-02T03:00:00.000Z' })]);
  });

  it('keeps the earlier comment when the same vote is repeated without one', async () => {
    const answerId = await logAnswer();
    await store.feedback.recordFeedback({ answerId, vote: 'down', comment: 'Thiếu giờ làm việc', userKey: 'user-a', channel: 'zalo-oa' });
    expect(await store.feedback.recordFeedback({ answerId, vote: 'down', userKey: 'user-a', channel: 'zalo-oa' })).toBe('changed');
    expect(rows()).toEqual([expect.objectContaining({ vote: 'down', comment: 'Thiếu giờ làm việc' })]);
  });

  it('keeps one vote per user: two users give two votes', async () => {
    const answerId = await logAnswer();
    await store.feedback.recordFeedback({ answerId, vote: 'down', userKey: 'user-a', channel: 'discord' });
    await store.feedback.recordFeedback({ answerId, vote: 'up', userKey: 'user-b', channel: 'discord' });
    expect(rows()).toHaveLength(2);
  });

  it('stores nothing for an answer id it never logged', async () => {
    expect(await store.feedback.recordFeedback({ answerId: 'no-such-answer', vote: 'up', userKey: 'user-a', channel: 'http' })).toBe('unknown-answer');
    expect(rows()).toEqual([]);
  });
});
