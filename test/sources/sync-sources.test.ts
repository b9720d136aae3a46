import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/ingest/load-articles.js';
import { idFromUrl } from '../../src/sources/article-file.js';
import { PoliteFetcher } from '../../src/sources/polite-fetcher.js';
import { fetchArticleNow, syncSources } from '../../src/sources/sync-sources.js';
import { PlaceGazetteer } from '../../src/search/place-gazetteer.js';
import { singlePlaceOf } from '../../src/sources/single-place.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { makeDocx, makePdf } from '../support/make-documents.js';
import { fixtureText, startFixtureSite, type FixtureSite, type Route } from '../support/fixture-site.js';

const PLACE = 'phường Hòa Bình, TP Đà Nẵng';
let articlesDir: string;
let store: SqliteStore;
const sites: FixtureSite[] = [];

beforeEach(async () => {
  articlesDir = await mkdtemp(join(tmpdir(), 'hoiphuong-sources-'));
  store = SqliteStore.open({ path: ':memory:', pinMatchThreshold: 0.8, now: () => new Date('2026-01-05T02:00:00Z') });
});
afterEach(async () => {
  store.database.close();
  await Promise.all(sites.splice(0).map((site) => site.close()));
  await rm(articlesDir, { recursive: true, force: true });
});

async function site(routes: Record<string, Route>): Promise<FixtureSite> {
  const started = await startFixtureSite({ '/robots.txt': { body: 'User-agent: *\nDisallow: /noi-bo/\n', type: 'text/plain' }, ...routes });
  sites.push(started);
  return started;
}

function fetcher(): PoliteFetcher {
  return new PoliteFetcher({ userAgent: 'HoiPhuongBot/test', timeoutMs: 5_000, maxBytes: 1_000_000, maxRedirects: 3, retries: 1, retryDelayMs: 1, hostDelayMs: 0, wait: async () => {} });
}

async function sync(options: { dryRun?: boolean; placeOf?: (text: string) => string | undefined } = {}) {
  return syncSources({ articlesDir, store: store.sources, fetcher: fetcher(), ...options });
}

const PORTAL_ROUTES: Record<string, Route> = {
  '/tin-tuc/ngay-hoi-dai-doan-ket.html': { file: 'layout-portal.html', etag: '"ngay-hoi-1"' },
  '/tin-tuc/lich-tiep-cong-dan-thang-9.html': { file: 'layout-article.html', etag: '"lich-1"' },
  '/noi-bo/hop-giao-ban.html': { file: 'layout-blocks.html' },
  '/y-te/tiem-vac-xin-soi.html': { file: 'layout-blocks.html', lastModified: 'Tue, 02 Sep 2025 08:00:00 GMT' },
};

describe('syncSources against a local ward portal', () => {
  it('saves each article of an RSS feed as a .md under data/articles/<host>/ that ingests with its place and date', async () => {
    const portal = await site({ '/rss.xml': { file: 'rss.xml', etag: '"feed-1"' }, ...PORTAL_ROUTES });
    store.sources.add(`${portal.origin}/rss.xml`, { place: PLACE, everyMinutes: 360 });
    const [result] = await sync();
    expect(result?.added).toEqual(['Phường Hòa Bình tổ chức ngày hội Đại đoàn kết toàn dân tộc', 'Lịch tiếp công dân tháng 9 năm 2025']);
    expect(result?.problems).toEqual([`${portal.origin}/noi-bo/hop-giao-ban.html: robots.txt disallows this path`]);
    expect(portal.hits('/noi-bo/hop-giao-ban.html')).toBe(0);

    const host = new URL(portal.origin).hostname;
    expect(await readdir(join(articlesDir, host))).toHaveLength(2);
    const { articles, errors } = await loadArticles(articlesDir);
    expect(errors).toEqual([]);
    const festival = articles.find((article) => article.url.endsWith('/ngay-hoi-dai-doan-ket.html'));
    expect(festival).toMatchObject({
      id: idFromUrl(`${portal.origin}/tin-tuc/ngay-hoi-dai-doan-ket.html`),
      title: 'Phường Hòa Bình tổ chức ngày hội Đại đoàn kết toàn dân tộc',
      published: '2025-08-15',
      place: PLACE,
    });
    // Menus, related news, share bars and comments are gone; the caption and the table rows are lines of their own.
    expect(festival?.text).not.toMatch(/Trang chủ|Tin liên quan|Chia sẻ|Ý kiến bạn đọc|Bản quyền|Ra quân vệ sinh/);
    expect(festival?.text.split('\n')).toEqual(expect.arrayContaining([
      'Lãnh đạo phường trao quà cho các hộ gia đình có hoàn cảnh khó khăn.',
      'Khu dân cư số 3 | 7',
    ]));
    expect((await store.sources.list())[0]).toMatchObject({ articleCount: 2, noPlaceCount: 0, lastSyncAt: '2026-01-05T02:00:00.000Z' });
  });

  it('fetches on the second sync only what is new or changed: 304 for an unchanged feed, then only the new item', async () => {
    const portal = await site({ '/rss.xml': { file: 'rss.xml', etag: '"feed-1"' }, ...PORTAL_ROUTES });
    store.sources.add(`${portal.origin}/rss.xml`, { place: PLACE, everyMinutes: 360 });
    await sync();
    const before = portal.requests.length;
    const [second] = await sync();
    // robots.txt is read afresh each sync; the feed answers 304, so no article is asked for.
    expect(portal.requests.slice(before).map((request) => request.path)).toEqual(['/robots.txt', '/rss.xml']);
    expect(portal.requests.at(-1)?.ifNoneMatch).toBe('"feed-1"');
    expect(second?.added).toEqual([]);

    // A new article appears in the feed.
    const newItem = `<item><title>Tiêm vắc xin phòng sởi</title><link>{{origin}}/y-te/tiem-vac-xin-soi.html</link><pubDate>Tue, 02 Sep 2025 08:00:00 GMT</pubDate></item>\n</channel>`;
    portal.routes.set('/rss.xml', { body: fixtureText('rss.xml').replace('</channel>', newItem).replaceAll('{{origin}}', portal.origin), etag: '"feed-2"', type: 'application/rss+xml' });
    const fromNow = portal.requests.length;
    const [third] = await sync();
    expect(third?.added).toEqual(['Tiêm vắc xin phòng sởi cho trẻ em trên địa bàn phường']);
    expect(portal.requests.slice(fromNow).map((request) => request.path)).toEqual(['/robots.txt', '/rss.xml', '/y-te/tiem-vac-xin-soi.html']);
  });

  it('asks again with the ETag when a listing has no dates, and a 304 fetches nothing', async () => {
    const portal = await site({ '/tin-tuc': { file: 'listing.html' }, ...PORTAL_ROUTES });
    store.sources.add(`${portal.origin}/tin-tuc`, { place: PLACE, everyMinutes: 360 });
    const [first] = await sync();
    expect(first?.added.sort()).toEqual(['Lịch tiếp công dân tháng 9 năm 2025', 'Phường Hòa Bình tổ chức ngày hội Đại đoàn kết toàn dân tộc']);
    const [second] = await sync();
    expect(second).toMatchObject({ added: [], changed: [], unchanged: 2 });
    const articleRequests = portal.requests.filter((request) => request.path === '/tin-tuc/ngay-hoi-dai-doan-ket.html');
    expect(articleRequests.map((request) => request.ifNoneMatch)).toEqual([undefined, '"ngay-hoi-1"']);
  });

  it('keeps a staff edit while the page is unchanged, and replaces it when the page itself changes', async () => {
    const portal = await site({ '/a.html': { file: 'layout-article.html', etag: '"a-1"' } });
    store.sources.add(`${portal.origin}/a.html`, { place: PLACE, everyMinutes: 360 });
    await sync();
    const file = join(articlesDir, new URL(portal.origin).hostname, `${idFromUrl(`${portal.origin}/a.html`)}.md`);
    const edited = (await readFile(file, 'utf8')).replace('sáng thứ Năm', 'sáng thứ Năm (đã sửa: cả chiều thứ Sáu)');
    await writeFile(file, edited);

    // Same text under a new ETag (a site that re-stamps every page): the edit stays.
    portal.routes.set('/a.html', { file: 'layout-article.html', etag: '"a-2"' });
    await sync();
    expect(await readFile(file, 'utf8')).toBe(edited);

    portal.routes.set('/a.html', { body: fixtureText('layout-article.html').replace('7 giờ 30', '8 giờ'), etag: '"a-3"' });
    const [changed] = await sync();
    expect(changed?.changed).toEqual(['Lịch tiếp công dân tháng 9 năm 2025']);
    expect(await readFile(file, 'utf8')).toContain('từ 8 giờ đến 11 giờ');
  });

  it('reads an Atom feed and a sitemap index with a news sitemap, and keeps syndicated news once', async () => {
    const ward = await site({ '/atom.xml': { file: 'atom.xml' }, ...PORTAL_ROUTES });
    const province = await site({
      '/sitemap.xml': { file: 'sitemap-index.xml' },
      '/sitemap-news.xml': { file: 'sitemap-news.xml' },
      '/sitemap-pages.xml': { file: 'sitemap-pages.xml' },
      ...PORTAL_ROUTES,
    });
    store.sources.add(`${ward.origin}/atom.xml`, { place: PLACE, everyMinutes: 360 });
    store.sources.add(`${province.origin}/sitemap.xml`, { everyMinutes: 1440 });
    const [atom, sitemap] = await sync();
    expect(atom?.added).toEqual(['Tiêm vắc xin phòng sởi cho trẻ em trên địa bàn phường']);
    // The province republishes the vaccination news (kept once) and has the reception schedule (new).
    expect(sitemap?.duplicates).toBe(1);
    expect(sitemap?.added).toEqual(['Lịch tiếp công dân tháng 9 năm 2025']);
    expect(province.hits('/sitemap-news.xml')).toBe(1);
    // Without --place the article is kept but flagged to staff.
    expect((await store.sources.list())[1]).toMatchObject({ articleCount: 1, noPlaceCount: 1 });
  });

  it('keeps the news once when the province portal republishes it with its own lead-in, byline and wording', async () => {
    const ward = await site({ '/atom.xml': { file: 'atom.xml' }, ...PORTAL_ROUTES });
    const copy = fixtureText('layout-blocks.html')
      .replace('<div>Trạm Y tế phường', '<div>(Cổng TTĐT thành phố) – Trạm Y tế phường')
      .replace('Phụ huynh đưa trẻ', 'Cha mẹ đưa trẻ')
      .replace('</div>\n</div>\n<div class="tags">', '</div>\n<div>Thu Hà (Trung tâm Y tế khu vực)</div>\n</div>\n<div class="tags">');
    const province = await site({ '/sitemap.xml': { file: 'sitemap-news.xml' }, '/y-te/tiem-vac-xin-soi.html': { body: copy, type: 'text/html; charset=utf-8' } });
    store.sources.add(`${ward.origin}/atom.xml`, { place: PLACE, everyMinutes: 360 });
    store.sources.add(`${province.origin}/sitemap.xml`, { everyMinutes: 1440 });
    const [, sitemap] = await sync();
    expect(sitemap?.duplicates).toBe(1);
    expect(sitemap?.added).toEqual([]);
    const { articles } = await loadArticles(articlesDir);
    expect(articles.filter((article) => article.title.startsWith('Tiêm vắc xin'))).toHaveLength(1);
  });

  it('takes the ward from the title when the source has no --place and the gazetteer knows exactly one', async () => {
    const portal = await site({ '/rss.xml': { file: 'rss.xml' }, ...PORTAL_ROUTES });
    store.sources.add(`${portal.origin}/rss.xml`, { everyMinutes: 360 });
    const known = PlaceGazetteer.fromArticles([
      { id: 'a', title: 'Tin phường Hòa Bình', url: '', place: PLACE },
      { id: 'b', title: 'Tin xã Nậm Thử', url: '', place: 'xã Nậm Thử, tỉnh Mẫu Sơn' },
    ]);
    await sync({ placeOf: singlePlaceOf(known) });
    const { articles } = await loadArticles(articlesDir);
    // "Phường Hòa Bình tổ chức …" names the ward; the reception schedule's title names none, but its text does.
    expect(articles.map((article) => article.place)).toEqual([PLACE, PLACE]);
    expect((await store.sources.list())[0]).toMatchObject({ articleCount: 2, noPlaceCount: 0 });
  });

  it('lists in a dry run what it would fetch, and writes and records nothing', async () => {
    const portal = await site({ '/rss.xml': { file: 'rss.xml' }, ...PORTAL_ROUTES });
    store.sources.add(`${portal.origin}/rss.xml`, { place: PLACE, everyMinutes: 360 });
    const [result] = await sync({ dryRun: true });
    expect(result?.wouldFetch).toEqual([
      `${portal.origin}/tin-tuc/ngay-hoi-dai-doan-ket.html`,
      `${portal.origin}/tin-tuc/lich-tiep-cong-dan-thang-9.html`,
      `${portal.origin}/noi-bo/hop-giao-ban.html`,
    ]);
    expect(portal.hits('/tin-tuc/ngay-hoi-dai-doan-ket.html')).toBe(0);
    expect(await readdir(articlesDir)).toEqual([]);
    expect((await store.sources.list())[0]?.lastSyncAt).toBeUndefined();
  });

  it('saves PDF and DOCX announcements linked from a listing page as articles', async () => {
    const listing = '<html><body><h1>Thông báo</h1><ul><li><a href="/files/lich-tiep-dan.pdf">Lịch tiếp dân (PDF)</a></li><li><a href="/files/tiem-chung.docx">Tiêm chủng (DOCX)</a></li></ul></body></html>';
    const portal = await site({
      '/thong-bao': { body: listing },
      '/files/lich-tiep-dan.pdf': { body: makePdf(['Lich tiep cong dan thang 9', 'Chu tich UBND phuong tiep cong dan sang thu Nam hang tuan.']), type: 'application/pdf' },
      '/files/tiem-chung.docx': { body: makeDocx(['Thông báo tiêm chủng', 'Trạm Y tế phường tiêm vắc xin sởi từ ngày 8/9/2025.']), type: 'application/octet-stream' },
    });
    store.sources.add(`${portal.origin}/thong-bao`, { place: PLACE, everyMinutes: 360 });
    const [result] = await sync();
    expect(result?.added.sort()).toEqual(['Lich tiep cong dan thang 9', 'Thông báo tiêm chủng']);
    const { articles } = await loadArticles(articlesDir);
    expect(articles.find((article) => article.title === 'Thông báo tiêm chủng')).toMatchObject({
      url: `${portal.origin}/files/tiem-chung.docx`,
      text: 'Trạm Y tế phường tiêm vắc xin sởi từ ngày 8/9/2025.',
      place: PLACE,
    });
  });

  it('fetches one article now (/themtin): saved with its title, ward and date, then unchanged, or why not', async () => {
    const portal = await site({ '/a.html': { file: 'layout-portal.html', etag: '"a-1"' } });
    const options = { articlesDir, store: store.sources, fetcher: fetcher() };
    expect(await fetchArticleNow(`${portal.origin}/a.html`, PLACE, options)).toEqual({
      kind: 'saved',
      title: 'Phường Hòa Bình tổ chức ngày hội Đại đoàn kết toàn dân tộc',
      published: '2025-08-15',
      place: PLACE,
      changed: false,
    });
    expect(await fetchArticleNow(`${portal.origin}/a.html`, PLACE, options)).toEqual({ kind: 'unchanged' });
    expect(await fetchArticleNow(`${portal.origin}/missing.html`, PLACE, options)).toEqual({ kind: 'failed', reason: `${portal.origin}/missing.html: HTTP 404` });
    expect((await store.sources.list()).map((source) => source.everyMinutes)).toEqual([43_200, 43_200]);
  });

  it('records a source that cannot be fetched, with the reason', async () => {
    const portal = await site({ '/down': (_request, response) => void response.writeHead(503).end() });
    store.sources.add(`${portal.origin}/down`, { everyMinutes: 60 });
    const [result] = await sync();
    expect(result?.problems).toEqual([`${portal.origin}/down: HTTP 503 (after 2 attempts)`]);
    expect((await store.sources.list())[0]?.lastError).toBe('HTTP 503 (after 2 attempts)');
  });
});
