import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/core/question-analysis.js';
import { extractAnswer } from '../../src/core/extract-answer.js';
import { findLocations } from '../../src/core/entities.js';
import type { ArticleMeta, Passage } from '../../src/core/types.js';

const ARTICLE: ArticleMeta = {
  id: 'xa-phu-tan-sat-lo',
  title: 'Xã Phú Tân khắc phục sạt lở',
  url: 'https://example.org/xa-phu-tan',
  published: '2025-11-02',
  place: 'xã Phú Tân, tỉnh Hậu Giang',
};

function passagesOf(...paragraphs: string[]): Passage[] {
  const text = paragraphs.join('\n\n');
  return [{ article: ARTICLE, chunk: { id: `${ARTICLE.id}#0`, articleId: ARTICLE.id, ordinal: 0, start: 0, end: text.length, text }, score: 1 }];
}

const answer = (question: string, passages: Passage[]) => extractAnswer(analyzeQuestion(question, new Set(['phu', 'tan'])), passages);

describe('where residents are moved', () => {
  it('finds a hamlet named after "ấp"', () => {
    expect(findLocations('Các hộ được đưa đến nhà văn hóa ấp Rạch Gốc.').map((entity) => entity.text)).toContain('ấp Rạch Gốc');
  });

  it('reads "tại đâu" as asking for a place', () => {
    expect(analyzeQuestion('Các hộ được bố trí chỗ ở mới tại đâu?').types[0]).toBe('location');
  });

  it('answers where families were moved for now from "hộ dân … di dời tạm thời đến …"', () => {
    const passages = passagesOf(
      'Đợt triều cường làm sạt lở 900 m bờ kè.',
      '18 hộ dân sống sát mép sạt lở đã được di dời tạm thời đến nhà văn hóa ấp Rạch Gốc.',
    );
    const result = answer('Những gia đình ở sát mép sạt lở tại Phú Tân được đưa tạm đến chỗ nào?', passages);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('ấp Rạch Gốc');
  });

  it('answers where households that must move get a new home from the resettlement sentence', () => {
    const passages = passagesOf('Đối với 12 hộ phải di dời chỗ ở, xã bố trí tái định cư tại Khu tái định cư thôn Bình An, quy mô 2 ha.');
    const result = answer('Những hộ phải dời nhà ở xã Phú Tân được bố trí chỗ ở mới tại đâu?', passages);
    expect(result.text).toContain('thôn Bình An');
  });
});
