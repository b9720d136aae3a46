import { toChatbotError } from '../../core/errors.js';
import { refusalMessage } from '../../core/messages.js';
import type { Language } from '../../core/types.js';
import { formatNotice, type DiscordReply } from './format-reply.js';

/** Where an apology goes and what to log it under. */
export interface ApologyTarget {
  /** Names the interaction or message in the log, e.g. `/hoi` or `mention`. */
  what: string;
  language: Language;
  log: (line: string) => void;
  newId: () => string;
  send(reply: DiscordReply): Promise<unknown>;
}

/**
 * Runs one interaction's or message's work so that a failure never reaches discord.js (and never stops the bot): the
 * user gets a short apology with a reference id, the log gets the same id with the detail and stack.
 */
export async function withApology(target: ApologyTarget, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const reference = target.newId();
    const failure = toChatbotError(error);
    const cause = failure.cause instanceof Error ? failure.cause : failure;
    target.log(`[discord] error ${reference} in ${target.what} (${failure.code}): ${failure.message}${cause.stack ? `\n${cause.stack}` : ''}`);
    try {
      await target.send(formatNotice(refusalMessage('error', target.language, { reference })));
    } catch (sendError) {
      target.log(`[discord] could not send the apology for ${reference}: ${toChatbotError(sendError).message}`);
    }
  }
}
