import { describe, expect, it } from 'vitest';
import { expandShorthand } from '../../src/core/chat-shorthand.js';

describe('expandShorthand', () => {
  it('writes out civic abbreviations and unit letters', () => {
    expect(expandShorthand('ct ubnd p. Tân Mai là ai')).toBe('chủ tịch ubnd phường Tân Mai là ai');
    expect(expandShorthand('đh đảng bộ x.Yên Hòa có bn đv')).toBe('đại hội đảng bộ xã Yên Hòa có bao nhiêu đảng viên');
    expect(expandShorthand('pbt đảng ủy nk 2025-2030')).toBe('phó bí thư đảng ủy nhiệm kỳ 2025-2030');
    expect(expandShorthand('chỉ tiêu kt-xh năm 2026')).toBe('chỉ tiêu kinh tế - xã hội năm 2026');
  });

  it('reads "tu" as the provincial Party committee only after a standing committee', () => {
    expect(expandShorthand('btv tu quyết định gì')).toBe('ban thường vụ tỉnh ủy quyết định gì');
    expect(expandShorthand('tu nam 2020')).toBe('tu nam 2020');
  });

  it('keeps a question typed without marks unmarked', () => {
    expect(expandShorthand('bt dang uy x. yen hoa la ai')).toBe('bi thu dang uy xa yen hoa la ai');
  });

  it('drops chat greetings and particles but keeps names that look like them', () => {
    expect(expandShorthand('ad ơi cho e hỏi xã Mỹ Tú làm khai sinh cần gì z ạ?')).toBe('xã Mỹ Tú làm khai sinh cần gì vậy?');
    expect(expandShorthand('mn ơi, phường Nha Trang có mấy tổ dân phố nhỉ')).toBe('phường Nha Trang có mấy tổ dân phố');
  });

  it('leaves capitals alone, where they may be a province or a name', () => {
    expect(expandShorthand('ct ubnd x. Nghĩa Trung (CT) là ai')).toBe('chủ tịch ubnd xã Nghĩa Trung (CT) là ai');
    // The phone's capital on the first word is still the short form.
    expect(expandShorthand('Đh Đảng bộ p. Tân Mai diễn ra buổi nào?')).toBe('đại hội Đảng bộ phường Tân Mai diễn ra buổi nào?');
    // Slips in the question's last word still close a yes/no question.
    expect(expandShorthand('Bà Lê Thị Hoa có kiêm Chủ tịch HĐND khoong?')).toBe('Bà Lê Thị Hoa có kiêm Chủ tịch HĐND không?');
    expect(expandShorthand('đường có bị sụt lún khôg?')).toBe('đường có bị sụt lún không?');
    expect(expandShorthand('thu 500k một hộ')).toBe('thu 500k một hộ');
  });
});

describe('expandShorthand, lone unit letters', () => {
  it('reads a lone "x" or "p" before a name as the unit, but not between numbers', () => {
    expect(expandShorthand('sp ocop của x hòa phú là gì')).toBe('sản phẩm ocop của xã hòa phú là gì');
    expect(expandShorthand('p an nhơn gia lai á')).toBe('phường an nhơn gia lai');
    expect(expandShorthand('tính 2 x 3')).toBe('tính 2 x 3');
  });
});

describe('expandShorthand, figures and plans', () => {
  it('writes out "dt" and "ds", and reads "kh" after "vượt"/"đạt" as the plan', () => {
    expect(expandShorthand('dt xã A bn km2')).toBe('diện tích xã A bao nhiêu km2');
    expect(expandShorthand('ds ứng cử')).toBe('danh sách ứng cử');
    expect(expandShorthand('thu ns có vượt kh ko')).toBe('thu ngân sách có vượt kế hoạch không');
    expect(expandShorthand('kh biết')).toBe('không biết');
  });
});
