import { displayDate } from '../core/display-date.js';
import { message } from '../core/messages.js';
import type { AskResult } from '../core/types.js';

/**
 * A readable terminal rendering of an answer: the text, then numbered sources with title, date and link; for an unsure
 * refusal, the passages that may help under their own heading, each with its quote.
 */
export function formatAnswerText(result: AskResult): string {
  const lines = [result.answer];
  if (result.pinned) lines.unshift(`[${message('answer.pinned', result.language)}: ${result.pinned.pinnedBy}]`);
  if (result.citations.length > 0) {
    lines.push('', `${message('answer.sources', result.language)}:`);
    result.citations.forEach((citation, index) => {
      const date = citation.published ? ` (${displayDate(citation.published)})` : '';
      lines.push(`  [${index + 1}] ${citation.title}${date}${citation.url ? `\n      ${citation.url}` : ''}`);
    });
  }
  if (!result.answered && result.related?.length) {
    lines.push('', `${message('answer.related', result.language)}:`);
    result.related.forEach((passage, index) => {
      const date = passage.published ? ` (${displayDate(passage.published)})` : '';
      lines.push(`  ${index + 1}. ${passage.title}${date}`);
      lines.push(`     “${passage.quote.replace(/\s*\n\s*/g, ' ')}”`);
      if (passage.url) lines.push(`     ${passage.url}`);
    });
  }
  return lines.join('\n');
}
