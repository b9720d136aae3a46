import { tokenKeys, type TokenKey } from './token-keys.js';

/** A query term with how much a match on it counts. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** Marks folded keys so "dan" written without marks in an article never collides with the folded key of "dân". */
const FOLDED_PREFIX = '~';
/** Weight of a folded match when the query carries diacritics: half, so "dân" ranks above "dần" for a query "dân". */
const FOLDED_WEIGHT_WITH_DIACRITICS = 0.5;
/** Folded ids fit in 21 bits (the token cache holds fewer), so a pair of them makes one exact number key. */
const PAIR_FACTOR = 2 ** 21;
/** Bounds the bigram cache; rarer pairs past it are built each time. */
const MAX_CACHED_BIGRAMS = 1_000_000;

/** Term strings cached by folded id, so building terms for 100k chunks does not concatenate millions of strings. */
const foldedTerms: string[] = [];
const bigramTerms = new Map<number, string>();

/** The BM25 term of a folded unigram. */
function foldedTerm(key: TokenKey): string {
  if (key.foldedId < 0) return FOLDED_PREFIX + key.folded;
  return (foldedTerms[key.foldedId] ??= FOLDED_PREFIX + key.folded);
}

/** The BM25 term of two neighbouring folded syllables. */
function bigramTerm(previous: TokenKey, current: TokenKey): string {
  if (previous.foldedId < 0 || current.foldedId < 0) return `${FOLDED_PREFIX}${previous.folded} ${current.folded}`;
  const pair = previous.foldedId * PAIR_FACTOR + current.foldedId;
  let term = bigramTerms.get(pair);
  if (term === undefined) {
    term = `${FOLDED_PREFIX}${previous.folded} ${current.folded}`;
    if (bigramTerms.size < MAX_CACHED_BIGRAMS) bigramTerms.set(pair, term);
  }
  return term;
}

/**
 * Terms the BM25 index stores for a text: accented syllable keys (only where they differ from the folded key, since
 * the folded term already records unmarked words), folded keys (prefixed so they don't collide) and folded bigrams.
 */
export function lexicalTerms(text: string): string[] {
  const keys = tokenKeys(text);
  const terms: string[] = [];
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    if (key.marked) terms.push(key.accented);
    terms.push(foldedTerm(key));
    if (index > 0) terms.push(bigramTerm(keys[index - 1]!, key));
  }
  return terms;
}

/**
 * The same terms for a query, weighted. A query typed without any diacritic asks only for folded terms (its missing
 * marks say nothing about the word meant); a query with diacritics also asks for the accented keys, so exact words
 * outrank words that only fold alike. Bigrams weigh 1: their rarity already lifts them through the IDF.
 */
export function queryTerms(text: string): WeightedTerm[] {
  const keys = tokenKeys(text);
  const accentedMatters = keys.some((key) => key.marked);
  const weights = new Map<string, number>();
  const add = (term: string, weight: number): void => {
    weights.set(term, (weights.get(term) ?? 0) + weight);
  };
  keys.forEach((key, index) => {
    if (!accentedMatters) {
      add(foldedTerm(key), 1);
    } else if (!key.marked) {
      add(foldedTerm(key), 1 + FOLDED_WEIGHT_WITH_DIACRITICS);
    } else {
      add(key.accented, 1);
      add(foldedTerm(key), FOLDED_WEIGHT_WITH_DIACRITICS);
    }
    if (index > 0) add(bigramTerm(keys[index - 1]!, key), 1);
  });
  return [...weights].map(([term, weight]) => ({ term, weight }));
}
