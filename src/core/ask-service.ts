import { answerQuestion, type AnswerDependencies } from './answer-question.js';
import { toChatbotError } from './errors.js';
import { httpLinkOrEmpty } from './http-link.js';
import { refusalMessage } from './messages.js';
import { presentAnswer } from './present-answer.js';
import { detectLanguage } from './question-analysis.js';
import type { AnswerRecorder, AskService } from './ports.js';
import type { Answer, AskResult, Question } from './types.js';

/**
 * Turns an `Answer` into the stable JSON contract of `ask --json` and `POST /api/ask`, which every channel shows: a
 * found or generated answer reads as a sentence, while its citations keep their verbatim quotes; a moderator's pinned
 * text is shown as written.
 */
export function toAskResult(question: string, answer: Answer): AskResult {
  const presented =
    answer.kind === 'answered' && answer.mode !== 'pinned'
      ? presentAnswer(answer.text, answer.citations[0] ? { quote: answer.citations[0].quote } : {})
      : answer.text;
  const result: AskResult = {
    question,
    answered: answer.kind === 'answered',
    answer: presented,
    // Only http(s) addresses leave as links, whatever a pin or an article held (a `javascript:` URL would run on a click).
    citations: answer.kind === 'answered' ? answer.citations.map((citation) => ({ ...citation, url: httpLinkOrEmpty(citation.url) })) : [],
    mode: answer.mode,
    language: answer.language,
  };
  if (answer.kind === 'refused') result.reason = answer.reason;
  if (answer.kind === 'refused' && answer.related?.length) result.related = answer.related;
  if (answer.grounding) result.grounding = answer.grounding;
  if (answer.kind === 'answered' && answer.pin) result.pinned = answer.pin;
  return result;
}

/** Options of the ask service besides the answering dependencies. */
export interface AskServiceOptions extends AnswerDependencies {
  recorder?: AnswerRecorder;
  log?: (line: string) => void;
  /** Reference ids for error reports; injected so tests are deterministic. */
  newId?: () => string;
  /** Answers in place of `answerQuestion` with these dependencies (a server's answer threads run it off the event loop). */
  answer?: (question: Question) => Promise<Answer>;
}

/** The service every channel calls: answers, records the answer (for feedback and staff reports), never throws. */
export function createAskService(options: AskServiceOptions): AskService {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const newId = options.newId ?? (() => Math.random().toString(36).slice(2, 10));
  const answer = options.answer ?? ((question: Question) => answerQuestion(question, options));
  return {
    async ask(question: Question): Promise<AskResult> {
      let result: AskResult;
      try {
        result = toAskResult(question.text, await answer(question));
      } catch (error) {
        const reference = newId();
        const failure = toChatbotError(error);
        log(`[ask] error ${reference} (${failure.code}): ${failure.message}${failure.cause instanceof Error && failure.cause.stack ? `\n${failure.cause.stack}` : ''}`);
        const language = question.language ?? detectLanguage(question.text);
        result = {
          question: question.text,
          answered: false,
          answer: refusalMessage('error', language, { reference }),
          citations: [],
          mode: 'extractive',
          language,
          reason: 'error',
        };
      }
      // Errors are recorded too, so staff see them in the report next to the questions the articles could not answer.
      if (options.recorder) {
        try {
          result.answerId = await options.recorder.record(question, result);
        } catch (error) {
          log(`[ask] could not record the answer: ${toChatbotError(error).message}`);
        }
      }
      return result;
    },
  };
}

/** The reply while no index version is there to answer from (a replica started before the leader published one). */
export function indexNotReadyResult(question: Question): AskResult {
  const language = question.language ?? detectLanguage(question.text);
  return { question: question.text, answered: false, answer: refusalMessage('index-not-ready', language), citations: [], mode: 'extractive', language, reason: 'index-not-ready' };
}
