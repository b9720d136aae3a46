import { describe, expect, it } from 'vitest';
import { formatFactSheets } from '../../../src/channels/discord/format-fact-sheets.js';
import { DISCORD_LIMITS, embedLength } from '../../../src/channels/discord/format-reply.js';
import type { CompactFactSheet } from '../../../src/facts/format-fact-sheet.js';

const entry = (index: number) => ({ text: `Phó Chủ tịch UBND: Nguyễn Văn Số ${index}`, asOf: 'theo bài ngày 13/02/2026', title: 'Bài', url: `https://example.vn/bai-viet-rat-dai-so-${index}` });
const sheet = (place: string, count: number): CompactFactSheet => ({ place, holders: Array.from({ length: count }, (_, index) => entry(index)), figures: [entry(999)], warnings: [] });

describe('formatFactSheets', () => {
  it('fits long sheets of two wards within Discord\'s embed limits, cutting whole lines and saying where the rest is', () => {
    const reply = formatFactSheets([sheet('Phường Thử, tỉnh Mẫu', 80), sheet('Phường Thử, tỉnh Khác', 80)], 'vi');
    expect(reply.embeds).toHaveLength(2);
    expect(reply.embeds.reduce((total, embed) => total + embedLength(embed), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    for (const embed of reply.embeds) {
      expect(embed.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
      expect(embed.description).toMatch(/… \(còn nữa: xem đầy đủ bằng hoiphuong facts hoặc GET \/api\/facts\)$/);
      for (const line of embed.description!.split('\n').slice(1, -1)) expect(line).toMatch(/^• .+ — \[theo bài ngày 13\/02\/2026\]\(https:\/\/example\.vn\/bai-viet-rat-dai-so-\d+\)$/);
    }
  });

  it('shows a short sheet whole', () => {
    const [embed] = formatFactSheets([sheet('Phường Thử, tỉnh Mẫu', 2)], 'vi').embeds;
    expect(embed?.description).toBe(
      [
        '**Lãnh đạo hiện nay (theo bài mới nhất)**',
        '• Phó Chủ tịch UBND: Nguyễn Văn Số 0 — [theo bài ngày 13/02/2026](https://example.vn/bai-viet-rat-dai-so-0)',
        '• Phó Chủ tịch UBND: Nguyễn Văn Số 1 — [theo bài ngày 13/02/2026](https://example.vn/bai-viet-rat-dai-so-1)',
        '',
        '**Số liệu chính**',
        '• Phó Chủ tịch UBND: Nguyễn Văn Số 999 — [theo bài ngày 13/02/2026](https://example.vn/bai-viet-rat-dai-so-999)',
      ].join('\n'),
    );
  });
});
