import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/generate-corpus.js';
import { DEFAULT_FUSIONS, tuneFusion, type FusionReport } from '../../bench/tune-fusion.js';
import { HashingEmbedder } from '../../src/search/hashing-embedder.js';
import { updateIndex } from '../../src/search/search-index.js';

describe('tuneFusion on a tiny generated corpus', () => {
  let workDir: string;
  let report: FusionReport;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'hoiphuong-tune-fusion-'));
    await writeCorpus(generateCorpus({ articles: 30, seed: 5 }), join(workDir, 'articles'), join(workDir, 'qa.jsonl'));
    await updateIndex({ dataDir: join(workDir, 'articles'), indexDir: join(workDir, 'index'), embedder: new HashingEmbedder() });
    report = await tuneFusion({ workDir, questions: 60, seed: 3, log: () => {} });
  }, 60_000);

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('scores the same answerable questions for every retriever and every fusion', () => {
    expect(report.questions).toBeGreaterThan(20);
    for (const hits of [...Object.values(report.hits), ...Object.values(report.fusions.question), ...Object.values(report.fusions.asAsked)]) {
      expect(hits.questions).toBe(report.questions);
    }
    expect(Object.keys(report.fusions.question)).toEqual(Object.keys(DEFAULT_FUSIONS));
  });

  it('ranks candidates as the retrievers do: "bm25 only" and "vectors only" match the BM25 and vector retrievers', () => {
    expect(report.fusions.question['bm25 only']).toEqual(report.hits.lexicalOnly);
    expect(report.fusions.question['vectors only']).toEqual(report.hits.vectorOnly);
  });

  it('finds the place of every question the generator wrote about a named place', () => {
    expect(report.placeDetection).toEqual({ exact: 1, extra: 0, missed: 0 });
  });

  it('lists one miss per question the hybrid retriever misses in its top 5, with its expected sources', () => {
    expect(report.misses).toHaveLength(Math.min(40, Math.round((1 - report.hits.hybrid.hitAt5) * report.questions)));
    for (const miss of report.misses) expect(miss.expected.length).toBeGreaterThan(0);
  });
});
