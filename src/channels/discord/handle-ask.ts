import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { errorMessage, message, refusalMessage } from '../../core/messages.js';
import { detectLanguage } from '../../core/question-analysis.js';
import type { Language, Question } from '../../core/types.js';
import type { DiscordBotContext } from './bot-context.js';
import { OPTION_NAMES } from './commands.js';
import { formatDiscordReply, formatNotice, type DiscordReply } from './format-reply.js';
import { loadGuildSettings, type GuildSettings } from './guild-settings.js';
import { isChannelAllowed, messageQuestion } from './message-question.js';
import { discordConversationId, parsePlaceChoiceCustomId } from './place-choice-buttons.js';

/** Either a polite notice to send instead of asking, or the question to ask. */
export type PreparedQuestion = { kind: 'notice'; reply: DiscordReply } | { kind: 'ask'; question: Question };

/**
 * Applies the asking rules to a user's text: an empty text gets an example, an over-long one a request to shorten it,
 * a user over the rate limit a request to wait (none of these count as asking); otherwise the `Question` carries the
 * pseudonymous user key, the user's conversation in this channel (or direct messages), and the server's default
 * place and language.
 */
export async function prepareQuestion(
  context: DiscordBotContext,
  text: string,
  userId: string,
  settings: GuildSettings,
  where: { guildId: string | null; channelId: string },
): Promise<PreparedQuestion> {
  const language: Language = settings.language ?? detectLanguage(text);
  const { config, services, limiter } = context;
  if (!text) return { kind: 'notice', reply: formatNotice(refusalMessage('empty-question', language)) };
  if ([...text].length > config.maxQuestionLength) {
    return { kind: 'notice', reply: formatNotice(message('error.question-too-long', language, { max: config.maxQuestionLength })) };
  }
  if (!(await limiter.tryAcquire(`discord:${userId}`))) return { kind: 'notice', reply: formatNotice(errorMessage('rate-limited', language)) };
  const userKey = services.userKeys.userKey('discord', userId);
  const question: Question = { text, channel: 'discord', userKey, conversationId: discordConversationId(where.guildId, where.channelId, userKey) };
  if (settings.defaultPlace) question.defaultPlace = settings.defaultPlace;
  if (settings.language) question.language = settings.language;
  return { kind: 'ask', question };
}

/** `/hoi câu-hỏi`: checks the channel and the question, defers (Discord allows 3 s), then edits in the answer. */
export async function handleAskCommand(interaction: ChatInputCommandInteraction, context: DiscordBotContext): Promise<void> {
  const text = interaction.options.getString(OPTION_NAMES.question, true).normalize('NFC').trim();
  const settings = await loadGuildSettings(context.services.settings, interaction.guildId);
  const allowed = allowedChannels(context, settings);
  const parentId = interaction.channel?.isThread() ? interaction.channel.parentId : null;
  if (interaction.inGuild() && !isChannelAllowed(interaction.channelId, parentId, allowed)) {
    const channels = allowed.map((id) => `<#${id}>`).join(', ');
    const language = settings.language ?? detectLanguage(text);
    await interaction.reply({ ...formatNotice(message('discord.channel-not-allowed', language, { channels })), flags: MessageFlags.Ephemeral });
    return;
  }
  const prepared = await prepareQuestion(context, text, interaction.user.id, settings, { guildId: interaction.guildId, channelId: interaction.channelId });
  if (prepared.kind === 'notice') {
    await interaction.reply({ ...prepared.reply, flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.deferReply();
  const result = await context.services.ask.ask(prepared.question);
  const sent = await interaction.editReply(formatDiscordReply(result, { askerId: interaction.user.id }));
  context.recentAnswers.set(sent.id, result);
}

/** A mention of the bot, a direct message, or (without mention-only mode) any message in an allowed channel. */
export async function handleMessage(incoming: Message, context: DiscordBotContext): Promise<void> {
  const botUserId = context.client.user.id;
  const mentionsBot = incoming.mentions.users.has(botUserId);
  const isDirectMessage = !incoming.inGuild();
  // Cheap exits first: in mention-only mode most server messages are not for the bot and need no settings lookup.
  if (incoming.author.bot || (!isDirectMessage && context.config.discord.mentionOnly && !mentionsBot)) return;
  const settings = await loadGuildSettings(context.services.settings, incoming.guildId);
  const text = messageQuestion(
    {
      content: incoming.content,
      authorIsBot: incoming.author.bot,
      isDirectMessage,
      mentionsBot,
      channelId: incoming.channelId,
      parentChannelId: incoming.channel.isThread() ? incoming.channel.parentId : null,
    },
    { botUserId, allowedChannelIds: allowedChannels(context, settings), mentionOnly: context.config.discord.mentionOnly },
  );
  if (text === undefined) return;
  const prepared = await prepareQuestion(context, text, incoming.author.id, settings, { guildId: incoming.guildId, channelId: incoming.channelId });
  if (prepared.kind === 'notice') {
    await incoming.reply(prepared.reply);
    return;
  }
  if (incoming.channel.isSendable()) {
    // Typing is a courtesy while the answer is composed; failing to show it must not stop the answer.
    await incoming.channel.sendTyping().catch(() => undefined);
  }
  const result = await context.services.ask.ask(prepared.question);
  const sent = await incoming.reply(formatDiscordReply(result, { askerId: incoming.author.id }));
  context.recentAnswers.set(sent.id, result);
}

/** The server's own channel list when it set one, else the deployment's. */
function allowedChannels(context: DiscordBotContext, settings: GuildSettings): readonly string[] {
  return settings.channelIds.length > 0 ? settings.channelIds : context.config.discord.channelIds;
}

/**
 * A click on a candidate place under a "which place?" reply: answered as if the asker had typed its number, in the
 * asker's conversation (which holds the pending question). Someone else's click gets a private hint to ask themselves.
 * Returns false when the button is not a candidate button.
 */
export async function handlePlaceChoiceButton(interaction: ButtonInteraction, context: DiscordBotContext): Promise<boolean> {
  const choice = parsePlaceChoiceCustomId(interaction.customId);
  if (!choice) return false;
  const settings = await loadGuildSettings(context.services.settings, interaction.guildId);
  const language = settings.language ?? (interaction.locale.startsWith('en') ? 'en' : 'vi');
  if (interaction.user.id !== choice.askerId) {
    await interaction.reply({ ...formatNotice(message('discord.choice-not-yours', language)), flags: MessageFlags.Ephemeral });
    return true;
  }
  const prepared = await prepareQuestion(context, String(choice.choice), interaction.user.id, settings, { guildId: interaction.guildId, channelId: interaction.channelId });
  if (prepared.kind === 'notice') {
    await interaction.reply({ ...prepared.reply, flags: MessageFlags.Ephemeral });
    return true;
  }
  await interaction.deferReply();
  const result = await context.services.ask.ask(prepared.question);
  const sent = await interaction.editReply(formatDiscordReply(result, { askerId: interaction.user.id }));
  context.recentAnswers.set(sent.id, result);
  return true;
}
