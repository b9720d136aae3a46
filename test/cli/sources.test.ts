import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { CommandContext, TextOutput } from '../../src/cli/command-context.js';
import { createSourcesCommand, createSyncCommand, parseEvery } from '../../src/cli/sources.js';
import { PoliteFetcher } from '../../src/sources/polite-fetcher.js';
import { userAgent } from '../../src/sources/source-fetcher.js';
import { FakeEmbedder } from '../fakes/fake-embedder.js';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site.js';

function capture(): TextOutput & { text(): string } {
  const stream = new PassThrough();
  const parts: string[] = [];
  stream.on('data', (chunk: Buffer) => parts.push(chunk.toString('utf8')));
  return Object.assign(stream, { text: () => parts.join('') });
}

let root: string;
let site: FixtureSite;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sources-command-'));
  site = await startFixtureSite({
    '/rss.xml': { file: 'rss.xml', etag: '"feed-1"' },
    '/robots.txt': { file: 'robots.txt' },
    '/tin-tuc/ngay-hoi-dai-doan-ket.html': { file: 'layout-portal.html' },
    '/tin-tuc/lich-tiep-cong-dan-thang-9.html': { file: 'layout-article.html' },
  });
});
afterEach(async () => {
  await site.close();
  await rm(root, { recursive: true, force: true });
});

function context(env: Record<string, string> = {}): CommandContext & { stdout: ReturnType<typeof capture>; stderr: ReturnType<typeof capture> } {
  const config = loadConfig({ DATA_DIR: join(root, 'articles'), INDEX_DIR: join(root, 'index'), DATABASE_PATH: join(root, 'db.sqlite'), ...env });
  return { config, stdout: capture(), stderr: capture(), stdin: new PassThrough() };
}

const sources = createSourcesCommand();
const sync = createSyncCommand({
  makeFetcher: (config) => new PoliteFetcher({ userAgent: userAgent(config), timeoutMs: 5_000, maxBytes: 1_000_000, maxRedirects: 3, retries: 0, retryDelayMs: 1, hostDelayMs: 0, wait: async () => {} }),
  makeEmbedder: () => new FakeEmbedder(),
});

describe('hoiphuong sources and sync', () => {
  it('adds a feed with its place, syncs it into the articles folder and the index, and lists how it went', async () => {
    const add = context();
    expect(await sources(['add', `${site.origin}/rss.xml`, '--place', 'phường Hòa Bình, TP Đà Nẵng', '--every', '6h'], add)).toBe(0);
    expect(add.stdout.text()).toContain('Added source 1:');

    const dry = context();
    expect(await sync(['--dry-run'], dry)).toBe(0);
    expect(dry.stdout.text()).toContain('would fetch 3 pages');
    await expect(readdir(join(root, 'articles'))).rejects.toThrow();

    const run = context({ BOT_INFO_URL: 'https://example.org/hoiphuong#readme' });
    expect(await sync([], run)).toBe(0);
    expect(run.stdout.text()).toContain('2 added, 0 changed');
    expect(run.stdout.text()).toMatch(/problem: .*noi-bo\/hop-giao-ban.html: robots.txt disallows this path/);
    expect(run.stdout.text()).toMatch(/Ingested 2 articles \(2 added/);
    expect(site.requests.at(-1)?.userAgent).toMatch(/^HoiPhuongBot\/\S+ \(\+https:\/\/example\.org\/hoiphuong#readme\)$/);
    expect(await readdir(join(root, 'articles', '127.0.0.1'))).toHaveLength(2);

    const list = context();
    expect(await sources(['list'], list)).toBe(0);
    expect(list.stdout.text()).toMatch(/1\. http:\/\/127\.0\.0\.1:\d+\/rss\.xml\n {3}phường Hòa Bình, TP Đà Nẵng · every 6h\n {3}last sync \d\d\/\d\d\/\d{4} \d\d:\d\d · 2 articles\n {3}error: 1 problem/);

    const remove = context();
    expect(await sources(['remove', '1'], remove)).toBe(0);
    expect(await readdir(join(root, 'articles', '127.0.0.1'))).toHaveLength(2);
    const empty = context();
    await sources(['list'], empty);
    expect(empty.stdout.text()).toContain('No sources yet.');
  });

  it('turns a bad URL or interval into one line naming what to do', async () => {
    await expect(sources(['add', 'ftp://x'], context())).rejects.toThrow(/không phải URL http\(s\)/);
    await expect(sources(['add', `${site.origin}/rss.xml`, '--every', 'sometimes'], context())).rejects.toThrow(/--every "sometimes" phải như 30m, 6h hoặc 1d/);
    await expect(sources(['frobnicate'], context())).rejects.toThrow(/unknown sources action/);
    const missing = context();
    expect(await sources(['remove', 'https://nowhere.example/'], missing)).toBe(1);
    expect(missing.stderr.text()).toContain('No source has the URL or id');
  });

  it('reads intervals as staff write them', () => {
    expect([parseEvery('30m'), parseEvery('6h'), parseEvery('1d'), parseEvery('90'), parseEvery('0'), parseEvery('6 hours')]).toEqual([30, 360, 1440, 90, undefined, undefined]);
  });
});
