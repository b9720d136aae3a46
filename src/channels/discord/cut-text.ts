import { splitSentences } from '../../ingest/split-sentences.js';

/** A text cut to fit a limit, saying whether anything was left out. */
export interface CutText {
  text: string;
  cut: boolean;
}

/**
 * Shortens `text` to at most `limit` UTF-16 units: after the last whole sentence that fits (when that keeps at least
 * half the room), else between words, and inside a word only when the first word alone is longer than the limit;
 * appends `ending` (counted in the limit) when something was cut.
 */
export function cutAtSentence(text: string, limit: number, ending = ''): CutText {
  if (text.length <= limit) return { text, cut: false };
  // One unit stays free for the space before the ending.
  const room = Math.max(0, limit - (ending ? ending.length + 1 : 0));
  const sentences = sentencePrefix(text, room);
  // A short first sentence followed by a very long one would otherwise leave most of the room empty.
  const kept = (sentences.length * 2 >= room ? sentences : '') || wordPrefix(text, room) || sentences || characterPrefix(text, room);
  if (!ending) return { text: kept, cut: true };
  return { text: kept ? `${kept} ${ending}` : ending.slice(0, limit), cut: true };
}

/** The longest run of whole sentences from the start that fits in `room`, or '' when the first does not. */
function sentencePrefix(text: string, room: number): string {
  let end = 0;
  for (const span of splitSentences(text)) {
    if (span.end > room) break;
    end = span.end;
  }
  return text.slice(0, end).trimEnd();
}

/** The longest run of whole words from the start that fits in `room`, or '' when the first word does not. */
function wordPrefix(text: string, room: number): string {
  const head = text.slice(0, room);
  if (/\s/.test(text[room] ?? '')) return head.trimEnd();
  const boundary = head.search(/\s\S*$/);
  return boundary > 0 ? head.slice(0, boundary).trimEnd() : '';
}

/** As many whole code points as fit in `room`, so a surrogate pair is never split. */
function characterPrefix(text: string, room: number): string {
  let kept = '';
  for (const character of text) {
    if (kept.length + character.length > room) break;
    kept += character;
  }
  return kept;
}
