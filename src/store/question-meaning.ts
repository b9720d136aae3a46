import { vietnameseSynonyms } from '../core/civic-glossary.js';
import { expandShorthand } from '../core/chat-shorthand.js';
import { detectAnswerTypes } from '../core/question-analysis.js';
import { foldedKey, tokenize } from '../ingest/normalize-vietnamese.js';
import { isCommon, meaningfulWords } from './question-similarity.js';

/** Folded syllables of a phrase, as question words are keyed. */
function foldedPhrase(phrase: string): string {
  return tokenize(phrase)
    .map((token) => foldedKey(token.text))
    .join(' ');
}

/**
 * Every phrase that has an equivalent, mapped to the one phrase its class is written as. Classes come from the
 * answerer's glossary (two phrases that each list the other, joined transitively: "gộp" = "sáp nhập" = "sắp xếp").
 */
function buildCanonicalForms(): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (phrase: string): string => {
    let root = phrase;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    return root;
  };
  const join = (left: string, right: string) => {
    for (const phrase of [left, right]) if (!parent.has(phrase)) parent.set(phrase, phrase);
    const [a, b] = [find(left), find(right)];
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  };
  for (const [phrase, alternatives] of Object.entries(vietnameseSynonyms)) {
    for (const alternative of alternatives) {
      if (vietnameseSynonyms[alternative]?.includes(phrase)) join(foldedPhrase(phrase), foldedPhrase(alternative));
    }
  }
  return new Map([...parent.keys()].map((phrase) => [phrase, find(phrase)]));
}

const CANONICAL = buildCanonicalForms();
const LONGEST_PHRASE = Math.max(...[...CANONICAL.keys()].map((phrase) => phrase.split(' ').length));

/**
 * A key shared by questions that ask the same thing in different words, for grouping them in the staff report: the
 * kind of fact asked (so "ở đâu" and "khi nào" stay apart), then the content words in order, folded, with synonyms and
 * shorthand written one way ("CCCD" = "căn cước công dân" = "căn cước") and question words, fillers and chat particles
 * left out ("mấy" = "bao nhiêu").
 */
export function questionMeaningKey(text: string): string {
  // The answerer's own shorthand lexicon first: "CCCD", "sđt", "bn" read as the answerer reads them.
  const words = meaningfulWords(expandShorthand(text));
  const content: string[] = [];
  // The question with synonyms written one way, so its kind is read the same way too ("sđt" asks for a phone number).
  const rewritten: string[] = [];
  for (let index = 0; index < words.length; ) {
    let replaced = false;
    for (let length = Math.min(LONGEST_PHRASE, words.length - index); length >= 1 && !replaced; length--) {
      const phrase = words
        .slice(index, index + length)
        .map((word) => word.key)
        .join(' ');
      const canonical = CANONICAL.get(phrase);
      if (canonical !== undefined) {
        content.push(canonical);
        rewritten.push(canonical);
        index += length;
        replaced = true;
      }
    }
    if (replaced) continue;
    const word = words[index] as (typeof words)[number];
    // Judged by the folded form alone, so a question typed without diacritics keeps the same words as one typed with
    // them ("đâu" and "dau" both stay: "dau" could be "đầu").
    if (!isCommon({ key: word.key, accented: undefined })) content.push(word.key);
    rewritten.push(word.key);
    index += 1;
  }
  const kind = detectAnswerTypes(rewritten.join(' '))[0] ?? 'other';
  return `${kind}: ${content.join(' ')}`;
}
