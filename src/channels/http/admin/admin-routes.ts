import { checkLogin } from '../../../admin/admin-login.js';
import { displayTime } from '../../../core/display-date.js';
import type { HttpRequest, HttpResponse, HttpRoute, RequestContext } from '../http-route.js';
import { isSameOrigin } from '../origin-policy.js';
import { addArticle, removeArticle, showArticle, showArticles } from './articles-page.js';
import { consoleRequest, type AdminConsoleOptions, type ConsoleRequest } from './console-context.js';
import { consolePage, consoleStyles } from './console-html.js';
import { checkSession, consoleLanguage, html, readCookies, readForm, redirect, SESSION_COOKIE, sessionCookie } from './console-session.js';
import { consoleText } from './console-text.js';
import { flagFact, showFacts, unflagFact } from './facts-page.js';
import { removePin, savePin, showPins } from './pins-page.js';
import { exportQuestions, showQuestions } from './questions-page.js';
import { showReport } from './report-page.js';
import { showAudit, showSettings } from './settings-page.js';

type PageHandler = (context: ConsoleRequest) => HttpResponse | Promise<HttpResponse>;

/** Every page of the console behind the login, by method and path. */
const PAGES: ReadonlyArray<['GET' | 'POST', string, PageHandler]> = [
  ['GET', '/admin', () => redirect('/admin/report')],
  ['GET', '/admin/report', showReport],
  ['GET', '/admin/questions', showQuestions],
  ['GET', '/admin/questions.csv', exportQuestions],
  ['GET', '/admin/pins', showPins],
  ['POST', '/admin/pins/save', savePin],
  ['POST', '/admin/pins/remove', removePin],
  ['GET', '/admin/articles', (context) => showArticles(context)],
  ['GET', '/admin/article', showArticle],
  ['POST', '/admin/articles/remove', removeArticle],
  ['POST', '/admin/articles/add', addArticle],
  ['GET', '/admin/facts', showFacts],
  ['POST', '/admin/facts/flag', flagFact],
  ['POST', '/admin/facts/unflag', unflagFact],
  ['GET', '/admin/settings', showSettings],
  ['GET', '/admin/audit', showAudit],
];

/** The paths of every console page that needs a session (the security tests visit each). */
export const PROTECTED_ADMIN_ROUTES: ReadonlyArray<{ method: 'GET' | 'POST'; path: string }> = [
  ...PAGES.map(([method, path]) => ({ method, path })),
  { method: 'POST', path: '/admin/logout' },
];

function loginPage(request: HttpRequest, notice?: { text: string; error?: boolean }, status = 200, headers: Record<string, string> = {}): HttpResponse {
  const { language } = consoleLanguage(request);
  const t = (key: Parameters<typeof consoleText>[0]) => consoleText(key, language);
  const next = safeNext(request.url.searchParams.get('next'));
  const body = `<form method="post" action="/admin/login${next !== '/admin/report' ? `?next=${encodeURIComponent(next)}` : ''}" class="login card stack">
<div><label for="name">${t('account')}</label><input type="text" id="name" name="name" required autocomplete="username" autocapitalize="none" value="admin"></div>
<div><label for="password">${t('password')}</label><input type="password" id="password" name="password" required autocomplete="current-password"></div>
<button type="submit">${t('login')}</button></form>`;
  return html(status, consolePage({ language, path: request.url.pathname + request.url.search }, t('login'), body, notice), headers);
}

/** Only a console path may follow the login, so `next` cannot send anyone elsewhere. */
function safeNext(next: string | null): string {
  return next && /^\/admin(?:[/?]|$)/.test(next) && !next.startsWith('//') ? next : '/admin/report';
}

/**
 * The staff console at `/admin`: a login (accounts from `hoiphuong admin add`, or `admin` with ADMIN_PASSWORD), then
 * pages for articles, pins, questions, the report, fact sheets, settings and the audit log. Every page needs a live
 * session (an HttpOnly, SameSite=Strict cookie whose hash is kept in the database); every change needs the session's
 * CSRF token and is written to the audit log with who made it.
 */
export function createAdminRoutes(options: AdminConsoleOptions): HttpRoute[] {
  const { store } = options;
  const admin = store.admin;
  const sessionSeconds = options.config.admin.sessionHours * 3600;

  const login: HttpRoute = {
    method: 'POST',
    path: '/admin/login',
    handle: async (request: HttpRequest, context: RequestContext) => {
      const origin = request.headers.origin;
      if (typeof origin === 'string' && origin !== 'null' && !isSameOrigin(origin, request.headers.host)) return loginPage(request, undefined, 403);
      const form = readForm(request);
      const name = (form.get('name') ?? '').slice(0, 100);
      const outcome = await checkLogin(admin, { name, password: (form.get('password') ?? '').slice(0, 1000), visitor: context.visitor }, options.builtInPasswordHash);
      const { language } = consoleLanguage(request);
      if (outcome.kind === 'locked') {
        await admin.audit(name || '?', 'login.locked', context.visitor);
        return loginPage(request, { text: `${consoleText('loginLocked', language)}${displayTime(outcome.until, store.zone)}.`, error: true }, 429);
      }
      if (outcome.kind === 'refused') {
        await admin.audit(name || '?', 'login.failed', context.visitor);
        const known = options.builtInPasswordHash !== undefined || (await admin.accounts()).length > 0;
        return loginPage(request, { text: consoleText(known ? 'loginRefused' : 'noLogin', language), error: true }, 401);
      }
      const session = await admin.startSession(outcome.account, options.config.admin.sessionHours);
      await admin.audit(outcome.account, 'login', context.visitor);
      return redirect(safeNext(request.url.searchParams.get('next')), { 'set-cookie': sessionCookie(session.token, sessionSeconds, options.secureCookies ?? false) });
    },
  };

  const logout: HttpRoute = {
    method: 'POST',
    path: '/admin/logout',
    handle: async (request) => {
      const check = await checkSession(request, admin);
      if (check.kind !== 'signed-in') return refused(request, check.kind);
      await admin.endSession(check.token);
      await admin.audit(check.account, 'logout', '');
      return redirect('/admin/login', { 'set-cookie': sessionCookie('', 0, options.secureCookies ?? false) });
    },
  };

  const refused = (request: HttpRequest, why: 'no-session' | 'bad-csrf'): HttpResponse => {
    const { language } = consoleLanguage(request);
    if (why === 'bad-csrf') return loginPage(request, { text: consoleText('csrf', language), error: true }, 403);
    // A page asked for without a session leads to the login; a change posted without one is simply refused.
    if (request.method === 'GET') return redirect(`/admin/login?next=${encodeURIComponent(request.url.pathname + request.url.search)}`);
    return loginPage(request, { text: consoleText('csrf', language), error: true }, 403);
  };

  const protectedRoutes = PAGES.map(
    ([method, path, handler]): HttpRoute => ({
      method,
      path,
      handle: async (request) => {
        const check = await checkSession(request, admin);
        if (check.kind !== 'signed-in') return refused(request, check.kind);
        const { language, setCookie } = consoleLanguage(request);
        const view = { account: check.account, csrfToken: check.csrfToken, language, path: request.url.pathname + request.url.search };
        const response = await handler(consoleRequest(view, request, check.form, options));
        return setCookie ? { ...response, headers: { ...response.headers, 'set-cookie': setCookie } } : response;
      },
    }),
  );

  return [
    { method: 'GET', path: '/console.css', handle: async () => ({ status: 200, headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' }, body: consoleStyles }) },
    {
      method: 'GET',
      path: '/admin/login',
      handle: async (request) => {
        const token = readCookies(request.headers.cookie).get(SESSION_COOKIE);
        if (token && (await admin.session(token))) return redirect(safeNext(request.url.searchParams.get('next')));
        const { setCookie } = consoleLanguage(request);
        return loginPage(request, undefined, 200, setCookie ? { 'set-cookie': setCookie } : {});
      },
    },
    login,
    logout,
    ...protectedRoutes,
  ];
}
