import { describe, expect, it } from 'vitest';
import { formatAnswerText } from '../../src/cli/format-answer.js';
import { unsureResult } from '../support/unsure-result.js';

describe('formatAnswerText', () => {
  it('shows an unsure refusal’s passages under “Có thể hữu ích”, numbered, with dates, quotes and links', () => {
    const result = unsureResult();
    expect(formatAnswerText(result)).toBe(
      [
        result.answer,
        '',
        'Có thể hữu ích:',
        '  1. Phường Tân An tổ chức Đại hội Đảng bộ lần thứ I (20/08/2025)',
        '     “Năm 2025, tổng thu ngân sách trên địa bàn phường ước đạt 45,6 tỷ đồng.”',
        '     https://example.org/tan-an-ha-noi',
        '  2. HĐND phường Tân An *điều chỉnh* dự toán (09/2025)',
        '     “Dự toán thu năm 2025 được điều chỉnh tăng. Kỳ họp thống nhất cao.”',
      ].join('\n'),
    );
  });

  it('heads them “May help” for an English question', () => {
    expect(formatAnswerText(unsureResult('en'))).toContain('\nMay help:\n  1. ');
  });

  it('shows no such heading for a refusal without related passages', () => {
    const { related: _related, ...plain } = unsureResult();
    expect(formatAnswerText(plain)).toBe(plain.answer);
  });
});
