import { describe, expect, it } from 'vitest';
import { formatZaloReply, splitAtSentences, ZALO_TEXT_LIMIT } from '../../../src/channels/zalo/format-reply.js';
import { answeredResult } from './zalo-test-kit.js';

describe('formatZaloReply', () => {
  it('puts a short answer, its numbered sources with links and the feedback hint in one text', () => {
    expect(formatZaloReply(answeredResult('q'))).toEqual([
      [
        'Theo bài viết, đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường.',
        '',
        'Nguồn:',
        '1. Đại hội Đảng bộ phường nhiệm kỳ 2025–2030 (2025-08-15)',
        'https://example.org/bai-1',
        '2. Điểm tiếp nhận hồ sơ',
        'https://example.org/bai-2',
        '',
        'Nhắn 👍 nếu câu trả lời hữu ích, 👎 nếu chưa đúng.',
      ].join('\n'),
    ]);
  });

  it('lists an article cited several times once', () => {
    const first = answeredResult('q').citations[0]!;
    const [text] = formatZaloReply(answeredResult('q', { citations: [first, { ...first, quote: 'another passage' }] }));
    expect(text!.match(/example\.org\/bai-1/g)).toHaveLength(1);
  });

  it('sends a refusal as it is, without sources or feedback hint', () => {
    const refusal = answeredResult('q', { answered: false, answer: 'Xin lỗi, tôi không tìm thấy thông tin này.', citations: [], reason: 'low-score', answerId: 'answer-9' });
    expect(formatZaloReply(refusal)).toEqual(['Xin lỗi, tôi không tìm thấy thông tin này.']);
  });

  it('labels pinned answers and writes English labels for English answers', () => {
    const [text] = formatZaloReply(answeredResult('q', { language: 'en', pinned: { id: 'p1', pinnedBy: 'mod', reviewOverdue: false } }));
    expect(text).toMatch(/^\[Answer pinned by a moderator\]\n/);
    expect(text).toContain('\nSources:\n1. ');
    expect(text).toContain('Reply 👍 if this helped');
    expect(text).not.toContain('mod\n');
  });

  it('keeps every text within 2,000 characters, splitting the answer after sentences', () => {
    const sentence = 'Phường đã tiếp nhận 1.234 hồ sơ trong năm 2025, tăng so với năm trước.';
    const answer = Array.from({ length: 80 }, () => sentence).join(' ');
    const texts = formatZaloReply(answeredResult('q', { answer }));
    expect(texts.length).toBeGreaterThan(2);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    for (const text of texts.slice(0, -1)) expect(text.endsWith('năm trước.')).toBe(true);
    expect(texts.at(-1)).toContain('Nguồn:');
  });
});

describe('splitAtSentences', () => {
  it('packs whole sentences into each piece', () => {
    expect(splitAtSentences('Câu một. Câu hai! Câu ba? Câu bốn.', 18)).toEqual(['Câu một. Câu hai!', 'Câu ba? Câu bốn.']);
  });

  it('does not break after abbreviations such as "TP." or list numbers', () => {
    expect(splitAtSentences('Trụ sở ở TP. Hải Phòng. Mở cửa sáng.', 24)).toEqual(['Trụ sở ở TP. Hải Phòng.', 'Mở cửa sáng.']);
  });

  it('breaks at line ends too', () => {
    expect(splitAtSentences('Dòng đầu\nDòng hai\nDòng ba', 18)).toEqual(['Dòng đầu\nDòng hai', 'Dòng ba']);
  });

  it('splits an over-long sentence between words, and a single over-long word by characters', () => {
    expect(splitAtSentences('một hai ba bốn năm sáu', 10)).toEqual(['một hai ba', 'bốn năm', 'sáu']);
    const pieces = splitAtSentences(`x ${'😀'.repeat(7)}`, 6);
    expect(pieces.join('')).toBe(`x${'😀'.repeat(7)}`);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(6);
    expect(pieces.join('').includes('\uFFFD')).toBe(false);
  });

  it('returns nothing for blank text', () => {
    expect(splitAtSentences('  \n ', 10)).toEqual([]);
  });
});

describe('formatZaloReply for a "which place?" question', () => {
  it('numbers the candidate places so the resident can answer with a number', () => {
    const [text] = formatZaloReply({ question: 'q', answered: false, answer: 'Có nhiều địa phương trùng tên.', citations: [], mode: 'extractive', language: 'vi', reason: 'ambiguous-place', choices: ['xã Đông Lâm, tỉnh Một', 'xã Đông Lâm, tỉnh Hai'] });
    expect(text).toBe('Có nhiều địa phương trùng tên.\nNhắn số thứ tự nơi bạn hỏi:\n1. xã Đông Lâm, tỉnh Một\n2. xã Đông Lâm, tỉnh Hai');
  });
});
