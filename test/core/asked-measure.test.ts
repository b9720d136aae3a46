import { describe, expect, it } from 'vitest';
import { askedMeasure, measureFits } from '../../src/core/asked-measure.js';
import { analyzeQuestion } from '../../src/core/question-analysis.js';
import { extractAnswer } from '../../src/core/extract-answer.js';
import type { ArticleMeta, Passage } from '../../src/core/types.js';

const ARTICLE: ArticleMeta = {
  id: 'xa-hoa-son-gioi-thieu',
  title: 'Giới thiệu xã Hòa Sơn sau sắp xếp',
  url: 'https://example.org/xa-hoa-son',
  published: '2025-08-02',
  place: 'xã Hòa Sơn, tỉnh Bình Lâm',
};

function passagesOf(...paragraphs: string[]): Passage[] {
  const text = paragraphs.join('\n\n');
  return [{ article: ARTICLE, chunk: { id: `${ARTICLE.id}#0`, articleId: ARTICLE.id, ordinal: 0, start: 0, end: text.length, text }, score: 1 }];
}

const answer = (question: string, passages: Passage[]) => extractAnswer(analyzeQuestion(question, new Set(['hoa', 'son'])), passages);

describe('askedMeasure', () => {
  it('reads the unit a question asks its amount in', () => {
    expect(askedMeasure('diện tích xã bao nhiêu km2')).toBe('square-kilometres');
    expect(askedMeasure('How many hectares of rice were flooded?')).toBe('hectares');
    expect(askedMeasure('Tỷ lệ hộ nghèo còn bao nhiêu?')).toBe('percent');
    expect(askedMeasure('What is the population of the commune?')).toBe('population');
    expect(askedMeasure('Xã rộng bao nhiêu, diện tích tự nhiên là bao nhiêu?')).toBe('area');
  });

  it('names no area when the question counts households on some area', () => {
    expect(askedMeasure('Diện tích bị ngập ảnh hưởng bao nhiêu hộ?', 'ho')).toBeUndefined();
  });

  it('accepts an amount only in the asked unit', () => {
    const text = 'Xã có 12,5 ha lúa, 48,2 km² đất tự nhiên, 9.870 nhân khẩu và 3,1% hộ nghèo.';
    const at = (value: string) => ({ text: value, start: text.indexOf(value), end: text.indexOf(value) + value.length });
    expect(measureFits('square-kilometres', text, at('12,5'))).toBe(false);
    expect(measureFits('square-kilometres', text, at('48,2'))).toBe(true);
    expect(measureFits('hectares', text, at('12,5'))).toBe(true);
    expect(measureFits('population', text, at('9.870'))).toBe(true);
    expect(measureFits('population', text, at('3,1%'))).toBe(false);
    expect(measureFits('percent', text, at('3,1%'))).toBe(true);
  });
});

describe('amounts in the asked unit', () => {
  it('refuses an area in square kilometres when the articles give only hectares of something else', () => {
    const passages = passagesOf('Dự án làm đường qua xã Hòa Sơn thu hồi tổng diện tích 14,2 ha đất của 96 hộ dân.');
    expect(answer('Diện tích xã Hòa Sơn bao nhiêu km2?', passages).kind).toBe('refused');
  });

  it('refuses a population question with a count of delegates or a percentage', () => {
    const passages = passagesOf('Đại hội Đảng bộ xã Hòa Sơn có 180 đại biểu dự, 100% thôn đạt chuẩn nông thôn mới, dân số tham gia bảo hiểm y tế đạt cao.');
    expect(answer('What is the population of Hoa Son commune?', passages).kind).toBe('refused');
  });

  it('answers a population question with the count of registered residents, not a share of the population', () => {
    const passages = passagesOf(
      'Xã Hòa Sơn có 2.410 hộ với 10.385 nhân khẩu, sinh sống tại 18 thôn.',
      'Trong đó, dân tộc Kinh chiếm 71,5% dân số, còn lại là đồng bào dân tộc thiểu số.',
    );
    const result = answer('dan so xa hoa son bao nhieu nguoi', passages);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('10.385 nhân khẩu');
  });

  it('answers the natural area with the amount in an area unit, not a number in the merger sentence', () => {
    const passages = passagesOf(
      'Xã Hòa Sơn được thành lập theo Nghị quyết số 1520/NQ-UBTVQH15, trên cơ sở sắp xếp toàn bộ diện tích tự nhiên và quy mô dân số của 3 xã.',
      'Tổng diện tích tự nhiên của xã là 152,08 km², trong đó đất lâm nghiệp chiếm 60,2%.',
    );
    const result = answer('Xã Hòa Sơn có diện tích tự nhiên bao nhiêu?', passages);
    expect(result.text).toContain('152,08 km²');
  });
});
