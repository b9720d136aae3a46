import { containsPhrase, type AnalyzedQuestion, type AnswerType, type TermGroup } from './question-analysis.js';
import { message } from './messages.js';
import { splitSentences } from '../ingest/split-sentences.js';
import { foldedKeys, nfc } from '../ingest/normalize-vietnamese.js';
import type { Answer, Citation, Passage } from './types.js';

/** Most passages offered when the reader is unsure: more would bury the useful one. */
export const MAX_RELATED = 3;
/**
 * Share of the question's weighted content a quote must cover. The reader refuses below its own, stricter bar (and
 * also when no fact of the asked kind stands near the words). Measured on the dev sets' refusals: at 0.4 most refused
 * answerable questions get a passage of the right article, while a sentence sharing one common word of a longer
 * question is not offered; at 0.5 two thirds of those passages were lost, at 0.35 little was gained.
 */
export const MIN_RELATED_COVERAGE = 0.4;
/** A second sentence is added only when it covers more of the question and the two stay short enough to read. */
const MAX_QUOTE_LENGTH = 450;
const LONE_CONSONANT = /^[bcdfghjklmnpqrstvwxz]$/;
/** Answers that are figures: a quote without any digit cannot tell "bao nhiêu" or "ngày nào", so it is not offered. */
const FIGURE_TYPES = new Set<AnswerType>(['quantity', 'date', 'time', 'phone', 'code']);
/** `*Quang cảnh đại hội. (Ảnh: …)*` or `**Giờ làm việc**`: a caption or a heading in Markdown. */
const EMPHASISED_LINE = /^(\*{1,2}|_{1,2})[^*_\s].*\1$/u;

/** Something of the question a quote can contain: a content syllable, a glossary term, or two adjacent question words. */
interface Unit {
  phrases: string[][];
  /** Two adjacent words count half on top of their syllables: they show the words stand together, not just appear. */
  share: number;
}

interface Sentence {
  passage: Passage;
  rank: number;
  /** Offsets into the article text, so overlapping chunks do not offer the same sentence twice. */
  start: number;
  end: number;
  text: string;
  matched: Set<number>;
  /** A photo caption or a heading (a line wholly in emphasis): it names a topic but states nothing to read. */
  aside: boolean;
}

interface Candidate {
  passage: Passage;
  rank: number;
  text: string;
  coverage: number;
  /** Coverage, plus one when the quote holds a figure the question asks for, so such a quote is preferred. */
  score: number;
}

/**
 * Passages worth showing when the reader would not answer: for each retrieved passage the sentence (or two adjacent
 * sentences) that best covers the question's content words — the place's own name is not content, so a passage that
 * shares only the ward's name is never offered — kept when it covers at least `MIN_RELATED_COVERAGE` of them. At
 * most one quote per article, unless a single article is relevant; best coverage first, retrieval rank breaking ties.
 * Each quote is verbatim article text.
 */
export function relatedPassages(
  question: Pick<AnalyzedQuestion, 'groups' | 'types'>,
  passages: readonly Passage[],
  options: { placeTokens?: ReadonlySet<string>; limit?: number } = {},
): Citation[] {
  const limit = options.limit ?? MAX_RELATED;
  const asksFigure = FIGURE_TYPES.has(question.types[0] ?? 'other');
  const units = questionUnits(question.groups, options.placeTokens ?? new Set());
  if (units.length === 0 || passages.length === 0 || limit <= 0) return [];
  const sentences = collectSentences(units, passages);
  if (sentences.length === 0) return [];
  // Words found in nearly every retrieved sentence (the topic of the whole article) tell little about which one helps.
  // A word found in none (a typo, an unknown abbreviation) weighs no more than a rare one, so it cannot alone sink
  // every passage.
  const inverseFrequency = (frequency: number) => Math.log(1 + (sentences.length + 1) / (Math.max(frequency, 1) + 0.5));
  const weights = units.map((unit, index) => inverseFrequency(sentences.filter((sentence) => sentence.matched.has(index)).length) * unit.share);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const coverageOf = (matched: ReadonlySet<number>) => [...matched].reduce((sum, index) => sum + (weights[index] ?? 0), 0) / total;

  const best = new Map<string, Candidate>();
  for (const [position, sentence] of sentences.entries()) {
    if (sentence.aside) continue;
    const single = candidateOf(sentence.passage, sentence.rank, sentence.text, coverageOf(sentence.matched), asksFigure);
    let candidate = single;
    const next = sentences[position + 1];
    if (next && next.passage === sentence.passage && !next.aside) {
      const pair = pairOf(sentence, next, coverageOf, asksFigure);
      if (pair && pair.coverage > single.coverage && pair.coverage > coverageOf(next.matched)) candidate = pair;
    }
    const key = sentence.passage.chunk.id;
    const current = best.get(key);
    if (!current || candidate.score > current.score || (candidate.score === current.score && candidate.text.length < current.text.length)) {
      best.set(key, candidate);
    }
  }
  const relevant = [...best.values()]
    .filter((candidate) => candidate.coverage >= MIN_RELATED_COVERAGE && (!asksFigure || /\d/.test(candidate.text)))
    .sort((a, b) => b.score - a.score || a.rank - b.rank);
  const articles = new Set(relevant.map((candidate) => candidate.passage.article.id));
  const chosen: Candidate[] = [];
  for (const candidate of relevant) {
    if (chosen.length >= limit) break;
    const sameArticle = chosen.filter((other) => other.passage.article.id === candidate.passage.article.id);
    if (sameArticle.length > 0 && articles.size > 1) continue;
    // Overlapping chunks hold the same sentences; one article's quotes must say different things.
    if (sameArticle.some((other) => other.text.includes(candidate.text) || candidate.text.includes(other.text))) continue;
    chosen.push(candidate);
  }
  return chosen.map(toCitation);
}

/**
 * Turns an unsure refusal (`low-score`, or `no-sources` from a model that read the passages) into one that offers the
 * related passages, with a message saying they may help; any other answer or refusal is returned unchanged.
 */
export function withRelatedPassages(
  answer: Answer,
  question: Pick<AnalyzedQuestion, 'groups' | 'types'>,
  passages: readonly Passage[],
  placeTokens: ReadonlySet<string> = new Set(),
): Answer {
  if (answer.kind !== 'refused' || (answer.reason !== 'low-score' && answer.reason !== 'no-sources')) return answer;
  const related = relatedPassages(question, passages, { placeTokens });
  if (related.length === 0) return answer;
  return { ...answer, text: message('refusal.unsure-related', answer.language), related };
}

/**
 * The question's content as units: each content syllable on its own (so a sentence with "tổ chức đảng" covers most of
 * "bn tổ chức đảng trực thuộc" even where an unknown word sits in between), each glossary term as a whole, and each
 * pair of adjacent question words. Place syllables and lone consonants (chat shorthand such as "x.", "p.", "k") are
 * left out; a lone vowel can be a word ("y tế").
 */
function questionUnits(groups: readonly TermGroup[], placeTokens: ReadonlySet<string>): Unit[] {
  const units = new Map<string, Unit>();
  const add = (phrases: string[][], share: number) => {
    const key = phrases.map((phrase) => phrase.join(' ')).join('|');
    if (!units.has(key)) units.set(key, { phrases, share });
  };
  const isContent = (syllable: string) => !placeTokens.has(syllable) && !LONE_CONSONANT.test(syllable);
  for (const group of groups) {
    const share = group.focus ? 2 : 1;
    const [phrase] = group.phrases;
    if (group.run && phrase && group.phrases.length === 1) {
      const content = phrase.filter(isContent);
      for (const syllable of content) add([[syllable]], share);
      if (content.length === phrase.length && phrase.length > 1) add([phrase], share / 2);
      continue;
    }
    const phrases = group.phrases.filter((alternative) => alternative.some(isContent));
    if (phrases.length > 0) add(phrases, share);
  }
  return [...units.values()];
}

function collectSentences(units: readonly Unit[], passages: readonly Passage[]): Sentence[] {
  const seen = new Set<string>();
  const sentences: Sentence[] = [];
  passages.forEach((passage, rank) => {
    const text = nfc(passage.chunk.text);
    for (const span of splitSentences(text)) {
      const start = passage.chunk.start + span.start;
      const end = passage.chunk.start + span.end;
      const key = `${passage.article.id}:${start}:${end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const sentenceText = text.slice(span.start, span.end);
      const folded = foldedKeys(sentenceText);
      const matched = new Set<number>();
      units.forEach((unit, index) => {
        if (unit.phrases.some((phrase) => containsPhrase(folded, phrase))) matched.add(index);
      });
      const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
      const lineEnd = text.indexOf('\n', span.end);
      const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).trim();
      sentences.push({ passage, rank, start, end, text: sentenceText, matched, aside: EMPHASISED_LINE.test(line) });
    }
  });
  return sentences;
}

/** Two adjacent sentences quoted together, exactly as the article has them (the text between them included). */
function pairOf(first: Sentence, second: Sentence, coverageOf: (matched: ReadonlySet<number>) => number, asksFigure: boolean): Candidate | undefined {
  const chunk = first.passage.chunk;
  const text = nfc(chunk.text).slice(first.start - chunk.start, second.end - chunk.start);
  if (text.length > MAX_QUOTE_LENGTH) return undefined;
  return candidateOf(first.passage, first.rank, text, coverageOf(new Set([...first.matched, ...second.matched])), asksFigure);
}

function candidateOf(passage: Passage, rank: number, text: string, coverage: number, asksFigure: boolean): Candidate {
  return { passage, rank, text, coverage, score: coverage + (asksFigure && /\d/.test(text) ? 1 : 0) };
}

function toCitation(candidate: Candidate): Citation {
  const { article } = candidate.passage;
  const citation: Citation = { id: article.id, title: article.title, url: article.url, quote: candidate.text };
  if (article.published) citation.published = article.published;
  return citation;
}
