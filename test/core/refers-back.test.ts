import { describe, expect, it } from 'vitest';
import { refersBack } from '../../src/core/refers-back.js';
import { accentedKeys } from '../../src/ingest/normalize-vietnamese.js';

const backTo = (sentence: string, context: string) => refersBack(accentedKeys(sentence), accentedKeys(context));

describe('refersBack', () => {
  it('sees a sentence that repeats the head noun of a name in the sentence before it', () => {
    expect(backTo('Chợ có 120 sạp hàng.', 'Xã khánh thành Chợ nông sản Phước An tại ấp 3.')).toBe(true);
    expect(backTo('Điểm này chỉ nhận hồ sơ đất đai.', 'Xã mở thêm một điểm tiếp nhận tại ấp 5.')).toBe(true);
  });

  it('does not take parallel sentences, openers or values for references', () => {
    expect(backTo('Hộ có nhà bị tốc mái: 10 triệu đồng.', 'Hộ có nhà bị sập: 40 triệu đồng.')).toBe(false);
    expect(backTo('Trong năm, chợ thu 2 tỷ đồng.', 'Xã khánh thành chợ mới trong năm.')).toBe(false);
    expect(backTo('10 triệu đồng mỗi hộ.', 'Mức hỗ trợ là 10 triệu đồng.')).toBe(false);
  });
});
