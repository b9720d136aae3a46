import { numberKey, syllableKey, tokenize } from '../ingest/normalize-vietnamese.js';
import { splitSentences } from '../ingest/split-sentences.js';

/**
 * Picks, verbatim, the sentence of `passageTexts` that best supports `answer`: the one sharing the most of its
 * numbers, names and words (numbers and capitalised words weigh more, since they are what a citation must back).
 * Ties go to the shorter sentence; undefined only when the passages hold no text.
 */
export function bestSupportingSentence(passageTexts: readonly string[], answer: string): string | undefined {
  const weights = new Map<string, number>();
  for (const token of tokenize(answer)) {
    const weight = token.isNumber ? 3 : /^\p{Lu}/u.test(token.text) ? 2 : 1;
    const key = tokenKey(token.text, token.isNumber);
    weights.set(key, Math.max(weights.get(key) ?? 0, weight));
  }
  let best: { sentence: string; score: number } | undefined;
  for (const text of passageTexts) {
    for (const span of splitSentences(text)) {
      const sentence = text.slice(span.start, span.end);
      const keys = new Set(tokenize(sentence).map((token) => tokenKey(token.text, token.isNumber)));
      let score = 0;
      for (const [key, weight] of weights) if (keys.has(key)) score += weight;
      if (!best || score > best.score || (score === best.score && sentence.length < best.sentence.length && score > 0)) {
        best = { sentence, score };
      }
    }
  }
  return best?.sentence;
}

function tokenKey(text: string, isNumber: boolean): string {
  return isNumber ? `#${numberKey(text)}` : syllableKey(text);
}
