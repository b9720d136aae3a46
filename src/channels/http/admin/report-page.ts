import { barChartSvg } from '../../../admin/bar-chart.js';
import { displayDate, displayTime } from '../../../core/display-date.js';
import type { RefusalReason } from '../../../core/types.js';
import type { HttpResponse } from '../http-route.js';
import type { ConsoleRequest } from './console-context.js';
import { consolePage, escapeHtml } from './console-html.js';
import { html } from './console-session.js';
import { reasonInWords } from './questions-page.js';

const DAYS = 30;
const LIMIT = 20;

/**
 * `GET /admin/report`: questions and answers per day and per channel (charts), the answer rate, refusals by reason
 * in words, unanswered questions grouped by meaning (each with "pin an answer to this"), the worst-rated answers,
 * pins overdue for review and facts marked wrong.
 */
export async function showReport(context: ConsoleRequest): Promise<HttpResponse> {
  const { t, options, view } = context;
  const now = (options.now ?? (() => new Date()))();
  const timeZone = options.store.zone;
  const report = await options.store.report({ limit: LIMIT });
  const activity = await options.store.questions.activity(now, DAYS, timeZone);
  const language = view.language;
  const percent = (value: number | null) => (value === null ? '–' : value.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US', { style: 'percent', maximumFractionDigits: 1 }));
  const series = [t('questions'), t('answered')];
  const dayChart = barChartSvg(
    activity.days.map((day) => ({ label: displayDate(day.date).slice(0, 5), values: [day.questions, day.answered] })),
    { title: t('perDay'), series },
  );
  const channelChart = barChartSvg(
    activity.channels.map((channel) => ({ label: channel.channel, values: [channel.questions, channel.answered] })),
    { title: t('perChannel'), series, height: 180 },
  );
  const channelRows = activity.channels
    .map((channel) => `<tr><th scope="row">${escapeHtml(channel.channel)}</th><td>${channel.questions}</td><td>${channel.answered}</td><td>${percent(channel.questions ? channel.answered / channel.questions : null)}</td></tr>`)
    .join('');
  const totals = report.totals;
  const reasons = (Object.entries(totals.byReason) as Array<[RefusalReason, number]>)
    .sort((left, right) => right[1] - left[1])
    .map(([reason, count]) => `<li><strong>${count}</strong> × ${escapeHtml(reasonInWords(reason, language))} <a href="/admin/questions?outcome=${encodeURIComponent(reason)}">${t('questions')}</a></li>`)
    .join('');
  const unanswered = report.unanswered
    .map((group) => {
      const link = new URLSearchParams({ question: group.example });
      if (group.variants.length) link.set('alternatives', group.variants.join('\n'));
      return `<li class="card"><p><strong>${escapeHtml(group.example)}</strong> — ${group.count} ${t('times')}, ${escapeHtml(displayTime(group.lastAsked, timeZone))}</p>
${group.variants.length ? `<p class="muted">${t('alsoAsked')}${group.variants.map((variant) => `“${escapeHtml(variant)}”`).join(', ')}</p>` : ''}
<p class="muted">${t('reason')}: ${group.reasons.map((reason) => escapeHtml(reasonInWords(reason, language))).join('; ')}</p>
<a href="/admin/pins?${escapeHtml(link.toString())}">${t('pinThis')}</a></li>`;
    })
    .join('');
  const worst = report.worstRated
    .map(
      (answer) => `<li class="card"><p><strong>${escapeHtml(answer.question)}</strong> — 👎 ${answer.downVotes} · 👍 ${answer.upVotes}</p><p class="quote">${escapeHtml(answer.answer)}</p>${
        answer.comments.length ? `<ul>${answer.comments.map((comment) => `<li>💬 ${escapeHtml(comment)}</li>`).join('')}</ul>` : ''
      }<a href="/admin/pins?question=${encodeURIComponent(answer.question)}">${t('pinThis')}</a></li>`,
    )
    .join('');
  const overdue = report.overduePins
    .map((pin) => `<li>${escapeHtml(displayDate(pin.reviewBy))} · ${escapeHtml(pin.question)} (${escapeHtml(pin.pinnedBy)}, ${pin.hits} ${t('hits').toLowerCase()}) <a href="/admin/pins?edit=${encodeURIComponent(pin.id)}">${t('edit')}</a></li>`)
    .join('');
  const flagged = (await options.store.factFlags.list())
    .map((flag) => `<li>${escapeHtml(flag.place)} · ${escapeHtml(flag.summary)} — ${escapeHtml(flag.flaggedBy)}, ${escapeHtml(displayTime(flag.flaggedAt, timeZone))}${flag.note ? `: ${escapeHtml(flag.note)}` : ''}</li>`)
    .join('');
  const none = `<p>${t('none')}</p>`;
  const body = `<p class="muted">${t('generated')}: ${escapeHtml(displayTime(now, timeZone))} (${escapeHtml(timeZone)})</p>
<p>${t('questions')}: <strong>${totals.questions}</strong> · ${t('answered')}: <strong>${totals.answered}</strong> · ${t('answerRate')}: <strong>${percent(totals.answerRate)}</strong> · ${t('up')}: ${totals.upVotes} · ${t('down')}: ${totals.downVotes}</p>
<h2>${t('perDay')}</h2>${dayChart}
<h2>${t('perChannel')}</h2>${channelChart}
<div class="table"><table><thead><tr><th scope="col">${t('channel')}</th><th scope="col">${t('questions')}</th><th scope="col">${t('answered')}</th><th scope="col">${t('answerRate')}</th></tr></thead><tbody>${channelRows}</tbody></table></div>
<h2>${t('refusals')}</h2>${reasons ? `<ul>${reasons}</ul>` : none}
<h2>${t('unanswered')}</h2>${unanswered ? `<ol>${unanswered}</ol>` : none}
<h2>${t('worstRated')}</h2>${worst ? `<ol>${worst}</ol>` : none}
<h2>${t('overduePins')}</h2>${overdue ? `<ul>${overdue}</ul>` : none}
<h2>${t('flaggedFacts')}</h2>${flagged ? `<ul>${flagged}</ul>` : none}`;
  return html(200, consolePage(view, t('report'), body));
}
