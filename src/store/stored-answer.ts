import { nfc } from '../ingest/normalize-vietnamese.js';
import { questionKey } from './question-similarity.js';
import { cleanCitations } from './stored-citations.js';
import type { AskResult, Question } from '../core/types.js';

/** The columns of an answer-log row, in the order `answerValues` gives them. */
export const ANSWER_COLUMNS = 'id, question, normalized_question, answer, answered, reason, mode, citations, channel, user_key, language, pin_id, created_at';

/** One logged answer as the values of `ANSWER_COLUMNS`: NFC text, the question's grouping key, clean citations. */
export function answerValues(id: string, question: Question, result: AskResult, createdAt: Date): Array<string | number | null> {
  const text = nfc(question.text);
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
    createdAt.toISOString(),
  ];
}
