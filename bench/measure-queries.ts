import type { AskService, PlaceResolver, Retriever } from '../src/core/ports.js';
import { scoreAnswer, summarizeScores, type QaItem, type ScoreSummary } from '../src/core/score-answers.js';
import { summarizeLatencies, timeEach, type LatencySummary } from './latency-summary.js';
import { hitRates, type HitRates, type RankedPassage } from './retrieval-hits.js';

/** Our retrievers and answer service, as `openServices` wires them. */
export interface QueryTargets {
  ask: AskService;
  hybrid: Retriever;
  vectorOnly: Retriever;
  lexicalOnly: Retriever;
  places: PlaceResolver;
  /** The `place` label of an indexed article. */
  placeOf: (articleId: string) => string | undefined;
}

/** How well the place a question names is found, over the questions with an answer. */
export interface PlaceDetection {
  /** Exactly the place of the expected articles. */
  exact: number;
  /** That place and others too (their passages compete with the right ones). */
  extra: number;
  /** Not that place (no place, another one, or an ambiguity refusal). */
  missed: number;
}

/** Single-client speed and quality of retrieval and of the full offline answer. */
export interface QueryMeasurement {
  /** Hybrid retrieval of the passages answering reads (12), place detection included. */
  retrieval: LatencySummary;
  /** The whole `ask`: place, question analysis, retrieval, extractive answer. */
  answer: LatencySummary;
  accuracy: ScoreSummary;
  hits: { hybrid: HitRates; vectorOnly: HitRates; lexicalOnly: HitRates };
  placeDetection: PlaceDetection;
  /** A few wrong answers, to see why. */
  failures: Array<{ id: string | undefined; question: string; why: string; answer: string }>;
}

/** Passages the answerer reads per question (answer-question.ts's default). */
const PASSAGES = 12;
const WARM_UP = 10;

/**
 * Times retrieval and answering one question at a time, and scores both against the known answers; also returns the
 * hybrid retriever's passages for each answerable question, in order, for the side-by-side comparison.
 */
export async function measureQueries(
  targets: QueryTargets,
  items: readonly QaItem[],
): Promise<{ measurement: QueryMeasurement; hybridRankings: RankedPassage[][] }> {
  for (const item of items.slice(0, WARM_UP)) {
    await targets.hybrid.retrieve(item.question, PASSAGES);
    await targets.ask.ask({ text: item.question, channel: 'cli' });
  }
  const answerable = items.filter((item) => item.kind !== 'unanswerable');
  const retrieval = await timeEach(items, (item) => targets.hybrid.retrieve(item.question, PASSAGES));
  const answers = await timeEach(items, (item) => targets.ask.ask({ text: item.question, channel: 'cli' }));
  const scored = items.map((item, index) => scoreAnswer(item, answers.results[index] as Awaited<ReturnType<AskService['ask']>>));
  const ranked = async (retriever: Retriever) => {
    const rankings = [];
    for (const item of answerable) {
      const passages = await retriever.retrieve(item.question, 5);
      rankings.push(passages.map((passage) => ({ articleId: passage.chunk.articleId, text: passage.chunk.text })));
    }
    return hitRates(answerable, rankings);
  };
  const hybridRankings = items
    .map((item, index) => ({ item, passages: retrieval.results[index] ?? [] }))
    .filter(({ item }) => item.kind !== 'unanswerable')
    .map(({ passages }) => passages.map((passage) => ({ articleId: passage.chunk.articleId, text: passage.chunk.text })));
  let exact = 0;
  let extra = 0;
  for (const item of answerable) {
    const expected = new Set(item.sources.map(targets.placeOf));
    const found = targets.places.match(item.question);
    const labels = new Set(found.kind === 'known' ? found.labels : []);
    if ([...expected].every((label) => label !== undefined && labels.has(label))) {
      if (labels.size === expected.size) exact += 1;
      else extra += 1;
    }
  }
  const share = (count: number) => (answerable.length ? Math.round((count / answerable.length) * 1_000) / 1_000 : Number.NaN);
  const measurement: QueryMeasurement = {
    retrieval: summarizeLatencies(retrieval.milliseconds),
    answer: summarizeLatencies(answers.milliseconds),
    accuracy: summarizeScores(scored),
    hits: {
      hybrid: hitRates(answerable, hybridRankings),
      vectorOnly: await ranked(targets.vectorOnly),
      lexicalOnly: await ranked(targets.lexicalOnly),
    },
    placeDetection: { exact: share(exact), extra: share(extra), missed: share(answerable.length - exact - extra) },
    failures: scored
      .filter((entry) => !entry.ok)
      .slice(0, 25)
      .map((entry) => ({ id: entry.item.id, question: entry.item.question, why: entry.why, answer: entry.result.answer.slice(0, 240) })),
  };
  return { measurement, hybridRankings };
}
