import { hasDiacritics, tokenize } from '../ingest/normalize-vietnamese.js';
import type { Language } from './types.js';

// Frequent English function words. Words that are also Vietnamese syllables ("an", "to", "in", "ban") are left out so
// Vietnamese typed without diacritics is not mistaken for English.
const ENGLISH_WORDS = new Set(
  ('the is are was were be been has have had of and or for with from by at on as that this these those which who whom ' +
    'whose what where when how it its he she they their his her there not no yes will would can could should may ' +
    'about according article articles ward commune party secretary chairman deputy committee people council held ' +
    'during after before than into over also said says were total number percent year years members member')
    .split(' '),
);
// Quoted text may be Vietnamese in an English answer (a verbatim quote) and is not the answer's own language.
const QUOTED = /“[^”]*”|"[^"]*"|«[^»]*»/gu;
const MIN_WORDS = 3;

/**
 * Says why `text` is not written in `expected` (for the grounding detail), or undefined when it is or is too short to
 * tell. Only lower-case words outside quotes count, since names and quotes keep their Vietnamese spelling in any
 * language; a Vietnamese answer must also carry its diacritics.
 */
export function languageMismatch(text: string, expected: Language): string | undefined {
  const words = tokenize(text.replace(QUOTED, ' '))
    .filter((token) => !token.isNumber && /^\p{Ll}/u.test(token.text))
    .map((token) => token.text);
  if (words.length < MIN_WORDS) return undefined;
  const accentedShare = words.filter(hasDiacritics).length / words.length;
  const englishShare = words.filter((word) => ENGLISH_WORDS.has(word)).length / words.length;
  if (expected === 'vi') {
    if (englishShare >= 0.25 || (accentedShare < 0.25 && englishShare >= 0.1)) return 'the answer is in English but the question is Vietnamese';
    if (accentedShare < 0.25) return 'the answer is Vietnamese without diacritics';
    return undefined;
  }
  if (englishShare < 0.1 && accentedShare >= 0.3) return 'the answer is in Vietnamese but the question is English';
  return undefined;
}
