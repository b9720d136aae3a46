import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { errorMessage, message } from '../../core/messages.js';
import type { DiscordBotContext } from './bot-context.js';
import { OPTION_NAMES } from './commands.js';
import { formatNotice } from './format-reply.js';
import { formatArticleList, formatPassages } from './format-sources.js';
import { loadGuildSettings } from './guild-settings.js';
import { interactionLanguage } from './interaction-reply.js';

/** How many passages `/thongtin` shows. */
const PASSAGE_COUNT = 5;

/** `/nguon [địa-phương]`: the indexed articles about the given place, else the server's or the deployment's default place. */
export async function handleSourcesCommand(interaction: ChatInputCommandInteraction, context: DiscordBotContext): Promise<void> {
  const language = interactionLanguage(interaction);
  const settings = await loadGuildSettings(context.services.settings, interaction.guildId);
  const place = interaction.options.getString(OPTION_NAMES.place)?.normalize('NFC').trim() || settings.defaultPlace || context.config.defaultPlace;
  const articles = context.services.listArticles(place);
  await interaction.reply({ ...formatArticleList(articles, language, place), flags: MessageFlags.Ephemeral });
}

/** `/thongtin từ-khóa`: the passages retrieval finds for a keyword, with their sources; no answer is composed. */
export async function handlePassagesCommand(interaction: ChatInputCommandInteraction, context: DiscordBotContext): Promise<void> {
  const language = interactionLanguage(interaction);
  const query = interaction.options.getString(OPTION_NAMES.keyword, true).normalize('NFC').trim();
  const refusal =
    [...query].length > context.config.maxQuestionLength
      ? message('error.question-too-long', language, { max: context.config.maxQuestionLength })
      : !(await context.limiter.tryAcquire(`discord:${interaction.user.id}`))
        ? errorMessage('rate-limited', language)
        : undefined;
  if (refusal) {
    await interaction.reply({ ...formatNotice(refusal), flags: MessageFlags.Ephemeral });
    return;
  }
  const settings = await loadGuildSettings(context.services.settings, interaction.guildId);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const defaultPlace = settings.defaultPlace ?? context.config.defaultPlace;
  const passages = await context.services.retriever.retrieve(query, PASSAGE_COUNT, defaultPlace ? { defaultPlace } : {});
  await interaction.editReply(formatPassages(query, passages, language));
}
