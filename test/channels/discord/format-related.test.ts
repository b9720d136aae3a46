import { describe, expect, it } from 'vitest';
import { answerFromEmbed } from '../../../src/channels/discord/answer-from-embed.js';
import { DISCORD_LIMITS, EMBED_COLORS, embedLength, formatDiscordReply } from '../../../src/channels/discord/format-reply.js';
import { unsureResult } from '../../support/unsure-result.js';

describe('formatDiscordReply for an unsure refusal', () => {
  it('shows the passages that may help under “Có thể hữu ích”, in the refusal’s colour, without feedback buttons', () => {
    const result = unsureResult();
    const reply = formatDiscordReply(result);
    expect(reply.embeds).toEqual([
      {
        color: EMBED_COLORS.refused,
        title: 'Tổng thu ngân sách năm 2026 của phường Tân An là bao nhiêu?',
        description: result.answer,
        fields: [
          {
            name: 'Có thể hữu ích',
            value: '**1. [Phường Tân An tổ chức Đại hội Đảng bộ lần thứ I (20/08/2025)](https://example.org/tan-an-ha-noi)**\n> Năm 2025, tổng thu ngân sách trên địa bàn phường ước đạt 45,6 tỷ đồng.',
          },
          { name: '\u200b', value: '**2. HĐND phường Tân An \\*điều chỉnh\\* dự toán (09/2025)**\n> Dự toán thu năm 2025 được điều chỉnh tăng. Kỳ họp thống nhất cao.' },
        ],
      },
    ]);
    expect(reply.components).toEqual([]);
    expect(reply.allowedMentions).toEqual({ parse: [] });
  });

  it('heads them “May help” for an English question', () => {
    expect(formatDiscordReply(unsureResult('en')).embeds[0]?.fields?.[0]?.name).toBe('May help');
  });

  it('keeps three long passages within every Discord limit', () => {
    const long = unsureResult();
    const passage = long.related![0]!;
    long.related = [1, 2, 3].map((number) => ({ ...passage, title: `${'Tiêu đề rất dài '.repeat(30)}${number}`, quote: `${'Một câu trích rất dài về ngân sách phường. '.repeat(60)}` }));
    const embed = formatDiscordReply(long).embeds[0]!;
    expect(embed.fields).toHaveLength(3);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      expect(field.value).toMatch(/…$/);
    }
    expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  });

  it('is never read back as an answer to pin', () => {
    expect(answerFromEmbed(formatDiscordReply(unsureResult()).embeds[0], [])).toBeUndefined();
  });
});
