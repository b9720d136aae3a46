import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isEntryPoint } from './entry-point.js';
import { generateCorpus, writeCorpus } from './generate-corpus.js';
import { runHttpLoad, type HttpLoadResult } from './http-load.js';
import { round } from './latency-summary.js';
import { sampleQuestions } from './run-bench.js';

/** One WORKERS setting's run. */
export interface WorkersRun {
  workers: string;
  processes: number;
  load: HttpLoadResult;
  /** Resident memory of the serving processes together after the run (first process and workers), from /proc. */
  residentMegabytes: number;
}

/** `WORKERS=1` against `WORKERS=auto`, one after the other on the same index: HTTP answers per second. */
export interface WorkersThroughput {
  date: string;
  cores: number;
  chunks: number;
  articles: number;
  clients: number;
  loadAverage: { start: number; end: number };
  runs: WorkersRun[];
  /** Answers per second with `auto` over those with one process. */
  speedup: number;
}

const MAIN = new URL('../src/cli/main.js', import.meta.url);

/** Starts `serve` and resolves with its URL once it listens. */
async function startServe(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [MAIN.pathname, 'serve', '--port', '0'], { env: { PATH: process.env.PATH, HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  return new Promise((resolvePromise, reject) => {
    const read = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match) resolvePromise({ child, url: match[1] as string });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${text}`)));
  });
}

/** Resident set of a process and its children, in MB (Linux /proc; 0 elsewhere). */
async function residentMegabytes(pid: number): Promise<number> {
  const { readFile, readdir } = await import('node:fs/promises');
  const rss = async (id: number) => {
    const status = await readFile(`/proc/${id}/status`, 'utf8').catch(() => '');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  };
  let total = await rss(pid);
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    if (Number(/PPid:\s+(\d+)/.exec(status)?.[1]) === pid) total += await rss(Number(entry));
  }
  return round(total, 0);
}

/** Generates a corpus, then serves it with each WORKERS setting in turn and loads it with the same clients. */
export async function measureWorkersThroughput(options: { chunks: number; clients: number; requests: number; workDir: string; log: (line: string) => void }): Promise<WorkersThroughput> {
  const loadStart = round(loadavg()[0] ?? 0, 2);
  await rm(options.workDir, { recursive: true, force: true });
  await mkdir(options.workDir, { recursive: true });
  const articles = Math.round(options.chunks / 2.75);
  const corpus = generateCorpus({ articles, seed: 20_250_815 });
  const dataDir = join(options.workDir, 'articles');
  await writeCorpus(corpus, dataDir, join(options.workDir, 'qa.jsonl'));
  const questions = sampleQuestions(corpus.questions, 300, 20_250_815).map((item) => item.question);
  const env = {
    DATA_DIR: dataDir,
    INDEX_DIR: join(options.workDir, 'index'),
    DATABASE_PATH: join(options.workDir, 'store.sqlite'),
    RATE_LIMIT_PER_MINUTE: '0',
    MAX_CONCURRENT_ANSWERS: '0',
    SYNC_INTERVAL_MINUTES: '0',
  };
  const runs: WorkersRun[] = [];
  for (const workers of ['1', 'auto']) {
    options.log(`[workers] WORKERS=${workers}…`);
    const { child, url } = await startServe({ ...env, WORKERS: workers });
    // A short warm-up, so neither run pays for first-time compilation.
    await runHttpLoad({ baseUrl: url, questions, clients: options.clients, requestsPerClient: 5, deadlineMilliseconds: 10_000 });
    const load = await runHttpLoad({ baseUrl: url, questions, clients: options.clients, requestsPerClient: options.requests, deadlineMilliseconds: 60_000 });
    const memory = await residentMegabytes(child.pid!);
    child.kill('SIGTERM');
    await once(child, 'exit');
    runs.push({ workers, processes: workers === 'auto' ? availableParallelism() + 1 : 1, load, residentMegabytes: memory });
    options.log(`[workers] WORKERS=${workers}: ${load.requestsPerSecond} answers/s, ${load.failures} failures, ${memory} MB resident`);
  }
  await rm(options.workDir, { recursive: true, force: true });
  const [one, auto] = runs as [WorkersRun, WorkersRun];
  return {
    date: new Date().toISOString().slice(0, 10),
    cores: availableParallelism(),
    chunks: options.chunks,
    articles: corpus.articles.length,
    clients: options.clients,
    loadAverage: { start: loadStart, end: round(loadavg()[0] ?? 0, 2) },
    runs,
    speedup: round(auto.load.requestsPerSecond / one.load.requestsPerSecond, 2),
  };
}

if (isEntryPoint(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      chunks: { type: 'string', default: '10000' },
      clients: { type: 'string', default: '8' },
      requests: { type: 'string', default: '60' },
      out: { type: 'string', default: 'bench/results' },
    },
  });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const result = await measureWorkersThroughput({
    chunks: Number(values.chunks),
    clients: Number(values.clients),
    requests: Number(values.requests),
    workDir: join(tmpdir(), `hoiphuong-workers-${process.pid}`),
    log,
  });
  const file = join(resolve(values.out ?? 'bench/results'), 'workers.json');
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`WORKERS=1 ${result.runs[0]?.load.requestsPerSecond} answers/s, WORKERS=auto ${result.runs[1]?.load.requestsPerSecond} answers/s: ${result.speedup}× on ${result.cores} cores (load ${result.loadAverage.start} → ${result.loadAverage.end})\nWrote ${file}\n`);
}
