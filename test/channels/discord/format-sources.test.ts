import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, embedLength } from '../../../src/channels/discord/format-reply.js';
import { formatArticleList, formatPassages } from '../../../src/channels/discord/format-sources.js';
import type { ArticleMeta, Passage } from '../../../src/core/types.js';

const article = (index: number, published?: string): ArticleMeta => ({
  id: `bai-${index}`,
  title: `Tin phường số ${index}`,
  url: `https://example.gov.vn/tin-${index}`,
  ...(published ? { published } : {}),
});

describe('formatArticleList', () => {
  it('lists articles newest first as numbered links with dates, undated last', () => {
    const reply = formatArticleList([article(1, '2025-05'), article(2), article(3, '2025-08-15')], 'vi', 'phường Mẫu');
    expect(reply.embeds[0]).toMatchObject({
      title: 'Bài viết đã lập chỉ mục — phường Mẫu',
      description: [
        '1. [Tin phường số 3 (2025-08-15)](https://example.gov.vn/tin-3)',
        '2. [Tin phường số 1 (2025-05)](https://example.gov.vn/tin-1)',
        '3. [Tin phường số 2](https://example.gov.vn/tin-2)',
      ].join('\n'),
    });
  });

  it('says how many more articles there are when they do not fit', () => {
    const many = Array.from({ length: 200 }, (_, index) => article(index, '2025-01-01'));
    const description = formatArticleList(many, 'vi').embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(description).toMatch(/\n… và \d+ bài khác\.$/);
  });

  it('says so when no article is indexed', () => {
    expect(formatArticleList([], 'en').content).toBe('No articles are indexed for this place yet.');
  });
});

describe('formatPassages', () => {
  const passage = (index: number, text: string): Passage => ({
    chunk: { id: `bai-${index}#0`, articleId: `bai-${index}`, ordinal: 0, start: 0, end: text.length, text },
    article: article(index, '2025-08-15'),
    score: 1 / (index + 1),
  });

  it('shows each passage under its article with a link to read it', () => {
    const reply = formatPassages('bí thư', [passage(1, 'Đồng chí Mẫu giữ chức Bí thư.')], 'vi');
    expect(reply.embeds[0]).toMatchObject({
      title: 'Đoạn trích về “bí thư”',
      fields: [{ name: '1. Tin phường số 1 (2025-08-15)', value: 'Đồng chí Mẫu giữ chức Bí thư.\n[Xem bài viết](https://example.gov.vn/tin-1)' }],
    });
  });

  it('keeps five long passages within the embed limits', () => {
    const reply = formatPassages('đại hội', Array.from({ length: 5 }, (_, index) => passage(index, 'Đại hội Đảng bộ phường thành công tốt đẹp. '.repeat(60))), 'vi');
    const embed = reply.embeds[0]!;
    expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
  });

  it('says so when nothing was found', () => {
    expect(formatPassages('xyz', [], 'vi').content).toBe('Không tìm thấy đoạn trích nào về “xyz”.');
  });
});
