import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, EMBED_COLORS, embedLength, formatDiscordReply, formatNotice } from '../../../src/channels/discord/format-reply.js';
import type { AskResult, Citation } from '../../../src/core/types.js';

const CITATION: Citation = {
  id: 'xa-mau-dai-hoi',
  title: 'Đại hội Đảng bộ xã Mẫu lần thứ Nhất',
  url: 'https://example.gov.vn/tin/dai-hoi-xa-mau',
  published: '2025-08-15',
  quote: 'Đồng chí Lê Thị Mẫu giữ chức Bí thư Đảng ủy xã.',
};

function result(overrides: Partial<AskResult> = {}): AskResult {
  return {
    question: 'Bí thư Đảng ủy xã Mẫu là ai?',
    answered: true,
    answer: CITATION.quote,
    citations: [CITATION],
    mode: 'extractive',
    language: 'vi',
    answerId: 'a1',
    ...overrides,
  };
}

function withinLimits(reply: ReturnType<typeof formatDiscordReply>): void {
  const embed = reply.embeds[0]!;
  expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
  for (const field of embed.fields ?? []) {
    expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
    expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
  }
  expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
}

describe('formatDiscordReply', () => {
  it('shows the question, the answer, numbered [title (date)](url) sources and 👍 / 👎 buttons', () => {
    const reply = formatDiscordReply(result());
    expect(reply.embeds).toEqual([
      {
        color: EMBED_COLORS.answered,
        title: 'Bí thư Đảng ủy xã Mẫu là ai?',
        description: 'Đồng chí Lê Thị Mẫu giữ chức Bí thư Đảng ủy xã.',
        fields: [{ name: 'Nguồn', value: '1. [Đại hội Đảng bộ xã Mẫu lần thứ Nhất (2025-08-15)](https://example.gov.vn/tin/dai-hoi-xa-mau)' }],
      },
    ]);
    expect(reply.components[0]?.components.map((button) => [button.custom_id, button.emoji?.name])).toEqual([
      ['fb:up:a1', '👍'],
      ['fb:down:a1', '👎'],
    ]);
    expect(reply.allowedMentions).toEqual({ parse: [] });
  });

  it('lists each article once even when several quotes cite it', () => {
    const second: Citation = { ...CITATION, id: 'xa-mau-ho-so', title: 'Tiếp nhận hồ sơ', url: 'https://example.gov.vn/ho-so', published: '2025-07' };
    const reply = formatDiscordReply(result({ citations: [CITATION, { ...CITATION, quote: 'Câu khác.' }, second] }));
    expect(reply.embeds[0]?.fields?.[0]?.value.split('\n')).toEqual([
      '1. [Đại hội Đảng bộ xã Mẫu lần thứ Nhất (2025-08-15)](https://example.gov.vn/tin/dai-hoi-xa-mau)',
      '2. [Tiếp nhận hồ sơ (2025-07)](https://example.gov.vn/ho-so)',
    ]);
  });

  it('writes a source without a web link as its plain title, and one without a date without brackets', () => {
    const reply = formatDiscordReply(result({ citations: [{ ...CITATION, url: '', published: undefined }] }));
    expect(reply.embeds[0]?.fields?.[0]?.value).toBe('1. Đại hội Đảng bộ xã Mẫu lần thứ Nhất');
  });

  it('encodes brackets and spaces in a link and escapes brackets in a title, so the Markdown link stays whole', () => {
    const reply = formatDiscordReply(result({ citations: [{ ...CITATION, title: 'Tin [ảnh]', url: 'https://example.gov.vn/a (1).html' }] }));
    expect(reply.embeds[0]?.fields?.[0]?.value).toBe('1. [Tin \\[ảnh\\] (2025-08-15)](https://example.gov.vn/a%20%281%29.html)');
  });

  it('labels the sources in English for an English answer', () => {
    expect(formatDiscordReply(result({ language: 'en' })).embeds[0]?.fields?.[0]?.name).toBe('Sources');
  });

  it('escapes Markdown so article text shows literally', () => {
    const reply = formatDiscordReply(result({ answer: '- Chỉ tiêu *quan trọng* đạt 98%_\n1. Thu ngân sách' }));
    expect(reply.embeds[0]?.description).toBe('\\- Chỉ tiêu \\*quan trọng\\* đạt 98%\\_\n1\\. Thu ngân sách');
  });

  it('cuts a long answer after a whole sentence and says it was shortened', () => {
    const sentence = 'Năm 2025, tổng thu ngân sách ước đạt 21,31 tỷ đồng, bằng 124% kế hoạch. ';
    const reply = formatDiscordReply(result({ answer: sentence.repeat(100) }));
    const description = reply.embeds[0]?.description ?? '';
    withinLimits(reply);
    expect(description).toMatch(/kế hoạch\. …\n\(Câu trả lời đã được rút gọn; xem đầy đủ trong bài viết nguồn\.\)$/);
    expect(description.length).toBeGreaterThan(DISCORD_LIMITS.embedDescription - sentence.length - 100);
  });

  it('cuts one endless sentence between words, never inside one', () => {
    const reply = formatDiscordReply(result({ answer: 'chuyển đổi số '.repeat(600).trim() }));
    const description = reply.embeds[0]?.description ?? '';
    withinLimits(reply);
    expect(description.split('…')[0]?.trim().split(' ').every((word) => word === 'chuyển' || word === 'đổi' || word === 'số')).toBe(true);
  });

  it('keeps many long sources and a long answer within the 6,000-character total', () => {
    const citations = Array.from({ length: 30 }, (_, index) => ({ ...CITATION, id: `bai-${index}`, title: `${'Tiêu đề rất dài '.repeat(20)}${index}`, url: `${CITATION.url}/${index}` }));
    const reply = formatDiscordReply(result({ question: 'Câu hỏi? '.repeat(60), answer: 'Câu trả lời dài. '.repeat(600), citations }));
    withinLimits(reply);
    expect(reply.embeds[0]?.fields?.[0]?.value.startsWith('1. [')).toBe(true);
  });

  it('marks a pinned answer and names who pinned it', () => {
    const reply = formatDiscordReply(result({ mode: 'pinned', pinned: { id: 'p1', pinnedBy: 'can-bo-phuong', reviewOverdue: false } }));
    expect(reply.embeds[0]).toMatchObject({ color: EMBED_COLORS.pinned, footer: { text: '📌 Câu trả lời do điều hành viên ghim: can-bo-phuong' } });
  });

  it('shows a refusal without sources or feedback buttons', () => {
    const reply = formatDiscordReply(result({ answered: false, answer: 'Xin lỗi, tôi không tìm thấy thông tin này.', citations: [], reason: 'low-score' }));
    expect(reply.embeds[0]).toEqual({ color: EMBED_COLORS.refused, title: 'Bí thư Đảng ủy xã Mẫu là ai?', description: 'Xin lỗi, tôi không tìm thấy thông tin này.' });
    expect(reply.components).toEqual([]);
  });

  it('omits feedback buttons when the answer was not recorded', () => {
    const { answerId: _unused, ...unrecorded } = result();
    expect(formatDiscordReply(unrecorded).components).toEqual([]);
  });
});

describe('formatNotice', () => {
  it('sends plain text cut to 2,000 characters with mentions disabled', () => {
    const notice = formatNotice('Vui lòng đợi. '.repeat(300));
    expect(notice.content?.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(notice.content?.endsWith('đợi. …')).toBe(true);
    expect(notice).toMatchObject({ embeds: [], components: [], allowedMentions: { parse: [] } });
  });
});
