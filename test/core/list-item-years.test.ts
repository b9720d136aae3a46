import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/core/question-analysis.js';
import { extractAnswer } from '../../src/core/extract-answer.js';
import type { ArticleMeta, Passage } from '../../src/core/types.js';

const ARTICLE: ArticleMeta = {
  id: 'xa-tan-thanh-ngan-sach',
  title: 'HĐND xã Tân Thành thông qua ngân sách',
  url: 'https://example.org/xa-tan-thanh',
  published: '2025-12-15',
  place: 'xã Tân Thành, tỉnh Bạc Liêu',
};

function passagesOf(...paragraphs: string[]): Passage[] {
  const text = paragraphs.join('\n\n');
  return [{ article: ARTICLE, chunk: { id: `${ARTICLE.id}#0`, articleId: ARTICLE.id, ordinal: 0, start: 0, end: text.length, text }, score: 1 }];
}

describe('years of list items', () => {
  it('takes a list item\'s year from its lead-in, so next year\'s budget line answers a question naming that year', () => {
    const passages = passagesOf(
      'Năm 2025, xã chi đầu tư phát triển 7,1 tỷ đồng.',
      'Trong năm 2026, xã dành khoảng 1,5 tỷ đồng vốn đầu tư phát triển để làm đường.',
      'Kỳ họp đã thông qua Nghị quyết về dự toán ngân sách năm 2026. Tổng chi ngân sách xã năm 2026 là 40 tỷ đồng, gồm:',
      '- Chi đầu tư phát triển: 8,2 tỷ đồng;',
      '- Chi thường xuyên: 31,8 tỷ đồng.',
    );
    const result = extractAnswer(analyzeQuestion('du toan chi dau tu phat trien nam 2026 cua xa tan thanh la bao nhieu', new Set(['tan', 'thanh'])), passages);
    expect(result.text).toContain('8,2 tỷ đồng');
  });
});
