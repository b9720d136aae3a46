import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/core/question-analysis.js';
import { extractAnswer } from '../../src/core/extract-answer.js';
import type { ArticleMeta, Passage } from '../../src/core/types.js';

const ARTICLE: ArticleMeta = {
  id: 'phuong-hoa-binh-mua-he-xanh',
  title: 'Phường Hòa Bình ra quân chiến dịch tình nguyện hè',
  url: 'https://example.org/phuong-hoa-binh',
  published: '2025-07-06',
  place: 'phường Hòa Bình, tỉnh Tây Sơn',
};

function passagesOf(...paragraphs: string[]): Passage[] {
  const text = paragraphs.join('\n\n');
  return [{ article: ARTICLE, chunk: { id: `${ARTICLE.id}#0`, articleId: ARTICLE.id, ordinal: 0, start: 0, end: text.length, text }, score: 1 }];
}

describe('when something ends', () => {
  it('answers "kết thúc vào ngày nào" with the date after "đến" in the period, not the launch date', () => {
    const passages = passagesOf(
      'Sáng 5/7/2025, Đoàn phường Hòa Bình tổ chức Lễ ra quân Chiến dịch tình nguyện hè năm 2025.',
      'Theo Bí thư Đoàn phường, Chiến dịch tình nguyện hè năm 2025 diễn ra từ ngày 5/7 đến ngày 25/8/2025 với nhiều công trình thanh niên.',
    );
    const result = extractAnswer(analyzeQuestion('Chiến dịch tình nguyện hè của phường Hòa Bình kết thúc vào ngày nào?', new Set(['hoa', 'binh'])), passages);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('25/8/2025');
  });
});
