import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { formatReport } from '../../bench/report-table.js';
import { runBench, sampleQuestions, type BenchResult } from '../../bench/run-bench.js';

describe('runBench on a tiny corpus', () => {
  let workDir: string;
  let result: BenchResult;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'hoiphuong-bench-test-'));
    result = await runBench({
      name: 'tiny',
      chunks: 100,
      articles: 40,
      seed: 11,
      questions: 30,
      slowQueries: 4,
      httpRequests: 6,
      httpClients: 3,
      workDir: join(workDir, 'run'),
      isolate: false,
      keep: false,
      date: '2025-01-01',
      revision: 'test',
      log: () => {},
    });
  }, 120_000);

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('ingests every generated article and embeds nothing when re-ingesting the unchanged or merely touched corpus', () => {
    expect(result.corpus.articles).toBe(40);
    expect(result.ingest.articles).toBe(40);
    expect(result.ingest.chunks).toBeGreaterThan(40);
    expect(result.ingest.skippedFiles).toBe(0);
    expect(result.ingest.reingestChunksEmbedded).toBe(0);
    expect(result.ingest.touchedReingestChunksEmbedded).toBe(0);
    expect(result.corpus.indexMegabytes).toBeGreaterThan(0);
  });

  it('times every sampled question for retrieval and answering, and every HTTP request succeeds', () => {
    expect(result.query.retrieval.count).toBe(30);
    expect(result.query.answer.count).toBe(30);
    expect(result.query.httpSingle).toMatchObject({ clients: 1, requests: 6, failures: 0 });
    expect(result.query.httpConcurrent).toMatchObject({ clients: 3, requests: 9, failures: 0 });
    expect(result.query.accuracy.questions).toBe(30);
    const places = result.query.placeDetection;
    expect(places.exact + places.extra + places.missed).toBeCloseTo(1, 2);
  });

  it('compares ours with exact search, LangChain and MiniSearch on the same chunks', () => {
    expect(result.comparison!.chunks).toBe(result.ingest.chunks);
    expect(result.comparison!.rows.map((row) => row.name.replace(/ \(.*$/, ''))).toEqual([
      'ours: hybrid retriever',
      'ours: vector search',
      'ours: BM25 lexical search',
      'exact brute force',
      'LangChain in-memory store',
      'MiniSearch BM25',
    ]);
    expect(result.comparison!.recallAt10).toBeGreaterThanOrEqual(0);
    expect(result.comparison!.recallAt10).toBeLessThanOrEqual(1);
    const exact = result.comparison!.rows[3];
    const langchain = result.comparison!.rows[4];
    expect(langchain?.latency.count).toBe(4);
    expect(exact?.hits.questions).toBe(result.query.hits.hybrid.questions);
  });

  it('checks every target of the issue and prints them in the report', () => {
    expect(result.targets).toHaveLength(8);
    const report = formatReport(result);
    expect(report).toContain('Hỏi Phường bench "tiny"');
    expect(report).toContain('LangChain in-memory store');
    expect(report).toContain('vector search recall@10');
    for (const check of result.targets) expect(report).toContain(check.target);
  });
});

describe('runBench work folder', () => {
  it('refuses to empty a folder it did not make', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'hoiphuong-bench-test-'));
    await writeFile(join(folder, 'precious.txt'), 'keep me');
    await expect(
      runBench({
        name: 'refused',
        chunks: 10,
        articles: 1,
        seed: 1,
        questions: 10,
        slowQueries: 1,
        httpRequests: 1,
        httpClients: 1,
        workDir: folder,
        isolate: false,
        keep: false,
        date: '2025-01-01',
        revision: 'test',
        log: () => {},
      }),
    ).rejects.toThrow(/not made by the bench/);
    await expect(readFile(join(folder, 'precious.txt'), 'utf8')).resolves.toBe('keep me');
    await rm(folder, { recursive: true, force: true });
  });
});

describe('sampleQuestions', () => {
  const questions = generateCorpus({ articles: 200, seed: 5 }).questions;

  it('draws the same sample for the same seed, with 15% unanswerable questions', () => {
    const sample = sampleQuestions(questions, 100, 9);
    expect(sampleQuestions(questions, 100, 9)).toEqual(sample);
    expect(sample).toHaveLength(100);
    expect(sample.filter((item) => item.kind === 'unanswerable')).toHaveLength(15);
  });
});
