import { describe, expect, it } from 'vitest';
import { findListBlocks } from '../../src/core/list-blocks.js';

const read = (text: string) =>
  findListBlocks(text).map((block) => ({ lead: text.slice(block.lead.start, block.lead.end), items: block.items.map((item) => text.slice(item.start, item.end)) }));

describe('findListBlocks', () => {
  it('reads the last sentence of a paragraph ending in ":" as the lead-in of the bullets under it', () => {
    const text = 'Hội nghị diễn ra trong một ngày. Năm 2026, xã chọn 2 nhiệm vụ trọng tâm:\n- Làm mới chợ Bến Đò;\n- Nạo vét kênh Ba Bò.\nHội nghị bế mạc lúc 17 giờ.';
    expect(read(text)).toEqual([{ lead: 'Năm 2026, xã chọn 2 nhiệm vụ trọng tâm:', items: ['- Làm mới chợ Bến Đò;', '- Nạo vét kênh Ba Bò.'] }]);
  });

  it('reads a bold heading with numbered or bulleted lines under it', () => {
    const text = '**3. Lịch tiếp công dân**\n- Thứ Ba: Chủ tịch UBND xã tiếp.\n- Thứ Năm: Phó Chủ tịch tiếp.\n\n**4. Liên hệ**\nMọi ý kiến gửi về Văn phòng.';
    expect(read(text)).toEqual([{ lead: '**3. Lịch tiếp công dân**', items: ['- Thứ Ba: Chủ tịch UBND xã tiếp.', '- Thứ Năm: Phó Chủ tịch tiếp.'] }]);
  });

  it('finds no list after a colon when prose follows', () => {
    expect(read('Ông Lò Văn Sính cho biết:\nNăm nay mưa nhiều hơn mọi năm.')).toEqual([]);
  });
});
