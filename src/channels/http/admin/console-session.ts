import { sameSecret } from '../../../admin/password-hash.js';
import type { AdminStore } from '../../../store/console-records.js';
import type { HttpRequest, HttpResponse } from '../http-route.js';
import { isSameOrigin } from '../origin-policy.js';
import type { ConsoleLanguage } from './console-text.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'hp_admin';
const LANGUAGE_COOKIE = 'hp_lang';

/** The cookies of a request, by name (the first of a repeated name wins). */
export function readCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (!name || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // A cookie that is not valid percent-encoding is not ours.
    }
  }
  return cookies;
}

/** The `Set-Cookie` value of a session: HttpOnly, SameSite=Strict, only under /admin, Secure when served over HTTPS. */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}${secure ? '; Secure' : ''}`;
}

/** The headers every console response carries: never cached, never framed, nothing loaded from elsewhere, no scripts. */
export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
};

/** An HTML response of the console. */
export function html(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...CONSOLE_HEADERS, ...headers }, body };
}

/** A redirect after a change (303, so the browser follows with a GET). */
export function redirect(location: string, headers: Record<string, string> = {}): HttpResponse {
  return { status: 303, headers: { location, ...CONSOLE_HEADERS, ...headers }, body: '' };
}

/** The console's language: `?lang=` (remembered in a cookie), else the cookie, else Vietnamese. */
export function consoleLanguage(request: HttpRequest): { language: ConsoleLanguage; setCookie?: string } {
  const asked = request.url.searchParams.get('lang');
  if (asked === 'en' || asked === 'vi') return { language: asked, setCookie: `${LANGUAGE_COOKIE}=${asked}; Path=/admin; SameSite=Strict; Max-Age=31536000` };
  return { language: readCookies(request.headers.cookie).get(LANGUAGE_COOKIE) === 'en' ? 'en' : 'vi' };
}

/** A form post's fields (`application/x-www-form-urlencoded`); empty for any other body. */
export function readForm(request: HttpRequest): URLSearchParams {
  const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return new URLSearchParams();
  return new URLSearchParams(request.rawBody.toString('utf8'));
}

/** What checking a console request found: the signed-in account, or why it is refused. */
export type SessionCheck =
  | { kind: 'signed-in'; account: string; csrfToken: string; token: string; form: URLSearchParams }
  | { kind: 'no-session' }
  | { kind: 'bad-csrf' };

/**
 * Checks a console request: it needs a live session cookie; a POST must also carry the session's CSRF token in its
 * form (compared in constant time) and, when the browser names an origin, come from this server's own pages.
 */
export async function checkSession(request: HttpRequest, store: AdminStore): Promise<SessionCheck> {
  const token = readCookies(request.headers.cookie).get(SESSION_COOKIE);
  const session = token ? await store.session(token) : undefined;
  if (!token || !session) return { kind: 'no-session' };
  const form = request.method === 'POST' ? readForm(request) : new URLSearchParams();
  if (request.method === 'POST') {
    const origin = request.headers.origin;
    if (typeof origin === 'string' && origin !== 'null' && !isSameOrigin(origin, request.headers.host)) return { kind: 'bad-csrf' };
    if (!sameSecret(form.get('_csrf') ?? '', session.csrfToken)) return { kind: 'bad-csrf' };
  }
  return { kind: 'signed-in', account: session.account, csrfToken: session.csrfToken, token, form };
}
