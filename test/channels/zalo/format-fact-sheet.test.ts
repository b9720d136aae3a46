import { describe, expect, it } from 'vitest';
import { formatZaloFactSheet } from '../../../src/channels/zalo/format-fact-sheet.js';
import { ZALO_TEXT_LIMIT } from '../../../src/channels/zalo/format-reply.js';
import type { CompactFactSheet } from '../../../src/facts/format-fact-sheet.js';
import { factSheetRequest } from '../../../src/facts/fact-sheet-request.js';

const entry = (index: number) => ({ text: `Phó Chủ tịch UBND: Nguyễn Văn Số ${index}`, asOf: 'theo bài ngày 13/02/2026', title: 'Bài', url: `https://example.vn/bai-viet-rat-dai-so-${index}` });

describe('formatZaloFactSheet', () => {
  it('keeps every line of a long sheet across texts of at most 2,000 characters', () => {
    const sheet: CompactFactSheet = { place: 'Phường Thử, tỉnh Mẫu', holders: Array.from({ length: 60 }, (_, index) => entry(index)), figures: [], warnings: [] };
    const texts = formatZaloFactSheet(sheet, 'vi');
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    const joined = texts.join('\n');
    for (let index = 0; index < 60; index++) expect(joined).toContain(`Nguyễn Văn Số ${index} — theo bài ngày 13/02/2026\n  https://example.vn/bai-viet-rat-dai-so-${index}`);
  });
});

describe('factSheetRequest', () => {
  it('reads the ward after "thông tin", typed with or without diacritics', () => {
    expect(factSheetRequest('Thông tin phường An Hải')).toBe('phường An Hải');
    expect(factSheetRequest('thong tin xa Hoa Hoi, Gia Lai?')).toBe('xa Hoa Hoi, Gia Lai');
  });

  it('is not a request without a ward after the keyword', () => {
    expect(factSheetRequest('thông tin về tiêm chủng')).toBeUndefined();
    expect(factSheetRequest('Bí thư phường An Hải là ai?')).toBeUndefined();
  });
});
