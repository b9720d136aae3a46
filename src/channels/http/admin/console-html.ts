import { consoleText, type ConsoleLanguage, type ConsoleTextKey } from './console-text.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character);
}

/** Who is viewing a console page, and the page's language. */
export interface ConsoleView {
  account: string;
  csrfToken: string;
  language: ConsoleLanguage;
  /** The path and query of this page, for the language switch. */
  path: string;
}

const PAGES: ReadonlyArray<[string, ConsoleTextKey]> = [
  ['/admin/report', 'report'],
  ['/admin/questions', 'questions'],
  ['/admin/pins', 'pins'],
  ['/admin/articles', 'articles'],
  ['/admin/facts', 'facts'],
  ['/admin/settings', 'settings'],
  ['/admin/audit', 'audit'],
];

/** The hidden field that carries the session's CSRF token in every form that changes something. */
export function csrfField(view: ConsoleView): string {
  return `<input type="hidden" name="_csrf" value="${escapeHtml(view.csrfToken)}">`;
}

/** The address of this page in the other language. */
function languageSwitch(view: { language: ConsoleLanguage; path: string }): string {
  const url = new URL(view.path, 'http://console');
  url.searchParams.set('lang', view.language === 'en' ? 'vi' : 'en');
  return `${url.pathname}${url.search}`;
}

/** A whole console page: header with navigation and the language switch, main content, footer. */
export function consolePage(view: ConsoleView | { language: ConsoleLanguage; path: string }, title: string, body: string, notice?: { text: string; error?: boolean }): string {
  const t = (key: ConsoleTextKey) => consoleText(key, view.language);
  const signedIn = 'account' in view;
  const current = new URL(view.path, 'http://console').pathname;
  const nav = signedIn
    ? `<nav aria-label="${t('nav')}"><ul>${PAGES.map(
        ([path, key]) => `<li><a href="${path}"${current === path ? ' aria-current="page"' : ''}>${t(key)}</a></li>`,
      ).join('')}</ul></nav>`
    : '';
  const account = signedIn
    ? `<form method="post" action="/admin/logout" class="logout">${csrfField(view)}<span>${t('signedInAs')}<strong>${escapeHtml(view.account)}</strong></span> <button type="submit">${t('logout')}</button></form>`
    : '';
  const message = notice ? `<p class="notice${notice.error ? ' error' : ''}" role="${notice.error ? 'alert' : 'status'}">${escapeHtml(notice.text)}</p>` : '';
  return `<!doctype html>
<html lang="${view.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${t('title')}</title>
<link rel="stylesheet" href="/console.css">
</head>
<body>
<header><p class="brand">${t('title')}</p>${account}<a class="lang" href="${escapeHtml(languageSwitch(view))}" lang="${view.language === 'en' ? 'vi' : 'en'}">${t('switchLanguage')}</a>${nav}</header>
<main id="main"><h1>${escapeHtml(title)}</h1>${message}${body}</main>
<footer><p>Hỏi Phường</p></footer>
</body>
</html>
`;
}

/** The console's style sheet (served at /console.css): plain, high contrast, 44 px targets, tables that scroll on phones. */
export const consoleStyles = `body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; line-height: 1.45; }
header { background: #0a3069; color: #fff; padding: 0.5rem 1rem; display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
header a { color: #fff; }
header .brand { font-weight: 700; margin: 0; }
header nav { flex-basis: 100%; }
header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.2rem 0.4rem; margin: 0; padding: 0; }
header nav a { display: inline-flex; align-items: center; min-height: 44px; padding: 0 0.6rem; border-radius: 6px; }
header nav a[aria-current=page] { background: #fff; color: #0a3069; font-weight: 600; }
header .lang { display: inline-flex; align-items: center; min-height: 44px; }
header form.logout { margin: 0 0 0 auto; display: flex; align-items: center; gap: 0.5rem; }
header form.logout button { background: #fff; color: #0a3069; }
main { padding: 1rem; max-width: 80rem; }
h1 { font-size: 1.5rem; margin: 0.3rem 0 0.8rem; }
h2 { font-size: 1.2rem; margin: 1.4rem 0 0.5rem; }
footer { padding: 1rem; color: #4b535d; border-top: 1px solid #d0d7de; }
a { color: #0a4fb8; }
label { display: block; font-weight: 600; margin: 0.4rem 0 0.2rem; }
input, select, textarea { box-sizing: border-box; min-height: 44px; padding: 0.4rem 0.5rem; font: inherit; border: 1px solid #6e7781; border-radius: 6px; max-width: 100%; }
textarea { width: 100%; min-height: 5rem; }
input[type=text], input[type=url], input[type=password], input[type=search] { width: 100%; }
button, .button { display: inline-flex; align-items: center; min-height: 44px; min-width: 44px; padding: 0 0.9rem; font: inherit; border-radius: 6px; border: 1px solid #0b5cd5; background: #0b5cd5; color: #fff; cursor: pointer; text-decoration: none; }
button.danger { background: #fff; color: #a40e26; border-color: #a40e26; }
button.light, .button.light { background: #fff; color: #0a4fb8; }
:focus-visible { outline: 3px solid #bf8700; outline-offset: 2px; }
.filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-end; margin-bottom: 1rem; }
.filters > div { min-width: 12rem; flex: 1; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #d0d7de; padding: 0.4rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td form { display: inline; }
.notice { padding: 0.6rem 0.8rem; background: #dafbe1; border-left: 4px solid #1a7f37; }
.notice.error { background: #ffebe9; border-color: #a40e26; }
.muted { color: #4b535d; }
.quote { font-style: italic; color: #32383f; }
.card { border: 1px solid #d0d7de; border-radius: 8px; padding: 0.8rem; margin: 0.6rem 0; max-width: 48rem; }
.stack > * + * { margin-top: 0.6rem; }
.pager { display: flex; gap: 1rem; margin: 0.8rem 0; }
.login { max-width: 24rem; }
svg { max-width: 48rem; display: block; }
pre.article { white-space: pre-wrap; background: #f6f8fa; padding: 0.8rem; border-radius: 6px; max-width: 60rem; }
`;
