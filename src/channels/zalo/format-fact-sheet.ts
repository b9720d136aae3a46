import { message } from '../../core/messages.js';
import type { Language } from '../../core/types.js';
import type { CompactEntry, CompactFactSheet } from '../../facts/format-fact-sheet.js';
import { isHttpUrl } from '../../core/http-link.js';
import { splitAtSentences, ZALO_TEXT_LIMIT } from './format-reply.js';

/**
 * A ward's fact sheet as Zalo texts of at most `limit` characters: the ward, current office holders, key figures,
 * each line with the date of its article and the article's link on the next line; a text ends between entries, so a
 * line never loses its link.
 */
export function formatZaloFactSheet(sheet: CompactFactSheet, language: Language, limit = ZALO_TEXT_LIMIT): string[] {
  const section = (key: 'facts.holders' | 'facts.figures', entries: CompactEntry[]) => [
    `\n${message(key, language)}:`,
    ...(entries.length === 0 ? [message('facts.none', language)] : entries.map(entryLines)),
  ];
  const blocks = [sheet.place, ...section('facts.holders', sheet.holders), ...sheet.warnings.map((warning) => `(!) ${warning}`), ...section('facts.figures', sheet.figures)];
  const texts: string[] = [];
  let current = '';
  for (const block of blocks.flatMap((block) => (block.length <= limit ? [block] : splitAtSentences(block, limit)))) {
    if (current && current.length + 1 + block.length > limit) {
      texts.push(current.trim());
      current = '';
    }
    current = current ? `${current}\n${block}` : block;
  }
  if (current.trim()) texts.push(current.trim());
  return texts;
}

function entryLines(entry: CompactEntry): string {
  return `- ${entry.text} — ${entry.asOf}${isHttpUrl(entry.url) ? `\n  ${entry.url}` : ` (${entry.title})`}`;
}
