import { describe, expect, it } from 'vitest';
import { toAskResult } from '../../src/core/ask-service.js';
import { presentAnswer } from '../../src/core/present-answer.js';
import type { Answer } from '../../src/core/types.js';

describe('presentAnswer', () => {
  it('drops a dangling leading connective and capitalises what remains', () => {
    expect(presentAnswer('trong đó, đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường.')).toBe('Đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường.');
    expect(presentAnswer('Đồng thời, phường bố trí thêm 2 điểm tiếp nhận hồ sơ.')).toBe('Phường bố trí thêm 2 điểm tiếp nhận hồ sơ.');
  });

  it('keeps the connective and marks the start with "…" when what remains would state no fact', () => {
    expect(presentAnswer('trong đó, có nhiều.')).toBe('… trong đó, có nhiều.');
  });

  it('marks a quote that starts mid-sentence with a conjunction instead of capitalising it', () => {
    expect(presentAnswer('và Phó Bí thư Thường trực là đồng chí Lê Văn Hiệu')).toBe('… và Phó Bí thư Thường trực là đồng chí Lê Văn Hiệu.');
  });

  it('capitalises the first letter, also behind an opening quote or bracket, keeping NFC', () => {
    expect(presentAnswer('đồng chí Ngô Thị Thanh Thuỷ, Bí thư Đảng ủy, Chủ tịch HĐND xã')).toBe('Đồng chí Ngô Thị Thanh Thuỷ, Bí thư Đảng ủy, Chủ tịch HĐND xã.');
    expect(presentAnswer('“ước đạt 21,31 tỷ đồng”')).toBe('“Ước đạt 21,31 tỷ đồng”.');
    expect(presentAnswer('ủy ban nhân dân phường').normalize('NFC')).toBe(presentAnswer('ủy ban nhân dân phường'));
  });

  it('ends with a full stop unless the text already ends a sentence; a trailing comma becomes the stop', () => {
    expect(presentAnswer('Tỷ lệ hộ nghèo còn 0,12%')).toBe('Tỷ lệ hộ nghèo còn 0,12%.');
    expect(presentAnswer('Tỷ lệ hộ nghèo còn 0,12%,')).toBe('Tỷ lệ hộ nghèo còn 0,12%.');
    expect(presentAnswer('Ai là bí thư?')).toBe('Ai là bí thư?');
    expect(presentAnswer('Hỗ trợ ổn định đời sống: 30 kg gạo…')).toBe('Hỗ trợ ổn định đời sống: 30 kg gạo…');
    expect(presentAnswer('gồm các phường (cũ).')).toBe('Gồm các phường (cũ).');
  });

  it('leaves a text that already reads as a sentence unchanged', () => {
    const sentence = 'Sau khi hợp nhất, phường Hòa Bình có diện tích 19,47 km² và dân số 47.168 người.';
    expect(presentAnswer(sentence)).toBe(sentence);
    expect(presentAnswer(presentAnswer('trong đó, 12 người'))).toBe('12 người.');
  });

  it('shapes only the quote inside a frame, such as the English "According to the article"', () => {
    const quote = 'trong đó, đồng chí Chu Đức Anh giữ chức Bí thư';
    const framed = `According to the article "Đại hội" (quoted in Vietnamese): ${quote}`;
    expect(presentAnswer(framed, { quote })).toBe('According to the article "Đại hội" (quoted in Vietnamese): Đồng chí Chu Đức Anh giữ chức Bí thư.');
  });
});

describe('toAskResult (what every channel shows)', () => {
  const citation = { id: 'a1', title: 'Đại hội', url: 'https://example.org/a1', quote: 'trong đó, đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường' };

  it('shows the answer as a sentence while the citation keeps the verbatim quote', () => {
    const answer: Answer = { kind: 'answered', text: citation.quote, citations: [citation], mode: 'extractive', language: 'vi' };
    const result = toAskResult('Bí thư là ai?', answer);
    expect(result.answer).toBe('Đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường.');
    expect(result.citations[0]?.quote).toBe('trong đó, đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường');
  });

  it("shows a moderator's pinned answer exactly as written", () => {
    const answer: Answer = { kind: 'answered', text: 'xem bảng tin phường', citations: [], mode: 'pinned', language: 'vi', pin: { id: 'p1', pinnedBy: 'Chị Lan', reviewOverdue: false } };
    expect(toAskResult('Giờ tiếp dân?', answer).answer).toBe('xem bảng tin phường');
  });

  it('leaves a refusal untouched', () => {
    const answer: Answer = { kind: 'refused', reason: 'low-score', text: 'Xin lỗi, …', mode: 'extractive', language: 'vi' };
    expect(toAskResult('?', answer).answer).toBe('Xin lỗi, …');
  });
});
