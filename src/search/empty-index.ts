import type { SearchIndex } from './search-index.js';

/**
 * An index with no articles: what a replica answers from while no version has been published yet (its questions get
 * the "index not ready" reply, and /healthz counts 0 articles).
 */
export function emptyIndex(embedder: { name: string; dimensions: number }): SearchIndex {
  return {
    embedderName: embedder.name,
    dimensions: embedder.dimensions,
    folder: undefined,
    articles: () => [],
    article: () => undefined,
    chunk: () => undefined,
    chunkLabels: () => [],
    vectorSearch: () => [],
    lexicalSearch: () => [],
  };
}
