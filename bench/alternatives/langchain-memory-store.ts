import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { FakeVectorStore } from '@langchain/core/utils/testing';
import type { ScoredLabel } from '../brute-force-search.js';

/**
 * LangChain's in-memory vector store, as a LangChain.js RAG template uses it. `MemoryVectorStore` itself lives in
 * `@langchain/classic` (not installed); @langchain/core 1.4 ships the same algorithm, line for line, as
 * `FakeVectorStore` (a `VectorStore` whose `similaritySearchVectorWithScore` maps every stored vector through
 * `cosine`, sorts them all and slices `k`), so that is what is measured.
 */
export class LangChainMemoryStore {
  private constructor(private readonly store: FakeVectorStore) {}

  /** Adds the same chunks with the same vectors ours indexed; each document's metadata carries its index label. */
  static async build(embeddings: EmbeddingsInterface, chunks: ReadonlyArray<{ label: number; text: string }>, vectors: number[][]): Promise<LangChainMemoryStore> {
    const store = new FakeVectorStore(embeddings);
    const documents = chunks.map((chunk) => new Document({ pageContent: chunk.text, metadata: { label: chunk.label } }));
    await store.addVectors(vectors, documents);
    return new LangChainMemoryStore(store);
  }

  /** The `k` nearest chunks to a query vector, best first. */
  async search(query: number[], k: number): Promise<ScoredLabel[]> {
    const results = await this.store.similaritySearchVectorWithScore(query, k);
    return results.map(([document, score]) => ({ label: Number(document.metadata.label), score }));
  }
}
