/**
 * Vietnamese text normalisation for matching. Article text itself is only ever NFC-normalised (answers quote it
 * verbatim); the keys built here are for comparing, never for showing.
 */

const TONE_MARKS: Record<string, number> = {
  '\u0301': 1, // sắc
  '\u0300': 2, // huyền
  '\u0309': 3, // hỏi
  '\u0303': 4, // ngã
  '\u0323': 5, // nặng
};
const COMBINING_MARK = /[\u0300-\u036f]/g;
const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** A word-like run: letters (with their combining marks) or a number, with inner `.`/`,` kept between digits. */
const TOKEN = /\p{L}[\p{L}\p{M}]*|\d+(?:[.,]\d+)*/gu;

/** Returns `text` in Unicode NFC, the form every stored and compared string uses. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Removes every diacritic and maps đ/Đ to d/D, because residents often type without them and NFD alone keeps đ.
 * Case is preserved.
 */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARK, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** Syllable keys computed so far: a language has a few thousand syllables, asked for millions of times. */
const MAX_CACHED_SYLLABLES = 100_000;
const syllableKeys = new Map<string, string>();
const foldedSyllableKeys = new Map<string, string>();

/**
 * Longer strings are not cached: V8 may keep a long string as a slice of the text it came from, and a cached slice
 * would keep that whole text alive. Vietnamese syllables are at most 7 letters.
 */
const MAX_CACHED_LENGTH = 12;

/** `compute(syllable)` through a cache that is emptied when full (names and numbers can be unbounded). */
function cached(cache: Map<string, string>, syllable: string, compute: (syllable: string) => string): string {
  if (syllable.length > MAX_CACHED_LENGTH) return compute(syllable);
  let key = cache.get(syllable);
  if (key === undefined) {
    key = compute(syllable);
    if (cache.size >= MAX_CACHED_SYLLABLES) cache.clear();
    cache.set(syllable, key);
  }
  return key;
}

/**
 * A lower-case key for one syllable that ignores where the tone mark sits: old-style "hoà"/"thuỷ" and new-style
 * "hòa"/"thủy" give the same key ("hoa2", "thuy3"), while different tones or vowels still differ.
 */
export function syllableKey(syllable: string): string {
  return cached(syllableKeys, syllable, (text) => {
    const decomposed = text.toLowerCase().normalize('NFD');
    let tone = 0;
    const base = decomposed.replace(TONE_MARK, (mark) => {
      tone = TONE_MARKS[mark] ?? 0;
      return '';
    });
    const recomposed = base.normalize('NFC');
    return tone ? `${recomposed}${tone}` : recomposed;
  });
}

/** A lower-case, diacritic-free key for one syllable ("Đảng" → "dang"). */
export function foldedKey(syllable: string): string {
  return cached(foldedSyllableKeys, syllable, (text) => foldDiacritics(text).toLowerCase());
}

/** Canonical form of a number token: digit-group and decimal separators removed ("2.883" → "2883"). */
export function numberKey(token: string): string {
  return token.replace(/[.,]/g, '');
}

/** A number as the reader compares it: "09/02" is the day "9/2" a resident types, so a day or month's leading zero goes. */
export function numberMatchKey(token: string): string {
  const key = numberKey(token);
  return /^0\d$/.test(key) ? key.slice(1) : key;
}

/** One token of a text with its UTF-16 offsets. */
export interface Token {
  /** The token as written (NFC). */
  text: string;
  start: number;
  end: number;
  isNumber: boolean;
}

/** Splits NFC text into syllables and numbers, keeping offsets so callers can quote the original exactly. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const value = match[0];
    const start = match.index ?? 0;
    tokens.push({ text: value, start, end: start + value.length, isNumber: /^\d/.test(value) });
  }
  return tokens;
}

/** Tone-placement-insensitive accented keys of every token (numbers without separators). */
export function accentedKeys(text: string): string[] {
  return tokenize(nfc(text)).map((token) => (token.isNumber ? numberKey(token.text) : syllableKey(token.text)));
}

/** Diacritic-folded keys of every token (numbers without separators). */
export function foldedKeys(text: string): string[] {
  return tokenize(nfc(text)).map((token) => (token.isNumber ? numberKey(token.text) : foldedKey(token.text)));
}

/** Folds diacritics, lower-cases and collapses everything but letters and digits to single spaces. */
export function normalizeForMatch(text: string): string {
  return foldedKeys(text).join(' ');
}

/** True when the text carries any Vietnamese diacritic (or đ). */
export function hasDiacritics(text: string): boolean {
  return foldDiacritics(text) !== nfc(text);
}
