import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Writable } from 'node:stream';
import { openServices } from '../src/cli/open-services.js';
import { loadConfig } from '../src/config.js';
import { chunkArticle } from '../src/ingest/chunk.js';
import { LexicalRetriever, VectorRetriever } from '../src/search/hybrid-retriever.js';
import type { QaItem } from '../src/core/score-answers.js';
import { peakRssMegabytes, runChild, startChild } from './child-process.js';
import { isEntryPoint } from './entry-point.js';
import { coldStart, type ColdStartOptions, type ColdStartReport } from './children/cold-start.js';
import { ingestCorpus, type IngestOptions, type IngestReport } from './children/ingest-corpus.js';
import { serveCorpus, type ServeOptions, type ServingReport } from './children/serve-corpus.js';
import { compareAlternatives, type Comparison } from './compare-alternatives.js';
import { generateCorpus, writeCorpus, type GeneratedCorpus } from './generate-corpus.js';
import { runHttpLoad, type HttpLoadResult } from './http-load.js';
import { round } from './latency-summary.js';
import { measureQueries, type QueryMeasurement } from './measure-queries.js';
import { formatReport, targetsOf, type TargetCheck } from './report-table.js';
import { SeededRandom } from './seeded-random.js';

/** What a bench run does. */
export interface BenchOptions {
  /** Results go to bench/results/<name>.json. */
  name: string;
  /** Corpus size in chunks; the article count is derived from it unless `articles` is given. */
  chunks: number;
  articles?: number;
  seed: number;
  /** Questions sampled from the generated ones (85 % answerable). */
  questions: number;
  slowQueries: number;
  /** Requests of the single-client HTTP run; the 8-client run sends this many per client, halved. */
  httpRequests: number;
  httpClients: number;
  workDir: string;
  /** Run ingest, cold start and the server in fresh child processes (the compiled bench); off in tests. */
  isolate: boolean;
  /** Keep the generated corpus and index in `workDir`. */
  keep: boolean;
  /** Leave out the side-by-side alternatives (LangChain's store takes seconds a query past 100k chunks). */
  skipAlternatives?: boolean;
  /** `YYYY-MM-DD`, injected so the result is reproducible in tests. */
  date: string;
  /** The code measured, e.g. the git commit, noting uncommitted changes under src/. */
  revision: string;
  log: (line: string) => void;
}

/** Everything one run measured; written as bench/results/<name>.json. */
export interface BenchResult {
  name: string;
  date: string;
  revision: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGibibytes: number;
    node: string;
    platform: string;
    /** 1-minute load average at the start and the end: other work on the machine inflates every timing. */
    loadAverage: { start: number; end: number };
  };
  settings: { seed: number; targetChunks: number; questions: number; embedder: string; dimensions: number; isolated: boolean };
  corpus: { articles: number; places: number; chunks: number; questionsGenerated: number; generateSeconds: number; writeSeconds: number; indexMegabytes: number };
  ingest: IngestReport;
  coldStart: ColdStartReport;
  serving: ServingReport & { peakRssMegabytes: number };
  query: QueryMeasurement & { httpSingle: HttpLoadResult; httpConcurrent: HttpLoadResult };
  /** Absent when the run left the alternatives out (`--skip-alternatives`, as `bench:1m` does). */
  comparison?: Comparison;
  benchProcessPeakRssMegabytes: number;
  /** Wall-clock seconds of each phase of the run, to keep the run itself bounded. */
  phaseSeconds: Record<string, number>;
  targets: TargetCheck[];
}

/** Generates the corpus, ingests it, measures start-up, queries, quality and the alternatives, and returns the figures. */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const loadAtStart = round(loadavg()[0] ?? 0, 2);
  const phaseSeconds: Record<string, number> = {};
  const runStarted = performance.now();
  let phaseStarted = runStarted;
  const log = (line: string) => options.log(`${line} (${round((performance.now() - runStarted) / 1_000, 1)} s into the run)`);
  const endPhase = (name: string) => {
    const now = performance.now();
    phaseSeconds[name] = round((now - phaseStarted) / 1_000, 1);
    phaseStarted = now;
  };
  const dataDir = join(options.workDir, 'articles');
  const indexDir = join(options.workDir, 'index');
  await resetWorkDir(options.workDir);

  const generateStarted = performance.now();
  const corpus = corpusOfSize(options);
  const generateSeconds = round((performance.now() - generateStarted) / 1_000);
  log(`[bench] generated ${corpus.articles.length} articles about ${corpus.places} places, ${corpus.questions.length} questions (${generateSeconds} s)`);
  const writeStarted = performance.now();
  await writeCorpus(corpus, dataDir, join(options.workDir, 'qa.jsonl'));
  const writeSeconds = round((performance.now() - writeStarted) / 1_000);
  const sample = sampleQuestions(corpus.questions, options.questions, options.seed);
  endPhase('generate and write');
  const firstQuestion = sample.find((item) => item.kind !== 'unanswerable')?.question ?? 'Bí thư Đảng ủy phường là ai?';

  log('[bench] ingesting (fresh index), then again with nothing changed…');
  const ingest = await inChild<IngestOptions, IngestReport>(options, 'ingest-corpus', ingestCorpus, { dataDir, indexDir });
  log(`[bench] ingest ${ingest.chunks} chunks in ${ingest.seconds} s; unchanged re-ingest ${ingest.reingestSeconds} s`);
  const indexMegabytes = round((await folderBytes(indexDir)) / 1_000_000, 1);
  endPhase('ingest twice');

  log('[bench] cold start in a fresh process…');
  const cold = await inChild<ColdStartOptions, ColdStartReport>(options, 'cold-start', coldStart, { indexDir, question: firstQuestion });
  endPhase('cold start');

  log('[bench] single-client queries in this process…');
  const config = loadConfig({ DATA_DIR: dataDir, INDEX_DIR: indexDir, RATE_LIMIT_PER_MINUTE: '0' });
  const services = await openServices(config, { output: discard() });
  const { measurement: query, hybridRankings } = await measureQueries(
    {
      ask: services.ask,
      hybrid: services.retriever,
      vectorOnly: new VectorRetriever(services.index, services.embedder, services.gazetteer),
      lexicalOnly: new LexicalRetriever(services.index, services.gazetteer),
      places: services.gazetteer,
      placeOf: (articleId) => services.index.article(articleId)?.place,
    },
    sample,
  );
  endPhase('single-client queries');

  log('[bench] HTTP API: one client, then several concurrent clients…');
  const server = await startServer(options, { dataDir, indexDir, databasePath: join(options.workDir, 'bench.sqlite'), question: firstQuestion });
  const questions = sample.map((item) => item.question);
  const baseUrl = `http://127.0.0.1:${server.report.port}`;
  const httpSingle = await runHttpLoad({ baseUrl, questions, clients: 1, requestsPerClient: options.httpRequests, deadlineMilliseconds: HTTP_DEADLINE_MILLISECONDS });
  const httpConcurrent = await runHttpLoad({
    baseUrl,
    questions,
    clients: options.httpClients,
    requestsPerClient: Math.max(1, Math.ceil(options.httpRequests / 2)),
    deadlineMilliseconds: HTTP_DEADLINE_MILLISECONDS,
  });
  const stopped = await server.stop();
  endPhase('HTTP');

  let comparison: Comparison | undefined;
  if (!options.skipAlternatives) {
    log('[bench] side by side with the alternatives…');
    const answerable = sample.filter((item) => item.kind !== 'unanswerable');
    comparison = await compareAlternatives({
      index: services.index,
      indexDir,
      embedder: services.embedder,
      hybrid: { latency: query.retrieval, rankings: hybridRankings },
      items: answerable,
      slowQueries: options.slowQueries,
      log,
    });
    endPhase('alternatives');
  }
  await services.close();
  if (!options.keep) await rm(options.workDir, { recursive: true, force: true });

  const partial = {
    name: options.name,
    date: options.date,
    revision: options.revision,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGibibytes: round(totalmem() / 1_073_741_824, 1),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      loadAverage: { start: loadAtStart, end: round(loadavg()[0] ?? 0, 2) },
    },
    settings: {
      seed: options.seed,
      targetChunks: options.chunks,
      questions: sample.length,
      embedder: services.embedder.name,
      dimensions: services.embedder.dimensions,
      isolated: options.isolate,
    },
    corpus: {
      articles: corpus.articles.length,
      places: corpus.places,
      chunks: ingest.chunks,
      questionsGenerated: corpus.questions.length,
      generateSeconds,
      writeSeconds,
      indexMegabytes,
    },
    ingest,
    coldStart: cold,
    serving: { ...server.report, ...stopped },
    query: { ...query, httpSingle, httpConcurrent },
    ...(comparison ? { comparison } : {}),
    benchProcessPeakRssMegabytes: peakRssMegabytes(),
    phaseSeconds,
  };
  return { ...partial, targets: targetsOf(partial) };
}

/** Each HTTP run stops sending after this long, so a slow server cannot stretch the bench. */
const HTTP_DEADLINE_MILLISECONDS = 15_000;

/** Generates about `options.chunks` chunks' worth of articles (two tries: estimate, then correct), or `articles` exactly. */
function corpusOfSize(options: BenchOptions): GeneratedCorpus {
  if (options.articles !== undefined) return generateCorpus({ articles: options.articles, seed: options.seed });
  const countChunks = (generated: GeneratedCorpus) => generated.articles.reduce((sum, article) => sum + chunkArticle(article).length, 0);
  const pilot = generateCorpus({ articles: 300, seed: options.seed });
  let articles = Math.max(1, Math.round(options.chunks / (countChunks(pilot) / pilot.articles.length)));
  let corpus = generateCorpus({ articles, seed: options.seed });
  const chunks = countChunks(corpus);
  if (Math.abs(chunks - options.chunks) > options.chunks * 0.03) {
    articles = Math.max(1, Math.round((articles * options.chunks) / chunks));
    corpus = generateCorpus({ articles, seed: options.seed });
  }
  return corpus;
}

/** A reproducible sample: 85 % questions with an answer, the rest unanswerable, shuffled together. */
export function sampleQuestions(questions: readonly QaItem[], count: number, seed: number): QaItem[] {
  const random = new SeededRandom(seed ^ 0x5eed);
  const answerable = questions.filter((item) => item.kind !== 'unanswerable');
  const unanswerable = questions.filter((item) => item.kind === 'unanswerable');
  const wantedUnanswerable = Math.min(unanswerable.length, Math.round(count * 0.15));
  return random.shuffle([...random.sample(answerable, count - wantedUnanswerable), ...random.sample(unanswerable, wantedUnanswerable)]);
}

async function inChild<Options, Report>(bench: BenchOptions, script: string, run: (options: Options) => Promise<Report>, options: Options): Promise<Report> {
  return bench.isolate ? runChild<Report>(childScript(script), options) : run(options);
}

async function startServer(bench: BenchOptions, options: ServeOptions): Promise<{ report: ServingReport; stop(): Promise<{ peakRssMegabytes: number }> }> {
  if (!bench.isolate) return serveCorpus(options);
  const child = startChild(childScript('serve-corpus'), options);
  const report = await child.next<ServingReport>();
  return {
    report,
    async stop() {
      child.send('stop');
      const stopped = await child.next<{ peakRssMegabytes: number }>();
      await child.exited;
      return stopped;
    },
  };
}

function childScript(name: string): URL {
  return new URL(`./children/${name}.js`, import.meta.url);
}

/** Marks a folder the bench made, so a mistyped `--work-dir` never deletes anything else. */
const WORK_DIR_MARKER = '.hoiphuong-bench';

/** Empties the work folder, refusing a folder that holds anything but an earlier bench run. */
async function resetWorkDir(workDir: string): Promise<void> {
  const entries = await readdir(workDir).catch(() => [] as string[]);
  if (entries.length > 0 && !entries.includes(WORK_DIR_MARKER)) {
    throw new Error(`${workDir} is not empty and was not made by the bench; give --work-dir a new or empty folder.`);
  }
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  await writeFile(join(workDir, WORK_DIR_MARKER), 'Made by bench/run-bench.ts; deleted and rebuilt by every run.\n');
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    total += entry.isDirectory() ? await folderBytes(path) : (await stat(path)).size;
  }
  return total;
}

function discard(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}

/** The commit being measured, and whether src/ has uncommitted changes (the build compiles the work tree). */
function gitRevision(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit} + uncommitted changes in src/` : commit;
  } catch (error) {
    return `unknown (${error instanceof Error ? error.message : String(error)})`;
  }
}

async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      chunks: { type: 'string', default: '10000' },
      articles: { type: 'string' },
      name: { type: 'string' },
      seed: { type: 'string', default: '20250815' },
      questions: { type: 'string', default: '300' },
      'slow-queries': { type: 'string', default: '40' },
      'http-requests': { type: 'string', default: '150' },
      'http-clients': { type: 'string', default: '8' },
      'work-dir': { type: 'string' },
      keep: { type: 'boolean', default: false },
      'skip-alternatives': { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench/results' },
    },
  });
  const whole = (name: string, raw: string | undefined, min = 1): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new RangeError(`--${name} must be a whole number of at least ${min} (got ${raw}).`);
    return value;
  };
  const chunks = whole('chunks', values.chunks, 10);
  const name = values.name ?? (chunks >= 1_000 ? `${Math.round(chunks / 1_000)}k` : String(chunks));
  if (!/^[\w.-]+$/.test(name)) throw new RangeError(`--name must be letters, digits, ".", "-" or "_" (got ${name}).`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`[bench] ${name}: ${cpus().length} cores, ${round(totalmem() / 1_073_741_824, 1)} GiB memory (${round(freemem() / 1_073_741_824, 1)} GiB free), Node ${process.version}`);
  const result = await runBench({
    name,
    chunks,
    ...(values.articles ? { articles: whole('articles', values.articles) } : {}),
    seed: whole('seed', values.seed, 0),
    questions: whole('questions', values.questions, 10),
    slowQueries: whole('slow-queries', values['slow-queries']),
    httpRequests: whole('http-requests', values['http-requests']),
    httpClients: whole('http-clients', values['http-clients']),
    workDir: values['work-dir'] ?? join(tmpdir(), `hoiphuong-bench-${name}`),
    isolate: true,
    keep: values.keep ?? false,
    skipAlternatives: values['skip-alternatives'] ?? false,
    date: new Date().toISOString().slice(0, 10),
    revision: gitRevision(),
    log,
  });
  const out = resolve(values.out ?? 'bench/results');
  await mkdir(out, { recursive: true });
  const file = join(out, `${name}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${formatReport(result)}\nWrote ${file}\n`);
}

if (isEntryPoint(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
