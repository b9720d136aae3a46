import { toChatbotError } from '../../core/errors.js';
import { createConversation } from './conversation.js';
import type { ZaloBotClient } from './bot-client.js';
import type { ZaloBotUpdate } from './bot-update.js';
import type { ZaloChannelOptions } from './zalo-services.js';

/** The event the Bot Platform sends for a text message; images and stickers are ignored. */
const TEXT_RECEIVED = 'message.text.received';

/**
 * Answers one Bot Platform update (webhook or polling alike): text messages from people get "typing…", then the reply;
 * repeats of a `message_id` (remembered in the store, so also after a restart), other events and messages from bots are ignored.
 */
export function createBotUpdateHandler(options: ZaloChannelOptions & { client: ZaloBotClient }): (update: ZaloBotUpdate) => Promise<void> {
  const { client, log } = options;
  const conversation = createConversation({ ...options, channel: 'zalo-bot' });
  return async (update) => {
    const incoming = update.message;
    if (update.event_name !== TEXT_RECEIVED || !incoming || incoming.from?.is_bot) return;
    const chatId = incoming.chat?.id === undefined ? undefined : String(incoming.chat.id);
    const userId = incoming.from?.id === undefined ? chatId : String(incoming.from.id);
    if (!chatId || !userId || typeof incoming.text !== 'string') return;
    if (incoming.message_id !== undefined && !(await options.services.seenEvents.firstSighting(`zalo-bot:msg:${String(incoming.message_id)}`))) return;
    const beforeAsking = () => {
      client.sendTyping(chatId).catch((error: unknown) => log(`[zalo-bot] could not show typing: ${error instanceof Error ? error.message : String(error)}`));
    };
    try {
      for (const text of await conversation.reply(userId, incoming.text, { beforeAsking })) await client.sendMessage(chatId, text);
      options.status?.succeeded();
    } catch (error) {
      options.status?.failed(toChatbotError(error).message);
      throw error;
    }
  };
}
