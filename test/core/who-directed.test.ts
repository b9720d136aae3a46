import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/core/question-analysis.js';
import { extractAnswer } from '../../src/core/extract-answer.js';
import type { ArticleMeta, Passage } from '../../src/core/types.js';

const ARTICLE: ArticleMeta = {
  id: 'phuong-binh-minh-dai-hoi',
  title: 'Đại hội Đảng bộ phường Bình Minh lần thứ I',
  url: 'https://example.org/phuong-binh-minh',
  published: '2025-09-10',
  place: 'phường Bình Minh, tỉnh Sơn Hà',
};

function passagesOf(...paragraphs: string[]): Passage[] {
  const text = paragraphs.join('\n\n');
  return [{ article: ARTICLE, chunk: { id: `${ARTICLE.id}#0`, articleId: ARTICLE.id, ordinal: 0, start: 0, end: text.length, text }, score: 1 }];
}

describe('questions asking which leader', () => {
  it('reads "lãnh đạo tỉnh nào" as asking for a person', () => {
    expect(analyzeQuestion('Lãnh đạo tỉnh nào dự đại hội?').types[0]).toBe('person');
    expect(analyzeQuestion('Phường được sắp xếp từ những đơn vị hành chính nào?').types).not.toContain('person');
  });

  it('names the provincial leader who directed the congress though the article says neither "lãnh đạo" nor "trực tiếp"', () => {
    const passages = passagesOf(
      'Đại hội Đảng bộ phường Bình Minh lần thứ I diễn ra trong hai ngày với 190 đại biểu chính thức.',
      'Dự và chỉ đạo đại hội có đồng chí Trần Văn Khải, Phó Bí thư Tỉnh ủy Sơn Hà; cùng dự có lãnh đạo các sở, ngành của tỉnh.',
    );
    const result = extractAnswer(analyzeQuestion('Lãnh đạo tỉnh nào trực tiếp chỉ đạo Đại hội Đảng bộ phường Bình Minh?', new Set(['binh', 'minh'])), passages);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('Trần Văn Khải');
  });
});
