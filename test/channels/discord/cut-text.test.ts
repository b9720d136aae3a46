import { describe, expect, it } from 'vitest';
import { cutAtSentence } from '../../../src/channels/discord/cut-text.js';

describe('cutAtSentence', () => {
  it('keeps a text that fits as it is', () => {
    expect(cutAtSentence('Ngắn gọn.', 20, '…')).toEqual({ text: 'Ngắn gọn.', cut: false });
  });

  it('cuts after the last whole sentence that fits and adds the ending', () => {
    const text = 'Câu thứ nhất khá dài một chút. Câu thứ hai. Câu thứ ba rất dài nên không vừa.';
    expect(cutAtSentence(text, 50, '…')).toEqual({ text: 'Câu thứ nhất khá dài một chút. Câu thứ hai. …', cut: true });
  });

  it('does not end a sentence after an abbreviation such as "TP."', () => {
    const text = 'Trụ sở đặt tại TP. Hải Phòng và phục vụ người dân mỗi ngày. Thêm câu nữa.';
    expect(cutAtSentence(text, 70).text).toBe('Trụ sở đặt tại TP. Hải Phòng và phục vụ người dân mỗi ngày.');
  });

  it('cuts between words when the first sentence alone is too long', () => {
    const result = cutAtSentence('một hai ba bốn năm sáu bảy tám chín mười', 20, '…');
    expect(result).toEqual({ text: 'một hai ba bốn năm …', cut: true });
  });

  it('prefers cutting between words to keeping only a short first sentence', () => {
    const text = `Có. ${'rất nhiều chữ '.repeat(20)}`;
    expect(cutAtSentence(text, 60).text.length).toBeGreaterThan(40);
  });

  it('cuts inside a word only when one word is longer than the limit, never splitting an emoji', () => {
    const result = cutAtSentence('👍'.repeat(10), 7);
    expect(result.text).toBe('👍👍👍');
    expect(result.text.length).toBeLessThanOrEqual(7);
  });

  it('never exceeds the limit, the ending included', () => {
    for (const limit of [5, 13, 40, 100]) {
      expect(cutAtSentence('Câu một. Câu hai dài hơn. '.repeat(10), limit, '… (rút gọn)').text.length).toBeLessThanOrEqual(limit);
    }
  });
});
