import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { displayDate } from '../../core/display-date.js';
import { message } from '../../core/messages.js';
import type { DiscordBotContext } from './bot-context.js';
import { OPTION_NAMES } from './commands.js';
import { formatNotice } from './format-reply.js';
import { loadGuildSettings } from './guild-settings.js';
import { interactionLanguage } from './interaction-reply.js';
import { canPin, memberAccess } from './permissions.js';
import { isHttpUrl } from '../../core/http-link.js';

/**
 * `/themtin đường-dẫn` (moderators): fetches one article now, with the server's default place, brings it into the
 * index and replies privately with what was added (title, ward, date) or why not.
 */
export async function handleAddArticleCommand(interaction: ChatInputCommandInteraction, context: DiscordBotContext): Promise<void> {
  const language = interactionLanguage(interaction);
  const privately = async (text: string) => {
    await interaction.reply({ ...formatNotice(text), flags: MessageFlags.Ephemeral });
  };
  if (!interaction.inGuild()) return privately(message('discord.guild-only', language));
  if (!canPin(memberAccess(interaction), context.config.discord.moderatorRoleIds)) return privately(message('discord.pin-refused', language));
  const addArticle = context.services.addArticle;
  if (!addArticle) return privately(message('discord.add-article-off', language));
  const url = interaction.options.getString(OPTION_NAMES.url, true).trim();
  if (!isHttpUrl(url)) return privately(message('discord.add-article-bad-url', language, { url }));

  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const settings = await loadGuildSettings(context.services.settings, interaction.guildId);
  const outcome = await addArticle(new URL(url).href, settings.defaultPlace ?? context.config.defaultPlace);
  const text =
    outcome.kind === 'saved'
      ? message(outcome.changed ? 'discord.add-article-changed' : 'discord.add-article-saved', language, {
          title: outcome.title,
          place: outcome.place ?? message('discord.add-article-no-place', language),
          date: outcome.published ? displayDate(outcome.published) : message('discord.add-article-no-date', language),
        })
      : outcome.kind === 'failed'
        ? message('discord.add-article-failed', language, { reason: outcome.reason })
        : message(outcome.kind === 'duplicate' ? 'discord.add-article-duplicate' : 'discord.add-article-unchanged', language);
  await interaction.editReply(formatNotice(text));
}
