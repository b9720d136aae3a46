import MiniSearch from 'minisearch';
import { foldedKeys } from '../../src/ingest/normalize-vietnamese.js';
import type { ScoredLabel } from '../brute-force-search.js';

/**
 * A BM25-only search with MiniSearch, the lexical baseline: one field, diacritic-folded syllables (so questions typed
 * without diacritics still match), no prefix or fuzzy matching, OR of the query terms.
 */
export class MiniSearchBm25 {
  private constructor(private readonly index: MiniSearch<{ id: number; text: string }>) {}

  /** Indexes the chunks under their index labels. */
  static build(chunks: ReadonlyArray<{ label: number; text: string }>): MiniSearchBm25 {
    const search = new MiniSearch<{ id: number; text: string }>({
      fields: ['text'],
      storeFields: [],
      tokenize: (text) => foldedKeys(text),
      processTerm: (term) => term,
    });
    search.addAll(chunks.map((chunk) => ({ id: chunk.label, text: chunk.text })));
    return new MiniSearchBm25(search);
  }

  /** The `k` best chunks for a free-text query, best first. */
  search(query: string, k: number): ScoredLabel[] {
    return this.index
      .search(query, { combineWith: 'OR', prefix: false, fuzzy: false })
      .slice(0, k)
      .map((result) => ({ label: Number(result.id), score: result.score }));
  }
}
