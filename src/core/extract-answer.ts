import { containsPhrase, type AnalyzedQuestion, type AnswerType, type TermGroup } from './question-analysis.js';
import { asksForPeople } from './asks-for-people.js';
import { measureFits } from './asked-measure.js';
import { findCodes, findDates, findEnumeration, findPartsOfDay, findListItems, findLocations, findPersons, findPhoneNumbers, findQuantities, findTimeSpans, findWeekdayMentions, findWeekdays, governmentLevels, isIssueDate, titleAround, type Entity } from './entities.js';
import { message, refusalMessage } from './messages.js';
import { foldedKey, normalizeForMatch, numberMatchKey, syllableKey, tokenize } from '../ingest/normalize-vietnamese.js';
import { splitClauses, splitSentences, type Span } from '../ingest/split-sentences.js';
import { findListBlocks } from './list-blocks.js';
import { mergePassages, type PassageRegion } from './passage-regions.js';
import { quoteList } from './quote-list.js';
import { refersBack } from './refers-back.js';
import { titleOfOtherBody } from './title-organisation.js';
import { readerModel, readerProbability, type ReaderFeatures, type ReaderModel } from './reader-model.js';
import type { Answer, ArticleMeta, Passage, RefusalReason } from './types.js';

/** Tuning of the extractive answerer; defaults were chosen on the dev set and hold for unseen wards. */
export interface ExtractOptions {
  /** Minimum share of the question's weighted content an answer span must cover. */
  minCoverage?: number;
  /** Spans longer than this are cut down to the clauses around the answer. */
  maxAnswerChars?: number;
  /** The calibrated scorer; the committed fit by default. */
  model?: ReaderModel;
  /** Receives every candidate with its features and quote (used to fit the model), then the chosen one's index. */
  trace?: (candidates: TracedCandidate[], chosen: number | undefined) => void;
}

/** A candidate answer as the fitting script sees it. */
export interface TracedCandidate {
  features: ReaderFeatures;
  articleId: string;
  quote: string;
  probability: number;
}

interface Unit {
  article: ArticleMeta;
  /** The sentences around this one in the same article, when retrieved too. */
  previous?: Unit;
  next?: Unit;
  rank: number;
  /** Absolute offsets into the article text. */
  start: number;
  end: number;
  text: string;
  sentenceText: string;
  folded: string[];
  accented: string[];
  /** The chunk the unit was cut from, to quote two adjacent sentences together. */
  chunk: { start: number; text: string } | undefined;
  /** For a list item: the lead-in or heading it stands under, whose words count as the item's own. */
  heading?: Unit;
  /** For a list item: the lead-in read with all its items, the answer when the question asks for the list. */
  list?: Unit;
  /** For a lead-in read with its list: the items, as offsets into `text`. */
  items?: Span[];
  /** A lead-in ending in ":" is no answer without the list after it; its block unit answers instead. */
  superseded?: boolean;
}

/** Coverage below which a span is not even a candidate; the calibrated model decides among the rest. */
const DEFAULT_MIN_COVERAGE = 0.35;
const DEFAULT_MAX_CHARS = 320;
const CONTEXT_CREDIT = 0.5;
/** Share of the question the span itself (not its context) must cover. */
const MIN_OWN_SHARE = 0.25;
/** Most syllables between an asked-for number and the nearest question word in the span. */
const MAX_QUANTITY_DISTANCE = 6;
const MODIFIERS = new Set(['phó', 'nguyên', 'cựu', 'tân'].map(syllableKey));
/** Own share enough when the number stands right before the counted thing ("165 điểm cầu" for "bao nhiêu điểm cầu"). */
const MIN_OWN_SHARE_COUNTED = 0.15;
/** Score lost by a date that only the neighbouring sentence holds, or a document's issue date for another question. */
const NEIGHBOUR_DATE_PENALTY = 0.25;
const ISSUE_DATE_PENALTY = 0.5;
// A sentence about the close ("Chiều 23/8, Đại hội bế mạc") dates the end, not when something was held or opened.
const CLOSING_WORDS = /\b(be mac|ket thuc|khep lai|closed?|ended)\b/;
const CLOSING_PENALTY = 0.3;

/**
 * Picks the shortest span of the retrieved passages that answers the question (a clause or a sentence), quoting the
 * article exactly, or refuses when no span covers the question's content with a fact of the type it asks for.
 */
export function extractAnswer(question: AnalyzedQuestion, passages: readonly Passage[], options: ExtractOptions = {}): Answer {
  const language = question.language;
  const refuse = (reason: RefusalReason): Answer => ({ kind: 'refused', reason, text: refusalMessage(reason, language), mode: 'extractive', language });
  if (passages.length === 0) return refuse('no-sources');
  const units = collectUnits(passages);
  const sentences = units.filter(isSentence);
  const groups = dropCrossWordBigrams(question, sentences);
  if (groups.length === 0) return refuse('low-score');
  linkPreviousSentences(units);
  const titles = new Map<string, Unit>();
  for (const unit of units) if (!titles.has(unit.article.id)) titles.set(unit.article.id, makeUnit(unit.article, unit.rank, -1, unit.article.title, unit.article.title));
  // A unit's credit for a group is asked for again as a neighbour's context (the sentences before and after, the title):
  // each is worked out once per question.
  const credits = new Map<TermGroup, Map<Unit, number>>();
  const credit = (group: TermGroup, unit: Unit): number => {
    let byUnit = credits.get(group);
    if (!byUnit) {
      byUnit = new Map();
      credits.set(group, byUnit);
    }
    let value = byUnit.get(unit);
    if (value === undefined) {
      value = groupCredit(group, unit, question);
      byUnit.set(unit, value);
    }
    return value;
  };
  const weights = groups.map((group) => {
    const frequency = sentences.filter((unit) => credit(group, unit) > 0).length;
    return { frequency, weight: Math.log(1 + (sentences.length + 1) / (frequency + 0.5)) * (group.focus ? 2 : 1) };
  });
  const totalWeight = weights.reduce((sum, entry) => sum + entry.weight, 0);
  const bigrams = questionBigrams(groups);
  const minCoverage = options.minCoverage ?? DEFAULT_MIN_COVERAGE;
  const questionFolded = ` ${normalizeForMatch(question.text)} `;
  const peopleAsked = asksForPeople(question.text);
  const model = options.model ?? readerModel;
  const maxChars = options.maxAnswerChars ?? DEFAULT_MAX_CHARS;
  const quoteOf = (candidate: Candidate) =>
    candidate.unit.items ? quoteList(candidate.unit.text, candidate.unit.items, candidate.entity, question.types[0] ?? 'other', maxChars) : trimToAnswer(candidate.unit, candidate.entity, maxChars);
  const articleRanks = new Map<string, number>();
  for (const passage of passages) if (!articleRanks.has(passage.article.id)) articleRanks.set(passage.article.id, articleRanks.size);
  let best: Candidate | undefined;
  const candidates: Candidate[] = [];
  for (const unit of units) {
    if (unit.superseded) continue;
    let covered = 0;
    let ownCovered = 0;
    let headingCovered = 0;
    const hits: number[] = [];
    // Where the question's own words stand: a unit word from the glossary ("tiền" → "triệu đồng") sits next to every
    // amount, so it cannot tell which amount the question is about.
    const literalHits: number[] = [];
    const context = [unit.previous, unit.next, titles.get(unit.article.id)].filter((other): other is Unit => other !== undefined);
    groups.forEach((group, index) => {
      // A list item's lead-in or heading is part of what the item says ("2. Thời gian làm việc" → "- Thứ Hai: 7 giờ").
      const fromHeading = unit.heading ? credit(group, unit.heading) : 0;
      const own = Math.max(credit(group, unit), fromHeading);
      headingCovered += fromHeading;
      // Words of the neighbouring sentences or the title count half: "Văn bản thứ hai là …" answers about what came before.
      // A sentence that refers back ("Trạm có…" after "…Trạm Y tế xã…") is about what the sentence before it or the
      // title names: their words count in full.
      const borrowed = Math.max(0, ...context.map((other) => credit(group, other) * (other !== unit.next && (isSentence(unit) || unit.items) && refersBack(unit.accented, other.accented) ? 1 : CONTEXT_CREDIT)));
      covered += Math.max(own, borrowed) * (weights[index]?.weight ?? 0);
      ownCovered += own * (weights[index]?.weight ?? 0);
      if (own > 0) hits.push(...positionsOf(group, unit));
      if (own > 0 && group.literal) literalHits.push(...positionsOf(group, unit));
    });
    const coverage = totalWeight > 0 ? covered / totalWeight : 0;
    if (coverage < minCoverage || ownCovered < MIN_OWN_SHARE_COUNTED * totalWeight) continue;
    if (!yearsFit(question, unit)) continue;
    if (!weekdayFits(question, unit)) continue;
    let entity = answerEntity(question, unit, hits, questionFolded, peopleAsked);
    if (ownCovered < MIN_OWN_SHARE * totalWeight && !(entity && countsAskedThing(entity, unit, question.countedPhrase))) continue;
    let candidate = unit;
    let penalty = entity && question.types[0] === 'date' && isIssueDate(unit.text, entity) && !question.asksIssueDate ? ISSUE_DATE_PENALTY : 0;
    if (question.types[0] === 'date' && !CLOSING_WORDS.test(questionFolded) && CLOSING_WORDS.test(unit.folded.join(' '))) penalty += CLOSING_PENALTY;
    // "kết thúc vào ngày nào": a date that starts something ("Sáng 12/7/2025, … ra quân") is not when it ends.
    if (question.types[0] === 'date' && entity && CLOSING_WORDS.test(questionFolded) && !endsSomething(entity, unit)) penalty += CLOSING_PENALTY;
    if ((!entity || penalty > 0) && (question.types[0] === 'date' || question.types[0] === 'time')) {
      // "Kể từ ngày 13/10/2025, … . Ngoài trụ sở, phường bố trí thêm 2 điểm …": the date sits in the sentence next door.
      const joined = joinWithNeighbourFact(question, unit, groups, questionFolded);
      if (joined) {
        candidate = joined.unit;
        entity = joined.entity;
        penalty = NEIGHBOUR_DATE_PENALTY;
      }
    }
    if (question.types[0] !== 'other' && !entity) continue;
    // A number far from every word of the question is about something else ("5 năm qua … người dân").
    if (entity && question.types[0] === 'quantity' && hits.length > 0 && !nearQuestionWords(entity, unit, hits)) continue;
    const bigramShare = bigrams.length ? bigrams.filter((pair) => containsPhrase(unit.folded, pair)).length / bigrams.length : 0;
    const proximity = entity ? proximityBonus(entity, unit, literalHits.length > 0 ? literalHits : hits) : 0;
    const ownShare = totalWeight > 0 ? ownCovered / totalWeight : 0;
    const features: ReaderFeatures = {
      coverage,
      ownShare,
      borrowedShare: Math.max(0, coverage - ownShare),
      bigramShare,
      proximity,
      rankInverse: 1 / (1 + unit.rank),
      articleRankInverse: 1 / (1 + (articleRanks.get(unit.article.id) ?? 0)),
      brevity: unit.text.length < unit.sentenceText.length ? 1 : 0,
      penalty,
      hasEntity: entity ? 1 : 0,
      approximate: entity && APPROXIMATE_BEFORE.test(candidate.text.slice(Math.max(0, entity.start - 16), entity.start)) ? 1 : 0,
      headingLine: HEADING_LINE.test(candidate.text) ? 1 : 0,
      // Old units listed as a merged ward's parts, or a place asked for, name other places by nature.
      otherPlace: entity && !PLACE_ANSWERS.has(question.types[0] ?? 'other') && namesOtherPlace(candidate.text, entity, question.placeTokens ?? []) ? 1 : 0,
      untyped: question.types[0] === 'other' ? 1 : 0,
      length: Math.min(1, candidate.text.length / 400),
    };
    const probability = readerProbability(model, features);
    const scored = { unit: candidate, score: Math.log(probability / (1 - probability)), probability, entity, fromHeading: headingCovered > 0, features };
    candidates.push(scored);
    if (!best || scored.score > best.score) best = scored;
  }
  if (options.trace) {
    const traced = candidates.map((candidate) => ({ features: candidate.features, articleId: candidate.unit.article.id, quote: quoteOf(candidate), probability: candidate.probability }));
    options.trace(traced, best ? candidates.indexOf(best) : undefined);
  }
  // Unsure is said as such (with passages that may help) rather than stated as an answer. "Bà X còn làm chủ tịch
  // không?" with no holder named since is read again: what the newest article says of X settles it.
  if (!best || best.probability < model.threshold) return question.aboutPerson ? extractAnswer(question.aboutPerson, passages, options) : refuse('low-score');
  if (question.asksCurrent && (question.types[0] === 'person' || question.asksYesNo)) best = latestHolder(candidates, best, question.types[0] === 'person');
  // One item of a list does not answer a question about the list (unless it enumerates the answer itself): quote the
  // lead-in with all its items.
  if (best.unit.list && best.fromHeading && !best.entity && (question.types[0] === 'list' || (question.types[0] === 'other' && !question.asksYesNo))) best = { ...best, unit: best.unit.list };

  const quote = quoteOf(best);
  const article = best.unit.article;
  const text =
    language === 'en' ? message('answer.english-framing', 'en', { title: article.title, quote }) : quote;
  return {
    kind: 'answered',
    text,
    citations: [{ id: article.id, title: article.title, url: article.url, quote, published: article.published }],
    mode: 'extractive',
    language,
  };
}

interface Candidate {
  unit: Unit;
  /** The model's log-odds. */
  score: number;
  probability: number;
  features: ReaderFeatures;
  entity: Entity | undefined;
  fromHeading: boolean;
}

/** Words that make a number an estimate ("gần 2.000 đảng viên") rather than the count. */
// "hơn 1.260 trẻ em" is how articles state an official count; "gần 2.000", "khoảng 800 triệu" round one written
// exactly elsewhere.
const APPROXIMATE_BEFORE = /(?:gần|khoảng|xấp xỉ|chừng)\s*$/iu;
/** A bold or heading line: a summary of what the paragraphs under it state exactly. */
const HEADING_LINE = /^\s*(?:\*\*|#)/u;
/** Answer types whose answer may itself be another place (the units merged, where something is held). */
const PLACE_ANSWERS: ReadonlySet<AnswerType> = new Set(['list', 'location']);
/** A ward or commune named in a span: "xã Lưu Vệ", "phường Tân Mai". */
const NAMED_PLACE = /(?:phường|xã|Phường|Xã)\s+((?:\p{Lu}[\p{L}\p{M}]*\s?){1,4})/gu;

/**
 * Whether the fact is tied to a ward or commune other than the one asked about: a place named right after it ("giữ chức
 * Bí thư Đảng ủy xã Lưu Vệ") whose name the question does not contain.
 */
function namesOtherPlace(text: string, entity: Entity, placeTokens: readonly string[]): boolean {
  if (placeTokens.length === 0) return false;
  const asked = new Set(placeTokens);
  for (const match of text.matchAll(NAMED_PLACE)) {
    const at = match.index ?? 0;
    if (at < entity.end || at - entity.end > 80) continue;
    const name = tokenize(match[1] as string).map((token) => foldedKey(token.text));
    if (name.length > 0 && !name.every((key) => asked.has(key))) return true;
  }
  return false;
}

/** How far below the best score an answer from a later article may be and still replace it, for "who is it now". */
const RECENCY_MARGIN = 0.4;
/** "Is it still so?" is about the newest article above all: a wider margin. */
const STILL_SO_MARGIN = 1;

/**
 * For "who holds it now" (and "is it still so?"): when the place's articles name different holders, a later
 * appointment replaces an earlier one, so the most recently published article's answer wins among those that answer
 * about as well.
 */
function latestHolder(candidates: readonly Candidate[], best: Candidate, needsName: boolean): Candidate {
  const published = (candidate: Candidate) => candidate.unit.article.published ?? '';
  let latest = best;
  for (const candidate of candidates) {
    if ((needsName && !candidate.entity) || candidate.score < best.score - (needsName ? RECENCY_MARGIN : STILL_SO_MARGIN)) continue;
    if (published(candidate) > published(latest) || (published(candidate) === published(latest) && candidate.score > latest.score)) latest = candidate;
  }
  return latest;
}

function collectUnits(passages: readonly Passage[]): Unit[] {
  const seen = new Set<string>();
  const units: Unit[] = [];
  // A sentence cut off by the end of one chunk is read whole from the overlapping chunk that holds it.
  const cut = (passage: Passage, span: Span) => span.end >= passage.chunk.text.length && !/[.!?…:]\s*$/u.test(passage.chunk.text);
  const whole = new Set<string>();
  for (const passage of passages) {
    for (const span of splitSentences(passage.chunk.text)) if (!cut(passage, span)) whole.add(`${passage.article.id}:${passage.chunk.start + span.start}`);
  }
  passages.forEach((passage, rank) => {
    const { chunk, article } = passage;
    for (const span of splitSentences(chunk.text)) {
      const start = chunk.start + span.start;
      if (cut(passage, span) && whole.has(`${article.id}:${start}`)) continue;
      const key = `${article.id}:${start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const sentenceText = chunk.text.slice(span.start, span.end);
      units.push(makeUnit(article, rank, start, sentenceText, sentenceText, chunk));
      // Clauses of a sentence, so a list of officials yields the one the question asks about.
      const clauses = splitClauses(sentenceText);
      for (const clause of clauses.length > 1 ? clauses : []) {
        const text = sentenceText.slice(clause.start, clause.end);
        if (text.length >= 12 && text !== sentenceText) units.push(makeUnit(article, rank, start + clause.start, text, sentenceText));
      }
    }
  });
  for (const region of mergePassages(passages)) {
    for (const block of findListBlocks(region.text)) addListBlock(units, region, block.lead, block.items);
  }
  return units;
}

/** Reads a lead-in with its items as one unit, and gives each item its lead-in as heading. */
function addListBlock(units: Unit[], region: PassageRegion, lead: Span, items: readonly Span[]): void {
  const { article, rank } = region;
  const last = items[items.length - 1];
  if (!last) return;
  const sentenceAt = (offset: number) => units.find((unit) => unit.article.id === article.id && unit.start === region.start + offset && isSentence(unit));
  const leadText = region.text.slice(lead.start, lead.end);
  const leadUnit = sentenceAt(lead.start) ?? makeUnit(article, rank, region.start + lead.start, leadText, leadText);
  const text = region.text.slice(lead.start, last.end);
  // The block is found by its lead-in's words: an item that names the question's words answers by itself.
  const block = { ...makeUnit(article, rank, region.start + lead.start, leadText, text), text, end: region.start + last.end };
  block.items = items.map((item) => ({ start: item.start - lead.start, end: item.end - lead.start }));
  for (const item of items) {
    for (const unit of units) {
      if (unit.article.id !== article.id || unit.start < region.start + item.start || unit.start >= region.start + item.end) continue;
      unit.heading = leadUnit;
      unit.list = block;
    }
  }
  units.push(block);
  if (leadUnit.text.trimEnd().endsWith(':')) leadUnit.superseded = true;
}

function isSentence(unit: Unit): boolean {
  return unit.text === unit.sentenceText && !unit.items;
}

function makeUnit(article: ArticleMeta, rank: number, start: number, text: string, sentenceText: string, chunk?: Unit['chunk']): Unit {
  const tokens = tokenize(text);
  // Every unit gets the same fields in the same order: one object shape keeps the scoring loop fast.
  return {
    chunk,
    article,
    rank,
    start,
    end: start + text.length,
    text,
    sentenceText,
    folded: tokens.map((token) => (token.isNumber ? numberMatchKey(token.text) : foldedKey(token.text))),
    accented: tokens.map((token) => syllableKey(token.text)),
  };
}

/**
 * How much of a group a span holds: 1 when a phrase occurs as such (and not only as "Phó …"/"nguyên …" when the question
 * has no such word), 0.5 when a question bigram's syllables occur apart, else 0.
 */
function groupCredit(group: TermGroup, unit: Unit, question: AnalyzedQuestion): number {
  // The tokenizer keeps "112%" as the number alone: the sign stands for "phần trăm" and is matched in the text.
  if (group.texts.includes('%') && /\d\s?%/u.test(unit.text)) return 1;
  // Set when the phrase occurs only as another office ("Phó …") or another body's title ("Bí thư Tỉnh Đoàn"): then its
  // syllables standing apart are no evidence either.
  let modifiedOnly = false;
  for (const phrase of group.phrases) {
    for (let index = 0; index + phrase.length <= unit.folded.length; index++) {
      if (!phrase.every((token, offset) => unit.folded[index + offset] === token)) continue;
      // "Bí thư Thành Đoàn" holds the words "bí thư" but is the title of another body than the one asked about.
      if (titleOfOtherBody(unit.accented, index + phrase.length, question)) {
        modifiedOnly = true;
        continue;
      }
      const previous = unit.accented[index - 1];
      if (previous && MODIFIERS.has(previous) && !questionHas(question, previous)) {
        modifiedOnly = true;
        continue;
      }
      return 1;
    }
  }
  const only = group.phrases[0];
  if (!modifiedOnly && group.literal && group.phrases.length === 1 && only && only.length > 1 && only.every((token) => unit.folded.includes(token))) {
    return 0.5;
  }
  return 0;
}

/**
 * Adjacent question words make bigram groups, but in "hội nghị trực tuyến" the pair "nghị trực" straddles two words.
 * A pair no retrieved sentence contains, whose syllables both belong to pairs that do occur, is such a straddle: drop it.
 */
function dropCrossWordBigrams(question: AnalyzedQuestion, sentences: readonly Unit[]): TermGroup[] {
  const evidenced = new Set<string>();
  for (const group of question.groups) {
    if (group.run && sentences.some((unit) => group.phrases.some((phrase) => containsPhrase(unit.folded, phrase)))) {
      evidenced.add(`${group.run.id}:${group.run.position}`);
    }
  }
  const groups: TermGroup[] = [];
  for (const group of question.groups) {
    if (!group.run || evidenced.has(`${group.run.id}:${group.run.position}`)) {
      groups.push(group);
      continue;
    }
    const { id, position } = group.run;
    const leftCovered = evidenced.has(`${id}:${position - 1}`);
    const rightCovered = evidenced.has(`${id}:${position + 1}`);
    if (leftCovered && rightCovered) continue;
    // At the edge of a run ("làm hiệu|trưởng"), keep only the syllable no occurring pair covers.
    const phrase = group.phrases[0] as string[];
    const text = group.texts[0]?.split(' ') ?? [];
    if (leftCovered) groups.push({ phrases: [[phrase[1] as string]], literal: true, texts: [text[1] ?? ''] });
    else if (rightCovered) groups.push({ phrases: [[phrase[0] as string]], literal: true, texts: [text[0] ?? ''] });
    else groups.push(group);
  }
  return groups;
}

function linkPreviousSentences(units: Unit[]): void {
  const byArticle = new Map<string, Unit[]>();
  for (const unit of units) {
    if (!isSentence(unit)) continue;
    const list = byArticle.get(unit.article.id) ?? [];
    list.push(unit);
    byArticle.set(unit.article.id, list);
  }
  for (const list of byArticle.values()) list.sort((a, b) => a.start - b.start);
  for (const unit of units) {
    const list = byArticle.get(unit.article.id) ?? [];
    const sentenceStart = isSentence(unit) ? unit.start : list.find((sentence) => sentence.start <= unit.start && unit.start < sentence.end)?.start ?? unit.start;
    const previous = [...list].reverse().find((sentence) => sentence.end <= sentenceStart);
    if (previous) unit.previous = previous;
    const next = list.find((sentence) => sentence.start > sentenceStart);
    if (next) unit.next = next;
  }
}

function questionHas(question: AnalyzedQuestion, accentedKey: string): boolean {
  const folded = foldedKey(accentedKey.replace(/\d$/, ''));
  return tokenize(question.text).some((token) => syllableKey(token.text) === accentedKey || foldedKey(token.text) === folded && !/[^\x00-\x7f]/.test(token.text));
}

function positionsOf(group: TermGroup, unit: Unit): number[] {
  const positions: number[] = [];
  for (const phrase of group.phrases) {
    for (let index = 0; index + phrase.length <= unit.folded.length; index++) {
      if (phrase.every((token, offset) => unit.folded[index + offset] === token)) phrase.forEach((_, offset) => positions.push(index + offset));
    }
  }
  return positions;
}

function questionBigrams(groups: readonly TermGroup[]): string[][] {
  const literal = groups.filter((group) => group.literal && group.phrases.length === 1 && group.phrases[0]?.length === 1);
  const pairs: string[][] = [];
  for (let index = 0; index + 1 < literal.length; index++) {
    pairs.push([literal[index]?.phrases[0]?.[0] ?? '', literal[index + 1]?.phrases[0]?.[0] ?? '']);
  }
  return pairs;
}

function entitiesOf(type: AnswerType, text: string): Entity[] {
  switch (type) {
    case 'person':
      return findPersons(text);
    case 'quantity':
      return findQuantities(text);
    case 'date':
      return findDates(text);
    case 'time':
      return findTimeSpans(text);
    case 'location':
      return findLocations(text);
    case 'code':
      return findCodes(text);
    case 'phone':
      return findPhoneNumbers(text);
    case 'list': {
      const items = [...findListItems(text), ...findEnumeration(text)];
      return items.length >= 2 ? items : [];
    }
    case 'other':
      return [];
  }
}

// Words after a number that measure rather than count, so they neither confirm nor contradict the counted noun.
const MEASURE_WORDS = new Set('ty trieu nghin ngan dong km km2 m m2 ha hecta phan lan nam thang ngay gio tuan kg tan lit'.split(' '));
// Counters that stand for the same counted thing ("bao nhiêu dân" is answered by "197.000 người").
const SAME_COUNT: Record<string, string[]> = { dan: ['nguoi', 'nhan', 'ho'], nguoi: ['dan', 'nhan', 'dong', 'dai', 'thanh'], ho: ['nha'] };

/**
 * Whether the word after a number says it counts something else than the question asks ("12 phòng học" for "học
 * sinh"); a share ("68,4%") never counts the people or things asked for.
 */
function countsSomethingElse(entity: Entity, unit: Unit, question: AnalyzedQuestion): boolean {
  const countedNoun = question.countedNoun;
  if (!countedNoun) return false;
  if (question.measure !== 'percent' && countedNoun !== 'phan' && (entity.text.includes('%') || /^\s*phần trăm/u.test(unit.text.slice(entity.end)))) return true;
  const next = /^\s*([\p{L}\d]+)/u.exec(unit.text.slice(entity.end))?.[1];
  if (!next) return false;
  const word = foldedKey(next);
  if (MEASURE_WORDS.has(word) || /^\d/.test(word)) return false;
  return word !== countedNoun && !(SAME_COUNT[countedNoun] ?? []).includes(word);
}

/** The fact of the asked type nearest to the question's content words, or undefined when the span holds none. */
function answerEntity(question: AnalyzedQuestion, unit: Unit, hits: readonly number[], questionFolded: string, peopleAsked = false): Entity | undefined {
  for (const type of question.types) {
    if (type === 'other') return undefined;
    // A fact the question already states ("Nghị quyết số 59-NQ/TW … mang số hiệu gì?") is not its answer.
    // "Chợ họp vào sáng Chủ nhật hằng tuần" answers "hôm nào trong tuần": the day of the week is the date asked for.
    const weekdays = type === 'date' && question.asksWeekday ? findWeekdayMentions(unit.text) : [];
    const parts = type === 'time' && question.asksPartOfDay ? findPartsOfDay(unit.text) : [];
    const all = weekdays.length > 0 ? weekdays : parts.length > 0 ? parts : type === 'list' && peopleAsked ? findPersons(unit.text) : entitiesOf(type, unit.text);
    // An official of another tier of government ("Phó Chủ tịch UBND tỉnh" for "Phó Chủ tịch UBND xã") is not the answer.
    const atLevel = (type === 'person' || type === 'list') && question.level ? all.filter((entity) => levelFits(question.level, entity, unit.text, all)) : all;
    // "sáng hay chiều?" names the answer among its choices.
    let found = parts.length > 0 ? atLevel : atLevel.filter((entity) => !questionFolded.includes(` ${normalizeForMatch(entity.text)} `));
    if (type === 'person') found = found.filter((entity) => !deputyOnly(entity, unit.text, all, questionFolded) && !ofOtherBody(entity, unit.text, all, questionFolded));
    // A list answer names at least two things the question does not already name; the units a ward was merged from
    // may include its own name ("hợp nhất từ hai xã Đồng Yên và Vĩnh Phúc" answers how xã Đồng Yên was formed).
    if (type === 'list' && found.length < 2 && !(found.length === 1 && new Set(atLevel.map((entity) => entity.text)).size >= 2 && mergerAnswers(question, unit))) found = [];
    if (type === 'quantity') found = found.filter((entity) => !countsSomethingElse(entity, unit, question) && measureFits(question.measure, unit.text, entity) && !firstBatchOnly(entity, unit, questionFolded));
    // A lead-in read with its list answers with the items; a fact inside one item is that item's own answer.
    if (unit.items) found = type === 'list' ? listItemEntities(unit.text, unit.items) : found.filter((entity) => entity.end <= (unit.items?.[0]?.start ?? 0));
    // Several dates: the day something happened answers "hôm nào", a document's issue date only "ban hành ngày nào".
    if (type === 'date' && !question.asksIssueDate && found.some((entity) => !isIssueDate(unit.text, entity))) {
      found = found.filter((entity) => !isIssueDate(unit.text, entity));
    }
    if (found.length === 0) continue;
    // "diễn ra từ ngày 12/7 đến ngày 31/8/2025" answers "kết thúc ngày nào" with the date after "đến".
    if (type === 'date' && CLOSING_WORDS.test(questionFolded) && found.some((entity) => endsSomething(entity, unit))) found = found.filter((entity) => endsSomething(entity, unit));
    if (hits.length === 0) return found[0];
    return found
      .map((entity) => ({ entity, distance: tokenDistance(entity, unit, hits) }))
      .sort((a, b) => a.distance - b.distance)[0]?.entity;
  }
  return undefined;
}

// Bodies whose officers share the ward's titles: "Phó Chủ tịch Ủy ban MTTQ" is no "Phó Chủ tịch UBND".
const OTHER_BODY_TITLES = ['mttq', 'mat tran', 'uy ban mttq', 'uy ban mat tran', 'hoi nong dan', 'hoi cuu chien binh', 'hoi lien hiep phu nu', 'hoi phu nu', 'doan thanh nien', 'cong doan', 'uy ban kiem tra', 'chi bo'];

// A title set after a name ("Ông B, Phó Trưởng Ban …;"), up to the end of its clause.
const APPOSITIVE_TITLE = /^\s*,\s*((?:Phó|Trưởng|Chủ|Bí|Ủy viên|Giám đốc|Chánh|Hiệu|Thường trực|Tổ trưởng)[^;.]*)/u;

/** Whether the name's title is an office of another body (the Front, an association) that the question does not name. */
function ofOtherBody(entity: Entity, text: string, others: readonly Entity[], questionFolded: string): boolean {
  const asked = / (chu tich|bi thu) /u.exec(questionFolded);
  if (!asked) return false;
  // "Ông B, Phó Trưởng Ban Văn hóa – Xã hội HĐND xã;" under "Cùng đi với Chủ tịch UBND xã có:" holds another office.
  const appositive = APPOSITIVE_TITLE.exec(text.slice(entity.end));
  if (appositive && !` ${normalizeForMatch(appositive[1] as string)} `.includes(` ${asked[1]} `)) return true;
  const title = ` ${normalizeForMatch(titleAround(text, entity, others.filter((other) => other !== entity)).split(/[;,]/u).slice(0, 2).join(' '))} `;
  const office = / (chu tich|bi thu) (\S+(?: \S+){0,3})/u.exec(title);
  if (!office) return false;
  return OTHER_BODY_TITLES.some((body) => ` ${office[2]} `.startsWith(` ${body} `) && !questionFolded.includes(` ${body} `));
}

const MERGER_WORDS = ['sap nhap', 'hop nhat', 'sap xep'];

/** Whether the question asks what a ward was merged from and the span tells it. */
function mergerAnswers(question: AnalyzedQuestion, unit: Unit): boolean {
  const asked = question.groups.some((group) => group.phrases.some((phrase) => MERGER_WORDS.includes(phrase.join(' '))));
  const folded = ` ${unit.folded.join(' ')} `;
  return asked && MERGER_WORDS.some((words) => folded.includes(` ${words} `));
}

// Offices whose deputy ("Phó …") is another office: "Chủ tịch UBND phường" is not answered by a Phó Chủ tịch.
const HEAD_TITLES = ['chu tich', 'bi thu', 'giam doc', 'hieu truong', 'chu nhiem', 'truong cong an', 'truong ban'];
// A title given after the name as an office taken ("A tiếp tục giữ chức Phó Chủ tịch UBND phường").
const OFFICE_AFTER_NAME = /^\s*(?:tiếp tục\s+)?(?:được bầu\s+)?(?:giữ chức|làm|là)\s/u;

/**
 * Whether a name holds only the deputy of the office the question asks about (when it does not ask for a deputy), or
 * the same title in the other council.
 */
function deputyOnly(entity: Entity, text: string, others: readonly Entity[], questionFolded: string): boolean {
  const asked = HEAD_TITLES.filter((title) => questionFolded.includes(` ${title} `) && !questionFolded.includes(` pho ${title} `));
  // "người đứng đầu …" asks for a head of whatever office: a deputy of one is not it.
  const asksAnyHead = asked.length === 0 && questionFolded.includes(' dung dau ');
  if (asked.length === 0 && !asksAnyHead) return false;
  const rest = others.filter((other) => other !== entity);
  let title = titleAround(text, entity, rest);
  const after = text.slice(entity.end).split(/[;.]/u)[0] ?? '';
  if (OFFICE_AFTER_NAME.test(after)) title += ` ${after}`;
  const folded = bodyNames(` ${normalizeForMatch(title)} `);
  if (asksAnyHead) {
    const heads = HEAD_TITLES.filter((office) => folded.includes(` ${office} `));
    return heads.length > 0 && heads.every((office) => !folded.replaceAll(` pho ${office} `, ' ').includes(` ${office} `));
  }
  if (asked.every((office) => folded.includes(` pho ${office} `) && !folded.replaceAll(` pho ${office} `, ' ').includes(` ${office} `))) return true;
  // "Chủ tịch HĐND phường" does not answer "Chủ tịch UBND phường".
  const question = bodyNames(questionFolded);
  return asked.some((office) => {
    const body = COUNCILS.find((name) => question.includes(` ${office} ${name} `));
    const held = folded.replaceAll(` pho ${office} `, ' ');
    return body !== undefined && !held.includes(` ${office} ${body} `) && COUNCILS.some((other) => other !== body && held.includes(` ${office} ${other} `));
  });
}

const COUNCILS = ['ubnd', 'hdnd'];

function bodyNames(folded: string): string {
  return folded.replaceAll(' uy ban nhan dan ', ' ubnd ').replaceAll(' hoi dong nhan dan ', ' hdnd ');
}

/** For a question about one day of the week, false when the span gives hours or dates for other days only ("từ thứ Hai đến thứ Sáu" for "thứ 7"). */
function weekdayFits(question: AnalyzedQuestion, unit: Unit): boolean {
  if (!question.weekday || (question.types[0] !== 'time' && question.types[0] !== 'date')) return true;
  const days = findWeekdays(unit.text);
  return days.size === 0 || days.has(question.weekday);
}

/** False when the title written with a name belongs to another tier of government than the one asked about. */
function levelFits(level: AnalyzedQuestion['level'], entity: Entity, text: string, others: readonly Entity[]): boolean {
  if (!level) return true;
  const levels = governmentLevels(titleAround(text, entity, others.filter((other) => other !== entity)));
  return levels.size === 0 || levels.has(level);
}

/** Whether the words right after a number are the thing the question counts ("165 điểm cầu" for "bao nhiêu điểm cầu"). */
function countsAskedThing(entity: Entity, unit: Unit, countedPhrase: readonly string[] | undefined): boolean {
  if (!countedPhrase || countedPhrase.length < 2) return false;
  const after = tokenize(unit.text.slice(entity.end)).slice(0, countedPhrase.length).map((token) => foldedKey(token.text));
  return countedPhrase.every((word, index) => after[index] === word);
}

/**
 * For a date or time question whose best sentence holds none, the sentence joined with its neighbour in the article
 * when that neighbour holds one and shares a word with the question; undefined otherwise.
 */
function joinWithNeighbourFact(question: AnalyzedQuestion, unit: Unit, groups: readonly TermGroup[], questionFolded: string): { unit: Unit; entity: Entity } | undefined {
  if (unit.text !== unit.sentenceText) return undefined;
  for (const neighbour of [unit.previous, unit.next]) {
    if (!neighbour || !weekdayFits(question, neighbour) || !groups.some((group) => groupCredit(group, neighbour, question) > 0)) continue;
    const first = neighbour.start < unit.start ? neighbour : unit;
    const second = first === unit ? neighbour : unit;
    // The two sentences may stand in two overlapping chunks: what lies between them is read from one that holds it,
    // and must be white space.
    const chunk = [unit.chunk, neighbour.chunk].find((source) => source && source.start <= first.end && second.start <= source.start + source.text.length);
    if (!chunk) continue;
    const between = chunk.text.slice(first.end - chunk.start, second.start - chunk.start);
    if (/\S/u.test(between)) continue;
    const text = first.text + between + second.text;
    const joined = makeUnit(unit.article, unit.rank, first.start, text, text, chunk);
    const entity = answerEntity(question, neighbour, [], questionFolded);
    if (!entity || (question.types[0] === 'date' && isIssueDate(neighbour.text, entity) && !question.asksIssueDate)) continue;
    const offset = neighbour.start - first.start;
    return { unit: joined, entity: { text: entity.text, start: entity.start + offset, end: entity.end + offset } };
  }
  return undefined;
}

function listItemEntities(text: string, items: readonly Span[]): Entity[] {
  return items.length >= 2 ? items.map((item) => ({ text: text.slice(item.start, item.end), start: item.start, end: item.end })) : [];
}

/** "trao 30 suất học bổng đầu tiên": a count of the first batch is not the total the question asks about. */
function firstBatchOnly(entity: Entity, unit: Unit, questionFolded: string): boolean {
  if (questionFolded.includes(' dau tien ')) return false;
  return /^\s*(?:[\p{L}\p{M}]+\s+){0,4}đầu tiên(?![\p{L}\p{M}])/u.test(unit.text.slice(entity.end).split(/[,;:.]/u)[0] ?? '');
}

/** Whether a date closes a period: it follows "đến"/"tới" or the sentence is about a close ("bế mạc", "kết thúc"). */
function endsSomething(entity: Entity, unit: Unit): boolean {
  return /(?:đến|tới|hết|kết thúc|bế mạc)\s+(?:ngày\s+|hết\s+ngày\s+)?$/iu.test(unit.text.slice(Math.max(0, entity.start - 24), entity.start)) || CLOSING_WORDS.test(unit.folded.join(' '));
}

function tokenDistance(entity: Entity, unit: Unit, hits: readonly number[]): number {
  const before = tokenize(unit.text.slice(0, entity.start)).length;
  return Math.min(...hits.map((hit) => Math.abs(hit - before)));
}

/** True when a fact shares a comma-separated segment with a question word, or stands within a few syllables of one. */
function nearQuestionWords(entity: Entity, unit: Unit, hits: readonly number[]): boolean {
  if (tokenDistance(entity, unit, hits) <= MAX_QUANTITY_DISTANCE) return true;
  const segmentStart = Math.max(0, ...[',', ';', ':'].map((mark) => unit.text.lastIndexOf(mark, entity.start) + 1));
  const nextMarks = [',', ';', ':'].map((mark) => unit.text.indexOf(mark, entity.end)).filter((at) => at >= 0);
  const segmentEnd = nextMarks.length ? Math.min(...nextMarks) : unit.text.length;
  const first = tokenize(unit.text.slice(0, segmentStart)).length;
  const last = first + tokenize(unit.text.slice(segmentStart, segmentEnd)).length;
  return hits.some((hit) => hit >= first && hit < last);
}

function proximityBonus(entity: Entity, unit: Unit, hits: readonly number[]): number {
  if (hits.length === 0) return 0;
  return 1 / (1 + tokenDistance(entity, unit, hits) / 4);
}

/**
 * A fact of another year must not answer: a year the question names must be in the span, or in its article's
 * title/date when the span names no year. A term ("nhiệm kỳ 2025-2030") is met by either of its years in the span, or,
 * when the span names none, by an article published in the term's first years (a congress states its term once, in
 * its first sentence, then "được bầu làm Bí thư" without it).
 */
function yearsFit(question: AnalyzedQuestion, unit: Unit): boolean {
  if (question.years.length === 0) return true;
  // A list item's year is its lead-in's ("Tổng chi ngân sách xã năm 2026 là …, gồm:" → "- Chi đầu tư phát triển: …").
  const spanYears: string[] = `${unit.sentenceText} ${unit.heading?.sentenceText ?? ''}`.match(/\b(19|20)\d{2}\b/g) ?? [];
  const inArticle = (year: string) => unit.article.title.includes(year) || (unit.article.published ?? '').startsWith(year);
  const termYears = new Set(question.terms.flatMap((term) => [term.from, term.to]));
  const termsFit = question.terms.every((term) => {
    if (spanYears.includes(term.from) || spanYears.includes(term.to)) return true;
    if (spanYears.length > 0) return false;
    const published = Number((unit.article.published ?? '').slice(0, 4));
    return inArticle(term.from) && (!published || (published >= Number(term.from) && published < Number(term.to)));
  });
  return (
    termsFit &&
    question.years
      .filter((year) => !termYears.has(year))
      .every((year) => {
        if (spanYears.includes(year)) return true;
        if (spanYears.length > 0 && !spanYears.some((other) => question.years.includes(other))) return false;
        return inArticle(year);
      })
  );
}

/** Cuts an over-long span to the comma-separated segments around the answer, never mid-word. */
function trimToAnswer(unit: Unit, entity: Entity | undefined, maxChars: number): string {
  const text = unit.text.trim();
  if (text.length <= maxChars || !entity) return text;
  const segments: Array<{ start: number; end: number }> = [];
  const pattern = /[^,]+(?:,|$)/gu;
  for (const match of unit.text.matchAll(pattern)) {
    const start = match.index ?? 0;
    segments.push({ start, end: start + match[0].length });
  }
  const center = segments.findIndex((segment) => entity.start >= segment.start && entity.start < segment.end);
  if (center < 0) return text;
  const last = segments.length - 1;
  const span = (from: number, to: number) => (segments[to]?.end ?? 0) - (segments[from]?.start ?? 0);
  let from = center;
  let to = center;
  let preferLeft = true;
  while (span(from, to) < maxChars * 0.6) {
    const canLeft = from > 0 && span(from - 1, to) <= maxChars;
    const canRight = to < last && span(from, to + 1) <= maxChars;
    if (canLeft && (preferLeft || !canRight)) from--;
    else if (canRight) to++;
    else break;
    preferLeft = !preferLeft;
  }
  return unit.text.slice(segments[from]?.start ?? 0, segments[to]?.end ?? text.length).trim().replace(/,$/u, '');
}
