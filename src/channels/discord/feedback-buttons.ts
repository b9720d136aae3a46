import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId } from 'discord.js';
import { message } from '../../core/messages.js';
import type { Language } from '../../core/types.js';

/** A vote a feedback button carries. */
export interface FeedbackVote {
  answerId: string;
  vote: 'up' | 'down';
}

/** Discord rejects a `custom_id` longer than this. */
const CUSTOM_ID_LIMIT = 100;
const CUSTOM_ID = /^fb:(up|down):(.+)$/s;

/** The `custom_id` of a feedback button, e.g. `fb:up:<answerId>`. */
export function feedbackCustomId(vote: FeedbackVote): string {
  return `fb:${vote.vote}:${vote.answerId}`;
}

/** The vote a button's `custom_id` stands for, or undefined when it is not a feedback button. */
export function parseFeedbackCustomId(customId: string): FeedbackVote | undefined {
  const match = CUSTOM_ID.exec(customId);
  if (!match) return undefined;
  return { vote: match[1] === 'up' ? 'up' : 'down', answerId: match[2] ?? '' };
}

/** The 👍 / 👎 row under an answer, or undefined when the answer id is too long for Discord's `custom_id`. */
export function feedbackButtons(answerId: string, language: Language): APIActionRowComponent<APIButtonComponentWithCustomId> | undefined {
  if (feedbackCustomId({ vote: 'down', answerId }).length > CUSTOM_ID_LIMIT) return undefined;
  const button = (vote: 'up' | 'down'): APIButtonComponentWithCustomId => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: feedbackCustomId({ vote, answerId }),
    emoji: { name: vote === 'up' ? '👍' : '👎' },
    label: message(vote === 'up' ? 'discord.feedback-up' : 'discord.feedback-down', language),
  });
  return { type: ComponentType.ActionRow, components: [button('up'), button('down')] };
}
