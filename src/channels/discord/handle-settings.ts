import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { message } from '../../core/messages.js';
import type { Language } from '../../core/types.js';
import type { DiscordBotContext } from './bot-context.js';
import { AUTOMATIC_LANGUAGE, CLEAR_VALUE, OPTION_NAMES } from './commands.js';
import { formatNotice } from './format-reply.js';
import { loadGuildSettings, saveGuildSettings, type GuildSettings, type GuildSettingsChange } from './guild-settings.js';
import { interactionLanguage } from './interaction-reply.js';
import { canManageSettings, memberAccess } from './permissions.js';

/**
 * `/caidat [địa-phương] [ngôn-ngữ] [kênh]`: with no option shows the server's settings; otherwise changes them
 * (Manage Server only; `-` clears a value) and shows the result, privately.
 */
export async function handleSettingsCommand(interaction: ChatInputCommandInteraction, context: DiscordBotContext): Promise<void> {
  const language = interactionLanguage(interaction);
  const reply = async (text: string) => interaction.reply({ ...formatNotice(text), flags: MessageFlags.Ephemeral });
  if (!interaction.inGuild()) {
    await reply(message('discord.guild-only', language));
    return;
  }
  if (!canManageSettings(memberAccess(interaction))) {
    await reply(message('discord.settings-refused', language));
    return;
  }
  const change = settingsChange(
    interaction.options.getString(OPTION_NAMES.place),
    interaction.options.getString(OPTION_NAMES.language),
    interaction.options.getString(OPTION_NAMES.channels),
  );
  const settings =
    Object.keys(change).length > 0
      ? await saveGuildSettings(context.services.settings, interaction.guildId, change)
      : await loadGuildSettings(context.services.settings, interaction.guildId);
  await reply(describeSettings(settings, context.config.defaultPlace, context.config.discord.channelIds, language));
}

/** The change the given option values ask for: absent options keep, `-` (or `auto` for the language) clears. */
export function settingsChange(place: string | null, language: string | null, channels: string | null): GuildSettingsChange {
  const change: GuildSettingsChange = {};
  if (place !== null) change.defaultPlace = place.trim() === CLEAR_VALUE ? null : place.normalize('NFC').trim();
  if (language === 'vi' || language === 'en') change.language = language;
  else if (language === AUTOMATIC_LANGUAGE) change.language = null;
  if (channels !== null && channels.trim() === CLEAR_VALUE) change.channelIds = null;
  else if (channels !== null) {
    const ids = [...channels.matchAll(/<#(\d+)>|\b(\d{15,22})\b/g)].map((match) => match[1] ?? match[2] ?? '');
    // Text naming no channel changes nothing rather than silently opening every channel.
    if (ids.length > 0) change.channelIds = ids;
  }
  return change;
}

/** The settings as a short list, naming the deployment's defaults where the server set nothing. */
export function describeSettings(settings: GuildSettings, deploymentPlace: string | undefined, deploymentChannelIds: readonly string[], language: Language): string {
  const channelIds = settings.channelIds.length > 0 ? settings.channelIds : deploymentChannelIds;
  return message('discord.settings-summary', language, {
    place: settings.defaultPlace ?? deploymentPlace ?? message('discord.settings-unset-place', language),
    language: settings.language === 'en' ? 'English' : settings.language === 'vi' ? 'Tiếng Việt' : message('discord.settings-auto-language', language),
    channels: channelIds.length > 0 ? channelIds.map((id) => `<#${id}>`).join(', ') : message('discord.settings-all-channels', language),
  });
}
