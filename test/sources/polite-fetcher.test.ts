import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeText } from '../../src/sources/decode-text.js';
import { extractPage } from '../../src/sources/extract-page.js';
import { PoliteFetcher, type PoliteFetcherOptions } from '../../src/sources/polite-fetcher.js';
import { encodeWindows1258, fixtureText, startFixtureSite, type FixtureSite } from '../support/fixture-site.js';

const USER_AGENT = 'HoiPhuongBot/0.1 (+https://example.invalid/README)';
let site: FixtureSite | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
});

/** A fetcher whose waits are recorded, not waited out. */
function fetcher(overrides: Partial<PoliteFetcherOptions> = {}): { fetcher: PoliteFetcher; waited: number[] } {
  const waited: number[] = [];
  const options: PoliteFetcherOptions = {
    userAgent: USER_AGENT,
    timeoutMs: 5_000,
    maxBytes: 10 * 1024 * 1024,
    maxRedirects: 3,
    retries: 2,
    retryDelayMs: 1_000,
    hostDelayMs: 500,
    wait: async (ms) => {
      waited.push(ms);
    },
    ...overrides,
  };
  return { fetcher: new PoliteFetcher(options), waited };
}

describe('PoliteFetcher against a local site', () => {
  it('names itself, honours robots.txt and its Crawl-delay, and asks one host one request at a time', async () => {
    site = await startFixtureSite({
      '/robots.txt': { file: 'robots.txt' },
      '/a.html': { file: 'layout-portal.html' },
      '/b.html': { file: 'layout-article.html' },
      '/c.html': { file: 'layout-blocks.html' },
      '/noi-bo/hop.html': { file: 'layout-portal.html' },
    });
    const { fetcher: polite, waited } = fetcher();
    const outcomes = await Promise.all(['/a.html', '/b.html', '/c.html', '/noi-bo/hop.html'].map((path) => polite.fetch(site!.origin + path)));
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['fetched', 'fetched', 'fetched', 'skipped']);
    expect(outcomes[3]).toMatchObject({ reason: 'robots.txt disallows this path' });
    expect(site.hits('/noi-bo/hop.html')).toBe(0);
    expect(site.hits('/robots.txt')).toBe(1);
    expect(site.maxInFlight).toBe(1);
    expect(site.requests.every((request) => request.userAgent === USER_AGENT)).toBe(true);
    // Crawl-delay: 2 outweighs the 500 ms host delay: each request after the first waits for most of 2 s.
    expect(waited.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...waited)).toBeGreaterThan(1_000);
  });

  it('asks for gzip and brotli and reads either page as sent', async () => {
    const page = fixtureText('layout-blocks.html');
    const encoded = (encoding: 'gzip' | 'br', body: Buffer) => (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => {
      const accepted = String(request.headers['accept-encoding'] ?? '');
      if (!accepted.includes(encoding)) return void response.writeHead(406).end();
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': encoding }).end(body);
    };
    site = await startFixtureSite({ '/gzip.html': encoded('gzip', gzipSync(page)), '/br.html': encoded('br', brotliCompressSync(page)) });
    const { fetcher: polite } = fetcher();
    for (const path of ['/gzip.html', '/br.html']) {
      const outcome = await polite.fetch(site.origin + path);
      expect(outcome.kind).toBe('fetched');
      if (outcome.kind === 'fetched') expect(extractPage(decodeText(outcome.body, outcome.contentType), site.origin + path)?.title).toBe('Tiêm vắc xin phòng sởi cho trẻ em trên địa bàn phường');
    }
  });

  it('sends the ETag back and gets 304, nothing fetched', async () => {
    site = await startFixtureSite({ '/a.html': { file: 'layout-portal.html', etag: '"v1"', lastModified: 'Fri, 15 Aug 2025 03:30:00 GMT' } });
    const { fetcher: polite } = fetcher();
    const first = await polite.fetch(`${site.origin}/a.html`);
    expect(first).toMatchObject({ kind: 'fetched', etag: '"v1"', lastModified: 'Fri, 15 Aug 2025 03:30:00 GMT' });
    const second = await polite.fetch(`${site.origin}/a.html`, { etag: '"v1"' });
    expect(second.kind).toBe('not-modified');
    expect(site.requests.at(-1)?.ifNoneMatch).toBe('"v1"');
  });

  it('retries a 500 with backoff and gets the page', async () => {
    let calls = 0;
    site = await startFixtureSite({
      '/flaky.html': (_request, response) => {
        calls++;
        if (calls === 1) response.writeHead(500).end('busy');
        else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fixtureText('layout-article.html'));
      },
    });
    const { fetcher: polite, waited } = fetcher();
    const outcome = await polite.fetch(`${site.origin}/flaky.html`);
    expect(outcome.kind).toBe('fetched');
    expect(calls).toBe(2);
    expect(waited).toContain(1_000);
  });

  it('gives up on a page slower than the timeout after its retries, with a message', async () => {
    site = await startFixtureSite({ '/slow.html': () => {} });
    const { fetcher: polite, waited } = fetcher({ timeoutMs: 100, retries: 1 });
    const outcome = await polite.fetch(`${site.origin}/slow.html`);
    expect(outcome).toMatchObject({ kind: 'skipped', reason: 'no answer within 0.1 s (after 2 attempts)' });
    expect(site.hits('/slow.html')).toBe(2);
    expect(waited).toContain(1_000);
  });

  it('skips a 30 MB page with a message, whether or not it says its length', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const huge = (declare: boolean) => (_request: unknown, response: import('node:http').ServerResponse) => {
      response.writeHead(200, { 'content-type': 'text/html', ...(declare ? { 'content-length': String(30 * chunk.length) } : {}) });
      let sent = 0;
      const more = () => {
        while (sent < 30 && !response.destroyed) {
          sent++;
          if (!response.write(chunk)) return void response.once('drain', more);
        }
        response.end();
      };
      more();
    };
    site = await startFixtureSite({ '/big.html': huge(true), '/big-chunked.html': huge(false) });
    const { fetcher: polite } = fetcher();
    expect(await polite.fetch(`${site.origin}/big.html`)).toMatchObject({ kind: 'skipped', reason: '30 MB, larger than the 10 MB cap' });
    expect(await polite.fetch(`${site.origin}/big-chunked.html`)).toMatchObject({ kind: 'skipped', reason: 'larger than the 10 MB cap' });
  });

  it('follows a bounded number of redirects', async () => {
    site = await startFixtureSite({
      '/old.html': (_request, response) => void response.writeHead(301, { location: '/new.html' }).end(),
      '/new.html': { file: 'layout-article.html' },
      '/loop.html': (_request, response) => void response.writeHead(302, { location: '/loop.html' }).end(),
    });
    const { fetcher: polite } = fetcher();
    expect(await polite.fetch(`${site.origin}/old.html`)).toMatchObject({ kind: 'fetched', url: `${site.origin}/new.html` });
    expect(await polite.fetch(`${site.origin}/loop.html`)).toMatchObject({ kind: 'skipped', reason: 'more than 3 redirects' });
  });

  it('reads a windows-1258 page, by header or by <meta>, as UTF-8 NFC', async () => {
    const page = fixtureText('layout-article.html').replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">');
    const bytes = encodeWindows1258(page);
    site = await startFixtureSite({
      '/legacy-meta.html': { body: bytes, type: 'text/html' },
      '/legacy-header.html': { body: bytes, type: 'text/html; charset=windows-1258' },
    });
    const { fetcher: polite } = fetcher();
    for (const path of ['/legacy-meta.html', '/legacy-header.html']) {
      const outcome = await polite.fetch(site.origin + path);
      if (outcome.kind !== 'fetched') throw new Error(`not fetched: ${JSON.stringify(outcome)}`);
      const text = decodeText(outcome.body, outcome.contentType);
      expect(text.normalize('NFC')).toBe(text);
      const article = extractPage(text, outcome.url);
      expect(article?.title).toBe('Lịch tiếp công dân tháng 9 năm 2025');
      expect(article?.text).toContain('Chủ tịch Ủy ban nhân dân phường tiếp công dân định kỳ vào sáng thứ Năm');
    }
  });
});
