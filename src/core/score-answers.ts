import type { AskResult } from './types.js';

/** One line of a QA file (the format of ../shared/corpus/qa-dev.jsonl). */
export interface QaItem {
  id?: string;
  question: string;
  answer_contains: string[];
  sources: string[];
  /** `who`, `number`, `date`, … for answerable questions; `unanswerable`; `ambiguous` (a place name several wards share). */
  kind: string;
  variant?: string;
}

/** What the scorer reads of an answer; `reason` is optional so answers from elsewhere can be scored too. */
export type ScoredResult = Pick<AskResult, 'answered' | 'answer' | 'citations'> & Partial<Pick<AskResult, 'reason'>>;

/** The verdict on one answer. */
export interface ScoredAnswer {
  item: QaItem;
  result: ScoredResult;
  ok: boolean;
  why: string;
  /** Neither `unanswerable` nor `ambiguous`. */
  answerable: boolean;
  ambiguous: boolean;
  /** An answerable question whose first citation is one of its expected articles. */
  firstCitationRight: boolean;
}

/** Compares text as a reader would: NFC, case-folded, digit-group separators dropped (as the reference scorer does). */
function readerNormal(text: string): string {
  return String(text ?? '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/(\d)[.,\u00a0 ](?=\d)/g, '$1')
    .replace(/\s+/g, ' ');
}

/**
 * Scores one answer with the reference rules (`../shared/eval/score.mjs`): an answerable question needs an answer of at
 * most `maxChars` characters holding every expected string and citing an expected article; an unanswerable one needs a
 * refusal; an ambiguous one needs the bot to ask which place. The reference scorer counts any refusal as asking back;
 * here a refusal for another reason (say `low-score`) is not, when the answer says its reason.
 */
export function scoreAnswer(item: QaItem, result: ScoredResult, maxChars = 600): ScoredAnswer {
  const cited = result.citations.map((citation) => citation.id);
  const ambiguous = item.kind === 'ambiguous';
  const answerable = item.kind !== 'unanswerable' && !ambiguous;
  const verdict = (ok: boolean, why: string): ScoredAnswer => ({
    item,
    result,
    ok,
    why: ok ? '' : why,
    answerable,
    ambiguous,
    firstCitationRight: answerable && cited[0] !== undefined && item.sources.includes(cited[0]),
  });
  if (ambiguous) {
    if (result.answered !== false) return verdict(false, 'answered for one of several same-named places instead of asking which');
    if (result.reason !== undefined && result.reason !== 'ambiguous-place') return verdict(false, `refused (${result.reason}) instead of asking which place`);
    return verdict(true, '');
  }
  if (!answerable) return verdict(result.answered === false, 'answered an unanswerable question');
  if (result.answered !== true) return verdict(false, 'refused');
  const text = readerNormal(result.answer);
  const missing = item.answer_contains.filter((expected) => !text.includes(readerNormal(expected)));
  const rightSource = cited.some((id) => item.sources.includes(id));
  const short = [...result.answer].length <= maxChars;
  const why = [
    missing.length ? `missing ${JSON.stringify(missing)}` : '',
    rightSource ? '' : `cited ${JSON.stringify(cited.slice(0, 3))}`,
    short ? '' : `answer ${[...result.answer].length} chars`,
  ]
    .filter(Boolean)
    .join(' ');
  return verdict(!why, why);
}

/** Right answers out of all, for one kind or variant. */
export interface Tally {
  ok: number;
  total: number;
}

/** The reference scorer's figures (shares are NaN when no question of that group exists). */
export interface ScoreSummary {
  questions: number;
  answerableAccuracy: number;
  /** Answerable questions the bot declined to answer. */
  falseRefusalRate: number;
  /** Of the answerable questions answered, those whose first citation is an expected article. */
  firstCitationRight: number;
  unanswerableRefusal: number;
  ambiguousAskedBack: number;
  /** What the reference scorer reports for ambiguous questions: refused for any reason. */
  ambiguousRefusedAtAll: number;
  overall: number;
  /** Every question, by kind (unanswerable and ambiguous included), in order of first appearance. */
  byKind: Record<string, Tally>;
  /** Answerable questions only, by variant, as the reference scorer counts them. */
  byVariant: Record<string, Tally>;
}

/** Sums verdicts into the reference scorer's figures, per kind and per variant. */
export function summarizeScores(scored: readonly ScoredAnswer[]): ScoreSummary {
  const tally = (entries: readonly ScoredAnswer[], key: (entry: ScoredAnswer) => string) => {
    const table: Record<string, Tally> = {};
    for (const entry of entries) {
      const row = (table[key(entry)] ??= { ok: 0, total: 0 });
      row.total += 1;
      if (entry.ok) row.ok += 1;
    }
    return table;
  };
  const share = (entries: readonly ScoredAnswer[], test: (entry: ScoredAnswer) => boolean) =>
    entries.length ? entries.filter(test).length / entries.length : Number.NaN;
  const answerable = scored.filter((entry) => entry.answerable);
  const unanswerable = scored.filter((entry) => !entry.answerable && !entry.ambiguous);
  const ambiguous = scored.filter((entry) => entry.ambiguous);
  return {
    questions: scored.length,
    answerableAccuracy: share(answerable, (entry) => entry.ok),
    falseRefusalRate: share(answerable, (entry) => entry.result.answered !== true),
    firstCitationRight: share(
      answerable.filter((entry) => entry.result.answered === true),
      (entry) => entry.firstCitationRight,
    ),
    unanswerableRefusal: share(unanswerable, (entry) => entry.ok),
    ambiguousAskedBack: share(ambiguous, (entry) => entry.ok),
    ambiguousRefusedAtAll: share(ambiguous, (entry) => entry.result.answered === false),
    overall: share(scored, (entry) => entry.ok),
    byKind: tally(scored, (entry) => entry.item.kind),
    byVariant: tally(answerable, (entry) => entry.item.variant ?? 'plain'),
  };
}

/** The summary in the shape `score.mjs --json` prints, so the two can be compared field by field. */
export function referenceSummary(summary: ScoreSummary): Record<string, unknown> {
  const fraction = (rows: Record<string, Tally>) => Object.fromEntries(Object.entries(rows).map(([key, row]) => [key, `${row.ok}/${row.total}`]));
  return {
    questions: summary.questions,
    answerable_accuracy: summary.answerableAccuracy,
    false_refusal_rate: summary.falseRefusalRate,
    first_citation_right: summary.firstCitationRight,
    unanswerable_refusal_rate: summary.unanswerableRefusal,
    ambiguous_asked_back: summary.ambiguousAskedBack,
    overall: summary.overall,
    by_kind: fraction(summary.byKind),
    by_variant: fraction(summary.byVariant),
  };
}

/** The reference scorer's closing line: overall, answerable, false refusals, first citation, unanswerable, ambiguous. */
export function summaryLine(summary: ScoreSummary, hasAmbiguous: boolean): string {
  const percent = (value: number) => (Number.isNaN(value) ? 'n/a' : `${(100 * value).toFixed(1)}%`);
  const parts = [
    `overall ${percent(summary.overall)}`,
    `answerable ${percent(summary.answerableAccuracy)}`,
    `false refusals ${percent(summary.falseRefusalRate)}`,
    `first citation right ${percent(summary.firstCitationRight)}`,
    `unanswerable refused ${percent(summary.unanswerableRefusal)}`,
  ];
  if (hasAmbiguous) parts.push(`ambiguous asked back ${percent(summary.ambiguousAskedBack)}`);
  return parts.join(' · ');
}
