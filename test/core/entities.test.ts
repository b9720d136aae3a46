import { describe, expect, it } from 'vitest';
import { findCodes, findDates, findEnumeration, findListItems, findPartsOfDay, findLocations, findPersons, findPhoneNumbers, findQuantities, findTimes, findTimeSpans, findWeekdays, governmentLevels, isIssueDate } from '../../src/core/entities.js';

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
    expect(findDates('Trong hai ngày 17-18/6, Đại hội diễn ra').map((entity) => entity.text)).toEqual(['17-18/6']);
    expect(findCodes('Chương trình hành động số 05-CTr/TU').map((entity) => entity.text)).toEqual(['05-CTr/TU']);
  });
});

describe('findPersons with common given names', () => {
  it('keeps names whose syllables are also ordinary words', () => {
    const names = findPersons('Chủ tịch UBND xã là ông Đặng Quốc Việt; các đồng chí Lương Thế Quý và Phạm Hải Nam; đồng chí Hoàng Văn Đại.').map((entity) => entity.text);
    expect(names).toEqual(['Đặng Quốc Việt', 'Lương Thế Quý', 'Phạm Hải Nam', 'Hoàng Văn Đại']);
  });

  it('does not read the city "TP Hồ Chí Minh" as a person', () => {
    expect(findPersons('Ngày 12-8, Đảng bộ phường Tân Mỹ, TP Hồ Chí Minh tiến hành đại hội; ông Lê Văn Tám dự.').map((entity) => entity.text)).toEqual(['Lê Văn Tám']);
  });

  it('finds a woman named Thư, yet never reads "Bí Thư" as part of a name', () => {
    const names = findPersons('bà Trần Thị Minh Thư, Phó Bí thư Đảng ủy, Chủ tịch UBND phường và ông Lê Văn Tâm dự; Bí Thư Lê Hữu Phước phát biểu.').map((entity) => entity.text);
    expect(names).toEqual(['Trần Thị Minh Thư', 'Lê Văn Tâm', 'Lê Hữu Phước']);
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

describe('opening hours', () => {
  it('reads an hour followed by a comma, and a span as one fact', () => {
    expect(findTimes('mở cửa đến 16 giờ, nghỉ trưa').map((entity) => entity.text)).toEqual(['16 giờ']);
    const spans = findTimeSpans('Bộ phận một cửa làm việc từ 7 giờ 15 đến 16 giờ 45; sáng thứ Bảy 7h30–11h00, ngoài giờ 18:00.');
    expect(spans.map((entity) => entity.text)).toEqual(['từ 7 giờ 15 đến 16 giờ 45', '7h30–11h00', '18:00']);
  });
});

describe('issue dates', () => {
  it('tells the day a document was issued from the day something happened', () => {
    const sentence = 'Ngày 12/5/2025 xã học tập Nghị quyết số 72-NQ/TW, ban hành ngày 9/9/2024, và Kế hoạch số 15-KH/ĐU đề ngày 2/4/2025.';
    const dates = findDates(sentence);
    expect(dates.map((date) => isIssueDate(sentence, date))).toEqual([false, true, true]);
  });
});

describe('governmentLevels', () => {
  it('tells a commune title from a province or city one, with or without diacritics', () => {
    expect([...governmentLevels('Phó Chủ tịch UBND xã')]).toEqual(['local']);
    expect([...governmentLevels('pho chu tich ubnd xa nghia dong')]).toEqual(['local']);
    expect([...governmentLevels('Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh Thái Hòa')]).toEqual(['provincial']);
    expect([...governmentLevels('Ủy viên Ban Thường vụ Thành ủy')]).toEqual(['provincial']);
    expect([...governmentLevels('Đại hội Đảng bộ phường lần thứ nhất')]).toEqual([]);
  });
});

describe('findWeekdays', () => {
  it('reads weekday ranges and names but not ordinals', () => {
    expect([...findWeekdays('làm việc từ thứ Hai đến thứ Sáu')]).toEqual([2, 3, 4, 5, 6]);
    expect([...findWeekdays('sáng thứ 7 và Chủ nhật')]).toEqual([7, 8]);
    expect([...findWeekdays('Hội nghị lần thứ năm của Ban Chấp hành')]).toEqual([]);
  });
});

describe('findListItems', () => {
  it('keeps a place name after "phường"/"xã" even when a syllable is also a title word', () => {
    expect(findListItems('Xã mới gồm xã Phú Lộc và xã Hòa Nam.').map((entity) => entity.text)).toEqual(['Phú Lộc', 'Hòa Nam']);
  });
});

describe('numbers after "số"', () => {
  it('counts "dân số 41.250" but not "Quyết định số 12"', () => {
    expect(findQuantities('quy mô dân số 41.250 người theo Quyết định số 12').map((entity) => entity.text)).toEqual(['41.250']);
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

describe('governmentLevels, central offices', () => {
  it('knows the Secretariat and ministers are no ward office', () => {
    expect([...governmentLevels('Thường trực Ban Bí thư')]).toEqual(['central']);
    expect([...governmentLevels('Bí thư Đảng ủy phường')]).toEqual(['local']);
  });
});

describe('parts of the day', () => {
  it('finds "Chiều 14-8" and "buổi sáng" but not "sáng tạo" or "tối đa"', () => {
    expect(findPartsOfDay('Chiều 14-8, đại hội khai mạc; buổi sáng các đại biểu thảo luận sáng tạo, tối đa.').map((entity) => entity.text)).toEqual(['Chiều', 'buổi sáng']);
  });
});
