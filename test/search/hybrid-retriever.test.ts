import { describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/core/ports.js';
import type { ArticleMeta, Chunk } from '../../src/core/types.js';
import { fuseRankings, HybridRetriever } from '../../src/search/hybrid-retriever.js';
import { PlaceGazetteer } from '../../src/search/place-gazetteer.js';
import type { Hit } from '../../src/search/hit.js';
import type { SearchIndex } from '../../src/search/search-index.js';

const ranking = (...labels: number[]): Hit[] => labels.map((label, rank) => ({ label, score: 1 - rank / 100 }));

/** A search index whose two searches return fixed rankings over chunks 0–9 of one article. */
function scriptedIndex(lexical: Hit[], dense: Hit[]): SearchIndex {
  const article: ArticleMeta = { id: 'bai', title: 'Bài', url: '', place: 'phường An Hải, TP Hải Phòng' };
  const chunk = (label: number): Chunk => ({ id: `bai#${label}`, articleId: 'bai', ordinal: label, start: 0, end: 1, text: `đoạn ${label}` });
  return {
    embedderName: 'scripted',
    dimensions: 2,
    articles: () => [article],
    article: (id) => (id === article.id ? article : undefined),
    chunk: (label) => (label >= 0 && label < 10 ? chunk(label) : undefined),
    chunkLabels: () => [...Array(10).keys()],
    vectorSearch: (_vector, k) => dense.slice(0, k),
    lexicalSearch: (_query, k) => lexical.slice(0, k),
  };
}

const embedder: Embedder = {
  name: 'scripted',
  dimensions: 2,
  embedDocuments: async (texts) => texts.map(() => [1, 0]),
  embedQuery: async () => [1, 0],
};
const failing: Embedder = { ...embedder, embedQuery: async () => Promise.reject(new Error('connection refused')) };

async function retrieve(index: SearchIndex, using: Embedder = embedder, log: (line: string) => void = () => {}): Promise<number[]> {
  const retriever = new HybridRetriever(index, using, PlaceGazetteer.fromArticles(index.articles()), log);
  return (await retriever.retrieve('Bí thư phường An Hải là ai?', 5)).map((passage) => passage.chunk.ordinal);
}

describe('fuseRankings', () => {
  it('ranks what both rankings find above what only one finds', () => {
    const fused = fuseRankings([{ hits: ranking(1, 2), weight: 1 }, { hits: ranking(2, 3), weight: 1 }], 3);
    expect(fused.map((hit) => hit.label)).toEqual([2, 1, 3]);
  });

  it('lets the heavier ranking decide between two hits each ranking puts first', () => {
    const fused = fuseRankings([{ hits: ranking(1, 2), weight: 3 }, { hits: ranking(2, 1), weight: 1 }], 2);
    expect(fused.map((hit) => hit.label)).toEqual([1, 2]);
  });
});

describe('HybridRetriever', () => {
  it("keeps BM25's order when the vectors rank its first passage last of ten", async () => {
    expect(await retrieve(scriptedIndex(ranking(1, 2, 3), ranking(3, 2, 9, 8, 7, 6, 5, 4, 0, 1)))).toEqual([1, 2, 3, 9, 8]);
  });

  it('lets the vectors settle a close call between the first two passages of BM25', async () => {
    expect((await retrieve(scriptedIndex(ranking(1, 2, 3), ranking(2, 3))))[0]).toBe(2);
  });

  it('still returns passages only the vectors found when BM25 finds too few', async () => {
    expect(await retrieve(scriptedIndex(ranking(1), ranking(6, 1)))).toEqual([1, 6]);
  });

  it('answers from BM25 alone, and says why, when the embedder fails', async () => {
    const lines: string[] = [];
    expect(await retrieve(scriptedIndex(ranking(3, 2), ranking(6)), failing, (line) => lines.push(line))).toEqual([3, 2]);
    expect(lines.join('\n')).toContain('connection refused');
  });
});
