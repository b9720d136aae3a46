import { describe, expect, it } from 'vitest';
import { quoteList } from '../../src/core/quote-list.js';

/** A lead-in and its "- " items, with the items' offsets. */
function listOf(lead: string, items: string[]): { text: string; spans: Array<{ start: number; end: number }> } {
  let text = lead;
  const spans: Array<{ start: number; end: number }> = [];
  for (const item of items) {
    text += '\n';
    spans.push({ start: text.length, end: text.length + item.length });
    text += item;
  }
  return { text, spans };
}

describe('quoteList', () => {
  it('keeps each item\'s amount when the whole list is too long but label and value fit', () => {
    const { text, spans } = listOf('Người dân bị thu hồi đất được hưởng các khoản hỗ trợ:', [
      '- Hỗ trợ ổn định đời sống: 25 kg gạo/nhân khẩu/tháng, trong thời gian 6 tháng đối với hộ bị thu hồi trên 30% diện tích đất nông nghiệp đang sử dụng, kể cả hộ có đất ở liền kề;',
      '- Hỗ trợ chuyển đổi nghề: 1,5 lần giá đất nông nghiệp, áp dụng cho toàn bộ diện tích đất nông nghiệp bị thu hồi của hộ gia đình, cá nhân đang trực tiếp sản xuất;',
      '- Thưởng tiến độ: 4 triệu đồng/hộ, đối với hộ bàn giao mặt bằng trước thời hạn được Hội đồng bồi thường, hỗ trợ và tái định cư xã thông báo bằng văn bản.',
    ]);
    const quote = quoteList(text, spans, undefined, 'list', 320);
    expect(quote).toContain('25 kg gạo/nhân khẩu/tháng');
    expect(quote).toContain('1,5 lần giá đất nông nghiệp');
    expect(quote).toContain('4 triệu đồng/hộ');
  });
});
