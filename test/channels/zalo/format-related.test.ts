import { describe, expect, it } from 'vitest';
import { formatZaloReply, ZALO_TEXT_LIMIT } from '../../../src/channels/zalo/format-reply.js';
import { unsureResult } from '../../support/unsure-result.js';

describe('formatZaloReply for an unsure refusal', () => {
  it('follows the refusal with the passages that may help: title, date, quote and link, and no feedback hint', () => {
    const result = unsureResult();
    expect(formatZaloReply(result)).toEqual([
      [
        result.answer,
        '',
        'Có thể hữu ích:',
        '1. Phường Tân An tổ chức Đại hội Đảng bộ lần thứ I (20/08/2025)',
        '“Năm 2025, tổng thu ngân sách trên địa bàn phường ước đạt 45,6 tỷ đồng.”',
        'https://example.org/tan-an-ha-noi',
        '',
        '2. HĐND phường Tân An *điều chỉnh* dự toán (09/2025)',
        '“Dự toán thu năm 2025 được điều chỉnh tăng. Kỳ họp thống nhất cao.”',
      ].join('\n'),
    ]);
  });

  it('heads them “May help” in English', () => {
    expect(formatZaloReply(unsureResult('en'))[0]).toContain('\n\nMay help:\n1. ');
  });

  it('keeps long passages within Zalo’s 2,000 characters, losing nothing', () => {
    const result = unsureResult();
    result.related = result.related!.map((passage) => ({ ...passage, quote: 'Một câu trích dài về ngân sách. '.repeat(40).trim() }));
    const texts = formatZaloReply(result);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    expect(texts.join(' ').match(/Một câu trích dài/g)).toHaveLength(80);
  });
});
