import { describe, expect, it } from 'vitest';
import { extractOfficeHolders } from '../../src/facts/extract-office-holders.js';

const article = (text: string, place = 'phường Đông Hải, tỉnh Thanh Hóa') => ({
  id: 'a1',
  title: 'Bài thử',
  url: 'https://example.vn/a1',
  published: '2025-08-20',
  place,
  text,
});
const holders = (text: string, place?: string) =>
  extractOfficeHolders(article(text, place)).map((fact) => `${fact.person} | ${fact.office} | ${fact.level} | ${fact.place ?? '-'}${fact.former ? ' | former' : ''}`);

describe('extractOfficeHolders', () => {
  it('reads "giữ chức" for one name and for names joined by "và"', () => {
    expect(holders('Đồng chí Chu Văn An giữ chức Bí thư Đảng ủy phường, các đồng chí Lương Văn Quý và Phạm Hải Nam giữ chức Phó Bí thư Đảng ủy phường.')).toEqual([
      'Chu Văn An | Bí thư Đảng ủy | ward | phường Đông Hải, tỉnh Thanh Hóa',
      'Lương Văn Quý | Phó Bí thư Đảng ủy | ward | phường Đông Hải, tỉnh Thanh Hóa',
      'Phạm Hải Nam | Phó Bí thư Đảng ủy | ward | phường Đông Hải, tỉnh Thanh Hóa',
    ]);
  });

  it('reads a title right before the name, even when the ward name runs into it', () => {
    expect(holders('Bí thư Đảng ủy phường Đông Hải Nguyễn Văn Ba yêu cầu các đơn vị khẩn trương thực hiện.')).toEqual([
      'Nguyễn Văn Ba | Bí thư Đảng ủy | ward | phường Đông Hải, tỉnh Thanh Hóa',
    ]);
  });

  it('reads an appositive list, giving an office without its ward the ward of the next one', () => {
    expect(holders('Dự hội nghị có đồng chí Vũ Đức Hạnh, Bí thư Đảng ủy, Chủ tịch HĐND phường; đồng chí Hoàng Văn Đại, Phó Bí thư Đảng ủy, Chủ tịch UBND phường.')).toEqual([
      'Vũ Đức Hạnh | Bí thư Đảng ủy | ward | phường Đông Hải, tỉnh Thanh Hóa',
      'Vũ Đức Hạnh | Chủ tịch HĐND | ward | phường Đông Hải, tỉnh Thanh Hóa',
      'Hoàng Văn Đại | Phó Bí thư Đảng ủy | ward | phường Đông Hải, tỉnh Thanh Hóa',
      'Hoàng Văn Đại | Chủ tịch UBND | ward | phường Đông Hải, tỉnh Thanh Hóa',
    ]);
  });

  it('reads "bầu bà X làm" and "điều động ông X … làm"', () => {
    expect(holders('Kỳ họp đã bầu bà Nguyễn Thị Hoa làm Chủ tịch UBND phường.')).toEqual(['Nguyễn Thị Hoa | Chủ tịch UBND | ward | phường Đông Hải, tỉnh Thanh Hóa']);
    expect(holders('Ban Thường vụ Tỉnh ủy điều động ông Lê Minh Đức, Phó Giám đốc Sở Tài chính, đến nhận nhiệm vụ và chỉ định làm Phó Bí thư Đảng ủy phường Đông Hải.')).toEqual([
      'Lê Minh Đức | Phó Bí thư Đảng ủy | ward | phường Đông Hải, tỉnh Thanh Hóa',
    ]);
  });

  it('keeps a province official attending a ward congress at the province level, with no ward', () => {
    expect(holders('Đồng chí Lê Văn Tâm, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh Thanh Hóa, dự và chỉ đạo đại hội của phường.')).toEqual(['Lê Văn Tâm | Phó Chủ tịch UBND | province | -']);
    expect(holders('Ông Nguyễn Phước Lộc, Phó Bí thư Thành ủy TP Hồ Chí Minh, Chủ tịch Ủy ban MTTQ Việt Nam TP Hồ Chí Minh dự đại hội.')).toEqual([
      'Nguyễn Phước Lộc | Phó Bí thư Thành ủy | province | -',
      'Nguyễn Phước Lộc | Chủ tịch Ủy ban MTTQ | province | -',
    ]);
  });

  it('marks a predecessor as former, and gives an office naming another commune to that commune', () => {
    expect(holders('Người tiền nhiệm là ông Nguyễn Minh Hoàng, Tỉnh ủy viên, trước đó giữ cương vị Bí thư Đảng ủy, Chủ tịch HĐND phường Đông Hải.')).toEqual([
      'Nguyễn Minh Hoàng | Bí thư Đảng ủy | ward | phường Đông Hải, tỉnh Thanh Hóa | former',
      'Nguyễn Minh Hoàng | Chủ tịch HĐND | ward | phường Đông Hải, tỉnh Thanh Hóa | former',
    ]);
    expect(holders('Ông Nguyễn Minh Hoàng chuyển sang giữ chức Bí thư Đảng ủy xã Lưu Vệ.')).toEqual(['Nguyễn Minh Hoàng | Bí thư Đảng ủy | ward | xã Lưu Vệ, tỉnh Thanh Hóa']);
  });

  it('reads the start date the sentence states', () => {
    const [fact] = extractOfficeHolders(article('Như vậy, kể từ ngày 16/1/2026, người đứng đầu Đảng ủy phường Đông Hải là ông Mai Văn Hải.'));
    expect(fact).toMatchObject({ person: 'Mai Văn Hải', office: 'Bí thư Đảng ủy', since: '2026-01-16' });
  });

  it('names nobody for a title without a name, and no office for a name without a verb or title', () => {
    expect(holders('Chủ tịch và các Phó Chủ tịch UBND phường trực tiếp tiếp dân.')).toEqual([]);
    expect(holders('Ông Trần Văn Nam cho biết Chủ tịch UBND phường sẽ tiếp dân.')).toEqual([]);
  });

  it('keeps the verbatim sentence and its offsets into the article text', () => {
    const text = 'Sáng 20/8, phường tổ chức đại hội.\n\nÔng Phạm Văn Cường, Chủ tịch UBND phường Đông Hải, cho biết như vậy.';
    const [fact] = extractOfficeHolders(article(text));
    expect(fact?.source.quote).toBe('Ông Phạm Văn Cường, Chủ tịch UBND phường Đông Hải, cho biết như vậy.');
    expect(text.slice(fact?.source.start, fact?.source.end)).toBe(fact?.source.quote);
    expect(fact?.source).toMatchObject({ articleId: 'a1', published: '2025-08-20' });
  });
});

describe('extractOfficeHolders on forms common in ward news', () => {
  it('reads dash and bracket appositives, "Theo ông X, …" and "được bầu giữ chức"', () => {
    expect(holders('Tham dự có ông Trần Văn Anh - Phó Bí thư Thường trực Đảng ủy, Chủ tịch HĐND phường.')).toEqual([
      'Trần Văn Anh | Phó Bí thư Thường trực Đảng ủy | ward | phường Đông Hải, tỉnh Thanh Hóa',
      'Trần Văn Anh | Chủ tịch HĐND | ward | phường Đông Hải, tỉnh Thanh Hóa',
    ]);
    expect(holders('Bà Lê Thị Cúc (Chủ tịch UBND phường Đông Hải) cho biết kế hoạch đã sẵn sàng.')).toEqual(['Lê Thị Cúc | Chủ tịch UBND | ward | phường Đông Hải, tỉnh Thanh Hóa']);
    expect(holders('Theo ông Nguyễn Văn Giang, Phó Chủ tịch UBND phường, việc này hoàn thành trong tháng.')).toEqual([
      'Nguyễn Văn Giang | Phó Chủ tịch UBND | ward | phường Đông Hải, tỉnh Thanh Hóa',
    ]);
    expect(holders('Tại kỳ họp, ông Hồ Văn Hùng được bầu giữ chức Chủ tịch HĐND phường.')).toEqual(['Hồ Văn Hùng | Chủ tịch HĐND | ward | phường Đông Hải, tỉnh Thanh Hóa']);
  });

  it('reads a title, a comma and the name, but not another name\'s appositive', () => {
    expect(holders('Chủ tịch UBND phường Đông Hải, ông Nguyễn Văn Em, cho biết phường đã sẵn sàng.')).toEqual([
      'Nguyễn Văn Em | Chủ tịch UBND | ward | phường Đông Hải, tỉnh Thanh Hóa',
    ]);
    expect(holders('Dự có đồng chí Lê Văn An, Bí thư Đảng ủy phường, đồng chí Trần Văn Bảo và nhiều đại biểu.')).toEqual([
      'Lê Văn An | Bí thư Đảng ủy | ward | phường Đông Hải, tỉnh Thanh Hóa',
    ]);
  });
});
