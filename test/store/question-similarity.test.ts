import { describe, expect, it } from 'vitest';
import { questionFeatures, questionKey, questionSimilarity } from '../../src/store/question-similarity.js';

const similarity = (left: string, right: string) => questionSimilarity(questionFeatures(left), questionFeatures(right));
const PINNED = 'Bí thư phường An Hải là ai?';
const THRESHOLD = 0.8;

describe('questionSimilarity', () => {
  it.each([
    'bi thu phuong an hai la ai',
    'Bí thư phường An Hải là ai vậy ạ?',
    'bí thư phường an hải là ai z',
    'Ai là bí thư phường An Hải?',
    'Cho mình hỏi bí thư của phường An Hải là ai?',
    'Ad ơi, bí thư phường An Hải là ai thế',
    'Bí thư phường An Hải?',
    'Bí thư phường An Hải tên gì?',
  ])('finds "%s" close enough to the pinned question', (question) => {
    expect(similarity(PINNED, question)).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it.each([
    'Bí thư phường An Lão là ai?',
    'Bí thư phường Hòa Bình là ai?',
    'bi thu xa an lao la ai',
    'Chủ tịch phường An Hải là ai?',
    'Bí thư phường An Hải năm 2020 là ai?',
  ])('keeps "%s" far below the threshold because a name, office or number differs', (question) => {
    expect(similarity(PINNED, question)).toBeLessThan(THRESHOLD / 2);
  });

  it('treats old and new tone placement alike', () => {
    expect(similarity('Chủ tịch phường Hòa Bình là ai?', 'Chủ tịch phường Hoà Bình là ai?')).toBe(1);
  });

  it('tolerates reordered content words', () => {
    expect(similarity('Nộp hồ sơ ở đâu?', 'Hồ sơ nộp ở đâu?')).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it('keeps a bare particle that is a real word mid-sentence ("vay vốn")', () => {
    expect(questionKey('Vay vốn ưu đãi ở đâu vay')).toBe('vay von uu dai o dau');
  });

  it('is symmetric and 1 for the same question', () => {
    expect(similarity(PINNED, PINNED)).toBe(1);
    expect(similarity(PINNED, 'Ai là bí thư phường An Hải?')).toBeCloseTo(similarity('Ai là bí thư phường An Hải?', PINNED), 12);
  });

  it('is 0 for a question with no words', () => {
    expect(similarity(PINNED, '?? ạ')).toBe(0);
  });
});

describe('questionKey', () => {
  it('folds diacritics, drops particles, lead-ins and punctuation', () => {
    expect(questionKey('Cho em hỏi: Bí thư phường An Hải là ai vậy ạ?')).toBe(questionKey('bi thu phuong an hai la ai'));
  });
});
