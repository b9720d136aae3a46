import { describe, expect, it } from 'vitest';
import { scoreAnswer, summarizeScores, type QaItem } from '../../src/core/score-answers.js';

const item: QaItem = { id: 'q1', question: 'Đảng bộ có bao nhiêu đảng viên?', answer_contains: ['2.883'], sources: ['a1'], kind: 'number', variant: 'plain' };
const cite = (id: string) => [{ id, title: '', url: '', quote: '' }];

describe('scoreAnswer', () => {
  it('counts an answer that contains the expected figure, ignoring digit-group separators, and cites a right article', () => {
    expect(scoreAnswer(item, { answered: true, answer: 'Có 2 883 đảng viên', citations: cite('a1') }).ok).toBe(true);
    expect(scoreAnswer(item, { answered: true, answer: 'Có 2.833 đảng viên', citations: cite('a1') }).why).toContain('missing');
    expect(scoreAnswer(item, { answered: true, answer: 'Có 2.883 đảng viên', citations: cite('b2') }).why).toContain('cited');
    expect(scoreAnswer(item, { answered: true, answer: `2.883 ${'x'.repeat(600)}`, citations: cite('a1') }).why).toContain('chars');
  });

  it('counts a refusal as right only for unanswerable questions', () => {
    const unanswerable = { ...item, kind: 'unanswerable', answer_contains: [], sources: [] };
    expect(scoreAnswer(unanswerable, { answered: false, answer: 'Xin lỗi', citations: [] }).ok).toBe(true);
    expect(scoreAnswer(item, { answered: false, answer: 'Xin lỗi', citations: [] }).why).toBe('refused');
  });

  it('summarises accuracy by kind and variant', () => {
    const summary = summarizeScores([
      scoreAnswer(item, { answered: true, answer: '2.883', citations: cite('a1') }),
      scoreAnswer({ ...item, variant: 'english' }, { answered: false, answer: '', citations: [] }),
    ]);
    expect(summary.answerableAccuracy).toBe(0.5);
    expect(summary.byVariant).toEqual({ plain: { ok: 1, total: 1 }, english: { ok: 0, total: 1 } });
  });
});
