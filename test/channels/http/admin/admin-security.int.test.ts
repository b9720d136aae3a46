import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../../src/admin/password-hash.js';
import { PROTECTED_ADMIN_ROUTES } from '../../../../src/channels/http/admin/admin-routes.js';
import type { HttpServer } from '../../../../src/channels/http/server.js';
import { loadConfig } from '../../../../src/config.js';
import { SqliteStore } from '../../../../src/store/sqlite/sqlite-store.js';
import { startConsoleServer } from './console-server.js';

const PASSWORD = 'correct-horse-battery';
const ALLOWED = 'http://ward-site.example';
let passwordHash: string;
let server: HttpServer | undefined;
let store: SqliteStore | undefined;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

afterEach(async () => {
  await server?.shutdown({ graceMs: 1000 });
  store?.close();
  server = undefined;
  store = undefined;
});

/** A real server on 127.0.0.1 with the console, over an in-memory store whose clock the test moves. */
async function start() {
  let now = new Date('2026-12-06T03:00:00Z');
  const clock = { advanceHours: (hours: number) => (now = new Date(now.getTime() + hours * 3_600_000)) };
  store = SqliteStore.open({ path: ':memory:', pinMatchThreshold: 0.8, newSalt: () => 'salt', now: () => now });
  const config = loadConfig({ ADMIN_PASSWORD: passwordHash, ALLOWED_ORIGINS: ALLOWED, ADMIN_SESSION_HOURS: '2' });
  const started = await startConsoleServer({ store, config, builtInPasswordHash: passwordHash, articles: () => [], now: () => now });
  server = started.server;
  const base = started.base;
  const form = (fields: Record<string, string>) => ({ 'content-type': 'application/x-www-form-urlencoded', body: new URLSearchParams(fields).toString() });
  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) => {
    const { body, ...type } = form(fields);
    return fetch(`${base}${path}`, { method: 'POST', headers: { ...type, ...headers }, body, redirect: 'manual' });
  };
  const login = async (password = PASSWORD, name = 'admin') => post('/admin/login', { name, password });
  /** Logs in and returns the cookie header and the CSRF token of the session. */
  const signIn = async () => {
    const response = await login();
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await fetch(`${base}/admin/pins`, { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    return { cookie, csrf };
  };
  return { base, post, login, signIn, clock, store: store! };
}

describe('staff console security', () => {
  it('refuses a wrong password without starting a session, and logs the attempt', async () => {
    const { login, store } = await start();
    const response = await login('not-the-password');
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.text()).toContain('Sai tên đăng nhập hoặc mật khẩu');
    expect((await store.admin.auditLog(5)).map((entry) => entry.action)).toContain('login.failed');
  });

  it('refuses an unknown account the same way as a wrong password', async () => {
    const { login } = await start();
    const response = await login(PASSWORD, 'nobody');
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('locks the account out after five failures, even for the right password', async () => {
    const { login } = await start();
    for (let attempt = 0; attempt < 5; attempt += 1) await login('wrong-password-' + attempt);
    const locked = await login();
    expect(locked.status).toBe(429);
    expect(locked.headers.get('set-cookie')).toBeNull();
    expect(await locked.text()).toContain('Đăng nhập sai quá nhiều lần');
  });

  it('lets the right password in with an HttpOnly, SameSite=Strict session cookie', async () => {
    const { login } = await start();
    const response = await login();
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/report');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^hp_admin=[\w-]{20,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/admin');
  });

  it.each(PROTECTED_ADMIN_ROUTES)('refuses $method $path without a session', async ({ method, path }) => {
    const { base, post } = await start();
    const response = method === 'GET' ? await fetch(`${base}${path}`, { redirect: 'manual' }) : await post(path, { id: 'x', question: 'q', answer: 'a' });
    if (method === 'GET') {
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toMatch(/^\/admin\/login\?next=/);
    } else {
      expect(response.status).toBe(403);
    }
  });

  it('refuses a change without the CSRF token, and makes it with the token, logging who made it', async () => {
    const { post, signIn, store } = await start();
    const { cookie, csrf } = await signIn();
    const pin = { question: 'Giờ làm việc của bộ phận một cửa?', answer: 'Từ 7 giờ 30 đến 17 giờ.' };
    const missing = await post('/admin/pins/save', pin, { cookie });
    expect(missing.status).toBe(403);
    const wrong = await post('/admin/pins/save', { ...pin, _csrf: `${csrf}x` }, { cookie });
    expect(wrong.status).toBe(403);
    expect(await store.pins.list()).toHaveLength(0);
    const made = await post('/admin/pins/save', { ...pin, _csrf: csrf }, { cookie });
    expect(made.status).toBe(303);
    expect(await store.pins.list()).toMatchObject([{ question: pin.question, pinnedBy: 'admin' }]);
    expect((await store.admin.auditLog(1))[0]).toMatchObject({ actor: 'admin', action: 'pin.add', target: pin.question });
  });

  it('refuses a change posted from another site even with a valid token', async () => {
    const { post, signIn, store } = await start();
    const { cookie, csrf } = await signIn();
    const response = await post('/admin/pins/save', { question: 'Câu hỏi?', answer: 'Trả lời.', _csrf: csrf }, { cookie, origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    expect(await store.pins.list()).toHaveLength(0);
  });

  it('refuses an expired session', async () => {
    const { base, signIn, clock } = await start();
    const { cookie } = await signIn();
    expect((await fetch(`${base}/admin/report`, { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
    clock.advanceHours(2.01);
    const expired = await fetch(`${base}/admin/report`, { headers: { cookie }, redirect: 'manual' });
    expect(expired.status).toBe(303);
    expect(expired.headers.get('location')).toMatch(/^\/admin\/login/);
  });

  it('ends the session on logout', async () => {
    const { base, post, signIn } = await start();
    const { cookie, csrf } = await signIn();
    expect((await post('/admin/logout', { _csrf: csrf }, { cookie })).status).toBe(303);
    expect((await fetch(`${base}/admin/report`, { headers: { cookie }, redirect: 'manual' })).status).toBe(303);
  });

  it('keeps only a hash of the session token in the database', async () => {
    const { signIn, store } = await start();
    const { cookie } = await signIn();
    const token = cookie.split('=')[1]!;
    const stored = store.database.prepare<[], { token_hash: string }>('SELECT token_hash FROM admin_sessions').all();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token);
  });
});

describe('API origins (ALLOWED_ORIGINS)', () => {
  const ask = (base: string, origin?: string) =>
    fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) }, body: JSON.stringify({ question: 'Ai là bí thư?' }) });

  it('refuses the preflight of an origin not in ALLOWED_ORIGINS, with no CORS header', async () => {
    const { base } = await start();
    const response = await fetch(`${base}/api/ask`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a request from an origin not in ALLOWED_ORIGINS, with no CORS header', async () => {
    const { base } = await start();
    const response = await ask(base, 'http://evil.example');
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('grants an allowed origin its preflight and its answers', async () => {
    const { base } = await start();
    const preflight = await fetch(`${base}/api/ask`, { method: 'OPTIONS', headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    const response = await ask(base, ALLOWED);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it("serves the server's own pages and clients that send no origin", async () => {
    const { base } = await start();
    expect((await ask(base)).status).toBe(200);
    expect((await ask(base, base)).status).toBe(200);
  });

  it('lets only the allowed origins frame the chat page', async () => {
    const { base } = await start();
    const policy = (await fetch(`${base}/`)).headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`frame-ancestors 'self' ${ALLOWED}`);
  });
});
