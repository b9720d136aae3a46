import { describe, expect, it } from 'vitest';
import { escapeMarkdownText, unescapeMarkdownText } from '../../../src/channels/discord/escape-markdown.js';

describe('escapeMarkdownText', () => {
  it('escapes emphasis, code, spoilers and links anywhere', () => {
    expect(escapeMarkdownText('a *b* _c_ ~~d~~ `e` ||f|| [g](h) \\')).toBe('a \\*b\\* \\_c\\_ \\~\\~d\\~\\~ \\`e\\` \\|\\|f\\|\\| \\[g\\](h) \\\\');
  });

  it('escapes headings, quotes and list markers only at the start of a line', () => {
    expect(escapeMarkdownText('# Tiêu đề\n> trích\n- ý một\n2. ý hai\nGiá 2.5 - 3 triệu')).toBe('\\# Tiêu đề\n\\> trích\n\\- ý một\n2\\. ý hai\nGiá 2.5 - 3 triệu');
  });

  it('is undone by unescapeMarkdownText', () => {
    const text = '# Đại hội\n- 98% hộ *gia đình văn hóa*\n1. Tổng thu_ngân sách [ước] \\ đạt';
    expect(unescapeMarkdownText(escapeMarkdownText(text))).toBe(text);
  });

  it('takes linear time on a long answer', () => {
    const long = 'Đại hội thống nhất triển khai 22 chỉ tiêu, *trọng tâm*. '.repeat(2000);
    expect(escapeMarkdownText(long).length).toBeGreaterThan(long.length);
  });
});
