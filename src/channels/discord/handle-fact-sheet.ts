import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { message } from '../../core/messages.js';
import { knownPlacesLine, lookUpFactSheets } from '../../facts/look-up-fact-sheets.js';
import type { DiscordBotContext } from './bot-context.js';
import { OPTION_NAMES } from './commands.js';
import { formatFactSheets } from './format-fact-sheets.js';
import { formatNotice } from './format-reply.js';
import { loadGuildSettings } from './guild-settings.js';
import { interactionLanguage } from './interaction-reply.js';

/**
 * `/phuong [địa-phương]`: the fact sheet of the ward named (else the server's or the deployment's default place):
 * office holders now and key figures, each with the date of its article as a link; a place without facts gets the
 * wards that have some.
 */
export async function handleFactSheetCommand(interaction: ChatInputCommandInteraction, context: DiscordBotContext): Promise<void> {
  const language = interactionLanguage(interaction);
  const factBook = context.services.factBook;
  if (!factBook) return void (await interaction.reply({ ...formatNotice(message('facts.off', language)), flags: MessageFlags.Ephemeral }));
  const settings = await loadGuildSettings(context.services.settings, interaction.guildId);
  const place = interaction.options.getString(OPTION_NAMES.place)?.normalize('NFC').trim() || settings.defaultPlace || context.config.defaultPlace;
  await interaction.deferReply();
  const book = await factBook();
  if (!place) {
    const known = book.places();
    await interaction.editReply(formatNotice(message('facts.no-place', language, { example: `/phuong ${known[0] ?? 'phường An Hải'}`, known: knownPlacesLine(known) })));
    return;
  }
  const found = lookUpFactSheets(book, place);
  await interaction.editReply(
    found.kind === 'found'
      ? formatFactSheets(found.sheets, language)
      : formatNotice(message('facts.unknown-place', language, { place, known: knownPlacesLine(found.known) })),
  );
}
