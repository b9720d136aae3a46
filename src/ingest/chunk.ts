import { ChatbotError } from '../core/errors.js';
import type { Article, Chunk } from '../core/types.js';
import { splitSentences, type Span } from './split-sentences.js';

/** How chunks are cut: `maxChars` per chunk (default 700) and sentences shared by neighbours (default 1). */
export interface ChunkOptions {
  maxChars?: number;
  overlapSentences?: number;
}

const DEFAULT_MAX_CHARS = 700;
const DEFAULT_OVERLAP_SENTENCES = 1;

/** Cuts an article into sentence-aligned chunks; chunk.text === article.text.slice(start, end). */
export function chunkArticle(article: Pick<Article, 'id' | 'text'>, options: ChunkOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const overlapSentences = options.overlapSentences ?? DEFAULT_OVERLAP_SENTENCES;
  if (!Number.isInteger(maxChars) || maxChars < 1) {
    throw new ChatbotError('input-invalid', `Chunk maxChars must be a whole number of at least 1 (got ${maxChars}).`);
  }
  if (!Number.isInteger(overlapSentences) || overlapSentences < 0) {
    throw new ChatbotError('input-invalid', `Chunk overlapSentences must be a whole number of at least 0 (got ${overlapSentences}).`);
  }

  const spans = packSentences(splitSentences(article.text), maxChars, overlapSentences).flatMap((span) =>
    span.end - span.start > 2 * maxChars ? splitAtWords(article.text, span, maxChars) : [span],
  );
  return spans.map((span, ordinal) => ({
    id: `${article.id}#${ordinal}`,
    articleId: article.id,
    ordinal,
    start: span.start,
    end: span.end,
    text: article.text.slice(span.start, span.end),
  }));
}

/**
 * Greedily packs whole sentences into spans of at most `maxChars`, each span beginning with up to `overlap` sentences
 * of the one before so a fact cut at a border is still found whole; a sentence longer than `maxChars` stands alone.
 */
function packSentences(sentences: Span[], maxChars: number, overlap: number): Span[] {
  const spans: Span[] = [];
  const length = (first: number, last: number): number => (sentences[last]?.end ?? 0) - (sentences[first]?.start ?? 0);
  let next = 0;
  let previousFirst = 0;
  let previousWasLong = true;
  while (next < sentences.length) {
    if (length(next, next) > maxChars) {
      spans.push(spanOf(sentences, next, next));
      next += 1;
      previousWasLong = true;
      continue;
    }
    let first = previousWasLong ? next : Math.max(previousFirst, next - overlap);
    while (first < next && length(first, next) > maxChars) first += 1;
    let last = next;
    while (last + 1 < sentences.length && length(first, last + 1) <= maxChars) last += 1;
    spans.push(spanOf(sentences, first, last));
    previousFirst = first;
    previousWasLong = false;
    next = last + 1;
  }
  return spans;
}

function spanOf(sentences: Span[], first: number, last: number): Span {
  return { start: sentences[first]?.start ?? 0, end: sentences[last]?.end ?? 0 };
}

/** Cuts an overly long span into pieces of at most `maxChars`, at whitespace when there is any. */
function splitAtWords(text: string, span: Span, maxChars: number): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (start < span.end) {
    while (start < span.end && /\s/.test(text[start] ?? '')) start += 1;
    if (start >= span.end) break;
    let end = Math.min(start + maxChars, span.end);
    if (end < span.end) {
      const space = text.slice(start, end + 1).search(/\s\S*$/);
      if (space > 0) end = start + space;
      else if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1;
    }
    let trimmedEnd = end;
    while (trimmedEnd > start && /\s/.test(text[trimmedEnd - 1] ?? '')) trimmedEnd -= 1;
    pieces.push({ start, end: trimmedEnd });
    start = end;
  }
  return pieces;
}
