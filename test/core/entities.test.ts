import { describe, expect, it } from 'vitest';
import { findCodes, findDates, findEnumeration, findLocations, findPersons, findPhoneNumbers, findQuantities } from '../../src/core/entities.js';

describe('findPersons', () => {
  it('finds names after a title and skips the title words', () => {
    const names = findPersons('Đồng chí Lê Anh Quân - Ủy viên Ban Thường vụ Thành ủy phát biểu; đồng chí Chu Đức Anh giữ chức Bí thư.').map((entity) => entity.text);
    expect(names).toEqual(['Lê Anh Quân', 'Chu Đức Anh']);
  });

  it('does not take streets or places for people', () => {
    const names = findPersons('Địa điểm thứ hai ở số 28 Đại lộ Lê Lợi, phường Hạc Thành.').map((entity) => entity.text);
    expect(names).toEqual([]);
  });
});

describe('findQuantities', () => {
  it('keeps numbers exactly as written and skips dates, years and document numbers', () => {
    const found = findQuantities('Ngày 15/8/2025, 214 đại biểu đại diện cho 2.883 đảng viên; thu 21,31 tỷ đồng, bằng 124% theo Công văn số 19484/UBND-HCC nhiệm kỳ 2025-2030.').map((entity) => entity.text);
    expect(found).toEqual(['214', '2.883', '21,31', '124%']);
  });
});

describe('findDates and findCodes', () => {
  it('finds day/month dates and document numbers', () => {
    expect(findDates('Sáng 9/8 và ngày 19/11/2025').map((entity) => entity.text)).toEqual(['9/8', '19/11/2025']);
    expect(findCodes('Chương trình hành động số 05-CTr/TU').map((entity) => entity.text)).toEqual(['05-CTr/TU']);
  });
});

describe('findPersons with common given names', () => {
  it('keeps names whose syllables are also ordinary words', () => {
    const names = findPersons('Chủ tịch UBND xã là ông Đặng Quốc Việt; các đồng chí Lương Thế Quý và Phạm Hải Nam; đồng chí Hoàng Văn Đại.').map((entity) => entity.text);
    expect(names).toEqual(['Đặng Quốc Việt', 'Lương Thế Quý', 'Phạm Hải Nam', 'Hoàng Văn Đại']);
  });
});

describe('counts that look like dates', () => {
  it('reads "42/45 khu phố" as a count and "10/2024" as a month', () => {
    expect(findDates('có 42/45 khu phố đạt chuẩn, khởi công tháng 10/2024').map((entity) => entity.text)).toEqual(['10/2024']);
    expect(findQuantities('có 42/45 khu phố đạt chuẩn').map((entity) => entity.text)).toContain('42');
  });

  it('takes the honorific off a name and does not read a school as a person', () => {
    expect(findPersons('Cô Nguyễn Thị Bích Ngọc, Hiệu trưởng nhà trường, phát biểu.').map((entity) => entity.text)).toEqual(['Nguyễn Thị Bích Ngọc']);
    expect(findPersons('xây mới Trường Mầm non Hoa Sen với 12 phòng học').map((entity) => entity.text)).toEqual([]);
  });
});

describe('findPhoneNumbers', () => {
  it('finds landline and mobile numbers as written, not money, dates or short counts', () => {
    const text = 'Gọi 0251 3712 468 hoặc 0983.114.257, di động 0912345678; hỗ trợ 2.350.000 đồng từ ngày 15/8/2025 cho 120 hộ.';
    expect(findPhoneNumbers(text).map((entity) => entity.text)).toEqual(['0251 3712 468', '0983.114.257', '0912345678']);
  });
});

describe('names of the Central Highlands peoples', () => {
  it('finds names with an apostrophe or the "Y" of Ê Đê men, before or after their title', () => {
    const text = 'Chủ trì buổi làm việc là bà H’Yim Kđoh, Chủ tịch Hội Phụ nữ xã; báo cáo do ông Y Thuyên Mlô trình bày, K\'Brơi Ha Nừng ghi biên bản.';
    expect(findPersons(text).map((entity) => entity.text)).toEqual(['H’Yim Kđoh', 'Y Thuyên Mlô', "K'Brơi Ha Nừng"]);
  });
});

describe('findLocations', () => {
  it('accepts named sites that are not street addresses, and the value after a place label', () => {
    const at = (text: string) => findLocations(text).map((entity) => entity.text);
    expect(at('Sáng 5/6, tại sân vận động Phú Lâm, Đoàn xã tổ chức giải bóng đá.')).toEqual(['sân vận động Phú Lâm']);
    expect(at('Bộ phận một cửa đặt tại trụ sở xã Tân Mỹ cũ; các phòng khác ở thôn 2.')).toEqual(['trụ sở xã Tân Mỹ cũ']);
    expect(at('- Trụ sở: nhà văn hóa khu phố 4.')).toEqual(['nhà văn hóa khu phố 4']);
    expect(at('Trụ sở UBND xã nằm ở số 12 đường Lê Duẩn.')).toEqual(['số 12 đường Lê Duẩn']);
  });
});

describe('findEnumeration', () => {
  it('finds lower-case items after an opener such as "gồm" or "lĩnh vực"', () => {
    const items = (text: string) => findEnumeration(text).map((entity) => entity.text);
    expect(items('Bộ phận này nhận hồ sơ lĩnh vực đất đai, xây dựng và môi trường.')).toEqual(['đất đai', 'xây dựng', 'môi trường']);
    expect(items('Chợ có 3 khu, gồm khu hàng tươi sống, khu ăn uống và khu đồ khô.')).toEqual(['khu hàng tươi sống', 'khu ăn uống', 'khu đồ khô']);
    expect(items('Sáng nay, tại hội trường, ông Lâm và bà Hoa dự.')).toEqual([]);
  });
});
