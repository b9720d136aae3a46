import { describe, expect, it } from 'vitest';
import { countMessage } from '../../src/core/messages.js';
import { formatReport } from '../../src/store/report.js';
import { anHaiPin, answered, memoryStore, refusal } from './store-test-kit.js';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

async function ask(store: SqliteStore, question: string, result = refusal(question), userKey = 'someone'): Promise<string> {
  return store.answers.record({ text: question, channel: 'discord', userKey }, result);
}

describe('SqliteStore.report', () => {
  it('groups refusals by meaning, most frequent first, with the latest wording, other wordings and reasons', async () => {
    const { store, clock } = memoryStore();
    await ask(store, 'Phí đỗ xe là bao nhiêu?');
    clock.set('2025-09-02T03:00:00.000Z');
    await ask(store, 'phi do xe la bao nhieu vay', refusal('phi do xe la bao nhieu vay', 'low-score'));
    await ask(store, 'Lịch cắt điện tuần này?');
    await ask(store, '   ', refusal('   ', 'empty-question'));
    await ask(store, 'Bí thư phường An Hải là ai?', answered('Bí thư phường An Hải là ai?', 'Đồng chí Chu Đức Anh.'));
    expect((await store.report({ limit: 10 })).unanswered).toEqual([
      {
        normalizedQuestion: 'quantity: phi do xe',
        count: 2,
        lastAsked: '2025-09-02T03:00:00.000Z',
        example: 'phi do xe la bao nhieu vay',
        variants: ['Phí đỗ xe là bao nhiêu?'],
        reasons: ['low-score', 'no-sources'],
      },
      { normalizedQuestion: 'other: lich cat dien tuan', count: 1, lastAsked: '2025-09-02T03:00:00.000Z', example: 'Lịch cắt điện tuần này?', variants: [], reasons: ['no-sources'] },
    ]);
    expect((await store.report({ limit: 1 })).unanswered).toHaveLength(1);
    expect((await store.report({ limit: 10, since: '2025-09-02' })).unanswered.map((row) => row.count)).toEqual([1, 1]);
    store.close();
  });

  it('groups questions that differ only by synonyms, shorthand, question words or fillers', async () => {
    const { store } = memoryStore();
    for (const question of ['Phường có mấy tổ dân phố?', 'phuong co bao nhieu to dan pho', 'Làm căn cước ở đâu?', 'Làm căn cước công dân ở đâu ạ?', 'lam CCCD o dau', 'Làm hộ chiếu ở đâu?']) {
      await ask(store, question);
    }
    const rows = (await store.report({ limit: 10 })).unanswered;
    expect(rows.map((row) => [row.example, row.count])).toEqual([
      ['lam CCCD o dau', 3],
      ['phuong co bao nhieu to dan pho', 2],
      ['Làm hộ chiếu ở đâu?', 1],
    ]);
    expect(rows[0]?.variants).toEqual(['Làm căn cước công dân ở đâu ạ?', 'Làm căn cước ở đâu?']);
    store.close();
  });

  it('counts the questions of the period, answered and refused by reason, the answer rate and the votes', async () => {
    const { store, clock } = memoryStore();
    await ask(store, 'Câu hỏi cũ?');
    clock.set('2025-09-05T03:00:00.000Z');
    const first = await ask(store, 'Bí thư là ai?', answered('Bí thư là ai?', 'Đồng chí A.'));
    await ask(store, 'Chủ tịch là ai?', answered('Chủ tịch là ai?', 'Đồng chí B.'));
    await ask(store, 'Giờ tiếp dân?', answered('Giờ tiếp dân?', 'Sáng thứ Năm.'));
    await ask(store, 'Phí đỗ xe?', refusal('Phí đỗ xe?', 'low-score'));
    await ask(store, '  ', refusal('  ', 'empty-question'));
    await store.feedback.recordFeedback({ answerId: first, vote: 'up', userKey: 'a', channel: 'web' });
    expect((await store.report({ limit: 10, since: '2025-09-05' })).totals).toEqual({
      questions: 4,
      answered: 3,
      refused: 1,
      answerRate: 0.75,
      byMode: { extractive: 3 },
      byReason: { 'low-score': 1 },
      upVotes: 1,
      downVotes: 0,
    });
    expect((await store.report({ limit: 10 })).totals).toMatchObject({ questions: 5, refused: 2, byReason: { 'low-score': 1, 'no-sources': 1 } });
    store.close();
  });

  it('counts a --since day from its midnight in the ward time zone, not in UTC', async () => {
    const { store, clock } = memoryStore();
    clock.set('2025-09-04T16:30:00.000Z'); // 23:30 on 4 September in Vietnam
    await ask(store, 'Hỏi lúc gần nửa đêm?');
    clock.set('2025-09-04T17:30:00.000Z'); // 00:30 on 5 September in Vietnam, still the 4th in UTC
    await ask(store, 'Hỏi sau nửa đêm?');
    expect((await store.report({ limit: 10, since: '2025-09-05' })).unanswered.map((row) => row.example)).toEqual(['Hỏi sau nửa đêm?']);
    store.close();
    const utc = memoryStore({ timeZone: 'UTC' });
    utc.clock.set('2025-09-04T17:30:00.000Z');
    await ask(utc.store, 'Hỏi sau nửa đêm?');
    expect((await utc.store.report({ limit: 10, since: '2025-09-05' })).unanswered).toEqual([]);
    utc.store.close();
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
    expect((await store.report({ limit: 10 })).worstRated).toEqual([
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
    expect((await store.report({ limit: 10 })).overduePins).toEqual([{ id: 'id-1', question: 'Bí thư phường An Hải là ai?', reviewBy: '2025-10-01', pinnedBy: 'Chị Lan', hits: 0 }]);
    store.close();
  });
});

describe('formatReport', () => {
  it('prints each section with a Vietnamese heading, and says when one is empty', async () => {
    const { store } = memoryStore();
    const answerId = await ask(store, 'Nộp hồ sơ ở đâu?', answered('Nộp hồ sơ ở đâu?', 'Tại nhà văn hóa.'));
    await store.feedback.recordFeedback({ answerId, vote: 'down', comment: 'Sai rồi', userKey: 'a', channel: 'web' });
    await ask(store, 'Phí đỗ xe là bao nhiêu?');
    const text = formatReport((await store.report({ limit: 10 })), 'vi');
    expect(text).toContain('Câu hỏi hỏi nhiều nhất mà chưa trả lời được');
    expect(text).toContain('1. Phí đỗ xe là bao nhiêu?\n   ×1 · lần cuối 01/09/2025 10:00 · không bài viết nào nói đến');
    expect(text).toContain('1. 👎 1 · 👍 0 · trích từ bài viết · Nộp hồ sơ ở đâu?\n   → Tại nhà văn hóa.\n   💬 Sai rồi');
    expect(text).toContain('Câu trả lời ghim đã quá hạn xem lại (vẫn đang được dùng):\n  (không có)');
    expect(formatReport((await store.report({ limit: 10 })), 'en')).toContain('Worst-rated answers:');
    store.close();
  });

  it('shows times in the ward time zone, totals with the answer rate and each reason in words, in either language', async () => {
    const { store } = memoryStore();
    await ask(store, 'Bí thư là ai?', answered('Bí thư là ai?', 'Đồng chí A.'));
    await ask(store, 'Bí thư phường Xa Lạ là ai?', refusal('Bí thư phường Xa Lạ là ai?', 'wrong-place'));
    await ask(store, 'Phí đỗ xe?', refusal('Phí đỗ xe?', 'low-score'));
    const report = (await store.report({ limit: 10, since: '2025-09-01' }));
    const vietnamese = formatReport(report, 'vi');
    expect(vietnamese).toContain('Báo cáo Hỏi Phường — 01/09/2025 10:00 (Asia/Ho_Chi_Minh)');
    expect(vietnamese).toContain('Từ 01/09/2025 00:00 đến nay');
    expect(vietnamese).toMatch(/Tổng cộng: 3 câu hỏi · trả lời được 1 · chưa trả lời được 2 · tỷ lệ trả lời 33,3\s?% · 👍 0 · 👎 0/);
    expect(vietnamese).toContain('1 × có bài liên quan nhưng không câu nào trả lời đúng');
    expect(vietnamese).toContain('1 × hỏi về địa phương chưa có bài viết');
    expect(vietnamese).not.toMatch(/low-score|wrong-place|T\d\d:\d\d/);
    const english = formatReport(report, 'en');
    expect(english).toContain('Totals: 3 questions · answered 1 · not answered 2 · answer rate 33.3% · 👍 0 · 👎 0');
    expect(english).toContain('1 × about a place with no articles');
    const utc = memoryStore({ timeZone: 'UTC' });
    expect(formatReport((await utc.store.report({ limit: 10 })), 'en')).toContain('Hỏi Phường report — 01/09/2025 03:00 (UTC)');
    utc.store.close();
    store.close();
  });

  it('writes counts of one in the singular in English', async () => {
    const { store } = memoryStore();
    await ask(store, 'Phí đỗ xe?');
    await store.pins.add(anHaiPin({ reviewBy: '2025-08-01' }));
    const english = formatReport((await store.report({ limit: 10 })), 'en');
    expect(english).toContain('Totals: 1 question ·');
    expect(english).toContain('0 hits)');
    expect(countMessage('report.hits', 'en', 1)).toBe('1 hit');
    expect(countMessage('report.questions', 'vi', 1)).toBe('1 câu hỏi');
    store.close();
  });
});
