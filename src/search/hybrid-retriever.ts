import { queryTerms } from './lexical-terms.js';
import type { PlaceGazetteer } from './place-gazetteer.js';
import type { Hit } from './hit.js';
import type { SearchIndex } from './search-index.js';
import type { Embedder, RetrieveOptions, Retriever } from '../core/ports.js';
import type { Passage } from '../core/types.js';

/** How many candidates each retriever contributes before fusion. */
const CANDIDATES = 40;
/** Reciprocal rank fusion constant; 60 is the value from the original RRF paper and works without tuning. */
const RRF_K = 60;
/**
 * BM25 counts sixteen times the vectors in the fusion, so the vectors only settle close calls (they can swap BM25's
 * neighbouring passages, never lift one past two others) and add passages BM25 does not find. The offline hashed
 * vectors of same-template articles are nearly identical, so their ranking mostly adds noise: at 100k chunks
 * (bench/tune-fusion.ts, 2,975 questions) BM25 alone put the answer first for 89.4 % of questions, the vectors for
 * 53.0 %, equal weights for 75.6 % and the earlier ×2 for 80.9 %; ×16 gives 89.3 % (hit@5 95.4 % vs 94.8 % at ×2).
 */
const LEXICAL_WEIGHT = 16;

/** One ranking to fuse and how much it counts. */
export interface WeightedRanking {
  hits: readonly Hit[];
  weight: number;
}

/**
 * Weighted reciprocal rank fusion: each ranking gives a hit `weight / (rankConstant + rank)`; the best `limit` sums
 * come first, ties going to the lower label so results are deterministic.
 */
export function fuseRankings(rankings: readonly WeightedRanking[], limit: number, rankConstant = RRF_K): Hit[] {
  const fused = new Map<number, number>();
  for (const { hits, weight } of rankings) {
    hits.forEach((hit, rank) => fused.set(hit.label, (fused.get(hit.label) ?? 0) + weight / (rankConstant + rank + 1)));
  }
  return [...fused.entries()]
    .sort((left, right) => right[1] - left[1] || left[0] - right[0])
    .slice(0, limit)
    .map(([label, score]) => ({ label, score }));
}

/** Restricts a search to the articles of the place a query names (or the default place); undefined means no restriction. */
export function placeFilter(
  index: SearchIndex,
  gazetteer: PlaceGazetteer,
  query: string,
  options: RetrieveOptions = {},
): ReadonlySet<number> | undefined {
  let articleIds = options.articleIds;
  if (!articleIds) {
    const detection = gazetteer.detect(query);
    const places =
      detection.kind === 'known' ? detection.places : options.defaultPlace ? gazetteer.resolve(options.defaultPlace) : [];
    if (places.length > 0) articleIds = new Set(places.flatMap((place) => place.articleIds));
  }
  if (!articleIds) return undefined;
  // A place has a few dozen chunks: the searches take their labels as they are, without asking about every chunk.
  return new Set([...articleIds].flatMap((id) => index.chunkLabels(id)));
}

function toPassages(index: SearchIndex, hits: readonly Hit[]): Passage[] {
  const passages: Passage[] = [];
  for (const hit of hits) {
    const chunk = index.chunk(hit.label);
    const article = chunk ? index.article(chunk.articleId) : undefined;
    if (chunk && article) passages.push({ chunk, article, score: hit.score });
  }
  return passages;
}

/** Dense retrieval alone: nearest chunks by embedding (hnswlib), restricted to the place a query names. */
export class VectorRetriever implements Retriever {
  constructor(
    private readonly index: SearchIndex,
    private readonly embedder: Embedder,
    private readonly gazetteer: PlaceGazetteer,
  ) {}

  async retrieve(query: string, limit: number, options?: RetrieveOptions): Promise<Passage[]> {
    const vector = await this.embedder.embedQuery(query);
    const filter = placeFilter(this.index, this.gazetteer, query, options);
    return toPassages(this.index, this.index.vectorSearch(vector, limit, filter));
  }
}

/** Lexical retrieval alone: BM25 over accented and diacritic-folded syllables, restricted to the place a query names. */
export class LexicalRetriever implements Retriever {
  constructor(
    private readonly index: SearchIndex,
    private readonly gazetteer: PlaceGazetteer,
  ) {}

  async retrieve(query: string, limit: number, options?: RetrieveOptions): Promise<Passage[]> {
    const filter = placeFilter(this.index, this.gazetteer, query, options);
    return toPassages(this.index, this.index.lexicalSearch(queryTerms(query), limit, filter));
  }
}

/**
 * Hybrid retrieval: BM25 and vector results fused by weighted reciprocal rank (BM25 leading), restricted to the place a
 * query names. When the embedder fails (a remote embedding server down), it logs once per failure and answers from BM25
 * alone.
 */
export class HybridRetriever implements Retriever {
  constructor(
    private readonly index: SearchIndex,
    private readonly embedder: Embedder,
    private readonly gazetteer: PlaceGazetteer,
    private readonly log: (line: string) => void = () => {},
  ) {}

  async retrieve(query: string, limit: number, options?: RetrieveOptions): Promise<Passage[]> {
    const filter = placeFilter(this.index, this.gazetteer, query, options);
    const depth = Math.max(CANDIDATES, limit);
    const lexical = this.index.lexicalSearch(queryTerms(query), depth, filter);
    let dense: Hit[] = [];
    try {
      dense = this.index.vectorSearch(await this.embedder.embedQuery(query), depth, filter);
    } catch (error) {
      this.log(`[retrieval] ${this.embedder.name} failed, answering from BM25 alone: ${error instanceof Error ? error.message : String(error)}`);
    }
    const ranked = fuseRankings(
      [
        { hits: lexical, weight: LEXICAL_WEIGHT },
        { hits: dense, weight: 1 },
      ],
      limit,
    );
    return toPassages(this.index, ranked);
  }
}
