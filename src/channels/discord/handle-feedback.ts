import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { message } from '../../core/messages.js';
import type { DiscordBotContext } from './bot-context.js';
import { parseFeedbackCustomId } from './feedback-buttons.js';
import { formatNotice } from './format-reply.js';
import { interactionLanguage } from './interaction-reply.js';

const OUTCOME_TEXT = {
  recorded: 'discord.feedback-recorded',
  changed: 'discord.feedback-changed',
  'unknown-answer': 'discord.feedback-unknown',
} as const;

/**
 * A 👍 / 👎 click under an answer: records the vote under the user's pseudonymous key (a second click changes it) and
 * thanks the user privately. Returns false when the button is not a feedback button.
 */
export async function handleFeedbackButton(interaction: ButtonInteraction, context: DiscordBotContext): Promise<boolean> {
  const vote = parseFeedbackCustomId(interaction.customId);
  if (!vote) return false;
  const outcome = await context.services.feedback.recordFeedback({
    ...vote,
    userKey: context.services.userKeys.userKey('discord', interaction.user.id),
    channel: 'discord',
  });
  const text = message(OUTCOME_TEXT[outcome], interactionLanguage(interaction));
  await interaction.reply({ ...formatNotice(text), flags: MessageFlags.Ephemeral });
  return true;
}
