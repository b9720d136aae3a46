import type { Embedder } from '../core/ports.js';
import { CorpusVocabulary } from '../search/corpus-vocabulary.js';
import { HybridRetriever } from '../search/hybrid-retriever.js';
import { PlaceGazetteer } from '../search/place-gazetteer.js';
import type { SearchIndex } from '../search/search-index.js';

/** What answers from one index version: its places, retrieval over it and its words for repairing typing slips. */
export interface IndexAnswering {
  gazetteer: PlaceGazetteer;
  retriever: HybridRetriever;
  vocabulary: CorpusVocabulary | undefined;
}

/** Builds retrieval, places and vocabulary on an index, the same on the event loop and in an answer thread. */
export function indexAnswering(index: SearchIndex, embedder: Embedder, log: (line: string) => void): IndexAnswering {
  const gazetteer = PlaceGazetteer.fromArticles(index.articles());
  const retriever = new HybridRetriever(index, embedder, gazetteer, log);
  const vocabulary = index.unigramFrequencies ? new CorpusVocabulary(() => index.unigramFrequencies?.() ?? new Map()) : undefined;
  return { gazetteer, retriever, vocabulary };
}
