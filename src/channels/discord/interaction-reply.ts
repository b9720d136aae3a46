import { MessageFlags, type Interaction, type Message, type RepliableInteraction } from 'discord.js';
import type { Language } from '../../core/types.js';
import type { DiscordReply } from './format-reply.js';

/**
 * Sends `reply` as the interaction's response whatever state it is in: edits a deferred reply (keeping the
 * visibility chosen when deferring), follows up after a reply, and otherwise replies, only to the user when `ephemeral`.
 */
export async function respond(interaction: RepliableInteraction, reply: DiscordReply, ephemeral: boolean): Promise<Message | undefined> {
  if (interaction.deferred && !interaction.replied) return interaction.editReply(reply);
  const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
  if (interaction.replied) return interaction.followUp({ ...reply, ...(flags ? { flags } : {}) });
  await interaction.reply({ ...reply, ...(flags ? { flags } : {}) });
  return undefined;
}

/** The language of texts addressed to the user of an interaction: English for English Discord clients, else Vietnamese. */
export function interactionLanguage(interaction: Interaction): Language {
  return interaction.locale.startsWith('en') ? 'en' : 'vi';
}
