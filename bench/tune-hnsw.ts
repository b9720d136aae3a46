import { readFile, stat, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import type { QaItem } from '../src/core/score-answers.js';
import { HashingEmbedder } from '../src/search/hashing-embedder.js';
import { openIndex } from '../src/search/search-index.js';
import { VectorIndex } from '../src/search/vector-index.js';
import { BruteForceSearch, tieAwareRecall } from './brute-force-search.js';
import { isEntryPoint } from './entry-point.js';
import { round, summarizeLatencies, timeEach, type LatencySummary } from './latency-summary.js';
import { sampleQuestions } from './run-bench.js';
import { indexedText, readStoredVectors } from './stored-vectors.js';

/** One hnsw setting tried: build cost, size, and for each ef the recall and speed of unfiltered top-10 search. */
export interface HnswTrial {
  m: number;
  efConstruction: number;
  buildSeconds: number;
  fileMegabytes: number;
  searches: Array<{ ef: number; recallAt10: number; latency: LatencySummary }>;
}

/** Options of the sweep. */
export interface HnswSweepOptions {
  /** A bench work folder kept with `--keep`: its `index/` holds the vectors, its `qa.jsonl` the questions. */
  workDir: string;
  settings: Array<{ m: number; efConstruction: number }>;
  efs: number[];
  questions: number;
  seed: number;
  /** Embed the chunks again at this many dimensions instead of reading the stored vectors (a what-if for the embedder). */
  dimensions?: number;
  log: (line: string) => void;
}

const K = 10;

/**
 * Builds hnsw graphs with several M/efConstruction settings from the index's stored vectors (as `VectorIndex` builds
 * them during ingest) and measures recall@10 against exact search and query time for several ef values.
 */
export async function sweepHnsw(options: HnswSweepOptions): Promise<{ chunks: number; trials: HnswTrial[] }> {
  const stock = new HashingEmbedder();
  const embedder = options.dimensions ? new HashingEmbedder({ dimensions: options.dimensions }) : stock;
  const dimensions = embedder.dimensions;
  const vectors: number[][] = [];
  if (options.dimensions) {
    const index = await openIndex(join(options.workDir, 'index'), stock);
    for (const article of index.articles()) {
      for (const label of index.chunkLabels(article.id)) {
        const chunk = index.chunk(label);
        if (chunk) vectors[label] = embedder.embed(indexedText(article, chunk.text));
      }
    }
  } else {
    const stored = await readStoredVectors(join(options.workDir, 'index'), dimensions);
    for (let label = 0; label < stored.length / dimensions; label++) vectors[label] = Array.from(stored.subarray(label * dimensions, (label + 1) * dimensions));
  }
  const exact = new BruteForceSearch(dimensions, vectors.length);
  vectors.forEach((vector, label) => exact.add(vector, label));
  const questions = (await readFile(join(options.workDir, 'qa.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as QaItem);
  const queries = await Promise.all(
    sampleQuestions(questions, options.questions, options.seed).map((item) => embedder.embedQuery(item.question)),
  );
  const reference = queries.map((query) => exact.search(query, K));
  options.log(`[tune] ${exact.size} vectors of ${dimensions} dimensions, ${queries.length} queries`);

  const trials: HnswTrial[] = [];
  for (const setting of options.settings) {
    const started = performance.now();
    const graph = VectorIndex.create(dimensions, exact.size, { m: setting.m, efConstruction: setting.efConstruction });
    vectors.forEach((vector, label) => graph.add(label, vector));
    const buildSeconds = round((performance.now() - started) / 1_000);
    const path = join(tmpdir(), `hoiphuong-hnsw-${process.pid}.bin`);
    graph.save(path);
    const fileMegabytes = round((await stat(path)).size / 1_000_000, 1);
    const searches: HnswTrial['searches'] = [];
    for (const ef of options.efs) {
      const loaded = VectorIndex.load(path, dimensions, { ef });
      queries.slice(0, 10).forEach((query) => loaded.search(query, K));
      const runs = await timeEach(queries, (query) => loaded.search(query, K));
      searches.push({ ef, recallAt10: tieAwareRecall(exact, queries, reference, runs.results), latency: summarizeLatencies(runs.milliseconds) });
    }
    await rm(path, { force: true });
    trials.push({ ...setting, buildSeconds, fileMegabytes, searches });
    options.log(
      `[tune] M=${setting.m} efConstruction=${setting.efConstruction}: build ${buildSeconds} s, ${fileMegabytes} MB; ` +
        searches.map((search) => `ef ${search.ef} → recall ${search.recallAt10}, p50 ${search.latency.p50} ms`).join('; '),
    );
  }
  return { chunks: exact.size, trials };
}

async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'work-dir': { type: 'string' },
      settings: { type: 'string', default: '16:100,16:200,32:100,8:100' },
      ef: { type: 'string', default: '32,64,96,128,256,512' },
      questions: { type: 'string', default: '300' },
      seed: { type: 'string', default: '20250815' },
      dimensions: { type: 'string' },
    },
  });
  if (!values['work-dir']) throw new Error('Usage: node dist/bench/tune-hnsw.js --work-dir DIR (a run kept with `npm run bench -- --keep --work-dir DIR`)');
  const settings = (values.settings ?? '').split(',').map((pair) => {
    const [m, efConstruction] = pair.split(':').map(Number);
    if (!Number.isInteger(m) || !Number.isInteger(efConstruction)) throw new RangeError(`--settings wants M:efConstruction pairs, got ${pair}.`);
    return { m: m as number, efConstruction: efConstruction as number };
  });
  const result = await sweepHnsw({
    workDir: values['work-dir'],
    settings,
    efs: (values.ef ?? '').split(',').map(Number),
    questions: Number(values.questions),
    seed: Number(values.seed),
    ...(values.dimensions ? { dimensions: Number(values.dimensions) } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

if (isEntryPoint(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
