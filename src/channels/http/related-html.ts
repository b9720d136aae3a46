import type { AskResult } from '../../core/types.js';

/**
 * The HTML of an unsure refusal's related passages for the web chat: a section headed `heading` ("Có thể hữu ích"),
 * a numbered list of title links with dates, each with its quote; '' when there are none. Everything from the
 * articles is escaped, and only http(s) addresses become links.
 *
 * The chat page runs this very function in the browser (its source is embedded), so it must stay self-contained: no
 * imports, no outside helpers — which is why the date formatter (`displayDate`, embedded too) is passed in.
 */
export function relatedPassagesHtml(result: Pick<AskResult, 'answered' | 'related'>, heading: string, formatDate: (published: string) => string): string {
  const escape = (text: string) =>
    String(text).replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character);
  if (result.answered || !result.related || result.related.length === 0) return '';
  const items = result.related.map((passage) => {
    const label = escape(passage.title || passage.id);
    const title = /^https?:\/\//i.test(passage.url) ? `<a href="${escape(passage.url)}" target="_blank" rel="noopener">${label}</a>` : label;
    const date = passage.published ? ` <span class="date">(${escape(formatDate(passage.published))})</span>` : '';
    return `<li>${title}${date}<blockquote>${escape(passage.quote)}</blockquote></li>`;
  });
  return `<section class="related"><h2>${escape(heading)}</h2><ol>${items.join('')}</ol></section>`;
}
