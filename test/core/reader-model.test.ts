import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/core/question-analysis.js';
import { extractAnswer, type TracedCandidate } from '../../src/core/extract-answer.js';
import { READER_FEATURES, readerModel, readerProbability, type ReaderModel } from '../../src/core/reader-model.js';
import type { ArticleMeta, Passage } from '../../src/core/types.js';

const ARTICLE: ArticleMeta = { id: 'xa-dong-lam', title: 'Xã Đông Lâm tổng kết năm', url: 'https://example.org/dong-lam', published: '2025-12-20', place: 'xã Đông Lâm, tỉnh Thái Hòa' };

function passagesOf(...paragraphs: string[]): Passage[] {
  const text = paragraphs.join('\n\n');
  return [{ article: ARTICLE, chunk: { id: `${ARTICLE.id}#0`, articleId: ARTICLE.id, ordinal: 0, start: 0, end: text.length, text }, score: 1 }];
}

const PASSAGES = passagesOf(
  'Năm 2025, tổng thu ngân sách nhà nước trên địa bàn xã Đông Lâm ước đạt 41,6 tỷ đồng, bằng 132% dự toán.',
  'Xã có 12 thôn với gần 4.000 hộ dân, đời sống người dân từng bước được nâng lên.',
);
const ask = (question: string, model?: ReaderModel, trace?: (candidates: TracedCandidate[]) => void) =>
  extractAnswer(analyzeQuestion(question, new Set(['dong', 'lam'])), PASSAGES, { ...(model ? { model } : {}), ...(trace ? { trace } : {}) });

describe('the calibrated reader', () => {
  it('has a weight for every feature it measures', () => {
    expect(Object.keys(readerModel.weights).sort()).toEqual([...READER_FEATURES].sort());
    expect(readerModel.threshold).toBeGreaterThan(0);
    expect(readerModel.threshold).toBeLessThan(1);
  });

  it('states an answer the committed model is sure of', () => {
    const result = ask('Thu ngân sách xã Đông Lâm năm 2025 được bao nhiêu?');
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('41,6 tỷ đồng');
  });

  it('says it is unsure, instead of answering, when the best candidate falls below the threshold', () => {
    const strict: ReaderModel = { ...readerModel, threshold: 0.999 };
    const result = ask('Thu ngân sách xã Đông Lâm năm 2025 được bao nhiêu?', strict);
    expect(result.kind).toBe('refused');
    if (result.kind === 'refused') expect(result.reason).toBe('low-score');
  });

  it('ranks candidates by the model: a weight against estimates prefers the exact figure', () => {
    const approximateIsBad: ReaderModel = { weights: { ...Object.fromEntries(READER_FEATURES.map((name) => [name, 0])), coverage: 1, approximate: -5 }, bias: 0, threshold: 0.01 };
    let traced: TracedCandidate[] = [];
    ask('Xã Đông Lâm có bao nhiêu hộ dân?', approximateIsBad, (candidates) => (traced = candidates));
    const estimate = traced.find((candidate) => candidate.quote.includes('gần 4.000'));
    expect(estimate?.features.approximate).toBe(1);
    expect(estimate && estimate.probability).toBeLessThan(0.5);
    expect(readerProbability(approximateIsBad, { ...estimate!.features, approximate: 0 })).toBeGreaterThan(estimate!.probability);
  });
});
