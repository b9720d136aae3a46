import { scoreAnswer, type QaItem } from '../src/core/score-answers.js';

/** A retrieved passage as hit@k sees it: which article it is from and its text. */
export interface RankedPassage {
  articleId: string;
  text: string;
}

/** Hit rates at 1 and 5 over the questions that have an answer. */
export interface HitRates {
  questions: number;
  hitAt1: number;
  hitAt5: number;
}

/**
 * True when the passage alone would be a right answer by the reference rules (src/core/score-answers.ts): it comes
 * from an expected article and contains every expected string (length aside).
 */
export function passageAnswers(item: QaItem, passage: RankedPassage): boolean {
  const citation = { id: passage.articleId, title: '', url: '', quote: passage.text };
  return scoreAnswer(item, { answered: true, answer: passage.text, citations: [citation] }, Number.POSITIVE_INFINITY).ok;
}

/** Share of questions whose first 1 and first 5 passages include one that answers it. */
export function hitRates(items: readonly QaItem[], rankings: ReadonlyArray<readonly RankedPassage[]>): HitRates {
  let hitAt1 = 0;
  let hitAt5 = 0;
  items.forEach((item, index) => {
    const ranking = rankings[index] ?? [];
    const first = ranking.findIndex((passage) => passageAnswers(item, passage));
    if (first === 0) hitAt1 += 1;
    if (first >= 0 && first < 5) hitAt5 += 1;
  });
  const share = (count: number) => (items.length ? Math.round((count / items.length) * 1_000) / 1_000 : Number.NaN);
  return { questions: items.length, hitAt1: share(hitAt1), hitAt5: share(hitAt5) };
}
