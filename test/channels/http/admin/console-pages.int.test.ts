import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../../src/admin/password-hash.js';
import type { HttpServer } from '../../../../src/channels/http/server.js';
import { loadConfig } from '../../../../src/config.js';
import { FactBook } from '../../../../src/facts/fact-book.js';
import { SqliteStore } from '../../../../src/store/sqlite/sqlite-store.js';
import { answered, refusal } from '../../../store/store-test-kit.js';
import { startConsoleServer } from './console-server.js';

const PLACE = 'phường Đông Hải, tỉnh Thanh Hóa';
const book = FactBook.fromArticles([
  {
    id: 'dong-hai-2025',
    title: 'Đại hội Đảng bộ phường Đông Hải',
    url: 'https://example.vn/dong-hai',
    published: '2025-08-20',
    place: PLACE,
    text: 'Đồng chí Nguyễn Văn An giữ chức Bí thư Đảng ủy phường Đông Hải. Phường Đông Hải có dân số 65.885 người.',
  },
]);
let server: HttpServer | undefined;
let store: SqliteStore | undefined;
afterEach(async () => {
  await server?.shutdown({ graceMs: 1000 });
  store?.close();
});

/** The console over a real loopback server, already signed in as `lan`, with a few logged questions. */
async function signedIn() {
  store = SqliteStore.open({ path: ':memory:', pinMatchThreshold: 0.8, newSalt: () => 'salt', now: () => new Date('2025-09-01T03:00:00Z') });
  await store.admin.setAccount('lan', await hashPassword('mat-khau-cua-lan'));
  const first = await store.answers.record({ text: 'Bí thư phường là ai?', channel: 'web', defaultPlace: PLACE }, answered('Bí thư phường là ai?', 'Đồng chí Nguyễn Văn An.'));
  await store.feedback.recordFeedback({ answerId: first, vote: 'down', comment: '=Đã có bí thư mới, "ông B"', userKey: 'u1', channel: 'web' });
  const refused = await store.answers.record({ text: 'Lịch thu gom rác?', channel: 'zalo-bot' }, refusal('Lịch thu gom rác?'));
  let flagsChanged = 0;
  const started = await startConsoleServer({ store, config: loadConfig({}), articles: () => [], facts: () => book, factsChanged: async () => {
    flagsChanged += 1;
  } });
  server = started.server;
  const base = started.base;
  const login = await fetch(`${base}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=lan&password=mat-khau-cua-lan', redirect: 'manual' });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const get = (path: string) => fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await get('/admin/facts')).text())![1]!;
  const post = (path: string, fields: Record<string, string>) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, _csrf: csrf }).toString(), redirect: 'manual' });
  return { get, post, refused, flags: () => flagsChanged, store: store! };
}

describe('staff console pages', () => {
  it('shows the answer log with the ward, votes and comments, filtered by rating, and exports it as CSV', async () => {
    const { get } = await signedIn();
    const page = await (await get('/admin/questions?vote=down')).text();
    expect(page).toContain('Bí thư phường là ai?');
    expect(page).toContain(PLACE);
    expect(page).toContain('=Đã có bí thư mới, &quot;ông B&quot;');
    expect(page).not.toContain('Lịch thu gom rác?');
    const csv = await get('/admin/questions.csv?vote=down');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await csv.text();
    expect(text.split('\r\n')[1]).toContain(`"'=Đã có bí thư mới, ""ông B"""`);
    expect(text.split('\r\n')[1]).toMatch(/^01\/09\/2025 10:00,web,/);
  });

  it('opens the pin form with a logged question filled in', async () => {
    const { get, refused } = await signedIn();
    const page = await (await get(`/admin/pins?from=${refused}`)).text();
    expect(page).toContain('id="pin-question" name="question" required maxlength="500" value="Lịch thu gom rác?"');
  });

  it('explains refusals in words in the report', async () => {
    const { get } = await signedIn();
    const page = await (await get('/admin/report')).text();
    expect(page).toContain('không bài viết nào nói đến');
    expect(page).toContain('<svg');
    expect(page).toContain('01/09/2025');
  });

  it('hides a fact marked wrong from the sheet, lists it, and shows it again', async () => {
    const { get, post, flags, store } = await signedIn();
    const sheet = await (await get(`/admin/facts?place=${encodeURIComponent(PLACE)}`)).text();
    expect(sheet).toContain('Nguyễn Văn An');
    const key = /name="key" value="(office\|[^"]+)"/.exec(sheet)![1]!;
    expect((await post('/admin/facts/flag', { key, place: PLACE, summary: 'Bí thư Đảng ủy: Nguyễn Văn An', note: 'đã chuyển công tác' })).status).toBe(303);
    expect(flags()).toBe(1);
    const after = await (await get(`/admin/facts?place=${encodeURIComponent(PLACE)}`)).text();
    expect(after).not.toContain('<strong>Bí thư Đảng ủy</strong>: Nguyễn Văn An');
    expect(after).toContain('đã chuyển công tác');
    expect(await (await get('/admin/report')).text()).toContain('Bí thư Đảng ủy: Nguyễn Văn An');
    expect((await store.admin.auditLog(1))[0]).toMatchObject({ actor: 'lan', action: 'fact.flag' });
    await post('/admin/facts/unflag', { key });
    expect(await (await get(`/admin/facts?place=${encodeURIComponent(PLACE)}`)).text()).toContain('<strong>Bí thư Đảng ủy</strong>: Nguyễn Văn An');
  });

  it('switches to English and remembers it', async () => {
    const { get } = await signedIn();
    const english = await get('/admin/pins?lang=en');
    expect(await english.text()).toContain('<h1>Pins</h1>');
    expect(english.headers.get('set-cookie')).toContain('hp_lang=en');
  });
});
