import { analyzeQuestion, detectLanguage, isQuestionWord } from './question-analysis.js';
import { repairTypos } from './typo-repair.js';
import { extractAnswer, type ExtractOptions } from './extract-answer.js';
import { expandShorthand } from './chat-shorthand.js';
import { refusalMessage } from './messages.js';
import { withRelatedPassages } from './related-passages.js';
import { nfc, normalizeForMatch } from '../ingest/normalize-vietnamese.js';
import type { AnswerGenerator, FactAnswers, PinnedAnswers, PlaceResolver, Retriever, Vocabulary } from './ports.js';
import type { Answer, Language, Question, RefusalReason } from './types.js';

/** Everything answering needs, passed in so the core stays free of SDKs and global state. */
export interface AnswerDependencies {
  retriever: Retriever;
  places: PlaceResolver;
  /** LLM mode; absent offline. */
  generator?: AnswerGenerator;
  pins?: PinnedAnswers;
  /** How many passages to read; more costs time, fewer misses facts split across chunks. */
  passageLimit?: number;
  /** Deployment default place, used when neither the question nor the channel names one. */
  defaultPlace?: string;
  /** The corpus's words, to repair typing slips in questions; without it questions are read as typed. */
  vocabulary?: Vocabulary;
  /** Facts read from the articles, asked first when the question is about one ward; without it only the reader answers. */
  facts?: FactAnswers;
  /** Reader options: the calibrated model to use, or a trace of its candidates (for fitting it). */
  extractOptions?: ExtractOptions;
}

/**
 * Answers one question: a pinned answer if a moderator pinned one, otherwise retrieval restricted to the place the
 * question is about, then an extractive answer (or a generated one in LLM mode), or a polite refusal.
 */
export async function answerQuestion(question: Question, dependencies: AnswerDependencies): Promise<Answer> {
  const text = nfc(question.text).trim();
  const language: Language = question.language ?? detectLanguage(text);
  const refuse = (reason: RefusalReason, values: Record<string, string> = {}): Answer => ({
    kind: 'refused',
    reason,
    text: refusalMessage(reason, language, values),
    mode: 'extractive',
    language,
  });
  if (!/[\p{L}\p{N}]/u.test(text)) return refuse('empty-question');

  const pin = await dependencies.pins?.match(text);
  if (pin) {
    return {
      kind: 'answered',
      text: pin.answer,
      citations: pin.citations,
      mode: 'pinned',
      language,
      pin: { id: pin.id, pinnedBy: pin.pinnedBy, reviewOverdue: pin.reviewOverdue },
    };
  }

  // Abbreviations and chat shorthand are written out before anything reads the question ("ct ubnd p. Tân Mai").
  // Then typing slips: a word the corpus never writes becomes the corpus word it most likely meant ("nhữg" → "những").
  const expanded = language === 'vi' ? expandShorthand(text) : text;
  const readable = language === 'vi' && dependencies.vocabulary ? repairTypos(expanded, dependencies.vocabulary, isQuestionWord) : expanded;
  let place = dependencies.places.match(readable, question.defaultPlace ?? dependencies.defaultPlace);
  // "Xã Tân Thuận cũ nay thuộc xã nào?": an old unit is named inside the articles of the ward it joined, not as a
  // place of its own, so the question is asked of every article.
  if (place.kind === 'unknown' && asksAboutFormerUnit(readable)) place = { kind: 'none', articleIds: [], tokens: [], labels: [] };
  if (place.kind === 'unknown') return refuse('wrong-place');

  // "Who is the chair now?" is answered from the facts of every article (the newest source wins), not from the few
  // passages retrieval brings, which may all be older than the appointment. In LLM mode too: the sheet's answer quotes
  // its sentences verbatim, which is all the grounding gate would ask of the model's.
  if (dependencies.facts && place.kind === 'known' && place.labels.length === 1) {
    const fromFacts = await dependencies.facts.answer({ text: readable, language, place: place.labels[0]!, placeTokens: place.tokens });
    if (fromFacts) return fromFacts;
  }

  const analyzed = { ...analyzeQuestion(readable, new Set(place.tokens)), language };
  const limit = dependencies.passageLimit ?? 12;
  const answerFrom = async (articleIds: ReadonlySet<string> | undefined) => {
    const passages = await dependencies.retriever.retrieve(analyzed.searchText, limit, { articleIds });
    return { passages, extractive: extractAnswer(analyzed, passages, dependencies.extractOptions) };
  };
  let found;
  if (place.kind === 'ambiguous') {
    // A name several cities share, written inside another name ("Trường Tiểu học Hòa Bình"): when the articles of
    // exactly one of those places answer, that is the one meant. Written as a place ("phường Hòa Bình"), ask which.
    const answering = [];
    for (const choice of place.namedAsPlace === false ? (place.choices ?? []) : []) {
      const attempt = await answerFrom(new Set(choice.articleIds));
      if (attempt.extractive.kind === 'answered') answering.push(attempt);
    }
    if (answering.length !== 1) return refuse('ambiguous-place', { places: place.labels.join('; ') });
    found = answering[0]!;
  } else {
    found = await answerFrom(place.kind === 'known' ? new Set(place.articleIds) : undefined);
  }
  const { passages, extractive } = found;
  const answer =
    dependencies.generator && passages.length > 0
      ? await dependencies.generator.generate({ question: readable, language, passages, fallback: extractive })
      : extractive;
  // Passages are only offered when they are known to be about the place asked about; with no place named they may
  // be any ward's.
  return place.kind === 'none' ? answer : withRelatedPassages(answer, analyzed, passages, new Set(place.tokens));
}

// "… cũ", "trước đây", "nay thuộc phường nào", "sáp nhập vào", "now part of which ward".
const FORMER_UNIT = / (cu|truoc day|truoc kia) | (nay|bay gio|hien nay|gio) (la|thuoc|nam o|o) | thuoc (phuong|xa|thi tran|dac khu) nao | (sap nhap|hop nhat|nhap) vao | (now|today) (part of|in|belongs?) | (merged|absorbed) into | became part of /;

/** Whether a question asks about a ward or commune as it was before the merger (which the gazetteer does not know). */
function asksAboutFormerUnit(text: string): boolean {
  return FORMER_UNIT.test(` ${normalizeForMatch(text)} `);
}
