import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceSummary, scoreAnswer, summarizeScores, summaryLine, type QaItem } from '../../src/core/score-answers.js';
import type { AskResult } from '../../src/core/types.js';

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

describe('scoring like the reference scorer', () => {
  const qa = readJsonLines('test/fixtures/eval/qa-similar-wards.jsonl') as QaItem[];
  const answers = readJsonLines('test/fixtures/eval/answers-handmade.jsonl') as AskResult[];

  it('gives the reference scorer’s figures on the same answers, per kind, per variant and overall', async () => {
    const reference = await runReferenceScorer('test/fixtures/eval/qa-similar-wards.jsonl', 'test/fixtures/eval/answers-handmade.jsonl');
    const ours = summarizeScores(qa.map((item, index) => scoreAnswer(item, answers[index]!)));
    expect(JSON.parse(JSON.stringify(referenceSummary(ours)))).toEqual(reference.summary);
    // The fixture exercises every rule: over-long, missing, wrong article, false refusal, both unanswerable outcomes,
    // both ambiguous outcomes, and a right article cited second.
    expect(reference.summary).toMatchObject({ overall: 5 / 11, first_citation_right: 4 / 6, ambiguous_asked_back: 0.5, unanswerable_refusal_rate: 0.5 });
    expect(summaryLine(ours, true)).toBe(reference.lines.at(-1));
  });

  it('counts an ambiguous question right only when the bot asks which place, and reports the reference’s looser figure apart', () => {
    const ambiguous: QaItem = { question: 'Bí thư phường Tân An là ai?', answer_contains: [], sources: [], kind: 'ambiguous', variant: 'plain' };
    const askedBack = scoreAnswer(ambiguous, { answered: false, answer: 'Bạn hỏi về nơi nào?', citations: [], reason: 'ambiguous-place' });
    const refusedOtherwise = scoreAnswer(ambiguous, { answered: false, answer: 'Xin lỗi', citations: [], reason: 'low-score' });
    const answered = scoreAnswer(ambiguous, { answered: true, answer: 'Trần Minh Khoa', citations: cite('a1') });
    expect([askedBack.ok, refusedOtherwise.ok, answered.ok]).toEqual([true, false, false]);
    expect(refusedOtherwise.why).toBe('refused (low-score) instead of asking which place');
    // Answers that do not say why they refused are scored as the reference scorer does.
    expect(scoreAnswer(ambiguous, { answered: false, answer: 'Xin lỗi', citations: [] }).ok).toBe(true);
    const summary = summarizeScores([askedBack, refusedOtherwise, answered]);
    expect(summary.ambiguousAskedBack).toBeCloseTo(1 / 3);
    expect(summary.ambiguousRefusedAtAll).toBeCloseTo(2 / 3);
    expect(summary.byVariant).toEqual({});
  });
});

function readJsonLines(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as unknown);
}

/** Runs the reference scorer (a verbatim copy in test/support) and returns its JSON summary and its plain output lines. */
async function runReferenceScorer(qaPath: string, answersPath: string): Promise<{ summary: Record<string, unknown>; lines: string[] }> {
  const run = (extra: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['test/support/reference-score.mjs', qaPath, answersPath, ...extra], (error, stdout) => (error ? reject(error) : resolve(stdout))),
    );
  const json = JSON.parse(await run(['--json'])) as { summary: Record<string, unknown> };
  return { summary: json.summary, lines: (await run([])).trim().split('\n') };
}
