import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// `serve` with HTTP workers, and a second process sharing its INDEX_DIR, run from the built CLI as a deployment would.
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const NEW_ARTICLE = `---
id: phuong-ben-song-chu-tich-moi
title: "Phường Bến Sông có Chủ tịch UBND mới"
place: "phường Bến Sông, tỉnh Thủy Mẫu"
published: 2025-09-02
---
Chiều 1/9, HĐND phường Bến Sông tổ chức kỳ họp bất thường. Ông Lò Văn Khánh được bầu giữ chức Chủ tịch UBND phường Bến Sông nhiệm kỳ 2021 - 2026.
`;
const NEW_QUESTION = 'Chủ tịch UBND phường Bến Sông là ai?';

interface Running {
  child: ChildProcess;
  output(): string;
  until(pattern: RegExp): Promise<RegExpExecArray>;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

function run(args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['dist/src/cli/main.js', ...args], { env: { PATH: process.env.PATH, HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  });
  let text = '';
  const waiters: Array<() => void> = [];
  const notify = () => waiters.splice(0).forEach((wake) => wake());
  child.stdout!.on('data', (chunk: Buffer) => ((text += chunk.toString('utf8')), notify()));
  child.stderr!.on('data', (chunk: Buffer) => ((text += chunk.toString('utf8')), notify()));
  child.on('exit', notify);
  const until = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(text);
        if (match) return resolve(match);
        if (child.exitCode !== null) return reject(new Error(`${args[0]} exited with ${child.exitCode} before ${pattern}:\n${text}`));
        waiters.push(check);
      };
      check();
    });
  return { child, output: () => text, until, exited };
}

async function workDir(): Promise<{ dataDir: string; indexDir: string; databasePath: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'hoiphuong-workers-'));
  cleanups.push(() => rm(folder, { recursive: true, force: true }));
  const dataDir = join(folder, 'articles');
  await cp('test/fixtures/articles-mixed', dataDir, { recursive: true });
  return { dataDir, indexDir: join(folder, 'index'), databasePath: join(folder, 'store.sqlite') };
}

interface Health {
  ok: boolean;
  articles: number;
  indexVersion?: string;
  worker?: number;
}

/** One request on a connection of its own (no keep-alive), so the workers take turns as the kernel hands connections out. */
function request(base: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const outgoing = httpRequest(`${base}${path}`, { method: payload ? 'POST' : 'GET', agent: false, headers: payload ? { 'content-type': 'application/json' } : {} }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (part: string) => (text += part));
      incoming.on('end', () => {
        try {
          resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(text) as unknown });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

async function health(base: string): Promise<Health> {
  const reply = await request(base, '/healthz');
  expect(reply.status).toBe(200);
  return reply.body as Health;
}

async function ask(base: string, question: string): Promise<{ status: number; body: { answered: boolean; citations: Array<{ id: string }> } }> {
  return (await request(base, '/api/ask', { question })) as { status: number; body: { answered: boolean; citations: Array<{ id: string }> } };
}

/** Asks until `done` holds or the deadline passes (the switch is driven by another process; no fixed sleeps). */
async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, deadlineMs: number): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

describe('serve with HTTP workers (WORKERS=2) sharing INDEX_DIR with another process', () => {
  it('answers from every worker, switches all of them to the version another process publishes without a failed request, and stops cleanly', async () => {
    const { dataDir, indexDir, databasePath } = await workDir();
    const env = { DATA_DIR: dataDir, INDEX_DIR: indexDir, DATABASE_PATH: databasePath, RATE_LIMIT_PER_MINUTE: '0', SYNC_INTERVAL_MINUTES: '0', MAX_CONCURRENT_ANSWERS: '0' };
    const server = run(['serve', '--port', '0'], { ...env, WORKERS: '2' });
    const [, base] = await server.until(/running at (http:\/\/127\.0\.0\.1:\d+) \(2 HTTP workers\)/);

    // Both workers serve, from one published version.
    const seen = new Map<number, string | undefined>();
    await poll(
      () => health(base!),
      (reply) => {
        if (reply.worker !== undefined) seen.set(reply.worker, reply.indexVersion);
        return seen.size === 2;
      },
      20_000,
    );
    expect(seen.size).toBe(2);
    const firstVersion = [...seen.values()][0];
    expect(firstVersion).toMatch(/^v\d+$/);
    expect(new Set(seen.values())).toEqual(new Set([firstVersion]));
    expect((await ask(base!, NEW_QUESTION)).body.citations.map((citation) => citation.id)).not.toContain('phuong-ben-song-chu-tich-moi');

    // Residents keep asking while another process (holding the index lock) builds and publishes the next version.
    let asking = true;
    const failures: string[] = [];
    let answered = 0;
    const load = (async () => {
      while (asking) {
        const reply = await ask(base!, 'Phường Tổ Hợp Dấu thu được bao nhiêu tiền thuế?').catch((error: unknown) => ({ status: 0, body: { error: String(error) } }));
        if (reply.status !== 200) failures.push(`${reply.status} ${JSON.stringify(reply.body)}`);
        else answered += 1;
      }
    })();
    await writeFile(join(dataDir, 'phuong-ben-song-chu-tich-moi.md'), NEW_ARTICLE);
    const ingest = run(['ingest', '--data', dataDir, '--index', indexDir], env);
    const [code] = await ingest.exited;
    expect(code, ingest.output()).toBe(0);

    // Every worker follows the new version on its own.
    const switched = new Map<number, string | undefined>();
    await poll(
      () => health(base!),
      (reply) => {
        if (reply.worker !== undefined && reply.indexVersion !== firstVersion) switched.set(reply.worker, reply.indexVersion);
        return switched.size === 2;
      },
      30_000,
    );
    expect(switched.size).toBe(2);
    expect(new Set(switched.values()).size).toBe(1);
    const reply = await ask(base!, NEW_QUESTION);
    expect(reply.body.answered).toBe(true);
    expect(reply.body.citations.map((citation) => citation.id)).toContain('phuong-ben-song-chu-tich-moi');
    asking = false;
    await load;
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(0);

    server.child.kill('SIGTERM');
    const [exitCode] = await server.exited;
    expect(exitCode, server.output()).toBe(0);
    expect(server.output()).toContain('Stopping: finishing the answers in progress');
  });

  it('names a busy port in one line and exits non-zero once its workers have ended', async () => {
    const { dataDir, indexDir, databasePath } = await workDir();
    const env = { DATA_DIR: dataDir, INDEX_DIR: indexDir, DATABASE_PATH: databasePath, SYNC_INTERVAL_MINUTES: '0' };
    const first = run(['serve', '--port', '0'], { ...env, WORKERS: '1' });
    const [, port] = await first.until(/running at http:\/\/127\.0\.0\.1:(\d+)/);
    const second = run(['serve', '--port', port!], { ...env, DATABASE_PATH: `${databasePath}-2`, WORKERS: '2' });
    const [exitCode] = await second.exited;
    expect(exitCode).not.toBe(0);
    expect(second.output()).toMatch(new RegExp(`Cổng ${port} đang bận`));
    expect(second.output()).not.toMatch(/\n\s+at /);
  });
});
