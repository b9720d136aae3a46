/** What the listening rules need to know about one Discord message. */
export interface IncomingMessage {
  content: string;
  authorIsBot: boolean;
  isDirectMessage: boolean;
  /** True when the message mentions the bot user itself (not `@everyone` or a role). */
  mentionsBot: boolean;
  channelId: string;
  /** The parent channel when the message is in a thread. */
  parentChannelId?: string | null;
}

/** Where and how the bot listens. */
export interface ListeningRules {
  botUserId: string;
  /** Channels the bot answers in (a thread counts as its parent); empty means every channel. */
  allowedChannelIds: readonly string[];
  /** When true, server messages are answered only when they mention the bot; direct messages always are. */
  mentionOnly: boolean;
}

/**
 * The question a message asks the bot, or undefined when the bot should stay silent: bots are ignored, direct messages
 * are always answered, server messages only in allowed channels and, in mention-only mode, only when they mention the
 * bot. The mention itself is removed; an empty string means the bot was addressed without a question.
 */
export function messageQuestion(incoming: IncomingMessage, rules: ListeningRules): string | undefined {
  if (incoming.authorIsBot) return undefined;
  if (!incoming.isDirectMessage) {
    if (!isChannelAllowed(incoming.channelId, incoming.parentChannelId, rules.allowedChannelIds)) return undefined;
    if (rules.mentionOnly && !incoming.mentionsBot) return undefined;
  }
  const text = incoming.content.replace(new RegExp(`<@!?${rules.botUserId}>`, 'g'), ' ').replace(/\s+/g, ' ').trim().normalize('NFC');
  if (!text && !incoming.isDirectMessage && !incoming.mentionsBot) return undefined;
  return text;
}

/** Whether a channel (or the thread's parent) is on the allowlist; an empty allowlist allows every channel. */
export function isChannelAllowed(channelId: string, parentChannelId: string | null | undefined, allowedChannelIds: readonly string[]): boolean {
  if (allowedChannelIds.length === 0) return true;
  return allowedChannelIds.includes(channelId) || (!!parentChannelId && allowedChannelIds.includes(parentChannelId));
}
