import { toCsv } from '../../../admin/csv.js';
import { displayTime } from '../../../core/display-date.js';
import { message } from '../../../core/messages.js';
import type { RefusalReason } from '../../../core/types.js';
import type { LoggedQuestion, QuestionFilter } from '../../../store/console-records.js';
import type { HttpResponse } from '../http-route.js';
import type { ConsoleRequest } from './console-context.js';
import { consolePage, escapeHtml } from './console-html.js';
import { CONSOLE_HEADERS, html } from './console-session.js';

const PAGE_SIZE = 50;
const CSV_LIMIT = 100_000;
const REASONS: readonly RefusalReason[] = ['no-sources', 'low-score', 'wrong-place', 'ambiguous-place', 'not-grounded', 'error'];
const FILTER_FIELDS = ['q', 'channel', 'place', 'outcome', 'vote'] as const;

/** The filter a console address asks for. */
function filterOf(search: URLSearchParams): QuestionFilter {
  const value = (name: string) => (search.get(name) ?? '').trim() || undefined;
  const filter: QuestionFilter = {};
  const assign = <K extends keyof QuestionFilter>(key: K, text: string | undefined) => {
    if (text !== undefined) filter[key] = text;
  };
  assign('search', value('q'));
  assign('channel', value('channel'));
  assign('place', value('place'));
  assign('outcome', value('outcome'));
  assign('vote', value('vote'));
  return filter;
}

/** A refusal reason in words, in the console's language. */
export function reasonInWords(reason: RefusalReason | undefined, language: 'vi' | 'en'): string {
  return message(`report.reason.${reason ?? 'no-sources'}`, language);
}

function select(id: string, label: string, current: string, choices: ReadonlyArray<[string, string]>, all: string): string {
  const options = [['', all] as [string, string], ...choices]
    .map(([value, text]) => `<option value="${escapeHtml(value)}"${value === current ? ' selected' : ''}>${escapeHtml(text)}</option>`)
    .join('');
  return `<div><label for="${id}">${label}</label><select id="${id}" name="${id}">${options}</select></div>`;
}

function row(context: ConsoleRequest, entry: LoggedQuestion): string {
  const { t, view, options } = context;
  const outcome = entry.answered
    ? `${entry.mode === 'pinned' ? `<strong>${t('pinned')}:</strong> ` : ''}${escapeHtml(entry.answer)}`
    : `<strong>${t('refused')}:</strong> ${escapeHtml(reasonInWords(entry.reason, view.language))}`;
  const votes = [entry.upVotes ? `👍 ${entry.upVotes}` : '', entry.downVotes ? `👎 ${entry.downVotes}` : ''].filter(Boolean).join(' ') || '–';
  const comments = entry.comments.map((comment) => `<li>${escapeHtml(comment)}</li>`).join('');
  return `<tr>
<td>${escapeHtml(displayTime(entry.createdAt, options.store.zone))}</td>
<td>${escapeHtml(entry.channel)}</td>
<td>${escapeHtml(entry.place ?? '–')}</td>
<td>${escapeHtml(entry.question)}</td>
<td>${outcome}</td>
<td>${votes}${comments ? `<ul class="comments">${comments}</ul>` : ''}</td>
<td><a href="/admin/pins?from=${encodeURIComponent(entry.id)}">${t('pinThis')}<span class="muted"> — ${escapeHtml(entry.question.slice(0, 40))}</span></a></td>
</tr>`;
}

/** `GET /admin/questions`: the answer log, newest first, searchable and filtered by channel, ward, outcome and rating. */
export async function showQuestions(context: ConsoleRequest): Promise<HttpResponse> {
  const { t, options, view } = context;
  const search = context.request.url.searchParams;
  const filter = filterOf(search);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(search.get('page') ?? '1', 10) || 1));
  const total = await options.store.questions.count(filter);
  const entries = await options.store.questions.list(filter, PAGE_SIZE, (page - 1) * PAGE_SIZE);
  const choices = await options.store.questions.choices();
  const outcomes: Array<[string, string]> = [
    ['answered', t('answered')],
    ['refused', t('refused')],
    ['pinned', t('pinned')],
    ...REASONS.map((reason): [string, string] => [reason, `${t('refused')}: ${reasonInWords(reason, view.language)}`]),
  ];
  const query = new URLSearchParams();
  for (const field of FILTER_FIELDS) if (search.get(field)) query.set(field, search.get(field)!);
  const pageLink = (number: number) => {
    const link = new URLSearchParams(query);
    link.set('page', String(number));
    return `/admin/questions?${link}`;
  };
  const filters = `<form method="get" action="/admin/questions" class="filters" role="search" aria-label="${t('filter')}">
<div><label for="q">${t('search')}</label><input type="search" id="q" name="q" value="${escapeHtml(search.get('q') ?? '')}"></div>
${select('channel', t('channel'), search.get('channel') ?? '', choices.channels.map((channel): [string, string] => [channel, channel]), t('all'))}
${select('place', t('ward'), search.get('place') ?? '', choices.places.map((place): [string, string] => [place, place]), t('all'))}
${select('outcome', t('outcome'), search.get('outcome') ?? '', outcomes, t('all'))}
${select('vote', t('vote'), search.get('vote') ?? '', [['up', t('up')], ['down', t('down')], ['rated', t('rated')], ['none', t('noVote')]], t('all'))}
<div><button type="submit">${t('filter')}</button></div>
</form>
<p><a class="button light" href="/admin/questions.csv?${query}">${t('exportCsv')}</a> <span class="muted">${total} ${t('questionsFound')}</span></p>`;
  const table = entries.length
    ? `<div class="table"><table><thead><tr><th scope="col">${t('time')}</th><th scope="col">${t('channel')}</th><th scope="col">${t('ward')}</th><th scope="col">${t('question')}</th><th scope="col">${t('outcome')}</th><th scope="col">${t('comments')}</th><th scope="col">${t('pins')}</th></tr></thead><tbody>${entries.map((entry) => row(context, entry)).join('')}</tbody></table></div>`
    : `<p>${t('none')}</p>`;
  const pager = `<nav class="pager" aria-label="${t('questions')}">${page > 1 ? `<a href="${escapeHtml(pageLink(page - 1))}">${t('previous')}</a>` : ''}${page * PAGE_SIZE < total ? `<a href="${escapeHtml(pageLink(page + 1))}">${t('next')}</a>` : ''}</nav>`;
  return html(200, consolePage(view, t('questions'), `${filters}${table}${pager}`));
}

/** `GET /admin/questions.csv`: the same filtered log as CSV (times in the ward's time zone). */
export async function exportQuestions(context: ConsoleRequest): Promise<HttpResponse> {
  const { options, view } = context;
  const entries = await options.store.questions.list(filterOf(context.request.url.searchParams), CSV_LIMIT);
  const rows = [
    ['time', 'channel', 'ward', 'question', 'answered', 'reason', 'mode', 'answer', 'up_votes', 'down_votes', 'comments', 'answer_id'],
    ...entries.map((entry) => [
      displayTime(entry.createdAt, options.store.zone),
      entry.channel,
      entry.place ?? '',
      entry.question,
      entry.answered ? 'yes' : 'no',
      entry.answered ? '' : reasonInWords(entry.reason, view.language),
      entry.mode,
      entry.answer,
      entry.upVotes,
      entry.downVotes,
      entry.comments.join(' | '),
      entry.id,
    ]),
  ];
  return {
    status: 200,
    headers: { ...CONSOLE_HEADERS, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="hoiphuong-questions.csv"' },
    body: toCsv(rows),
  };
}
