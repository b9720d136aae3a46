import { foldedKey, hasDiacritics, nfc, numberKey, syllableKey, tokenize, type Token } from '../ingest/normalize-vietnamese.js';

/** A query term with how much a match on it counts. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** The two matching keys of one token: tone-placement-insensitive accented, and diacritic-folded. */
export interface TokenKeys {
  accented: string;
  folded: string;
}

/** Marks folded keys so "dan" written without marks in an article never collides with the folded key of "dân". */
const FOLDED_PREFIX = '~';
/** Weight of a folded match when the query carries diacritics: half, so "dân" ranks above "dần" for a query "dân". */
const FOLDED_WEIGHT_WITH_DIACRITICS = 0.5;
/** Keeps the key cache bounded on corpora with very many distinct numbers. */
const MAX_CACHED_TOKENS = 200_000;

const keyCache = new Map<string, TokenKeys>();

/**
 * The accented and folded keys of a token, cached by its text because a corpus has only a few thousand distinct
 * syllables and normalising each occurrence (NFD, regex, NFC) would dominate ingest time.
 */
export function tokenKeys(token: Token): TokenKeys {
  let keys = keyCache.get(token.text);
  if (keys === undefined) {
    if (token.isNumber) {
      const key = numberKey(token.text);
      keys = { accented: key, folded: key };
    } else {
      keys = { accented: syllableKey(token.text), folded: foldedKey(token.text) };
    }
    if (keyCache.size >= MAX_CACHED_TOKENS) keyCache.clear();
    keyCache.set(token.text, keys);
  }
  return keys;
}

/** The BM25 term of a folded unigram. */
function foldedTerm(folded: string): string {
  return FOLDED_PREFIX + folded;
}

/** The BM25 term of two neighbouring folded syllables. */
function bigramTerm(previous: string, folded: string): string {
  return `${FOLDED_PREFIX}${previous} ${folded}`;
}

/**
 * Terms the BM25 index stores for a text: accented syllable keys (only where they differ from the folded key, since
 * the folded term already records unmarked words), folded keys (prefixed so they don't collide) and folded bigrams.
 */
export function lexicalTerms(text: string): string[] {
  const terms: string[] = [];
  let previous: string | undefined;
  for (const token of tokenize(nfc(text))) {
    const keys = tokenKeys(token);
    if (keys.accented !== keys.folded) terms.push(keys.accented);
    terms.push(foldedTerm(keys.folded));
    if (previous !== undefined) terms.push(bigramTerm(previous, keys.folded));
    previous = keys.folded;
  }
  return terms;
}

/**
 * The same terms for a query, weighted. A query typed without any diacritic asks only for folded terms (its missing
 * marks say nothing about the word meant); a query with diacritics also asks for the accented keys, so exact words
 * outrank words that only fold alike. Bigrams weigh 1: their rarity already lifts them through the IDF.
 */
export function queryTerms(text: string): WeightedTerm[] {
  const normalized = nfc(text);
  const accentedMatters = hasDiacritics(normalized);
  const weights = new Map<string, number>();
  const add = (term: string, weight: number): void => {
    weights.set(term, (weights.get(term) ?? 0) + weight);
  };
  let previous: string | undefined;
  for (const token of tokenize(normalized)) {
    const keys = tokenKeys(token);
    if (!accentedMatters) {
      add(foldedTerm(keys.folded), 1);
    } else if (keys.accented === keys.folded) {
      add(foldedTerm(keys.folded), 1 + FOLDED_WEIGHT_WITH_DIACRITICS);
    } else {
      add(keys.accented, 1);
      add(foldedTerm(keys.folded), FOLDED_WEIGHT_WITH_DIACRITICS);
    }
    if (previous !== undefined) add(bigramTerm(previous, keys.folded), 1);
    previous = keys.folded;
  }
  return [...weights].map(([term, weight]) => ({ term, weight }));
}
