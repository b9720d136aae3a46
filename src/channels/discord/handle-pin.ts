import { MessageFlags, Routes, type ChatInputCommandInteraction, type MessageContextMenuCommandInteraction } from 'discord.js';
import { toChatbotError } from '../../core/errors.js';
import { message } from '../../core/messages.js';
import { detectLanguage } from '../../core/question-analysis.js';
import { normalizeForMatch } from '../../ingest/normalize-vietnamese.js';
import type { ArticleMeta, AskResult, Citation, Language } from '../../core/types.js';
import { answerFromEmbed, type EmbeddedAnswer } from './answer-from-embed.js';
import type { DiscordBotContext } from './bot-context.js';
import { OPTION_NAMES } from './commands.js';
import { formatDiscordReply, formatNotice, linkTarget } from './format-reply.js';
import { interactionLanguage } from './interaction-reply.js';
import { canPin, memberAccess } from './permissions.js';

/** "Ghim câu trả lời" on a bot answer: stores it as a pinned answer and pins the message in the channel. */
export async function handlePinMessageCommand(interaction: MessageContextMenuCommandInteraction, context: DiscordBotContext): Promise<void> {
  const language = interactionLanguage(interaction);
  if (!(await allowedToPin(interaction, context, language))) return;
  const target = interaction.targetMessage;
  const remembered = context.recentAnswers.get(target.id);
  const answer =
    target.author.id === context.client.user.id
      ? remembered
        ? answerFromResult(remembered)
        : answerFromEmbed(target.embeds[0]?.toJSON(), context.services.listArticles())
      : undefined;
  if (!answer || remembered?.answered === false) {
    await interaction.reply({ ...formatNotice(message('discord.pin-not-answer', language)), flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const pin = await context.services.pins.add({
    ...answer,
    pinnedBy: interaction.user.username,
    channel: 'discord',
    channelRef: discordReference(interaction.guildId, target.channelId, target.id),
  });
  const pinnedInChannel = await setChannelPin(context, target.channelId, target.id, true);
  await interaction.editReply(pinnedNotice(answer.question, pin.id, pinnedInChannel, language));
}

/**
 * `/ghim câu-hỏi câu-trả-lời [nguồn]`: posts the moderator's answer in the channel, stores it as a pinned answer
 * (sources given as article links or ids) and pins the posted message.
 */
export async function handlePinCommand(interaction: ChatInputCommandInteraction, context: DiscordBotContext): Promise<void> {
  const language = interactionLanguage(interaction);
  if (!(await allowedToPin(interaction, context, language))) return;
  const question = interaction.options.getString(OPTION_NAMES.question, true).normalize('NFC').trim();
  const answer = interaction.options.getString(OPTION_NAMES.answer, true).normalize('NFC').trim();
  const citations = citationsFor(interaction.options.getString(OPTION_NAMES.source) ?? '', context.services.listArticles());
  const pinnedBy = interaction.user.username;
  const shown: AskResult = {
    question,
    answered: true,
    answer,
    citations,
    mode: 'pinned',
    language: detectLanguage(question),
    pinned: { id: '', pinnedBy, reviewOverdue: false },
  };
  await interaction.deferReply();
  const posted = await interaction.editReply(formatDiscordReply(shown));
  const pin = await context.services.pins.add({
    question,
    answer,
    citations,
    pinnedBy,
    channel: 'discord',
    channelRef: discordReference(interaction.guildId, posted.channelId, posted.id),
  });
  const pinnedInChannel = await setChannelPin(context, posted.channelId, posted.id, true);
  await interaction.followUp({ ...pinnedNotice(question, pin.id, pinnedInChannel, language), flags: MessageFlags.Ephemeral });
}

/** `/bo-ghim câu-hỏi`: removes a pinned answer by id or question, and unpins its Discord message when it has one. */
export async function handleUnpinCommand(interaction: ChatInputCommandInteraction, context: DiscordBotContext): Promise<void> {
  const language = interactionLanguage(interaction);
  if (!(await allowedToPin(interaction, context, language))) return;
  const value = interaction.options.getString(OPTION_NAMES.question, true).normalize('NFC').trim();
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const key = normalizeForMatch(value);
  const found = (await context.services.pins.list()).find(
    (pin) => pin.id === value || [pin.question, ...(pin.alternatives ?? [])].some((phrasing) => normalizeForMatch(phrasing) === key),
  );
  const removed = await context.services.pins.remove(found?.id ?? value);
  if (!removed) {
    await interaction.editReply(formatNotice(message('discord.unpin-not-found', language, { question: value })));
    return;
  }
  const reference = found?.channelRef ? parseDiscordReference(found.channelRef) : undefined;
  if (reference) await setChannelPin(context, reference.channelId, reference.messageId, false);
  await interaction.editReply(formatNotice(message('discord.unpinned', language, { question: found?.question ?? value })));
}

/** Refuses politely (and privately) unless the member may pin; also refuses outside a server. */
async function allowedToPin(interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction, context: DiscordBotContext, language: Language): Promise<boolean> {
  if (!interaction.inGuild()) {
    await interaction.reply({ ...formatNotice(message('discord.guild-only', language)), flags: MessageFlags.Ephemeral });
    return false;
  }
  if (canPin(memberAccess(interaction), context.config.discord.moderatorRoleIds)) return true;
  await interaction.reply({ ...formatNotice(message('discord.pin-refused', language)), flags: MessageFlags.Ephemeral });
  return false;
}

/**
 * Pins or unpins a message in its channel (`PUT`/`DELETE /channels/{c}/messages/pins/{m}`, the route `message.pin()`
 * uses, called directly so an uncached channel works too). Returns false instead of failing when Discord refuses,
 * typically because the bot lacks Pin Messages or the channel already has 250 pins: the stored pin still stands.
 */
async function setChannelPin(context: DiscordBotContext, channelId: string, messageId: string, pinned: boolean): Promise<boolean> {
  const route = Routes.channelMessagesPin(channelId, messageId);
  try {
    if (pinned) await context.client.rest.put(route);
    else await context.client.rest.delete(route);
    return true;
  } catch (error) {
    context.log(`[discord] could not ${pinned ? 'pin' : 'unpin'} message ${messageId} in channel ${channelId}: ${toChatbotError(error).message}`);
    return false;
  }
}

function pinnedNotice(question: string, id: string, pinnedInChannel: boolean, language: Language) {
  const text = message('discord.pinned', language, { question, id });
  return formatNotice(pinnedInChannel ? text : `${text}\n${message('discord.pin-not-in-channel', language)}`);
}

function answerFromResult(result: AskResult): EmbeddedAnswer {
  return { question: result.question, answer: result.answer, citations: result.citations };
}

/** Citations for the sources a moderator named: indexed articles by link or id, other web links as they are. */
function citationsFor(sources: string, articles: readonly ArticleMeta[]): Citation[] {
  const citations: Citation[] = [];
  for (const source of sources.split(/\s+/).filter(Boolean)) {
    const article = articles.find((candidate) => candidate.id === source || candidate.url === source || linkTarget(candidate.url) === source);
    if (article) {
      citations.push({ id: article.id, title: article.title, url: article.url, quote: '', ...(article.published ? { published: article.published } : {}) });
    } else if (linkTarget(source)) {
      citations.push({ id: source, title: source, url: source, quote: '' });
    }
  }
  return citations;
}

function discordReference(guildId: string | null, channelId: string, messageId: string): string {
  return `discord:${guildId ?? '@me'}/${channelId}/${messageId}`;
}

function parseDiscordReference(reference: string): { channelId: string; messageId: string } | undefined {
  const match = /^discord:[^/]*\/(\d+)\/(\d+)$/.exec(reference);
  return match?.[1] && match[2] ? { channelId: match[1], messageId: match[2] } : undefined;
}
