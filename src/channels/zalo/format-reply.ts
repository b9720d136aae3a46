import { distinctCitations } from '../../core/cite.js';
import { displayDate } from '../../core/display-date.js';
import { message } from '../../core/messages.js';
import type { AskResult } from '../../core/types.js';
import { isHttpUrl } from '../../core/http-link.js';

/** Zalo rejects texts longer than this, both on the OA API and on the Bot Platform. */
export const ZALO_TEXT_LIMIT = 2000;

/** Sentence end: terminal punctuation, optional closing quotes or brackets, then whitespace; or a line break. */
const SENTENCE_END = /[.!?…]+["'”’»)\]]*\s+|\n\s*/g;
/** A short capitalised word or a small number before a single period ("TP.", "ThS.", "1.") rarely ends a sentence. */
const ABBREVIATION_BEFORE_PERIOD = /(?:^|[\s(])(?:\p{Lu}\p{L}{0,2}|\d{1,2})$/u;

/**
 * Turns an answer into the texts to send on Zalo, each at most `limit` characters: the answer split at sentence
 * boundaries (with the numbered candidates when it asks which place), then the sources as a short numbered list of
 * titles with links, then how to give feedback. An unsure refusal is followed by its related passages under
 * "Có thể hữu ích" / "May help": title, date, quote and link.
 */
export function formatZaloReply(result: AskResult, limit = ZALO_TEXT_LIMIT): string[] {
  const language = result.language;
  let answer = result.pinned ? `[${message('answer.pinned', language)}]\n${result.answer}` : result.answer;
  // Zalo has no buttons here: the candidates of an ambiguous place are numbered, and the reply "2" picks one.
  if (result.choices && result.choices.length > 1) {
    answer += `\n${message('answer.choose-place', language)}\n${result.choices.map((label, index) => `${index + 1}. ${label}`).join('\n')}`;
  }
  const closing: string[] = [];
  const sources = distinctCitations(result.citations);
  if (sources.length > 0) {
    const lines = sources.map((source, index) => {
      const date = source.published ? ` (${source.published})` : '';
      return `${index + 1}. ${source.title}${date}${isHttpUrl(source.url) ? `\n${source.url}` : ''}`;
    });
    closing.push(`${message('answer.sources', language)}:\n${lines.join('\n')}`);
  }
  if (!result.answered && result.related?.length) {
    const lines = result.related.map((passage, index) => {
      const date = passage.published ? ` (${displayDate(passage.published)})` : '';
      return `${index + 1}. ${passage.title}${date}\n“${passage.quote.replace(/\s*\n\s*/g, ' ').trim()}”${passage.url ? `\n${passage.url}` : ''}`;
    });
    closing.push(`${message('answer.related', language)}:\n${lines.join('\n\n')}`);
  }
  if (result.answered && result.answerId) closing.push(message('zalo.feedback-hint', language));
  const closingText = closing.join('\n\n');

  const texts = splitAtSentences(answer, limit);
  if (!closingText) return texts;
  const last = texts.at(-1);
  const joined = last === undefined ? closingText : `${last}\n\n${closingText}`;
  if (joined.length <= limit) return [...texts.slice(0, -1), joined];
  return [...texts, ...splitAtSentences(closingText, limit)];
}

/**
 * Splits text into pieces of at most `limit` characters, breaking after sentences (or lines) where it can, between
 * words where a sentence is too long, and inside a word only when a single word is; nothing is dropped but whitespace.
 */
export function splitAtSentences(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    const piece = current.trim();
    if (piece) pieces.push(piece);
    current = '';
  };
  for (const sentence of sentences(text)) {
    for (const segment of sentence.trimEnd().length <= limit ? [sentence] : wordsWithin(sentence, limit)) {
      if ((current + segment).trim().length > limit) flush();
      current += segment;
    }
  }
  flush();
  return pieces;
}

/** Sentences of `text`, each with the whitespace that follows it, so joining them gives `text` back. */
function sentences(text: string): string[] {
  const result: string[] = [];
  let start = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = (match.index ?? 0) + match[0].length;
    const isSinglePeriod = match[0].trimEnd() === '.';
    if (isSinglePeriod && ABBREVIATION_BEFORE_PERIOD.test(text.slice(start, match.index))) continue;
    result.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) result.push(text.slice(start));
  return result;
}

/** Words of an over-long sentence (each with its following whitespace), cutting any single word longer than `limit`. */
function wordsWithin(sentence: string, limit: number): string[] {
  const segments: string[] = [];
  for (const word of sentence.match(/\S+\s*/g) ?? []) {
    if (word.trimEnd().length <= limit) {
      segments.push(word);
      continue;
    }
    let part = '';
    for (const character of word) {
      if (part.length + character.length > limit) {
        segments.push(part);
        part = '';
      }
      part += character;
    }
    segments.push(part);
  }
  return segments;
}

