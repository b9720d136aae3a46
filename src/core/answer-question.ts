import { analyzeQuestion, detectLanguage } from './question-analysis.js';
import { extractAnswer } from './extract-answer.js';
import { refusalMessage } from './messages.js';
import { nfc } from '../ingest/normalize-vietnamese.js';
import type { AnswerGenerator, PinnedAnswers, PlaceResolver, Retriever } from './ports.js';
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

  const place = dependencies.places.match(text, question.defaultPlace ?? dependencies.defaultPlace);
  if (place.kind === 'unknown') return refuse('wrong-place');
  if (place.kind === 'ambiguous') return refuse('ambiguous-place', { places: place.labels.join('; ') });

  const analyzed = { ...analyzeQuestion(text, new Set(place.tokens)), language };
  const articleIds = place.kind === 'known' ? new Set(place.articleIds) : undefined;
  const passages = await dependencies.retriever.retrieve(analyzed.searchText, dependencies.passageLimit ?? 12, { articleIds });
  const extractive = extractAnswer(analyzed, passages);
  if (!dependencies.generator || passages.length === 0) return extractive;
  return dependencies.generator.generate({ question: text, language, passages, fallback: extractive });
}
