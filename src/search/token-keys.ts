import { foldedKey, numberKey, syllableKey } from '../ingest/normalize-vietnamese.js';

/** The matching keys of one distinct token, computed once and shared by every occurrence. */
export interface TokenKey {
  /** Tone-placement-insensitive accented key ("hòa" and "hoà" → "hoa2"); numbers without separators. */
  readonly accented: string;
  /** Lower-case, diacritic-free key ("Đảng" → "dang"). */
  readonly folded: string;
  /** True when the token carries a diacritic (its accented and folded keys differ). */
  readonly marked: boolean;
  /** True when the token starts with a capital letter, as names of people and places do. */
  readonly capitalized: boolean;
  /** FNV-1a hashes of the two keys, for feature hashing. */
  readonly accentedHash: number;
  readonly foldedHash: number;
  /** A small stable number per folded key (−1 once the cache is full), so callers can cache per pair of tokens. */
  readonly foldedId: number;
}

/** Keeps the caches bounded on corpora with very many distinct numbers; later new tokens are computed each time. */
const MAX_CACHED_TOKENS = 300_000;
const ACCENTED_SEED = 0x811c9dc5;
const FOLDED_SEED = 0x050c5d1f;

const OTHER = 1;
const LETTER = 2;
const MARK = 3;
const DIGIT = 4;
/** Character class per UTF-16 code unit, filled on first sight; 0 means not classified yet. */
const classes = new Uint8Array(0x10000);
const LETTER_PATTERN = /^\p{L}$/u;
const MARK_PATTERN = /^\p{M}$/u;

/**
 * The key cache is an open-addressing table keyed by a hash computed while scanning, so a known token is found without
 * slicing it out of the text (a fresh string per occurrence, hashed again by a Map, cost more than everything else).
 */
const TABLE_SIZE = 1 << 20;
const tableSlots = new Int32Array(TABLE_SIZE);
const entryHashes: number[] = [];
const entryTexts: string[] = [];
const entryKeys: TokenKey[] = [];
const foldedIds = new Map<string, number>();

/** FNV-1a over the UTF-16 code units of a key. */
export function hashKey(key: string, seed: number): number {
  let hash = seed >>> 0;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function classify(character: string): number {
  if (character.length === 1) {
    const code = character.charCodeAt(0);
    if (code >= 48 && code <= 57) return DIGIT;
  }
  if (LETTER_PATTERN.test(character)) return LETTER;
  if (MARK_PATTERN.test(character)) return MARK;
  return OTHER;
}

/** Class and width (1, or 2 for a surrogate pair) of the character at `index`. */
function classAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
    const next = text.charCodeAt(index + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return classify(text.slice(index, index + 2)) | 8;
  }
  let kind = classes[code]!;
  if (kind === 0) {
    kind = classify(String.fromCharCode(code));
    classes[code] = kind;
  }
  return kind;
}

/** The cached keys of `text.slice(start, end)` whose scan hash is `hash`, computing and caching them on a miss. */
function keyAt(text: string, start: number, end: number, hash: number, isNumber: boolean): TokenKey {
  const length = end - start;
  let slot = hash & (TABLE_SIZE - 1);
  for (;;) {
    const entry = tableSlots[slot]! - 1;
    if (entry < 0) break;
    if (entryHashes[entry] === hash && entryTexts[entry]!.length === length && text.startsWith(entryTexts[entry]!, start)) return entryKeys[entry]!;
    slot = (slot + 1) & (TABLE_SIZE - 1);
  }
  const token = text.slice(start, end);
  const key = computeKey(token, isNumber);
  if (entryKeys.length < MAX_CACHED_TOKENS) {
    tableSlots[slot] = entryKeys.length + 1;
    entryHashes.push(hash);
    entryTexts.push(token);
    entryKeys.push(key);
  }
  return key;
}

function computeKey(token: string, isNumber: boolean): TokenKey {
  const accented = isNumber ? numberKey(token) : syllableKey(token);
  const folded = isNumber ? accented : foldedKey(token);
  let foldedId = foldedIds.get(folded) ?? -1;
  if (foldedId < 0 && foldedIds.size < MAX_CACHED_TOKENS) {
    foldedId = foldedIds.size;
    foldedIds.set(folded, foldedId);
  }
  const key: TokenKey = {
    accented,
    folded,
    marked: accented !== folded,
    capitalized: !isNumber && token[0] !== token[0]!.toLowerCase(),
    accentedHash: hashKey(accented, ACCENTED_SEED),
    foldedHash: hashKey(folded, FOLDED_SEED),
    foldedId,
  };
  return key;
}

/**
 * The keys of every token of a text, in order. Tokens are exactly those of `tokenize` (letters with their marks, or
 * numbers with inner `.`/`,` between digits), found by a character-class scan instead of a Unicode regex, and keys
 * come from a cache: ingest meets each of a few thousand syllables millions of times. Any Unicode normal form works,
 * because the key functions normalise each token themselves.
 */
export function tokenKeys(text: string): TokenKey[] {
  const keys: TokenKey[] = [];
  const length = text.length;
  let index = 0;
  while (index < length) {
    const kind = classAt(text, index);
    const width = kind & 8 ? 2 : 1;
    const base = kind & 7;
    if (base === LETTER) {
      const start = index;
      index += width;
      while (index < length) {
        const next = classAt(text, index);
        if ((next & 7) !== LETTER && (next & 7) !== MARK) break;
        index += next & 8 ? 2 : 1;
      }
      keys.push(keyAt(text, start, index, hashRange(text, start, index), false));
    } else if (base === DIGIT) {
      const start = index;
      index = skipDigits(text, index);
      for (;;) {
        const separator = text.charCodeAt(index);
        if ((separator === 46 || separator === 44) && isDigit(text.charCodeAt(index + 1))) index = skipDigits(text, index + 1);
        else break;
      }
      keys.push(keyAt(text, start, index, hashRange(text, start, index), true));
    } else {
      index += width;
    }
  }
  return keys;
}

/** FNV-1a over `text[start..end)`, without slicing it. */
function hashRange(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let index = start; index < end; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function skipDigits(text: string, index: number): number {
  let position = index;
  while (isDigit(text.charCodeAt(position))) position += 1;
  return position;
}
