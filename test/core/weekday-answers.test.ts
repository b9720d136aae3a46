import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/core/question-analysis.js';
import { extractAnswer } from '../../src/core/extract-answer.js';
import { findWeekdayMentions } from '../../src/core/entities.js';
import type { ArticleMeta, Passage } from '../../src/core/types.js';

const ARTICLE: ArticleMeta = {
  id: 'xa-na-lang-gioi-thieu',
  title: 'Giới thiệu xã Nà Lang',
  url: 'https://example.org/xa-na-lang',
  published: '2025-07-01',
  place: 'xã Nà Lang, tỉnh Cao Sơn',
};

function passagesOf(...paragraphs: string[]): Passage[] {
  const text = paragraphs.join('\n\n');
  return [{ article: ARTICLE, chunk: { id: `${ARTICLE.id}#0`, articleId: ARTICLE.id, ordinal: 0, start: 0, end: text.length, text }, score: 1 }];
}

const answer = (question: string, passages: Passage[]) => extractAnswer(analyzeQuestion(question, new Set(['na', 'lang'])), passages);

describe('days of the week', () => {
  it('finds the day of the week a sentence names, not an ordinal', () => {
    expect(findWeekdayMentions('Chợ họp vào sáng Chủ nhật hằng tuần.').map((entity) => entity.text)).toEqual(['Chủ nhật']);
    expect(findWeekdayMentions('Đại hội lần thứ năm của Hội.')).toEqual([]);
  });

  it('answers which day of the week a market meets with the weekday the article writes', () => {
    const passages = passagesOf('Xã có 14 thôn với 2.100 hộ.', 'Chợ phiên Nà Lang họp vào sáng thứ Bảy hằng tuần, thu hút đông đồng bào các dân tộc.');
    const result = answer('chợ phiên nà lang họp vào hôm nào trong tuần?', passages);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('thứ Bảy');
  });

  it('still reads "lần thứ mấy" as asking for an ordinal', () => {
    expect(analyzeQuestion('Đại hội lần thứ mấy?').asksWeekday).toBeUndefined();
    expect(analyzeQuestion('Chợ họp thứ mấy?').types[0]).toBe('date');
  });
});
