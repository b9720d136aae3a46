import { describe, expect, it } from 'vitest';
import { summarizeLatencies } from '../../bench/latency-summary.js';
import { hitRates, passageAnswers } from '../../bench/retrieval-hits.js';

describe('summarizeLatencies', () => {
  it('reports nearest-rank percentiles', () => {
    const summary = summarizeLatencies(Array.from({ length: 100 }, (_, index) => 100 - index));
    expect(summary).toMatchObject({ count: 100, p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
  });

  it('gives NaN rather than inventing figures when nothing was timed', () => {
    expect(summarizeLatencies([]).p50).toBeNaN();
  });
});

describe('hit rates', () => {
  const item = { question: 'Bí thư phường An Hải là ai?', answer_contains: ['Chu Đức Anh'], sources: ['an-hai'], kind: 'who' };

  it('counts a passage only when it comes from a source article and holds the answer', () => {
    expect(passageAnswers(item, { articleId: 'an-hai', text: 'đồng chí Chu Đức Anh giữ chức Bí thư' })).toBe(true);
    expect(passageAnswers(item, { articleId: 'other', text: 'đồng chí Chu Đức Anh giữ chức Bí thư' })).toBe(false);
    expect(passageAnswers(item, { articleId: 'an-hai', text: 'Bí thư Đảng ủy phường' })).toBe(false);
  });

  it('reports hit@1 and hit@5 over the questions', () => {
    const right = { articleId: 'an-hai', text: 'Chu Đức Anh' };
    const wrong = { articleId: 'an-hai', text: '…' };
    expect(hitRates([item, item, item], [[right], [wrong, wrong, right], [wrong]])).toEqual({ questions: 3, hitAt1: 0.333, hitAt5: 0.667 });
  });
});
