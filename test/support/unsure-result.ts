import { message } from '../../src/core/messages.js';
import type { AskResult, Language } from '../../src/core/types.js';

/** An unsure refusal as `POST /api/ask` returns it: no answer, two related passages (the second without a link). */
export function unsureResult(language: Language = 'vi'): AskResult {
  return {
    question: language === 'vi' ? 'Tổng thu ngân sách năm 2026 của phường Tân An là bao nhiêu?' : 'What is Tan An ward’s 2026 budget revenue?',
    answered: false,
    answer: message('refusal.unsure-related', language),
    citations: [],
    mode: 'extractive',
    language,
    reason: 'low-score',
    answerId: 'a1',
    related: [
      {
        id: 'phuong-tan-an-ha-noi-2025',
        title: 'Phường Tân An tổ chức Đại hội Đảng bộ lần thứ I',
        url: 'https://example.org/tan-an-ha-noi',
        quote: 'Năm 2025, tổng thu ngân sách trên địa bàn phường ước đạt 45,6 tỷ đồng.',
        published: '2025-08-20',
      },
      {
        id: 'phuong-tan-an-ngan-sach',
        title: 'HĐND phường Tân An *điều chỉnh* dự toán',
        url: '',
        quote: 'Dự toán thu năm 2025 được điều chỉnh tăng.\nKỳ họp thống nhất cao.',
        published: '2025-09',
      },
    ],
  };
}
