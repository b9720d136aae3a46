import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { PlaceResolver, RetrieveOptions, Retriever } from '../src/core/ports.js';
import { analyzeQuestion } from '../src/core/question-analysis.js';
import type { QaItem } from '../src/core/score-answers.js';
import { HashingEmbedder } from '../src/search/hashing-embedder.js';
import { fuseRankings, HybridRetriever, LexicalRetriever, placeFilter, VectorRetriever } from '../src/search/hybrid-retriever.js';
import { queryTerms } from '../src/search/lexical-terms.js';
import { PlaceGazetteer } from '../src/search/place-gazetteer.js';
import type { Hit } from '../src/search/hit.js';
import { openIndex, type SearchIndex } from '../src/search/search-index.js';
import { isEntryPoint } from './entry-point.js';
import { hitRates, type HitRates, type RankedPassage } from './retrieval-hits.js';
import { sampleQuestions } from './run-bench.js';

/** One way of merging the BM25 and vector rankings of a question into one. */
export type Fusion = (lexical: readonly Hit[], dense: readonly Hit[], limit: number) => Hit[];

/** How well the place a question names is found, over the questions with an answer (as bench/measure-queries.ts counts it). */
export interface PlaceDetectionShares {
  /** Exactly the place of the expected articles. */
  exact: number;
  /** That place and others too. */
  extra: number;
  /** Not that place. */
  missed: number;
}

/** What one tuning run measured. */
export interface FusionReport {
  chunks: number;
  questions: number;
  hits: { hybrid: HitRates; vectorOnly: HitRates; lexicalOnly: HitRates };
  placeDetection: PlaceDetectionShares;
  /**
   * Hit rates of each fusion tried on the same candidates (BM25 and vectors, place-filtered): searching with the
   * question as written (what the hybrid figures above measure) and with the text `answerQuestion` retrieves with
   * (Vietnamese expansions of English and everyday words, restricted to the articles of the place it found).
   */
  fusions: { question: Record<string, HitRates>; asAsked: Record<string, HitRates> };
  /** Answerable questions the hybrid retriever misses in its top 5, to see why. */
  misses: Array<{ question: string; expected: string[]; found: string[] }>;
}

/** Options of `tuneFusion`. */
export interface TuneFusionOptions {
  /** A bench work folder: `index/` holds the search index, `qa.jsonl` the questions. */
  workDir: string;
  questions: number;
  seed: number;
  /** Fusions to compare on the same candidates, by name. */
  fusions?: Record<string, Fusion>;
  /** Candidates each retriever gives a fusion. */
  depth?: number;
  log: (line: string) => void;
}

/** Reciprocal-rank fusion with a weight per ranking: the family the hybrid retriever uses. */
export function weightedRankFusion(lexicalWeight: number, denseWeight: number, rankConstant?: number): Fusion {
  return (lexical, dense, limit) =>
    fuseRankings(
      [
        { hits: lexical, weight: lexicalWeight },
        { hits: dense, weight: denseWeight },
      ],
      limit,
      rankConstant,
    );
}

function normalised(hits: readonly Hit[]): Map<number, number> {
  const top = hits[0]?.score ?? 0;
  const bottom = hits[hits.length - 1]?.score ?? 0;
  const span = top - bottom;
  return new Map(hits.map((hit) => [hit.label, span > 0 ? (hit.score - bottom) / span : 1]));
}

/**
 * Score fusion: BM25 score over its best, plus `alpha` times the vector score scaled to [0, 1] within the candidates;
 * a tiny `alpha` makes the vectors break BM25's ties only.
 */
export function scoreFusion(alpha: number): Fusion {
  return (lexical, dense, limit) => {
    const top = lexical[0]?.score ?? 0;
    const denseScores = normalised(dense);
    const labels = new Set([...lexical, ...dense].map((hit) => hit.label));
    const lexicalScores = new Map(lexical.map((hit) => [hit.label, top > 0 ? hit.score / top : 0]));
    return [...labels]
      .map((label) => ({ label, score: (lexicalScores.get(label) ?? 0) + alpha * (denseScores.get(label) ?? 0) }))
      .sort((left, right) => right.score - left.score || left.label - right.label)
      .slice(0, limit);
  };
}

/** Fusions compared by default; the hybrid retriever uses RRF with BM25 ×16. */
export const DEFAULT_FUSIONS: Record<string, Fusion> = {
  'rrf bm25×1 vectors×1': weightedRankFusion(1, 1),
  'rrf bm25×2 vectors×1': weightedRankFusion(2, 1),
  'rrf bm25×4 vectors×1': weightedRankFusion(4, 1),
  'rrf bm25×6 vectors×1': weightedRankFusion(6, 1),
  'rrf bm25×8 vectors×1': weightedRankFusion(8, 1),
  'rrf bm25×12 vectors×1': weightedRankFusion(12, 1),
  'rrf bm25×16 vectors×1': weightedRankFusion(16, 1),
  'rrf k20 bm25×4 vectors×1': weightedRankFusion(4, 1, 20),
  'score α 0.05': scoreFusion(0.05),
  'score α 0.1': scoreFusion(0.1),
  'bm25, vectors break ties': scoreFusion(1e-6),
  'bm25 only': (lexical, _dense, limit) => lexical.slice(0, limit),
  'vectors only': (_lexical, dense, limit) => dense.slice(0, limit),
};

/** Share of answerable questions whose expected place the resolver finds exactly, with others, or not at all. */
export function placeDetectionShares(items: readonly QaItem[], places: PlaceResolver, placeOf: (articleId: string) => string | undefined): PlaceDetectionShares {
  let exact = 0;
  let extra = 0;
  for (const item of items) {
    const expected = new Set(item.sources.map(placeOf));
    const found = places.match(item.question);
    const labels = new Set(found.kind === 'known' ? found.labels : []);
    if ([...expected].every((label) => label !== undefined && labels.has(label))) {
      if (labels.size === expected.size) exact += 1;
      else extra += 1;
    }
  }
  const share = (count: number) => (items.length ? Math.round((count / items.length) * 1_000) / 1_000 : Number.NaN);
  return { exact: share(exact), extra: share(extra), missed: share(items.length - exact - extra) };
}

function ranked(index: SearchIndex, hits: readonly Hit[]): RankedPassage[] {
  const passages: RankedPassage[] = [];
  for (const hit of hits) {
    const chunk = index.chunk(hit.label);
    if (chunk) passages.push({ articleId: chunk.articleId, text: chunk.text });
  }
  return passages;
}

/**
 * Opens a bench index with this worktree's code and measures, on a seeded sample of its questions, hit@1 and hit@5 of
 * the hybrid retriever, vectors alone and BM25 alone, how well places are detected, and how other fusions would rank
 * the same candidates.
 */
export async function tuneFusion(options: TuneFusionOptions): Promise<FusionReport> {
  const embedder = new HashingEmbedder();
  const started = performance.now();
  const index = await openIndex(join(options.workDir, 'index'), embedder);
  const gazetteer = PlaceGazetteer.fromArticles(index.articles());
  const chunks = index.articles().reduce((sum, article) => sum + index.chunkLabels(article.id).length, 0);
  options.log(`[tune] opened ${chunks} chunks, ${gazetteer.all().length} places in ${Math.round(performance.now() - started)} ms`);
  const all = (await readFile(join(options.workDir, 'qa.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as QaItem);
  const answerable = sampleQuestions(all, options.questions, options.seed).filter((item) => item.kind !== 'unanswerable');

  const rankingsOf = async (retriever: Retriever) => {
    const rankings: RankedPassage[][] = [];
    for (const item of answerable) {
      const passages = await retriever.retrieve(item.question, 5);
      rankings.push(passages.map((passage) => ({ articleId: passage.chunk.articleId, text: passage.chunk.text })));
    }
    return rankings;
  };
  const hybridRankings = await rankingsOf(new HybridRetriever(index, embedder, gazetteer));
  const hits = {
    hybrid: hitRates(answerable, hybridRankings),
    vectorOnly: hitRates(answerable, await rankingsOf(new VectorRetriever(index, embedder, gazetteer))),
    lexicalOnly: hitRates(answerable, await rankingsOf(new LexicalRetriever(index, gazetteer))),
  };
  options.log(`[tune] ${answerable.length} answerable questions: hybrid ${JSON.stringify(hits.hybrid)}`);

  const depth = options.depth ?? 40;
  const fusions = options.fusions ?? DEFAULT_FUSIONS;
  const compare = async (searchOf: (item: QaItem) => { text: string; options: RetrieveOptions }) => {
    const fusedRankings = new Map<string, RankedPassage[][]>(Object.keys(fusions).map((name) => [name, []]));
    for (const item of answerable) {
      const search = searchOf(item);
      const filter = placeFilter(index, gazetteer, search.text, search.options);
      const lexical = index.lexicalSearch(queryTerms(search.text), depth, filter);
      const dense = index.vectorSearch(await embedder.embedQuery(search.text), depth, filter);
      for (const [name, fuse] of Object.entries(fusions)) fusedRankings.get(name)!.push(ranked(index, fuse(lexical, dense, 5)));
    }
    return Object.fromEntries([...fusedRankings].map(([name, rankings]) => [name, hitRates(answerable, rankings)]));
  };
  const question = await compare((item) => ({ text: item.question, options: {} }));
  const asAsked = await compare((item) => {
    // As src/core/answer-question.ts does it.
    const place = gazetteer.match(item.question);
    const text = analyzeQuestion(item.question, new Set(place.tokens)).searchText;
    return { text, options: place.kind === 'known' ? { articleIds: new Set(place.articleIds) } : {} };
  });
  const placeOf = (articleId: string) => index.article(articleId)?.place;
  const misses = answerable
    .map((item, position) => ({ item, found: hybridRankings[position] ?? [] }))
    .filter(({ item, found }) => hitRates([item], [found]).hitAt5 === 0)
    .slice(0, 40)
    .map(({ item, found }) => ({ question: item.question, expected: item.sources, found: found.map((passage) => passage.articleId) }));
  return {
    chunks,
    questions: answerable.length,
    hits,
    placeDetection: placeDetectionShares(answerable, gazetteer, placeOf),
    fusions: { question, asAsked },
    misses,
  };
}

async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'work-dir': { type: 'string' },
      questions: { type: 'string', default: '1500' },
      seed: { type: 'string', default: '20250815' },
      misses: { type: 'boolean', default: false },
    },
  });
  if (!values['work-dir']) throw new Error('Usage: node dist/bench/tune-fusion.js --work-dir DIR [--questions N] [--seed S] [--misses] (DIR: a run kept with `npm run bench -- --keep --work-dir DIR`)');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const report = await tuneFusion({ workDir: values['work-dir'], questions: Number(values.questions), seed: Number(values.seed), log });
  const rate = (hits: HitRates | undefined) => (hits ? `${(hits.hitAt1 * 100).toFixed(1)} / ${(hits.hitAt5 * 100).toFixed(1)}` : '');
  log(`[tune] hit@1 / hit@5 (%) over ${report.questions} questions, ${report.chunks} chunks:`);
  for (const [name, hits] of Object.entries(report.hits)) log(`  ${name.padEnd(28)} ${rate(hits)}`);
  log(`  ${'fusion'.padEnd(28)} question as written | as answerQuestion retrieves`);
  for (const [name, hits] of Object.entries(report.fusions.question)) log(`  ${name.padEnd(28)} ${rate(hits).padEnd(18)} | ${rate(report.fusions.asAsked[name])}`);
  log(`[tune] places: ${JSON.stringify(report.placeDetection)}`);
  const { misses, ...figures } = report;
  process.stdout.write(`${JSON.stringify(values.misses ? report : figures, null, 2)}\n`);
  if (!values.misses) log(`[tune] ${misses.length} hybrid misses kept; --misses prints them`);
}

if (isEntryPoint(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
