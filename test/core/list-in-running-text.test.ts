import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/core/question-analysis.js';
import { extractAnswer } from '../../src/core/extract-answer.js';
import { findEnumeration } from '../../src/core/entities.js';
import type { ArticleMeta, Passage } from '../../src/core/types.js';

const ARTICLE: ArticleMeta = {
  id: 'phuong-an-lac-gioi-thieu',
  title: 'Giới thiệu phường An Lạc',
  url: 'https://example.org/phuong-an-lac',
  published: '2025-08-15',
  place: 'phường An Lạc, tỉnh Đồng Sơn',
};

function passagesOf(...paragraphs: string[]): Passage[] {
  const text = paragraphs.join('\n\n');
  return [{ article: ARTICLE, chunk: { id: `${ARTICLE.id}#0`, articleId: ARTICLE.id, ordinal: 0, start: 0, end: text.length, text }, score: 1 }];
}

const answer = (question: string, passages: Passage[]) => extractAnswer(analyzeQuestion(question, new Set(['an', 'lac'])), passages);
const texts = (sentence: string) => findEnumeration(sentence).map((entity) => entity.text);

describe('lists written in running text', () => {
  it('reads the units merged after "sắp xếp", ending at the item after "và"', () => {
    expect(texts('Phường được thành lập trên cơ sở sắp xếp phường Bắc Hà, phường Đông Lộc và xã Tân Phú, đi vào hoạt động từ ngày 1/7/2025.')).toEqual([
      'phường Bắc Hà',
      'phường Đông Lộc',
      'xã Tân Phú',
    ]);
  });

  it('reads the items after a lead-in ending in "gồm:"', () => {
    expect(texts('Trên địa bàn có 5 dân tộc cùng sinh sống gồm: Kinh, Tày, Nùng, Dao và Sán Chay; dân tộc Tày đông nhất.')).toEqual(['Kinh', 'Tày', 'Nùng', 'Dao', 'Sán Chay']);
  });

  it('answers which administrative units a ward was formed from', () => {
    const passages = passagesOf(
      'Năm 2025, phường An Lạc tổ chức đại hội đầu tiên.',
      'Phường An Lạc được thành lập trên cơ sở sắp xếp phường Bắc Hà, phường Đông Lộc và xã Tân Phú, đi vào hoạt động từ ngày 1/7/2025.',
    );
    const result = answer('Phường An Lạc được thành lập từ những đơn vị hành chính nào?', passages);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('phường Bắc Hà, phường Đông Lộc và xã Tân Phú');
  });

  it('answers which peoples live together in the commune', () => {
    const passages = passagesOf('Trên địa bàn phường có 5 dân tộc cùng sinh sống gồm: Kinh, Tày, Nùng, Dao và Sán Chay; dân tộc Tày đông nhất.');
    const result = answer('Ở phường An Lạc có những dân tộc nào cùng sinh sống?', passages);
    expect(result.text).toContain('Kinh, Tày, Nùng, Dao và Sán Chay');
  });
});
