import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { generateCorpus, writeCorpus } from '../generate-corpus.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { HashingEmbedder } from '../../src/search/hashing-embedder.js';
import { openIndex } from '../../src/search/search-index.js';
import { CLI, runCli, serveEnvironment, startServe } from './serve-process.js';

/**
 * `npm run test:faults`: kills, corrupts and floods a real `serve`/`ingest` on 127.0.0.1 and checks that nothing
 * acknowledged is lost and every damage is reported and repaired. Each check is bounded in requests and time.
 * Prints one line per check and writes bench/results/reliability-faults.json.
 */
const SAMPLE = fileURLToPath(new URL('../../../data/articles/', import.meta.url));
const results: Array<{ check: string; ok: boolean; detail: string }> = [];

function report(check: string, ok: boolean, detail: string): void {
  results.push({ check, ok, detail });
  process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${check}: ${detail}\n`);
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function currentVersion(indexDir: string): string {
  return join(indexDir, readFileSync(join(indexDir, 'CURRENT'), 'utf8').trim());
}

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Waits until `condition` holds, checking every 20 ms, for at most `timeoutMs`; says whether it did. */
async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await pause(20);
  }
  return condition();
}

function post(baseUrl: string, path: string, body: object, localAddress?: string, onSent?: () => void): Promise<{ status: number; body: string }> {
  const url = new URL(path, baseUrl);
  const text = JSON.stringify(body);
  return new Promise((resolve) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
        ...(localAddress ? { localAddress } : {}),
      },
      (incoming) => {
        let received = '';
        incoming.on('data', (part: Buffer) => (received += part.toString()));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: received }));
        incoming.on('error', () => resolve({ status: 0, body: received }));
      },
    );
    outgoing.setTimeout(20_000, () => outgoing.destroy());
    outgoing.on('error', (error) => resolve({ status: 0, body: error.message }));
    // Written means on the wire: 'finish' alone only says the request was handed to a socket that may still be
    // connecting (a starved client sends its SYNs late), and a request the server never received is not in flight.
    if (onSent) {
      let finished = false;
      let connected = false;
      const check = () => finished && connected && setImmediate(onSent);
      outgoing.on('finish', () => ((finished = true), check()));
      outgoing.on('socket', (socket) => {
        if (!socket.connecting) connected = true;
        else socket.once('connect', () => ((connected = true), check()));
        check();
      });
    }
    outgoing.end(text);
  });
}

export async function askCli(env: NodeJS.ProcessEnv, question: string): Promise<{ answered: boolean; code: number | null; output: string }> {
  const run = await runCli(['ask', '--json', question], env);
  const line = run.output.split('\n').find((candidate) => candidate.startsWith('{'));
  return { answered: line ? (JSON.parse(line) as { answered: boolean }).answered : false, code: run.code, output: run.output };
}

async function sigkillDuringIngest(work: string): Promise<void> {
  const dataDir = join(work, 'kill-articles');
  const corpus = generateCorpus({ articles: 2_400 });
  await writeCorpus({ ...corpus, articles: corpus.articles.slice(0, 600) }, dataDir, join(work, 'kill-qa.jsonl'));
  const env = serveEnvironment({ DATA_DIR: dataDir, INDEX_DIR: join(work, 'kill-index'), DATABASE_PATH: join(work, 'kill.sqlite') });
  await runCli(['ingest'], env, 300_000);
  const before = readFileSync(join(work, 'kill-index', 'CURRENT'), 'utf8');
  await writeCorpus(corpus, dataDir, join(work, 'kill-qa.jsonl'));
  const child = spawn(process.execPath, [CLI, 'ingest'], { env, stdio: 'ignore' });
  const writing = await waitFor(() => readdirSync(join(work, 'kill-index')).some((name) => name.startsWith('.tmp-v')), 60_000);
  await pause(300);
  child.kill('SIGKILL');
  await once(child, 'exit');
  const lockLeft = existsSync(join(work, 'kill-index', 'LOCK'));
  const after = readFileSync(join(work, 'kill-index', 'CURRENT'), 'utf8');
  // The previous version opens whole (checksums verified) without any ingest.
  const previous = await openIndex(join(work, 'kill-index'), new HashingEmbedder());
  const previousArticles = previous.articles().length;
  const next = await runCli(['ingest'], env, 300_000);
  const leftovers = readdirSync(join(work, 'kill-index')).filter((name) => name.startsWith('.tmp-v'));
  report(
    'SIGKILL during ingest',
    writing && before === after && previousArticles === 600 && next.code === 0 && !/Waiting for/.test(next.output) && /1800 added/.test(next.output) && leftovers.length === 0,
    `killed while writing a new version (lock left: ${lockLeft}); CURRENT unchanged and the previous version opened intact (${previousArticles} articles, checksums verified); the next ingest took the lock over at once and cleaned up: ${next.output.trim().split('\n').pop()}`,
  );
}

async function sigkillDuringVotes(work: string): Promise<void> {
  const databasePath = join(work, 'votes.sqlite');
  const env = serveEnvironment({ DATA_DIR: SAMPLE, INDEX_DIR: join(work, 'votes-index'), DATABASE_PATH: databasePath, RATE_LIMIT_PER_MINUTE: '0' });
  const server = await startServe(env);
  const answerIds: string[] = [];
  for (const question of ['Bí thư Đảng ủy phường An Hải là ai?', 'Dân số phường Hòa Bình là bao nhiêu?', 'Bộ phận một cửa phường Hạc Thành ở đâu?']) {
    const response = await post(server.baseUrl, '/api/ask', { question });
    answerIds.push((JSON.parse(response.body) as { answerId: string }).answerId);
  }
  // 600 votes from 200 loopback visitors (127.0.1.x), 40 at a time; the server is killed after 150 acknowledgements.
  const votes = Array.from({ length: 600 }, (_, index) => ({ answerId: answerIds[index % answerIds.length]!, visitor: `127.0.1.${(index % 200) + 1}`, vote: index % 2 ? 'up' : 'down' }));
  const acknowledged: typeof votes = [];
  let next = 0;
  let killed = false;
  await Promise.all(
    Array.from({ length: 40 }, async () => {
      while (next < votes.length) {
        const vote = votes[next++]!;
        const response = await post(server.baseUrl, '/api/feedback', { answerId: vote.answerId, vote: vote.vote }, vote.visitor);
        if (response.status === 200) acknowledged.push(vote);
        if (!killed && acknowledged.length >= 150) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }
    }),
  );
  await server.exited;
  const store = SqliteStore.open({ path: databasePath, pinMatchThreshold: 0.8 });
  const missing = acknowledged.filter(
    (vote) =>
      !store.database
        .prepare('SELECT 1 FROM feedback WHERE answer_id = ? AND user_key = ? AND vote = ?')
        .get(vote.answerId, store.userKeys.userKey('web', `visitor:${vote.visitor}`), vote.vote),
  );
  const rows = (store.database.prepare('SELECT COUNT(*) AS n FROM feedback').get() as { n: number }).n;
  store.close();
  report('SIGKILL during a burst of votes', missing.length === 0, `${acknowledged.length} votes acknowledged before the kill, ${rows} rows on disk, ${missing.length} acknowledged votes missing`);
}

async function corruptIndexFiles(work: string): Promise<void> {
  const indexDir = join(work, 'corrupt-index');
  const env = serveEnvironment({ DATA_DIR: SAMPLE, INDEX_DIR: indexDir, DATABASE_PATH: join(work, 'corrupt.sqlite') });
  const damages: Array<[string, (folder: string) => void]> = [
    ['texts.utf8 with one name changed', (folder) => {
      const path = join(folder, 'texts.utf8');
      const text = readFileSync(path);
      text[Math.floor(text.length / 2)] = text[Math.floor(text.length / 2)]! ^ 0x01;
      writeFileSync(path, text);
    }],
    ['texts.utf8 truncated', (folder) => truncateSync(join(folder, 'texts.utf8'), Math.floor(statSync(join(folder, 'texts.utf8')).size / 2))],
    ['vectors.f32 with a flipped bit', (folder) => {
      const path = join(folder, 'vectors.f32');
      const bytes = readFileSync(path);
      bytes[7] = bytes[7]! ^ 0x80;
      writeFileSync(path, bytes);
    }],
    ['index.bin truncated', (folder) => truncateSync(join(folder, 'index.bin'), 100)],
    ['manifest.json garbled', (folder) => writeFileSync(join(folder, 'manifest.json'), '{"format": 5, "artic')],
  ];
  for (const [name, damage] of damages) {
    await runCli(['ingest'], env);
    damage(currentVersion(indexDir));
    const run = await runCli(['ingest'], env);
    const line = run.output.split('\n').find((candidate) => candidate.startsWith('Rebuilt the index')) ?? '';
    const answer = await askCli(env, 'Bí thư Đảng ủy phường An Hải là ai?');
    report(`index: ${name}`, run.code === 0 && line !== '' && answer.answered, `${line.slice(0, 160)}… → rebuilt, then answered`);
  }
}

async function corruptDatabase(work: string): Promise<void> {
  const databasePath = join(work, 'damaged.sqlite');
  const env = serveEnvironment({ DATA_DIR: SAMPLE, INDEX_DIR: join(work, 'db-index'), DATABASE_PATH: databasePath });
  const store = SqliteStore.open({ path: databasePath, pinMatchThreshold: 0.8 });
  const insert = store.database.prepare('INSERT INTO settings (scope, key, value) VALUES (?, ?, ?)');
  for (let index = 0; index < 200; index += 1) insert.run('probe', `key-${index}`, 'x'.repeat(200));
  store.database.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  // Page 2 starts at byte 4096: its b-tree header is what SQLite's integrity check reads first.
  for (const [name, offset] of [['a damaged page', 4096], ['a damaged header', 0]] as const) {
    const copy = `${databasePath}.${offset}`;
    cpSync(databasePath, copy);
    const bytes = readFileSync(copy);
    bytes.fill(0x5a, offset, offset + 64);
    writeFileSync(copy, bytes);
    const hash = sha256(copy);
    const run = await runCli(['serve'], { ...env, DATABASE_PATH: copy }, 60_000);
    const line = run.output.split('\n').find((candidate) => candidate.includes(copy)) ?? run.output.trim();
    report(`database with ${name}`, run.code === 1 && sha256(copy) === hash, `serve refused (exit ${run.code}), file unchanged: ${line.slice(0, 150)}…`);
  }
}

async function hugeArticle(work: string): Promise<void> {
  const dataDir = join(work, 'huge-articles');
  cpSync(SAMPLE, dataDir, { recursive: true });
  const sentences: string[] = [];
  let size = 0;
  for (let index = 0; size < 20 * 1024 * 1024; index += 1) {
    const sentence = `Câu số ${index}: Ủy ban nhân dân phường đã tiếp nhận ${index * 7} hồ sơ trong tháng ${(index % 12) + 1}.${index % 1000 === 999 ? '\n\n' : ' '}`;
    sentences.push(sentence);
    size += Buffer.byteLength(sentence);
  }
  writeFileSync(join(dataDir, 'rat-dai.md'), `---\nid: rat-dai\ntitle: "Bài rất dài"\nplace: "phường Thử Nghiệm, TP Hải Phòng"\n---\n\n${sentences.join('')}`);
  const capped = await runCli(['ingest'], serveEnvironment({ DATA_DIR: dataDir, INDEX_DIR: join(work, 'huge-capped'), DATABASE_PATH: join(work, 'huge.sqlite') }));
  const skipped = capped.output.split('\n').find((line) => line.startsWith('Skipped rat-dai.md')) ?? '';
  report('20 MiB article, default cap', capped.code === 0 && skipped !== '' && capped.seconds < 10, `${capped.seconds.toFixed(1)} s: ${skipped}`);
  const uncapped = await runCli(['ingest'], serveEnvironment({ DATA_DIR: dataDir, INDEX_DIR: join(work, 'huge-uncapped'), DATABASE_PATH: join(work, 'huge.sqlite'), MAX_ARTICLE_BYTES: '0' }), 180_000);
  report('20 MiB article, no cap (MAX_ARTICLE_BYTES=0)', uncapped.code === 0, `ingested in ${uncapped.seconds.toFixed(1)} s (linear: about 1.1 s per MiB on this machine): ${uncapped.output.trim().split('\n').pop()}`);
}

async function sigtermInFlight(work: string): Promise<void> {
  const env = serveEnvironment({ DATA_DIR: SAMPLE, INDEX_DIR: join(work, 'term-index'), DATABASE_PATH: join(work, 'term.sqlite'), RATE_LIMIT_PER_MINUTE: '0', MAX_CONCURRENT_ANSWERS: '0' });
  const server = await startServe(env);
  // SIGTERM once every request has been written to its connection: all 64 are then in flight.
  let sent = 0;
  let allSent!: () => void;
  const written = new Promise<void>((resolve) => (allSent = resolve));
  const requests = Array.from({ length: 64 }, (_, index) =>
    post(server.baseUrl, '/api/ask', { question: `Bí thư Đảng ủy phường An Hải là ai? (${index})` }, undefined, () => {
      sent += 1;
      if (sent === 64) allSent();
    }),
  );
  await written;
  server.child.kill('SIGTERM');
  const responses = await Promise.all(requests);
  const exit = await server.exited;
  const answered = responses.filter((response) => response.status === 200).length;
  const failures = [...new Set(responses.filter((response) => response.status !== 200).map((response) => `${response.status} ${response.body.slice(0, 40)}`))];
  report('SIGTERM with 64 answers in flight', answered === 64 && exit.code === 0, `${answered} of 64 answered, ${64 - answered} cut off${failures.length ? ` (${failures.join('; ')})` : ''}; exit code ${exit.code}`);
}

async function idleSockets(work: string): Promise<void> {
  const env = serveEnvironment({ DATA_DIR: SAMPLE, INDEX_DIR: join(work, 'idle-index'), DATABASE_PATH: join(work, 'idle.sqlite') });
  const server = await startServe(env);
  const url = new URL(server.baseUrl);
  const sockets: Socket[] = [];
  for (let index = 0; index < 1_100; index += 1) {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    socket.on('error', () => {});
    socket.resume();
    sockets.push(socket);
  }
  const started = performance.now();
  let served = false;
  while (!served && performance.now() - started < 30_000) {
    served = (await post(server.baseUrl, '/api/ask', { question: 'Bí thư Đảng ủy phường An Hải là ai?' })).status === 200;
    if (!served) await pause(250);
  }
  const seconds = (performance.now() - started) / 1000;
  for (const socket of sockets) socket.destroy();
  server.child.kill('SIGTERM');
  await server.exited;
  report('1,100 idle sockets (MAX_CONNECTIONS 512)', served && seconds < 15, `server stayed up; a new question was answered ${seconds.toFixed(1)} s after the sockets opened (idle ones are closed after the 10 s header timeout)`);
}

async function emptyLock(work: string): Promise<void> {
  const indexDir = join(work, 'lock-index');
  mkdirSync(indexDir, { recursive: true });
  writeFileSync(join(indexDir, 'LOCK'), '');
  const run = await runCli(['ingest'], serveEnvironment({ DATA_DIR: SAMPLE, INDEX_DIR: indexDir, DATABASE_PATH: join(work, 'lock.sqlite') }), 60_000);
  report('empty LOCK file', run.code === 0 && !/Waiting for/.test(run.output), `ingest took it over at once (${run.seconds.toFixed(1)} s)`);
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'hoiphuong-faults-'));
  try {
    // `--only NAME` runs one check (e.g. `--only sigtermInFlight`), `--repeat N` runs the chosen checks N times.
    const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
    const only = option('--only');
    const repeat = Number(option('--repeat') ?? 1);
    const checks = [emptyLock, corruptIndexFiles, corruptDatabase, sigkillDuringVotes, sigtermInFlight, idleSockets, hugeArticle, sigkillDuringIngest].filter(
      (check) => !only || check.name === only,
    );
    for (const check of Array.from({ length: repeat }, () => checks).flat()) {
      try {
        await check(work);
      } catch (error) {
        report(check.name, false, error instanceof Error ? error.message : String(error));
      }
    }
    const resultsDir = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'reliability-faults.json'), `${JSON.stringify({ when: new Date().toISOString(), results }, null, 2)}\n`);
    const failed = results.filter((result) => !result.ok).length;
    process.stdout.write(`${results.length - failed} of ${results.length} checks passed.\n`);
    process.exitCode = failed ? 1 : 0;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
