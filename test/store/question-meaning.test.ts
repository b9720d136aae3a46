import { describe, expect, it } from 'vitest';
import { questionMeaningKey } from '../../src/store/question-meaning.js';

describe('questionMeaningKey', () => {
  it.each([
    ['Phường có mấy tổ dân phố?', 'phuong co bao nhieu to dan pho', 'Cho em hỏi phường có bao nhiêu tổ dân phố ạ?'],
    ['Làm căn cước ở đâu?', 'lam can cuoc cong dan o dau vay', 'Làm CCCD ở đâu ạ'],
    ['Phường An Hải gộp từ những phường nào?', 'phuong an hai sap nhap tu nhung phuong nao'],
    ['Tiền đền bù là bao nhiêu?', 'tien boi thuong la bao nhieu'],
    ['Số điện thoại UBND phường?', 'sđt ủy ban nhân dân phường'],
  ])('gives %j and its rewordings one key', (...questions) => {
    const keys = new Set(questions.map(questionMeaningKey));
    expect(keys.size).toBe(1);
  });

  it.each([
    ['Nộp hồ sơ ở đâu?', 'Nộp hồ sơ khi nào?'],
    ['Bí thư phường An Hải là ai?', 'Bí thư phường Hải An là ai?'],
    ['Bí thư phường An Hải là ai?', 'Chủ tịch phường An Hải là ai?'],
    ['Làm căn cước ở đâu?', 'Làm hộ chiếu ở đâu?'],
  ])('keeps %j and %j apart', (left, right) => {
    expect(questionMeaningKey(left)).not.toBe(questionMeaningKey(right));
  });
});
