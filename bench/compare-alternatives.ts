import { FakeEmbeddings } from '@langchain/core/utils/testing';
import type { Embedder } from '../src/core/ports.js';
import type { QaItem } from '../src/core/score-answers.js';
import { queryTerms } from '../src/search/lexical-terms.js';
import type { SearchIndex } from '../src/search/search-index.js';
import { LangChainMemoryStore } from './alternatives/langchain-memory-store.js';
import { MiniSearchBm25 } from './alternatives/minisearch-bm25.js';
import { BruteForceSearch, tieAwareRecall, type ScoredLabel } from './brute-force-search.js';
import { round, summarizeLatencies, timeEach, type LatencySummary } from './latency-summary.js';
import { hitRates, type HitRates, type RankedPassage } from './retrieval-hits.js';
import { indexedText, readStoredVectors } from './stored-vectors.js';

/** How one search did on the sampled questions, and how it compares with ours. */
export interface ComparisonRow {
  name: string;
  /** Seconds to build it from the chunks (and their vectors). */
  buildSeconds?: number;
  /** Time per query; vector searches are given the query vector (embedding it costs the same for all). */
  latency: LatencySummary;
  hits: HitRates;
  /** Its p50 over ours (same kind of search): how many times faster ours is. */
  oursFasterBy?: number;
  /** Its hit@5 over our hybrid retriever's on the same questions. */
  hitAt5VersusOurs?: number;
}

/** The side-by-side run: the same chunks and vectors in each search, the same questions. */
export interface Comparison {
  chunks: number;
  /** Our vector search's recall@10 against exact search, ties at the 10th score counted as found. */
  recallAt10: number;
  rows: ComparisonRow[];
}

/** What the comparison needs from the bench. */
export interface CompareOptions {
  index: SearchIndex;
  /** Where `index` is persisted: its stored vectors are read back for the alternatives. */
  indexDir: string;
  embedder: Embedder;
  /** Our hybrid retriever as measured on the same questions (see measure-queries.ts): its time and its passages per question. */
  hybrid: { latency: LatencySummary; rankings: ReadonlyArray<readonly RankedPassage[]> };
  /** Questions with an answer. */
  items: readonly QaItem[];
  /** LangChain's store and MiniSearch take up to seconds per query at 100k chunks: they get the first few questions only. */
  slowQueries: number;
  log: (line: string) => void;
}

const K = 10;

/** Measures our searches and the alternatives on the same chunks, vectors and questions. */
export async function compareAlternatives(options: CompareOptions): Promise<Comparison> {
  const { index, embedder, items, log } = options;
  const chunks: Array<{ label: number; text: string; articleId: string; chunkText: string }> = [];
  for (const article of index.articles()) {
    for (const label of index.chunkLabels(article.id)) {
      const chunk = index.chunk(label);
      if (chunk) chunks.push({ label, text: indexedText(article, chunk.text), articleId: chunk.articleId, chunkText: chunk.text });
    }
  }
  const chunkByLabel = new Map(chunks.map((chunk) => [chunk.label, chunk]));
  const passages = (hits: readonly ScoredLabel[]): RankedPassage[] =>
    hits.flatMap((hit) => {
      const chunk = chunkByLabel.get(hit.label);
      return chunk ? [{ articleId: chunk.articleId, text: chunk.chunkText }] : [];
    });

  const stored = await readStoredVectors(options.indexDir, embedder.dimensions);
  const dimensions = embedder.dimensions;
  const vectors = chunks.map((chunk) => Array.from(stored.subarray(chunk.label * dimensions, (chunk.label + 1) * dimensions)));
  const queryVectorsFor = await Promise.all(items.map((item) => embedder.embedQuery(item.question)));

  log('[bench] building exact search, LangChain store and MiniSearch…');
  const bruteStarted = performance.now();
  const brute = new BruteForceSearch(embedder.dimensions, chunks.length);
  chunks.forEach((chunk, position) => brute.add(vectors[position] as number[], chunk.label));
  const bruteSeconds = (performance.now() - bruteStarted) / 1_000;
  const langchainStarted = performance.now();
  const langchain = await LangChainMemoryStore.build(new FakeEmbeddings(), chunks, vectors);
  const langchainSeconds = (performance.now() - langchainStarted) / 1_000;
  const miniStarted = performance.now();
  const minisearch = MiniSearchBm25.build(chunks);
  const miniSeconds = (performance.now() - miniStarted) / 1_000;

  log('[bench] querying every search…');
  const warm = Math.min(5, items.length);
  for (let position = 0; position < warm; position++) {
    const vector = queryVectorsFor[position] as number[];
    index.vectorSearch(vector, K);
    brute.search(vector, K);
    index.lexicalSearch(queryTerms(items[position]?.question ?? ''), K);
    minisearch.search(items[position]?.question ?? '', K);
  }
  const positions = items.map((_, position) => position);
  const vectorRuns = await timeEach(positions, (position) => index.vectorSearch(queryVectorsFor[position] as number[], K));
  const exact = await timeEach(positions, (position) => brute.search(queryVectorsFor[position] as number[], K));
  const lexical = await timeEach(items, (item) => index.lexicalSearch(queryTerms(item.question), K));
  const slowItems = items.slice(0, Math.min(options.slowQueries, items.length));
  const mini = await timeEach(slowItems, (item) => minisearch.search(item.question, K));
  const langchainRuns = await timeEach(slowItems.map((_, position) => position), (position) =>
    langchain.search(queryVectorsFor[position] as number[], K),
  );

  const recallAt10 = tieAwareRecall(brute, queryVectorsFor, exact.results, vectorRuns.results);

  const hybridHits = hitRates(items, options.hybrid.rankings);
  const hybridOnSlowItems = hitRates(slowItems, options.hybrid.rankings.slice(0, slowItems.length));
  const rowOf = (name: string, latency: LatencySummary, hits: HitRates, extra: Partial<ComparisonRow> = {}): ComparisonRow => {
    const ours = hits.questions === hybridHits.questions ? hybridHits : hybridOnSlowItems;
    return {
      name,
      ...extra,
      latency,
      hits,
      ...(Number.isFinite(hits.hitAt5) && ours.hitAt5 > 0 ? { hitAt5VersusOurs: round(hits.hitAt5 / ours.hitAt5) } : {}),
    };
  };
  const vectorLatency = summarizeLatencies(vectorRuns.milliseconds);
  const lexicalLatency = summarizeLatencies(lexical.milliseconds);
  const oursOnSlowItems = { vector: summarizeLatencies(vectorRuns.milliseconds.slice(0, slowItems.length)), lexical: summarizeLatencies(lexical.milliseconds.slice(0, slowItems.length)) };
  const fasterBy = (theirs: LatencySummary, ours: LatencySummary) => round(theirs.p50 / ours.p50, 1);
  const exactLatency = summarizeLatencies(exact.milliseconds);
  const langchainLatency = summarizeLatencies(langchainRuns.milliseconds);
  const miniLatency = summarizeLatencies(mini.milliseconds);
  return {
    chunks: chunks.length,
    recallAt10,
    rows: [
      rowOf('ours: hybrid retriever (place filter, BM25 + vector, RRF)', options.hybrid.latency, hybridHits),
      rowOf('ours: vector search', vectorLatency, hitRates(items, vectorRuns.results.map(passages))),
      rowOf('ours: BM25 lexical search', lexicalLatency, hitRates(items, lexical.results.map(passages))),
      rowOf('exact brute force (Float32Array)', exactLatency, hitRates(items, exact.results.map(passages)), {
        buildSeconds: round(bruteSeconds),
        oursFasterBy: fasterBy(exactLatency, vectorLatency),
      }),
      rowOf(`LangChain in-memory store (${slowItems.length} queries)`, langchainLatency, hitRates(slowItems, langchainRuns.results.map(passages)), {
        buildSeconds: round(langchainSeconds),
        oursFasterBy: fasterBy(langchainLatency, oursOnSlowItems.vector),
      }),
      rowOf(`MiniSearch BM25 (${slowItems.length} queries)`, miniLatency, hitRates(slowItems, mini.results.map(passages)), {
        buildSeconds: round(miniSeconds),
        oursFasterBy: fasterBy(miniLatency, oursOnSlowItems.lexical),
      }),
    ],
  };
}
