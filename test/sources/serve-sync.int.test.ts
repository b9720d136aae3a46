import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../src/core/types.js';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site.js';

// The built CLI as staff run it (npm test builds first): `sources add` a ward's feed, then `serve`, whose schedule
// checks the never-synced source at start, saves its articles, swaps the new index in and shows it on /healthz.
const PLACE = 'phường Hòa Bình, TP Đà Nẵng';
let workDir: string;
let portal: FixtureSite;
let output = '';
let stop: () => Promise<void> = async () => {};

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['dist/src/cli/main.js', ...args], { env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'hoiphuong-serve-sync-'));
  await cp('test/fixtures/txt-place', join(workDir, 'articles'), { recursive: true });
  portal = await startFixtureSite({
    // No Crawl-delay here: the polite fetcher's own delay between requests to one host still applies.
    '/robots.txt': { body: 'User-agent: *\nDisallow: /noi-bo/\n', type: 'text/plain' },
    '/rss.xml': { file: 'rss.xml', etag: '"feed-1"' },
    '/tin-tuc/ngay-hoi-dai-doan-ket.html': { file: 'layout-portal.html' },
    '/tin-tuc/lich-tiep-cong-dan-thang-9.html': { file: 'layout-article.html' },
  });
});

afterAll(async () => {
  await stop();
  await portal?.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('hoiphuong serve with a source', () => {
  it('syncs the source on its schedule, answers from the new articles citing their URLs, and shows the sync on /healthz', async () => {
    const env = {
      DATA_DIR: join(workDir, 'articles'),
      INDEX_DIR: join(workDir, 'index'),
      DATABASE_PATH: join(workDir, 'store.sqlite'),
      HOST: '127.0.0.1',
      SYNC_INTERVAL_MINUTES: '60',
      RATE_LIMIT_PER_MINUTE: '0',
    };
    const added = await cli(['sources', 'add', `${portal.origin}/rss.xml`, '--place', PLACE, '--every', '6h'], env);
    expect(added.code).toBe(0);

    const child = spawn(process.execPath, ['dist/src/cli/main.js', 'serve', '--port', '0'], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = once(child, 'exit');
    stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    };
    const waiters: Array<() => void> = [];
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      waiters.splice(0).forEach((wake) => wake());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const until = (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) return resolve(match);
          if (child.exitCode !== null) return reject(new Error(`serve exited before ${pattern}:\n${output}`));
          waiters.push(check);
        };
        child.once('exit', check);
        check();
      });

    const base = (await until(/running at (http:\/\/\S+)/))[1]!;
    await until(/Index updated: 4 articles/);

    const health = (await (await fetch(`${base}/healthz`)).json()) as { articles: number; sources: Array<{ url: string; lastSyncAt: string | null; articles: number; error: string | null }> };
    expect(health.articles).toBe(4);
    expect(health.sources).toEqual([{ url: `${portal.origin}/rss.xml`, lastSyncAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), articles: 2, noWard: 0, error: expect.stringContaining('robots.txt') }]);

    const response = await fetch(`${base}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Chủ tịch phường Hòa Bình tiếp công dân vào thứ mấy?' }),
    });
    const answer = (await response.json()) as AskResult;
    expect(answer).toMatchObject({ answered: true, citations: [{ url: `${portal.origin}/tin-tuc/lich-tiep-cong-dan-thang-9.html` }] });
  });
});
