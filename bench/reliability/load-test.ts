import { Agent, request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileSync, mkdirSync } from 'node:fs';
import { chunkArticle } from '../../src/ingest/chunk.js';
import { generateCorpus, writeCorpus, type GeneratedCorpus } from '../generate-corpus.js';
import { residentMegabytes, runCli, serveEnvironment, startServe } from './serve-process.js';

/**
 * `npm run test:load`: answers/s and latency at 16, 64 and 256 concurrent loopback clients against a real `serve`
 * process, on the sample corpus and on a generated 10k-chunk corpus. Bounded: each level sends a fixed number of
 * requests and stops after 30 s whatever happens. Writes bench/results/reliability-load.json.
 */
const LEVELS = [
  { clients: 16, requestsPerClient: 40 },
  { clients: 64, requestsPerClient: 16 },
  { clients: 256, requestsPerClient: 6 },
];
const LEVEL_DEADLINE_MS = 30_000;
/** Questions of the kinds residents ask, about no ward in particular (the server picks by retrieval). */
const SAMPLE_QUESTIONS = [
  'Bí thư Đảng ủy phường là ai?',
  'Dân số của phường là bao nhiêu?',
  'Bộ phận một cửa ở đâu?',
  'Thu ngân sách năm 2025 là bao nhiêu?',
  'Phường được sáp nhập từ những phường nào?',
  'Chủ tịch UBND xã là ai?',
  'Who is the party secretary of the ward?',
  'Đại hội Đảng bộ diễn ra ngày nào?',
];

interface Outcome {
  status: number;
  milliseconds: number;
}

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]! * 10) / 10;
}

function ask(agent: Agent, baseUrl: string, question: string): Promise<Outcome> {
  const url = new URL('/api/ask', baseUrl);
  const body = JSON.stringify({ question });
  const sent = performance.now();
  return new Promise((resolve) => {
    const outgoing = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (incoming) => {
        incoming.resume();
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, milliseconds: performance.now() - sent }));
      },
    );
    outgoing.setTimeout(LEVEL_DEADLINE_MS, () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', () => resolve({ status: 0, milliseconds: performance.now() - sent }));
    outgoing.end(body);
  });
}

async function runLevel(baseUrl: string, questions: readonly string[], clients: number, requestsPerClient: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const outcomes: Outcome[] = [];
  const started = performance.now();
  const deadline = started + LEVEL_DEADLINE_MS;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let index = 0; index < requestsPerClient && performance.now() < deadline; index += 1) {
        outcomes.push(await ask(agent, baseUrl, questions[(client * requestsPerClient + index) % questions.length]!));
      }
    }),
  );
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  const answered = outcomes.filter((outcome) => outcome.status === 200).map((outcome) => outcome.milliseconds).sort((a, b) => a - b);
  const busy = outcomes.filter((outcome) => outcome.status === 503).map((outcome) => outcome.milliseconds).sort((a, b) => a - b);
  return {
    clients,
    requests: outcomes.length,
    answered: answered.length,
    answersPerSecond: Math.round((answered.length / seconds) * 10) / 10,
    p50Ms: percentile(answered, 0.5),
    p99Ms: percentile(answered, 0.99),
    maxMs: percentile(answered, 1),
    busy503: busy.length,
    busyP99Ms: percentile(busy, 0.99),
    other5xx: outcomes.filter((outcome) => outcome.status >= 500 && outcome.status !== 503).length,
    failed: outcomes.filter((outcome) => outcome.status === 0 || (outcome.status >= 400 && outcome.status < 500)).length,
  };
}

function corpusOfChunks(chunks: number): GeneratedCorpus {
  const count = (corpus: GeneratedCorpus) => corpus.articles.reduce((sum, article) => sum + chunkArticle(article).length, 0);
  const pilot = generateCorpus({ articles: 300 });
  const articles = Math.max(1, Math.round(chunks / (count(pilot) / pilot.articles.length)));
  return generateCorpus({ articles });
}

async function measureCorpus(name: string, dataDir: string, questions: readonly string[], work: string) {
  const env = serveEnvironment({
    DATA_DIR: dataDir,
    INDEX_DIR: join(work, `${name}-index`),
    DATABASE_PATH: join(work, `${name}.sqlite`),
    // Every client shares 127.0.0.1: the per-visitor limit would turn this into a rate-limit test.
    RATE_LIMIT_PER_MINUTE: '0',
    // `--answer-threads N` compares settings (default: the server's own, auto).
    ...(process.argv.includes('--answer-threads') ? { ANSWER_THREADS: process.argv[process.argv.indexOf('--answer-threads') + 1]! } : {}),
  });
  const ingest = await runCli(['ingest'], env, 600_000);
  process.stderr.write(`[load] ${name}: ${ingest.output.trim()}\n`);
  const server = await startServe(env);
  try {
    for (let index = 0; index < 20; index += 1) await ask(new Agent(), server.baseUrl, questions[index % questions.length]!);
    const rssBefore = residentMegabytes(server.child.pid);
    const levels = [];
    // `--clients N` measures one level only (e.g. 64).
    const clients = process.argv.includes('--clients') ? Number(process.argv[process.argv.indexOf('--clients') + 1]) : undefined;
    for (const level of LEVELS.filter((candidate) => clients === undefined || candidate.clients === clients)) {
      const result = await runLevel(server.baseUrl, questions, level.clients, level.requestsPerClient);
      process.stderr.write(`[load] ${name} ${JSON.stringify(result)}\n`);
      levels.push(result);
    }
    return { corpus: name, rssBeforeMb: rssBefore, rssAfterMb: residentMegabytes(server.child.pid), levels };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'hoiphuong-load-'));
  try {
    const sampleDir = fileURLToPath(new URL('../../../data/articles/', import.meta.url));
    const generated = corpusOfChunks(10_000);
    const generatedDir = join(work, 'articles-10k');
    await writeCorpus(generated, generatedDir, join(work, 'qa-10k.jsonl'));
    const generatedQuestions = generated.questions.slice(0, 400).map((item) => item.question);
    // `--only sample` or `--only 10k-chunks` measures one corpus (the results file then holds only it).
    const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
    const results = [];
    if (!only || only === 'sample') results.push(await measureCorpus('sample', sampleDir, SAMPLE_QUESTIONS, work));
    if (!only || only === '10k-chunks') results.push(await measureCorpus('10k-chunks', generatedDir, generatedQuestions, work));
    const resultsDir = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'reliability-load.json'), `${JSON.stringify({ when: new Date().toISOString(), results }, null, 2)}\n`);
    const rows = results.flatMap((result) =>
      result.levels.map(
        (level) =>
          `| ${result.corpus} | ${level.clients} | ${level.answersPerSecond} | ${level.p50Ms} | ${level.p99Ms} | ${level.busy503} (p99 ${level.busyP99Ms} ms) | ${level.other5xx} | ${level.failed} |`,
      ),
    );
    process.stdout.write(
      [
        '| corpus | clients | answers/s | p50 ms | p99 ms | 503s | other 5xx | failed |',
        '|---|---|---|---|---|---|---|---|',
        ...rows,
        '',
        ...results.map((result) => `${result.corpus}: server RSS ${result.rssBeforeMb} MB before, ${result.rssAfterMb} MB after`),
        '',
      ].join('\n'),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
