import { splitSentences, type Span } from '../ingest/split-sentences.js';

/** A lead-in (a sentence ending in ":" or a heading line) and the list items right under it, as offsets into a text. */
export interface ListBlock {
  lead: Span;
  items: Span[];
}

// Bullets ("- ", "• ") and numbering ("1. ", "2) ", "a) ") that open a list item.
const ITEM_MARK = /^(?:[-*•+–]\s+|\d{1,2}[.)]\s+|[a-zđ][.)]\s+)/u;
// A heading that stands on its own line: "**2. Thời gian làm việc**", "## Liên hệ".
const HEADING = /^(?:\*\*[^*\n]+\*\*|#{1,6}\s+\S.*)$/u;

/**
 * Finds the lists of a text: a lead-in sentence ending in ":" or a heading line, followed by one or more bulleted or
 * numbered lines. Articles often put the facts themselves in the items ("3 khâu đột phá:" then three bullets), so the
 * answerer reads a lead-in together with its items, and each item with its lead-in's words.
 */
export function findListBlocks(text: string): ListBlock[] {
  const lines = lineSpans(text);
  const blocks: ListBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as Span;
    const lineText = text.slice(line.start, line.end);
    const isHeading = HEADING.test(lineText);
    if (!isHeading && !/:\**$/u.test(lineText)) continue;
    const items: Span[] = [];
    for (let next = index + 1; next < lines.length; next++) {
      const item = lines[next] as Span;
      const itemText = text.slice(item.start, item.end);
      if (!ITEM_MARK.test(itemText) || HEADING.test(itemText)) break;
      items.push(item);
    }
    if (items.length === 0) continue;
    // Of a paragraph that ends in a lead-in, only its last sentence introduces the list.
    const sentences = splitSentences(lineText);
    const last = sentences[sentences.length - 1];
    const lead = isHeading || !last ? line : { start: line.start + last.start, end: line.start + last.end };
    blocks.push({ lead, items });
    index += items.length;
  }
  return blocks;
}

function lineSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const leading = line.length - line.trimStart().length;
    const trimmed = line.trim();
    if (trimmed) spans.push({ start: start + leading, end: start + leading + trimmed.length });
    start += line.length + 1;
  }
  return spans;
}
