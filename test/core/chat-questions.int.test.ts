import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAskService } from '../../src/core/ask-service.js';
import { CorpusVocabulary } from '../../src/search/corpus-vocabulary.js';
import { HashingEmbedder } from '../../src/search/hashing-embedder.js';
import { HybridRetriever } from '../../src/search/hybrid-retriever.js';
import { PlaceGazetteer } from '../../src/search/place-gazetteer.js';
import { updateIndex } from '../../src/search/search-index.js';
import type { AskService } from '../../src/core/ports.js';

let indexDir: string;
let service: AskService;

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'hoiphuong-chat-'));
  const embedder = new HashingEmbedder();
  const { index } = await updateIndex({ dataDir: 'test/fixtures/similar-wards', indexDir, embedder });
  const gazetteer = PlaceGazetteer.fromArticles(index.articles());
  const vocabulary = new CorpusVocabulary(() => index.unigramFrequencies?.() ?? new Map());
  service = createAskService({ retriever: new HybridRetriever(index, embedder, gazetteer), places: gazetteer, vocabulary, log: () => {} });
});

afterAll(async () => {
  await rm(indexDir, { recursive: true, force: true });
});

const ask = (text: string) => service.ask({ text, channel: 'cli' });

describe('questions typed the way residents chat', () => {
  it('answers civic abbreviations with the unit letter and the province as initials', async () => {
    const result = await ask('bt đảng ủy p. Tân An (HN) là ai z ad?');
    expect(result.answered).toBe(true);
    expect(result.answer).toContain('Trần Minh Khoa');
    expect(result.citations[0]?.id).toBe('phuong-tan-an-ha-noi-2025');
  });

  it('answers through a typing slip', async () => {
    const result = await ask('phường Tân An Cần Thơ có bao nhiêuu đảng viênn?');
    expect(result.answered).toBe(true);
    expect(result.answer).toContain('1.875');
  });
});
