import type { AskResult } from './types.js';

/** One line of a QA file (the format of ../shared/corpus/qa-dev.jsonl). */
export interface QaItem {
  id?: string;
  question: string;
  answer_contains: string[];
  sources: string[];
  kind: string;
  variant?: string;
}

/** The verdict on one answer. */
export interface ScoredAnswer {
  item: QaItem;
  result: Pick<AskResult, 'answered' | 'answer' | 'citations'>;
  ok: boolean;
  why: string;
}

/** Compares text as a reader would: NFC, case-folded, digit-group separators dropped (as the reference scorer does). */
function readerNormal(text: string): string {
  return String(text ?? '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/(\d)[.,\u00a0 ](?=\d)/g, '$1')
    .replace(/\s+/g, ' ');
}

/** Scores one answer with the reference rules: ≤ maxChars, every expected string, a right citation; unanswerables refused. */
export function scoreAnswer(item: QaItem, result: ScoredAnswer['result'], maxChars = 600): ScoredAnswer {
  if (item.kind === 'unanswerable') {
    const ok = result.answered === false;
    return { item, result, ok, why: ok ? '' : 'answered an unanswerable question' };
  }
  if (result.answered !== true) return { item, result, ok: false, why: 'refused' };
  const text = readerNormal(result.answer);
  const missing = item.answer_contains.filter((expected) => !text.includes(readerNormal(expected)));
  const cited = result.citations.map((citation) => citation.id);
  const rightSource = cited.some((id) => item.sources.includes(id));
  const short = [...result.answer].length <= maxChars;
  const why = [
    missing.length ? `missing ${JSON.stringify(missing)}` : '',
    rightSource ? '' : `cited ${JSON.stringify(cited.slice(0, 3))}`,
    short ? '' : `answer ${[...result.answer].length} chars`,
  ]
    .filter(Boolean)
    .join(' ');
  return { item, result, ok: !why, why };
}

/** Accuracy broken down by kind and by variant. */
export interface ScoreSummary {
  questions: number;
  answerableAccuracy: number;
  unanswerableRefusal: number;
  byKind: Record<string, { ok: number; total: number }>;
  byVariant: Record<string, { ok: number; total: number }>;
}

/** Sums verdicts into per-kind and per-variant accuracy. */
export function summarizeScores(scored: readonly ScoredAnswer[]): ScoreSummary {
  const tally = (key: (entry: ScoredAnswer) => string) => {
    const table: Record<string, { ok: number; total: number }> = {};
    for (const entry of scored) {
      const row = (table[key(entry)] ??= { ok: 0, total: 0 });
      row.total += 1;
      if (entry.ok) row.ok += 1;
    }
    return table;
  };
  const answerable = scored.filter((entry) => entry.item.kind !== 'unanswerable');
  const unanswerable = scored.filter((entry) => entry.item.kind === 'unanswerable');
  const share = (entries: readonly ScoredAnswer[]) => (entries.length ? entries.filter((entry) => entry.ok).length / entries.length : Number.NaN);
  return {
    questions: scored.length,
    answerableAccuracy: share(answerable),
    unanswerableRefusal: share(unanswerable),
    byKind: tally((entry) => entry.item.kind),
    byVariant: tally((entry) => entry.item.variant ?? 'plain'),
  };
}
