/** How many hash functions a MinHash signature keeps: the similarity estimate's error is about 1/√64 = 0.125 at worst, less near 1. */
const HASHES = 64;
/** Words per shingle: long enough that two different articles of one ward share few, short enough to survive small edits. */
const SHINGLE_WORDS = 4;
/** The estimated share of shingles two texts must have in common to be the same news. */
export const NEAR_DUPLICATE_SIMILARITY = 0.7;
/** The share of one text's numbers (dates, amounts, counts) the other must state too. */
const NUMBER_OVERLAP = 0.9;

/**
 * What near-duplicate detection keeps of a text: a MinHash signature of its normalised word 4-shingles and the numbers
 * it states. Two copies of the same news (the ward's site and the province portal, with another byline, intro line or
 * photo caption) share most shingles and all their numbers; two issues of one template ("lịch tiếp công dân tháng 9"
 * and "tháng 10") share most shingles but not their dates.
 */
export interface TextSignature {
  minHashes: number[];
  numbers: string[];
}

/** The signature of an article's text (NFC, lower case, punctuation ignored). */
export function textSignature(text: string): TextSignature {
  const words = text.normalize('NFC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const width = Math.min(SHINGLE_WORDS, words.length);
  const minHashes = new Array<number>(HASHES).fill(0xffffffff);
  for (let start = 0; start + width <= words.length && width > 0; start++) {
    const shingle = words.slice(start, start + width).join(' ');
    const first = fnv1a(shingle, 0x811c9dc5);
    const second = fnv1a(shingle, 0x01000193) | 1;
    for (let index = 0; index < HASHES; index++) {
      // Kirsch–Mitzenmacher: the i-th hash function from two, which is as good as independent ones for MinHash.
      const value = (first + Math.imul(index, second)) >>> 0;
      if (value < (minHashes[index] as number)) minHashes[index] = value;
    }
  }
  const numbers = [...new Set(words.filter((word) => /^\d+$/.test(word)))].sort();
  return { minHashes, numbers };
}

/** Whether two signatures are of the same news: most shingles shared (estimated) and the numbers of the one with fewer stated by the other. */
export function isNearDuplicate(left: TextSignature, right: TextSignature): boolean {
  let equal = 0;
  for (let index = 0; index < HASHES; index++) if (left.minHashes[index] === right.minHashes[index]) equal++;
  if (equal / HASHES < NEAR_DUPLICATE_SIMILARITY) return false;
  const [fewer, more] = left.numbers.length <= right.numbers.length ? [left.numbers, right.numbers] : [right.numbers, left.numbers];
  if (fewer.length === 0) return true;
  const stated = new Set(more);
  return fewer.filter((number) => stated.has(number)).length / fewer.length >= NUMBER_OVERLAP;
}

/** The signature as stored (compact text, portable to any SQL database). */
export function serialiseSignature(signature: TextSignature): string {
  return `${signature.minHashes.map((value) => value.toString(36)).join(',')}|${signature.numbers.join(',')}`;
}

/** A stored signature read back; undefined for one this version cannot read. */
export function parseSignature(stored: string): TextSignature | undefined {
  const [hashes = '', numbers = ''] = stored.split('|');
  const minHashes = hashes.split(',').map((value) => parseInt(value, 36));
  if (minHashes.length !== HASHES || minHashes.some((value) => Number.isNaN(value))) return undefined;
  return { minHashes, numbers: numbers ? numbers.split(',') : [] };
}

function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // MurmurHash3's finaliser, so the two hashes of one shingle share no pattern.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}
