import { foldDiacritics, foldedKey, hasDiacritics, nfc, syllableKey } from '../ingest/normalize-vietnamese.js';
import type { Vocabulary } from './ports.js';

/**
 * Residents type fast on phones: a Telex key left behind ("thươngf", "sáp nhâpj"), a tone mark on one word only
 * ("sáp nhâp"), a dropped or doubled letter ("nhữg", "nhiềuu"), "f" for "ph" ("đột fá"). A question word the corpus
 * never writes is matched to the corpus word it most likely meant, so retrieval and the reader see that word.
 */

const TELEX_TONES: Readonly<Record<string, string>> = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };
const TELEX_VOWELS: ReadonlyArray<[RegExp, string]> = [
  [/aa/u, 'â'], [/aw/u, 'ă'], [/ee/u, 'ê'], [/oo/u, 'ô'], [/ow/u, 'ơ'], [/uw/u, 'ư'], [/dd/u, 'đ'],
];
const VOWELS = 'aăâeêioôơuưy';
const MARKED_VOWELS = 'ăâêôơư';
const LETTERS = 'abcdeghiklmnopqrstuvxy';
/** Words this short are too often a chat particle or an initial to correct safely. */
const MIN_LENGTH = 3;

/** Puts a tone mark on the vowel that carries it in Vietnamese spelling ("thương" + huyền → "thường"). */
export function applyTone(base: string, mark: string): string {
  const letters = [...base.normalize('NFC')];
  const vowelAt = letters.map((letter, index) => (VOWELS.includes(letter.toLowerCase()) ? index : -1)).filter((index) => index >= 0);
  if (vowelAt.length === 0) return base;
  const marked = vowelAt.filter((index) => MARKED_VOWELS.includes((letters[index] as string).toLowerCase()));
  const last = vowelAt[vowelAt.length - 1] as number;
  const endsInVowel = last === letters.length - 1;
  // "gi"/"qu" start a syllable with a letter that is no vowel of its nucleus.
  const nucleus = vowelAt.filter((index) => !(index === 1 && /^(gi|qu)/iu.test(base) && vowelAt.length > 1));
  let at: number;
  if (marked.length > 0) at = marked[marked.length - 1] as number;
  else if (nucleus.length >= 3) at = nucleus[1] as number;
  else if (nucleus.length === 2) at = endsInVowel ? (nucleus[0] as number) : (nucleus[1] as number);
  else at = (nucleus[0] ?? last) as number;
  letters[at] = `${letters[at]}${mark}`;
  return letters.join('').normalize('NFC');
}

/** The current tone mark of a syllable removed (vowel marks kept): "thường" → "thương". */
function withoutTone(word: string): string {
  return word.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/gu, '').normalize('NFC');
}

/** Every string one edit away from `word` (deletion, transposition, substitution, insertion) over folded letters. */
function oneEditAway(word: string): string[] {
  const results: string[] = [];
  for (let index = 0; index <= word.length; index++) {
    const left = word.slice(0, index);
    const right = word.slice(index);
    if (right) results.push(left + right.slice(1));
    if (right.length > 1) results.push(left + (right[1] as string) + (right[0] as string) + right.slice(2));
    for (const letter of LETTERS) {
      if (right) results.push(left + letter + right.slice(1));
      results.push(left + letter + right);
    }
  }
  return results;
}

const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?';
const NUCLEI = (
  'a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê ' +
  'iêu oai oay oao oeo uây uôi uya uyê uyu ươi ươu yêu'
).split(' ');
const SYLLABLE = new RegExp(`^${ONSET}(${NUCLEI.sort((a, b) => b.length - a.length).join('|')})(ch|nh|ng|c|m|n|p|t)?$`, 'u');

/**
 * Whether a word is spelt as a Vietnamese syllable can be: an onset, a vowel nucleus, a final, and a closed syllable
 * ("-p", "-t", "-c", "-ch") with the sắc or nặng tone when `withTone`. A word the corpus does not hold but that is well
 * formed is taken as meant ("thoại", "vài"): only malformed words ("nhữg", "ngừoi", "nhâp") are repaired.
 */
export function isWellFormedSyllable(word: string, withTone: boolean): boolean {
  const decomposed = word.toLowerCase().normalize('NFD');
  const tone = /[\u0300\u0301\u0303\u0309\u0323]/u.exec(decomposed)?.[0];
  const base = decomposed.replace(/[\u0300\u0301\u0303\u0309\u0323]/gu, '').normalize('NFC');
  const match = SYLLABLE.exec(base);
  if (!match) return false;
  const closed = ['c', 'ch', 'p', 't'].includes(match[2] ?? '');
  return !withTone || !closed || tone === '\u0301' || tone === '\u0323';
}

/** What a misspelt word most likely meant, or undefined when it is a corpus word, well formed, or nothing close is. */
export function repairWord(word: string, vocabulary: Vocabulary, withTone = hasDiacritics(word)): string | undefined {
  const lower = word.toLowerCase();
  const folded = foldedKey(lower);
  const marked = hasDiacritics(lower);
  // Well-formedness first: it needs no vocabulary, which a large index builds only when some word is malformed.
  if (isWellFormedSyllable(lower, withTone)) return undefined;
  if (vocabulary.frequency(marked ? syllableKey(lower) : folded) > 0) return undefined;
  // A letter typed twice ("bao nhiêuu", "vậyy"): the word without it, when that is a word.
  for (let index = 0; index + 1 < lower.length; index++) {
    if (lower[index] !== lower[index + 1]) continue;
    const single = lower.slice(0, index) + lower.slice(index + 1);
    if (isWellFormedSyllable(single, withTone) || vocabulary.frequency(marked ? syllableKey(single) : foldedKey(single)) > 0) return single;
  }
  if (marked && vocabulary.frequency(folded) > 0) return vocabulary.commonForm(folded);
  // No vowel at all ("ntm", "gđ"): an abbreviation, not a slip.
  if (lower.length < MIN_LENGTH || !/[aăâeêioôơuưy]/u.test(foldDiacritics(lower) === lower ? lower : lower.normalize('NFD').replace(/[\u0300-\u036f]/gu, ''))) return undefined;
  // A Telex tone key left at the end: "thươngf" → "thường".
  const last = lower[lower.length - 1] as string;
  const tone = TELEX_TONES[last];
  if (tone) {
    const toned = applyTone(withoutTone(lower.slice(0, -1)), tone);
    if (vocabulary.frequency(syllableKey(toned)) > 0) return toned;
  }
  // Telex vowel keys ("nhaapj"), "f" for "ph", "z" and "j" for "d"/"gi".
  for (const [pattern, letter] of TELEX_VOWELS) {
    if (!pattern.test(lower)) continue;
    const fixed = lower.replace(pattern, letter);
    const repaired = repairWord(fixed, vocabulary, withTone) ?? (vocabulary.frequency(foldedKey(fixed)) > 0 ? fixed : undefined);
    if (repaired) return repaired;
  }
  for (const [from, to] of [[/^f/u, 'ph'], [/^z/u, 'd'], [/^j/u, 'gi'], [/^w/u, 'qu']] as const) {
    if (!from.test(lower)) continue;
    const fixed = lower.replace(from, to);
    if (vocabulary.frequency(foldedKey(fixed)) > 0) return marked ? fixed : (vocabulary.commonForm(foldedKey(fixed)) ?? fixed);
  }
  // One letter dropped, doubled, swapped or mistyped: the most frequent corpus word one edit away.
  let best: { key: string; frequency: number } | undefined;
  for (const candidate of new Set(oneEditAway(folded))) {
    if (candidate.length < 2) continue;
    const frequency = vocabulary.frequency(candidate);
    if (frequency > 0 && (!best || frequency > best.frequency)) best = { key: candidate, frequency };
  }
  if (!best) return undefined;
  return marked ? (vocabulary.commonForm(best.key) ?? best.key) : best.key;
}

/** A capitalised word with Telex keys left in it, written as the corpus word they spell, capitalised; else undefined. */
function telexName(word: string, vocabulary: Vocabulary): string | undefined {
  const lower = word.toLowerCase();
  if (!/(aa|aw|ee|oo|ow|uw|dd)|[aeiouy][sfrxj]$/u.test(lower) || isWellFormedSyllable(lower, hasDiacritics(lower))) return undefined;
  const repaired = repairWord(lower, vocabulary, true);
  if (!repaired || vocabulary.frequency(syllableKey(repaired)) === 0) return undefined;
  return repaired.charAt(0).toUpperCase() + repaired.slice(1);
}

/**
 * Rewrites the words of a question the corpus never writes into the corpus words they most likely meant. Names
 * (capitalised words), numbers, and the words `keep` accepts (question words, which articles seldom contain) are left
 * as typed. A question typed without marks stays without them.
 */
export function repairTypos(text: string, vocabulary: Vocabulary, keep: (word: string) => boolean = () => false): string {
  const typedWithoutMarks = !hasDiacritics(text);
  return nfc(text).replace(/(?<![\p{L}\p{M}\d])[\p{L}\p{M}]+(?![\p{L}\p{M}\d])/gu, (word) => {
    if (keep(word)) return word;
    // A name is left as typed, unless it carries unmistakable Telex keys ("Hà Nooij") that spell a corpus word.
    if (/^\p{Lu}/u.test(word)) return telexName(word, vocabulary) ?? word;
    const repaired = repairWord(word, vocabulary, !typedWithoutMarks);
    if (!repaired) return word;
    return typedWithoutMarks ? foldDiacritics(repaired) : repaired;
  });
}
