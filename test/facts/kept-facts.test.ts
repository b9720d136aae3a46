import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { factsToKeep } from '../../src/facts/extract-facts.js';
import { FactBook } from '../../src/facts/fact-book.js';
import { loadArticles } from '../../src/ingest/load-articles.js';
import { openIndex, updateIndex } from '../../src/search/search-index.js';
import { FakeEmbedder } from '../fakes/fake-embedder.js';

const ARTICLES = 'test/fixtures/facts-wards';
let indexDir: string | undefined;

afterEach(async () => {
  if (indexDir) await rm(indexDir, { recursive: true, force: true });
});

describe('facts kept with an index version', () => {
  it('give every ward the same sheet, history included, as reading the articles', async () => {
    indexDir = await mkdtemp(join(tmpdir(), 'kept-facts-'));
    await updateIndex({ dataDir: ARTICLES, indexDir, embedder: new FakeEmbedder(), extract: factsToKeep });
    const index = await openIndex(indexDir, new FakeEmbedder());
    const kept = FactBook.fromExtracts(index.articleExtracts!()!, (id) => index.article(id));
    const read = FactBook.fromArticles((await loadArticles(ARTICLES)).articles);
    expect(kept.places().length).toBeGreaterThan(0);
    expect(kept.places()).toEqual(read.places());
    for (const place of read.places()) expect(kept.sheet(place)).toEqual(read.sheet(place));
    expect(kept.facts).toHaveLength(read.facts.length);
  });
});
