import { nfc } from '../ingest/normalize-vietnamese.js';
import { questionKey } from './question-similarity.js';
import { cleanCitations } from './stored-citations.js';
import type { AskResult, Question } from '../core/types.js';

/** The columns of an answer-log row, in the order `answerValues` gives them. */
export const ANSWER_COLUMNS = 'id, question, normalized_question, answer, answered, reason, mode, citations, channel, user_key, language, pin_id, place, created_at';

/**
 * One logged answer as the values of `ANSWER_COLUMNS`: NFC text, the question's grouping key, clean citations, and the
 * ward it was about — the one the answer assumed, else the one the question names (`placeOf`), else the one the
 * channel asked about (a widget's data-place).
 */
export function answerValues(
  id: string,
  question: Question,
  result: AskResult,
  createdAt: Date,
  placeOf?: (text: string) => string | undefined,
): Array<string | number | null> {
  const text = nfc(question.text);
  const defaultPlace = question.defaultPlace ? (placeOf?.(question.defaultPlace) ?? nfc(question.defaultPlace)) : undefined;
  const place = result.assumedPlace ?? placeOf?.(result.standaloneQuestion ?? text) ?? defaultPlace ?? null;
  return [
    id,
    text,
    questionKey(text),
    nfc(result.answer),
    result.answered ? 1 : 0,
    result.reason ?? null,
    result.mode,
    JSON.stringify(cleanCitations(result.citations)),
    question.channel,
    question.userKey ?? null,
    result.language,
    result.pinned?.id ?? null,
    place,
    createdAt.toISOString(),
  ];
}
