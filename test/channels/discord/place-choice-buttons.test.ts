import { describe, expect, it } from 'vitest';
import { discordConversationId, parsePlaceChoiceCustomId, placeChoiceCustomId, placeChoiceRows } from '../../../src/channels/discord/place-choice-buttons.js';
import { formatDiscordReply } from '../../../src/channels/discord/format-reply.js';

describe('place choice buttons', () => {
  it('round-trips a choice through its custom_id and ignores other buttons', () => {
    expect(parsePlaceChoiceCustomId(placeChoiceCustomId({ choice: 2, askerId: '123456789012345678' }))).toEqual({ choice: 2, askerId: '123456789012345678' });
    expect(parsePlaceChoiceCustomId('fb:up:answer-1')).toBeUndefined();
  });

  it('puts at most five buttons in a row and cuts long labels to Discord’s 80 characters', () => {
    const rows = placeChoiceRows(Array.from({ length: 7 }, (_, index) => `xã ${'Rất Dài '.repeat(12)}${index}`), '1');
    expect(rows.map((row) => row.components.length)).toEqual([5, 2]);
    expect(rows[0]?.components[0]?.label?.length).toBeLessThanOrEqual(80);
  });

  it('adds the buttons to a "which place?" reply only', () => {
    const which = { question: 'Bí thư xã Đông Lâm là ai?', answered: false, answer: 'Có nhiều địa phương…', citations: [], mode: 'extractive' as const, language: 'vi' as const, reason: 'ambiguous-place' as const, choices: ['xã Đông Lâm, tỉnh Một', 'xã Đông Lâm, tỉnh Hai'] };
    expect(formatDiscordReply(which, { askerId: '42' }).components[0]?.components.map((button) => button.custom_id)).toEqual(['place:1:42', 'place:2:42']);
    expect(formatDiscordReply({ ...which, choices: undefined }, { askerId: '42' }).components).toEqual([]);
  });

  it('keeps one conversation per user per channel in a server, and per user in direct messages', () => {
    expect(discordConversationId('1', '2', 'k')).toBe('discord:1:2:k');
    expect(discordConversationId(null, '3', 'k')).toBe('discord:dm:k');
  });
});
