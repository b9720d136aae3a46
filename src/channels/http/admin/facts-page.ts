import { displayDate, displayTime } from '../../../core/display-date.js';
import { factKey, holdingKey, withoutFlagged } from '../../../facts/fact-key.js';
import { measureLabel } from '../../../facts/format-fact-sheet.js';
import type { FactSource } from '../../../facts/fact.js';
import type { HttpResponse } from '../http-route.js';
import type { ConsoleRequest } from './console-context.js';
import { consolePage, csrfField, escapeHtml } from './console-html.js';
import { html, redirect } from './console-session.js';

function sourceLine(source: FactSource | undefined): string {
  if (!source) return '';
  const title = /^https?:\/\//i.test(source.url) ? `<a href="${escapeHtml(source.url)}" rel="noopener noreferrer" target="_blank">${escapeHtml(source.title)}</a>` : escapeHtml(source.title);
  return `<p class="quote">“${escapeHtml(source.quote)}”</p><p class="muted">${title}${source.published ? ` (${escapeHtml(displayDate(source.published))})` : ''}</p>`;
}

/**
 * `GET /admin/facts?place=…`: a ward's fact sheet — office holders now and key figures, each with its quote and a
 * *mark wrong* button — and the facts staff marked wrong, each with *show again*.
 */
export async function showFacts(context: ConsoleRequest): Promise<HttpResponse> {
  const { t, options, view } = context;
  const book = options.facts?.();
  if (!book) return html(200, consolePage(view, t('facts'), `<p>${t('none')}</p>`));
  const flags = options.store.factFlags;
  const visible = withoutFlagged(book, await flags.keys());
  const places = book.places();
  const place = context.request.url.searchParams.get('place') ?? places[0] ?? '';
  const picker = `<form method="get" action="/admin/facts" class="filters"><div><label for="place">${t('ward')}</label><select id="place" name="place">${places
    .map((label) => `<option${label === place ? ' selected' : ''}>${escapeHtml(label)}</option>`)
    .join('')}</select></div><div><button type="submit">${t('open')}</button></div></form>`;
  const flagForm = (key: string, summary: string) =>
    `<form method="post" action="/admin/facts/flag" class="stack">${csrfField(view)}<input type="hidden" name="key" value="${escapeHtml(key)}"><input type="hidden" name="place" value="${escapeHtml(place)}"><input type="hidden" name="summary" value="${escapeHtml(summary)}">
<label for="note-${escapeHtml(encodeURIComponent(key))}">${t('note')}</label><input type="text" id="note-${escapeHtml(encodeURIComponent(key))}" name="note" maxlength="500">
<button type="submit" class="danger" aria-label="${t('markWrong')}: ${escapeHtml(summary)}">${t('markWrong')}</button></form>`;
  let body = picker;
  if (places.includes(place)) {
    const sheet = visible.sheet(place);
    const offices = sheet.offices.flatMap((entry) =>
      entry.holders.map((holding) => {
        const summary = `${entry.office}: ${holding.person}`;
        const key = holdingKey(place, entry.office, holding.person);
        return `<li class="card"><p><strong>${escapeHtml(entry.office)}</strong>: ${escapeHtml(holding.person)}${holding.asOf ? ` — ${t('asOf')} ${escapeHtml(displayDate(holding.asOf))}` : ''}</p>${sourceLine(holding.sources[0])}${flagForm(key, summary)}</li>`;
      }),
    );
    const figures = sheet.figures.map((series) => {
      const fact = series.latest;
      const summary = `${measureLabel(series.measure)}: ${fact.written}${fact.period ? ` (${fact.period})` : ''}`;
      return `<li class="card"><p><strong>${escapeHtml(measureLabel(series.measure))}</strong>: ${escapeHtml(fact.written)}${fact.period ? ` (${escapeHtml(fact.period)})` : ''}</p>${sourceLine(fact.source)}${flagForm(factKey(fact), summary)}</li>`;
    });
    body += `<h2>${t('office')}</h2>${offices.length ? `<ul>${offices.join('')}</ul>` : `<p>${t('none')}</p>`}<h2>${t('figure')}</h2>${figures.length ? `<ul>${figures.join('')}</ul>` : `<p>${t('none')}</p>`}`;
  }
  const flagged = (await flags.list()).map(
    (flag) => `<li>${escapeHtml(flag.place)} · ${escapeHtml(flag.summary)} — ${escapeHtml(flag.flaggedBy)}, ${escapeHtml(displayTime(flag.flaggedAt, options.store.zone))}${flag.note ? `: ${escapeHtml(flag.note)}` : ''}
<form method="post" action="/admin/facts/unflag">${csrfField(view)}<input type="hidden" name="key" value="${escapeHtml(flag.factKey)}"><button type="submit" class="light">${t('unmark')}</button></form></li>`,
  );
  body += `<h2>${t('flaggedFacts')}</h2>${flagged.length ? `<ul>${flagged.join('')}</ul>` : `<p>${t('none')}</p>`}`;
  return html(200, consolePage(view, t('facts'), body));
}

/** `POST /admin/facts/flag`: marks a fact wrong; it leaves the sheets (console and API) and is listed in the report. */
export async function flagFact(context: ConsoleRequest): Promise<HttpResponse> {
  const { form, options, view } = context;
  const key = form.get('key') ?? '';
  const place = form.get('place') ?? '';
  const summary = (form.get('summary') ?? '').slice(0, 500);
  if (!key || key.length > 1000) return redirect('/admin/facts');
  await options.store.factFlags.flag({ factKey: key, place, summary, flaggedBy: view.account, note: form.get('note') ?? '' });
  await options.store.admin.audit(view.account, 'fact.flag', summary, `${place}; ${form.get('note') ?? ''}`);
  await options.factsChanged?.();
  return redirect(`/admin/facts?place=${encodeURIComponent(place)}`);
}

/** `POST /admin/facts/unflag`: shows a fact marked wrong again. */
export async function unflagFact(context: ConsoleRequest): Promise<HttpResponse> {
  const { form, options, view } = context;
  const key = form.get('key') ?? '';
  if (await options.store.factFlags.unflag(key)) {
    await options.store.admin.audit(view.account, 'fact.unflag', key);
    await options.factsChanged?.();
  }
  return redirect('/admin/facts');
}
