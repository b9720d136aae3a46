import { toChatbotError } from '../../core/errors.js';
import { errorMessage, message } from '../../core/messages.js';
import { detectLanguage } from '../../core/question-analysis.js';
import { RateLimiter } from '../../core/rate-limiter.js';
import { nfc } from '../../ingest/normalize-vietnamese.js';
import { BoundedMap } from '../../core/bounded-map.js';
import { FeedbackReplies } from './feedback-replies.js';
import { formatZaloReply } from './format-reply.js';
import { factSheetRequest } from '../../facts/fact-sheet-request.js';
import { lookUpFactSheets } from '../../facts/look-up-fact-sheets.js';
import { formatZaloFactSheet } from './format-fact-sheet.js';
import type { Config } from '../../config.js';
import type { Language } from '../../core/types.js';
import type { ZaloServices } from './zalo-services.js';

/** What both Zalo channels say back to a user, independent of how the texts are delivered. */
export interface Conversation {
  /** The short greeting for a new follower: what the bot knows and how to ask. */
  welcome(language?: Language): string[];
  /** The texts to send in reply to one message (none when a rate-limited user was already told to wait). */
  reply(userId: string, text: string, hooks?: { beforeAsking?: () => void }): Promise<string[]>;
}

/** Options of `createConversation`. */
export interface ConversationOptions {
  config: Readonly<Config>;
  services: ZaloServices;
  channel: 'zalo-oa' | 'zalo-bot';
  log: (line: string) => void;
  now?: () => number;
}

/** Platform name for pseudonymous user keys; OA and bot user ids are distinct numbers, so one name serves both. */
const USER_KEY_PLATFORM = 'zalo';
/** Bot Platform clients send this when a user opens a chat with the bot. */
const START_COMMAND = '/start';

/**
 * The Zalo conversation rules: feedback votes on the last answer, a maximum question length, a per-user rate limit
 * (told once per window, so a flood of messages does not become a flood of replies), then the answer.
 */
export function createConversation(options: ConversationOptions): Conversation {
  const { config, services, channel, log } = options;
  const limiter = services.rateLimit ?? new RateLimiter(config.rateLimitPerMinute, 60_000, options.now);
  const toldToWait = new BoundedMap<string, true>(10_000);
  const feedbackReplies = new FeedbackReplies();

  const welcome = (language: Language = 'vi') => [
    message('zalo.welcome', language, { place: config.defaultPlace ?? message('zalo.any-place', language) }),
  ];

  return {
    welcome,
    async reply(userId, rawText, hooks = {}) {
      const text = nfc(rawText).trim();
      const language = detectLanguage(text);
      const userKey = services.userKeys.userKey(USER_KEY_PLATFORM, userId);

      const rated = feedbackReplies.voteFor(userId, text);
      if (rated) {
        try {
          const outcome = await services.feedback.recordFeedback({ ...rated, userKey, channel });
          return [message(outcome === 'unknown-answer' ? 'zalo.feedback-unknown' : 'zalo.feedback-thanks', language)];
        } catch (error) {
          log(`[${channel}] could not record feedback: ${toChatbotError(error).message}`);
          return [errorMessage('internal', language)];
        }
      }
      if (text.toLowerCase() === START_COMMAND) return welcome(language);
      if ([...text].length > config.maxQuestionLength) {
        return [message('error.question-too-long', language, { max: config.maxQuestionLength })];
      }
      if (!(await limiter.tryAcquire(userKey))) {
        if (toldToWait.has(userKey)) return [];
        toldToWait.set(userKey, true);
        return [errorMessage('rate-limited', language)];
      }
      toldToWait.delete(userKey);

      hooks.beforeAsking?.();
      // "thông tin phường X": the ward's fact sheet; a place without facts is asked as a question like any other text.
      const sheetPlace = services.factBook ? factSheetRequest(text) : undefined;
      if (sheetPlace !== undefined && services.factBook) {
        const found = lookUpFactSheets(await services.factBook(), sheetPlace);
        if (found.kind === 'found') return found.sheets.flatMap((sheet) => formatZaloFactSheet(sheet, language));
      }
      // One conversation per user and channel: follow-ups and the number answering "which place?" continue it.
      const result = await services.ask.ask({ text, channel, userKey, conversationId: `${channel}:${userKey}` });
      // After a "which place?" question a bare "1" picks a place, so it must not count as a vote.
      feedbackReplies.remember(userId, result.choices?.length ? undefined : result.answerId);
      return formatZaloReply(result);
    },
  };
}
