import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId } from 'discord.js';

/** A click on one candidate of an ambiguous place. */
export interface PlaceChoice {
  /** 1-based, as numbered in the reply. */
  choice: number;
  /** The user who asked: the choice continues their conversation. */
  askerId: string;
}

const CUSTOM_ID = /^place:(\d{1,2}):(\d{1,25})$/;
/** Discord's limits: 5 buttons a row, 5 rows a message, 80 characters a label. */
const BUTTONS_PER_ROW = 5;
const MAX_BUTTONS = 20;
const LABEL_LIMIT = 80;

/** The `custom_id` of a candidate button, e.g. `place:2:<asker id>`. */
export function placeChoiceCustomId(choice: PlaceChoice): string {
  return `place:${choice.choice}:${choice.askerId}`;
}

/** The choice a button's `custom_id` stands for, or undefined when it is not a candidate button. */
export function parsePlaceChoiceCustomId(customId: string): PlaceChoice | undefined {
  const match = CUSTOM_ID.exec(customId);
  return match ? { choice: Number(match[1]), askerId: match[2] as string } : undefined;
}

/** One button per candidate place ("1. xã Hòa Hội, tỉnh Gia Lai"), in rows of five. */
export function placeChoiceRows(choices: readonly string[], askerId: string): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const buttons: APIButtonComponentWithCustomId[] = choices.slice(0, MAX_BUTTONS).map((label, index) => {
    const text = `${index + 1}. ${label}`;
    return {
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      custom_id: placeChoiceCustomId({ choice: index + 1, askerId }),
      label: text.length > LABEL_LIMIT ? `${text.slice(0, LABEL_LIMIT - 1)}…` : text,
    };
  });
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let start = 0; start < buttons.length; start += BUTTONS_PER_ROW) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(start, start + BUTTONS_PER_ROW) });
  }
  return rows;
}

/**
 * The conversation of one user in one place: per channel or thread in a server, per user in direct messages. The
 * user key is the pseudonymous one, so no raw Discord id is stored with the conversation.
 */
export function discordConversationId(guildId: string | null, channelId: string, userKey: string): string {
  return guildId ? `discord:${guildId}:${channelId}:${userKey}` : `discord:dm:${userKey}`;
}
