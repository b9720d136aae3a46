import type { Entity } from './entities.js';
import type { AnswerType } from './question-analysis.js';
import type { Span } from '../ingest/split-sentences.js';

/** Room a list answer may take: more than one sentence, but within what a chat reply shows whole. */
const LIST_MAX_CHARS = 480;
/** An item label shorter than this ("Sáng:") says too little to stand for its item. */
const MIN_LABEL_CHARS = 8;

/**
 * Quotes a lead-in and its list items (`items` are offsets into `text`, the lead-in comes first) for an answer: the
 * items themselves when the question asks for a list or for no particular fact, or else the lead-in and the one item
 * holding `entity`. Lines are quoted as written; when the whole list is too long, each item is cut to its label (the
 * words before its first ":" or ",") and marked with "…", and items that still do not fit are left out after a "…".
 */
export function quoteList(text: string, items: readonly Span[], entity: Entity | undefined, type: AnswerType, maxChars: number): string {
  const first = items[0];
  if (!first) return text.trim();
  const lead = text.slice(0, first.start).trim();
  if (type !== 'list' && type !== 'other') {
    const holder = entity ? items.find((item) => entity.start >= item.start && entity.start < item.end) : undefined;
    return holder ? `${lead}\n${text.slice(holder.start, holder.end)}` : lead.length <= maxChars ? lead : text.trim();
  }
  const whole = text.trim();
  const budget = Math.max(maxChars, LIST_MAX_CHARS);
  if (whole.length <= budget) return whole;
  // First try each item's label with its value up to the next comma ("Hỗ trợ ổn định đời sống: 30 kg gạo/nhân
  // khẩu/tháng…"): the amounts are what a question about benefits or fees asks for.
  const withValues = [lead, ...items.map((item) => itemWithValue(text.slice(item.start, item.end)))].join('\n');
  if (withValues.length <= budget) return withValues;
  const lines = [lead];
  let length = lead.length;
  for (const item of items) {
    const line = shortItem(text.slice(item.start, item.end));
    if (length + 1 + line.length > budget - 2) {
      lines.push('…');
      break;
    }
    lines.push(line);
    length += 1 + line.length;
  }
  return lines.join('\n');
}

function shortItem(item: string): string {
  const cut = [item.indexOf(': '), item.indexOf(', ')].filter((at) => at >= MIN_LABEL_CHARS).sort((a, b) => a - b)[0];
  return cut === undefined ? item : `${item.slice(0, cut)}…`;
}

function itemWithValue(item: string): string {
  const colon = item.indexOf(': ');
  if (colon < MIN_LABEL_CHARS) return shortItem(item);
  const comma = item.indexOf(', ', colon + 2);
  return comma < 0 ? item : `${item.slice(0, comma)}…`;
}
