import { describe, expect, it } from 'vitest';
import { answerFromEmbed } from '../../../src/channels/discord/answer-from-embed.js';
import { formatDiscordReply } from '../../../src/channels/discord/format-reply.js';
import type { ArticleMeta, AskResult } from '../../../src/core/types.js';

const ARTICLE: ArticleMeta = { id: 'xa-mau', title: 'Xã Mẫu (tin ảnh)', url: 'https://example.gov.vn/xa mau(1)', published: '2025-05-01' };
const result = (overrides: Partial<AskResult> = {}): AskResult => ({
  question: 'Ai là *Chủ tịch* xã?',
  answered: true,
  answer: 'Ông Nguyễn Văn Mẫu_ giữ chức Chủ tịch UBND xã.',
  citations: [{ id: 'xa-mau', title: ARTICLE.title, url: ARTICLE.url, published: '2025-05-01', quote: 'Ông Nguyễn Văn Mẫu_' }],
  mode: 'extractive',
  language: 'vi',
  ...overrides,
});

describe('answerFromEmbed', () => {
  it('reads back the question, answer and sources the bot wrote, matching sources to articles by link', () => {
    const embed = formatDiscordReply(result()).embeds[0];
    expect(answerFromEmbed(embed, [ARTICLE])).toEqual({
      question: 'Ai là *Chủ tịch* xã?',
      answer: 'Ông Nguyễn Văn Mẫu_ giữ chức Chủ tịch UBND xã.',
      citations: [{ id: 'xa-mau', title: ARTICLE.title, url: ARTICLE.url, published: '2025-05-01', quote: '' }],
    });
  });

  it('keeps a source it cannot match as a plain link', () => {
    const embed = formatDiscordReply(result()).embeds[0];
    expect(answerFromEmbed(embed, [])?.citations).toEqual([{ id: 'https://example.gov.vn/xa%20mau%281%29', title: 'Xã Mẫu (tin ảnh) (2025-05-01)', url: 'https://example.gov.vn/xa%20mau%281%29', quote: '' }]);
  });

  it('drops the "answer shortened" note from a cut answer', () => {
    const embed = formatDiscordReply(result({ answer: 'Một câu trả lời. '.repeat(400) })).embeds[0];
    expect(answerFromEmbed(embed, [ARTICLE])?.answer.endsWith('Một câu trả lời.')).toBe(true);
  });

  it('finds no answer in a refusal or in an embed without a question', () => {
    expect(answerFromEmbed(formatDiscordReply(result({ answered: false, citations: [] })).embeds[0], [])).toBeUndefined();
    expect(answerFromEmbed({ description: 'Chỉ có nội dung.' }, [])).toBeUndefined();
    expect(answerFromEmbed(undefined, [])).toBeUndefined();
  });
});
