import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/store/report.js';
import { anHaiPin, answered, memoryStore, refusal } from './store-test-kit.js';
import type { SqliteStore } from '../../src/store/sqlite-store.js';

async function ask(store: SqliteStore, question: string, result = refusal(question), userKey = 'someone'): Promise<string> {
  return store.answers.record({ text: question, channel: 'discord', userKey }, result);
}

describe('SqliteStore.report', () => {
  it('groups refusals by normalised question, most frequent first, with the latest wording and reasons', async () => {
    const { store, clock } = memoryStore();
    await ask(store, 'Phí đỗ xe là bao nhiêu?');
    clock.set('2025-09-02T03:00:00.000Z');
    await ask(store, 'phi do xe la bao nhieu vay', refusal('phi do xe la bao nhieu vay', 'low-score'));
    await ask(store, 'Lịch cắt điện tuần này?');
    await ask(store, '   ', refusal('   ', 'empty-question'));
    await ask(store, 'Bí thư phường An Hải là ai?', answered('Bí thư phường An Hải là ai?', 'Đồng chí Chu Đức Anh.'));
    expect(store.report({ limit: 10 }).unanswered).toEqual([
      { normalizedQuestion: 'phi do xe la bao nhieu', count: 2, lastAsked: '2025-09-02T03:00:00.000Z', example: 'phi do xe la bao nhieu vay', reasons: ['low-score', 'no-sources'] },
      { normalizedQuestion: 'lich cat dien tuan nay', count: 1, lastAsked: '2025-09-02T03:00:00.000Z', example: 'Lịch cắt điện tuần này?', reasons: ['no-sources'] },
    ]);
    expect(store.report({ limit: 1 }).unanswered).toHaveLength(1);
    expect(store.report({ limit: 10, since: '2025-09-02' }).unanswered.map((row) => row.count)).toEqual([1, 1]);
    store.close();
  });

  it('lists answers with 👎, most down-votes first, counting every user once and showing comments', async () => {
    const { store, clock } = memoryStore();
    const question = 'Nộp hồ sơ ở đâu?';
    const wrong = answered(question, 'Tại nhà văn hóa khu phố 3.');
    const first = await ask(store, question, wrong, 'a');
    clock.set('2025-09-02T03:00:00.000Z');
    const second = await ask(store, 'nop ho so o dau', wrong, 'b');
    const good = await ask(store, 'Giờ tiếp dân?', answered('Giờ tiếp dân?', 'Sáng thứ Năm.'), 'c');
    await store.feedback.recordFeedback({ answerId: first, vote: 'down', comment: 'Sai địa chỉ', userKey: 'a', channel: 'discord' });
    await store.feedback.recordFeedback({ answerId: second, vote: 'down', userKey: 'b', channel: 'discord' });
    await store.feedback.recordFeedback({ answerId: second, vote: 'up', userKey: 'c', channel: 'discord' });
    await store.feedback.recordFeedback({ answerId: good, vote: 'up', userKey: 'a', channel: 'discord' });
    expect(store.report({ limit: 10 }).worstRated).toEqual([
      {
        question: 'nop ho so o dau',
        answer: 'Tại nhà văn hóa khu phố 3.',
        mode: 'extractive',
        downVotes: 2,
        upVotes: 1,
        lastVoted: '2025-09-02T03:00:00.000Z',
        comments: ['Sai địa chỉ'],
      },
    ]);
    store.close();
  });

  it('lists pins past their review-by date', async () => {
    const { store, clock } = memoryStore();
    await store.pins.add(anHaiPin({ reviewBy: '2025-10-01' }));
    await store.pins.add(anHaiPin({ question: 'Giờ tiếp dân?', reviewBy: '2026-10-01' }));
    clock.set('2025-10-02T01:00:00.000Z');
    expect(store.report({ limit: 10 }).overduePins).toEqual([{ id: 'id-1', question: 'Bí thư phường An Hải là ai?', reviewBy: '2025-10-01', pinnedBy: 'Chị Lan', hits: 0 }]);
    store.close();
  });
});

describe('formatReport', () => {
  it('prints each section with a Vietnamese heading, and says when one is empty', async () => {
    const { store } = memoryStore();
    const answerId = await ask(store, 'Nộp hồ sơ ở đâu?', answered('Nộp hồ sơ ở đâu?', 'Tại nhà văn hóa.'));
    await store.feedback.recordFeedback({ answerId, vote: 'down', comment: 'Sai rồi', userKey: 'a', channel: 'web' });
    await ask(store, 'Phí đỗ xe là bao nhiêu?');
    const text = formatReport(store.report({ limit: 10 }), 'vi');
    expect(text).toContain('Câu hỏi hỏi nhiều nhất mà chưa trả lời được');
    expect(text).toContain('1. Phí đỗ xe là bao nhiêu?\n   ×1');
    expect(text).toContain('1. 👎 1 · 👍 0 · extractive · Nộp hồ sơ ở đâu?\n   → Tại nhà văn hóa.\n   💬 Sai rồi');
    expect(text).toContain('Câu trả lời ghim đã quá hạn xem lại (vẫn đang được dùng):\n  (không có)');
    expect(formatReport(store.report({ limit: 10 }), 'en')).toContain('Worst-rated answers:');
    store.close();
  });
});
