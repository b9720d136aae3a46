import { describe, expect, it } from 'vitest';
import { extractAnswer } from '../../src/core/extract-answer.js';
import { analyzeQuestion } from '../../src/core/question-analysis.js';
import type { Answer, ArticleMeta, Passage } from '../../src/core/types.js';

// Invented articles about an invented commune; every test reads them as one retrieved passage per paragraph.
const ARTICLE: ArticleMeta = {
  id: 'xa-phuoc-an-thong-bao-2025',
  title: 'Xã Phước An thông báo về chợ mới và lịch tiếp dân',
  url: 'https://example.org/phuoc-an',
  published: '2025-09-02',
  place: 'xã Phước An, tỉnh Đồng Nai',
};

function passagesOf(paragraphs: readonly string[]): Passage[] {
  let start = 0;
  return paragraphs.map((text, ordinal) => {
    const chunk = { id: `${ARTICLE.id}#${ordinal}`, articleId: ARTICLE.id, ordinal, start, end: start + text.length, text };
    start += text.length + 1;
    return { chunk, article: ARTICLE, score: 1 - ordinal / 10 };
  });
}

function ask(question: string, paragraphs: readonly string[]): Answer {
  return extractAnswer(analyzeQuestion(question, new Set(['phuoc', 'an'])), passagesOf(paragraphs));
}

const quote = (answer: Answer): string => (answer.kind === 'answered' ? answer.citations[0]?.quote ?? '' : '');

describe('values after a label colon', () => {
  it('answers a phone question with the number that follows the label', () => {
    const answer = ask('Muốn gọi ban quản lý chợ Phước An thì số nào?', [
      'Chợ Phước An mở cửa từ 5 giờ sáng. Người dân cần phản ánh về vệ sinh có thể liên hệ tổng đài của Ban Quản lý chợ: 0251 3712 468.',
    ]);
    expect(quote(answer)).toContain('0251 3712 468');
    expect(quote(answer)).toContain('Ban Quản lý chợ');
  });
});
