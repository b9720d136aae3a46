import { cp, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServices, type Services } from '../../src/cli/open-services.js';
import { loadConfig } from '../../src/config.js';
import { createHttpServer } from '../../src/channels/http/server.js';
import type { AskResult } from '../../src/core/types.js';
import { PoliteFetcher } from '../../src/sources/polite-fetcher.js';
import { startSyncSchedule, type SyncSchedule } from '../../src/sources/sync-schedule.js';
import { fixtureText, startFixtureSite, type FixtureSite } from '../support/fixture-site.js';

// The server is running; a new article appears on the ward's feed; the scheduled sync fetches it and swaps the new
// index in; POST /api/ask then answers from it, citing its URL — with no restart and no failed request meanwhile.
let root: string;
let portal: FixtureSite;
let services: Services;
let server: Server;
let schedule: SyncSchedule;
let base: string;
const logged: string[] = [];

const PLACE = 'phường Hòa Bình, TP Đà Nẵng';
const QUESTION = 'Phường Hòa Bình tiêm vắc xin phòng sởi cho trẻ em từ ngày nào?';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hoiphuong-live-'));
  await cp('test/fixtures/txt-place', join(root, 'articles'), { recursive: true });
  portal = await startFixtureSite({
    '/robots.txt': { file: 'robots.txt' },
    '/rss.xml': { file: 'rss.xml', etag: '"feed-1"' },
    '/tin-tuc/ngay-hoi-dai-doan-ket.html': { file: 'layout-portal.html' },
    '/tin-tuc/lich-tiep-cong-dan-thang-9.html': { file: 'layout-article.html' },
    '/y-te/tiem-vac-xin-soi.html': { file: 'layout-blocks.html' },
  });
  const config = loadConfig({ DATA_DIR: join(root, 'articles'), INDEX_DIR: join(root, 'index'), DATABASE_PATH: join(root, 'store.sqlite'), RATE_LIMIT_PER_MINUTE: '0' });
  services = await openServices(config, { output: new PassThrough(), store: 'required' });
  const store = services.store!;
  store.sources.add(`${portal.origin}/rss.xml`, { place: PLACE, everyMinutes: 60 });
  server = createHttpServer({ ask: services.ask, maxQuestionLength: 500, rateLimitPerMinute: 0, health: () => ({ articles: services.index.articles().length }), log: (line) => logged.push(line) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The schedule's clock runs an hour ahead more at each reading, so each check finds the source due (--every 60m).
  let hour = 0;
  schedule = startSyncSchedule({
    store: store.sources,
    fetcher: new PoliteFetcher({ userAgent: 'HoiPhuongBot/test', timeoutMs: 5_000, maxBytes: 1_000_000, maxRedirects: 3, retries: 0, retryDelayMs: 1, hostDelayMs: 0, wait: async () => {} }),
    articlesDir: config.dataDir,
    intervalMinutes: 0,
    refresh: () => services.refresh(),
    log: (line) => logged.push(line),
    now: () => new Date(Date.now() + hour++ * 3_600_000),
  });
});

afterAll(async () => {
  await schedule?.stop();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await services?.close();
  await portal?.close();
  await rm(root, { recursive: true, force: true });
});

async function ask(question: string): Promise<{ status: number; body: AskResult }> {
  const response = await fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  return { status: response.status, body: (await response.json()) as AskResult };
}

describe('a running server and a ward feed', () => {
  it('answers about an article that appeared in the feed after the scheduled sync, citing its URL, without a restart', async () => {
    await schedule.tick();
    const articlesBefore = services.index.articles().length;
    expect(articlesBefore).toBe(4); // two local files and the two articles the feed had
    const before = await ask(QUESTION);
    expect(before.body.answered).toBe(false);

    // The ward publishes the vaccination news.
    const newItem = `<item><title>Tiêm vắc xin phòng sởi</title><link>{{origin}}/y-te/tiem-vac-xin-soi.html</link><pubDate>Tue, 02 Sep 2025 08:00:00 GMT</pubDate></item>\n</channel>`;
    portal.routes.set('/rss.xml', { body: fixtureText('rss.xml').replace('</channel>', newItem).replaceAll('{{origin}}', portal.origin), etag: '"feed-2"', type: 'application/rss+xml' });

    // Questions keep coming while the scheduled check fetches, re-ingests and swaps the index.
    const during = Array.from({ length: 6 }, () => ask('Lịch tiếp công dân của xã Nậm Thử?'));
    const [results] = await Promise.all([schedule.tick(), ...during]);
    expect(results?.[0]?.added).toEqual(['Tiêm vắc xin phòng sởi cho trẻ em trên địa bàn phường']);
    for (const answer of await Promise.all(during)) {
      expect(answer.status).toBe(200);
      expect(answer.body.answered).toBe(true);
    }

    expect(services.index.articles().length).toBe(articlesBefore + 1);
    const after = await ask(QUESTION);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ answered: true, citations: [{ url: `${portal.origin}/y-te/tiem-vac-xin-soi.html` }] });
    expect(after.body.answer).toContain('8/9');
    const health = (await (await fetch(`${base}/healthz`)).json()) as { articles: number };
    expect(health.articles).toBe(articlesBefore + 1);
  });
});
