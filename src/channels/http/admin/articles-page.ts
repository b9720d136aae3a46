import { displayDate } from '../../../core/display-date.js';
import { normalizeForMatch } from '../../../ingest/normalize-vietnamese.js';
import type { ArticleMeta } from '../../../core/types.js';
import type { HttpResponse } from '../http-route.js';
import type { ConsoleRequest } from './console-context.js';
import { consolePage, csrfField, escapeHtml } from './console-html.js';
import { html, redirect } from './console-session.js';

const PAGE_SIZE = 100;

/** The site an article came from (its URL's host), or '' for one without an address. */
function sourceOf(article: ArticleMeta): string {
  try {
    return new URL(article.url).host;
  } catch {
    return '';
  }
}

/** `GET /admin/articles`: the indexed articles, newest first, searched by title and filtered by ward and source site. */
export function showArticles(context: ConsoleRequest, notice?: { text: string; error?: boolean }, status = 200): HttpResponse {
  const { t, options, view } = context;
  const search = context.request.url.searchParams;
  const query = normalizeForMatch(search.get('q') ?? '');
  const place = search.get('place') ?? '';
  const source = search.get('source') ?? '';
  const all = options.articles();
  const places = [...new Set(all.map((article) => article.place ?? '').filter(Boolean))].sort((left, right) => left.localeCompare(right, 'vi'));
  const sources = [...new Set(all.map(sourceOf).filter(Boolean))].sort();
  const shown = all
    .filter((article) => (!query || normalizeForMatch(`${article.title} ${article.id}`).includes(query)) && (!place || article.place === place) && (!source || sourceOf(article) === source))
    .sort((left, right) => (right.published ?? '').localeCompare(left.published ?? '') || left.title.localeCompare(right.title, 'vi'));
  const done = search.get('done');
  const shownNotice = notice ?? (done === 'removed' ? { text: t('removed') } : done === 'added' ? { text: t('saved') } : undefined);
  const choice = (id: string, label: string, current: string, values: string[]) =>
    `<div><label for="${id}">${label}</label><select id="${id}" name="${id}"><option value="">${t('all')}</option>${values
      .map((value) => `<option${value === current ? ' selected' : ''}>${escapeHtml(value)}</option>`)
      .join('')}</select></div>`;
  const filters = `<form method="get" action="/admin/articles" class="filters" role="search" aria-label="${t('filter')}">
<div><label for="q">${t('search')}</label><input type="search" id="q" name="q" value="${escapeHtml(search.get('q') ?? '')}"></div>
${choice('place', t('ward'), place, places)}${choice('source', t('source'), source, sources)}
<div><button type="submit">${t('filter')}</button></div></form>`;
  const add = options.addArticle
    ? `<form method="post" action="/admin/articles/add" class="card stack" aria-labelledby="add-title"><h2 id="add-title">${t('addByUrl')}</h2>${csrfField(view)}
<div><label for="add-url">${t('url')}</label><input type="url" id="add-url" name="url" required placeholder="https://"></div>
<div><label for="add-place">${t('ward')}</label><input type="text" id="add-place" name="place" list="known-places"><datalist id="known-places">${places.map((label) => `<option value="${escapeHtml(label)}">`).join('')}</datalist></div>
<button type="submit">${t('add')}</button></form>`
    : '';
  const rows = shown.slice(0, PAGE_SIZE).map(
    (article) => `<tr><td><a href="/admin/article?id=${encodeURIComponent(article.id)}">${escapeHtml(article.title)}</a></td><td>${escapeHtml(article.place ?? '–')}</td><td>${escapeHtml(sourceOf(article) || '–')}</td><td>${escapeHtml(article.published ? displayDate(article.published) : '–')}</td></tr>`,
  );
  const table = rows.length
    ? `<div class="table"><table><caption class="muted">${shown.length} ${t('articleCount')}${shown.length > PAGE_SIZE ? ` (${PAGE_SIZE})` : ''}</caption><thead><tr><th scope="col">${t('titleColumn')}</th><th scope="col">${t('ward')}</th><th scope="col">${t('source')}</th><th scope="col">${t('date')}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
    : `<p>${t('none')}</p>`;
  return html(status, consolePage(view, t('articles'), `${filters}${add}${table}`, shownNotice));
}

/** `GET /admin/article?id=…`: one article, its details and text, with *remove*. */
export async function showArticle(context: ConsoleRequest): Promise<HttpResponse> {
  const { t, options, view } = context;
  const id = context.request.url.searchParams.get('id') ?? '';
  const article = options.articles().find((candidate) => candidate.id === id);
  if (!article) return showArticles(context, { text: t('notFound'), error: true }, 404);
  const content = await options.readArticle?.(id);
  const link = /^https?:\/\//i.test(article.url) ? `<a href="${escapeHtml(article.url)}" rel="noopener noreferrer" target="_blank">${escapeHtml(article.url)}</a>` : '–';
  const remove = options.removeArticle
    ? `<form method="post" action="/admin/articles/remove">${csrfField(view)}<input type="hidden" name="id" value="${escapeHtml(article.id)}"><button type="submit" class="danger">${t('removeArticle')}</button></form>`
    : '';
  const body = `<dl><dt>${t('ward')}</dt><dd>${escapeHtml(article.place ?? '–')}</dd><dt>${t('date')}</dt><dd>${escapeHtml(article.published ? displayDate(article.published) : '–')}</dd><dt>${t('source')}</dt><dd>${link}</dd>${
    content ? `<dt>${t('file')}</dt><dd><code>${escapeHtml(content.file)}</code></dd>` : ''
  }</dl>${remove}${content ? `<pre class="article">${escapeHtml(content.text)}</pre>` : ''}`;
  return html(200, consolePage(view, article.title, body));
}

/** `POST /admin/articles/remove`: takes the article out of the index (its file is kept aside). */
export async function removeArticle(context: ConsoleRequest): Promise<HttpResponse> {
  const { options, view } = context;
  const id = context.form.get('id') ?? '';
  const article = options.articles().find((candidate) => candidate.id === id);
  if (!article || !options.removeArticle || !(await options.removeArticle(id))) return showArticles(context, { text: context.t('notFound'), error: true }, 404);
  await options.store.admin.audit(view.account, 'article.remove', article.title, `id ${article.id}; ${article.url}`);
  return redirect('/admin/articles?done=removed');
}

/** `POST /admin/articles/add`: fetches one article by URL now and indexes it. */
export async function addArticle(context: ConsoleRequest): Promise<HttpResponse> {
  const { options, view, t } = context;
  if (!options.addArticle) return showArticles(context, { text: t('addArticleUnavailable'), error: true }, 400);
  const url = (context.form.get('url') ?? '').trim();
  const place = (context.form.get('place') ?? '').normalize('NFC').trim();
  if (!/^https?:\/\/\S+$/i.test(url)) return showArticles(context, { text: `${t('url')}: http(s)://…`, error: true }, 400);
  const outcome = await options.addArticle(url, place || undefined);
  await options.store.admin.audit(view.account, 'article.add', url, outcome.kind === 'failed' ? `failed: ${outcome.reason}` : outcome.kind);
  if (outcome.kind === 'failed') return showArticles(context, { text: outcome.reason, error: true }, 400);
  if (outcome.kind !== 'saved') return showArticles(context, { text: outcome.kind === 'duplicate' ? 'Bài này đã có (already indexed).' : 'Bài không đổi (unchanged).' });
  return redirect('/admin/articles?done=added');
}
