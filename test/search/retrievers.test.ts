import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeRetriever } from './describe-retriever.js';
import { HashingEmbedder } from '../../src/search/hashing-embedder.js';
import { HybridRetriever, LexicalRetriever, VectorRetriever } from '../../src/search/hybrid-retriever.js';
import { PlaceGazetteer } from '../../src/search/place-gazetteer.js';
import { updateIndex, type SearchIndex } from '../../src/search/search-index.js';

const embedder = new HashingEmbedder();
let opened: Promise<{ index: SearchIndex; gazetteer: PlaceGazetteer; directory: string }> | undefined;

function open() {
  opened ??= (async () => {
    const directory = await mkdtemp(join(tmpdir(), 'hoiphuong-retrievers-'));
    const { index } = await updateIndex({ dataDir: 'test/fixtures/similar-wards', indexDir: directory, embedder });
    return { index, gazetteer: PlaceGazetteer.fromArticles(index.articles()), directory };
  })();
  return opened;
}

afterAll(async () => {
  if (opened) await rm((await opened).directory, { recursive: true, force: true });
});

describeRetriever('vector', async () => {
  const { index, gazetteer } = await open();
  return new VectorRetriever(index, embedder, gazetteer);
});
describeRetriever('BM25', async () => {
  const { index, gazetteer } = await open();
  return new LexicalRetriever(index, gazetteer);
});
describeRetriever('hybrid', async () => {
  const { index, gazetteer } = await open();
  return new HybridRetriever(index, embedder, gazetteer);
});
