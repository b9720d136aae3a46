import { describe, expect, it } from 'vitest';
import { extractFigures, parseVietnameseNumber } from '../../src/facts/extract-figures.js';

const article = (text: string) => ({ id: 'a1', title: 'Bài thử', url: '', published: '2025-08-20', place: 'phường Đông Hải, tỉnh Thanh Hóa', text });
const figures = (text: string) => extractFigures(article(text)).map((fact) => `${fact.measure} ${fact.value} ${fact.unit} (${fact.written})`);

describe('extractFigures', () => {
  it('normalises money, area and people as Vietnamese writes them', () => {
    expect(figures('Năm 2025, tổng thu ngân sách ước đạt 21,31 tỷ đồng, bằng 124% kế hoạch.')).toEqual(['budget-revenue 21310000000 VND (ước đạt 21,31 tỷ đồng)']);
    expect(figures('Phường có diện tích 19,15 km2 và dân số 65.885 người.')).toEqual(['area 19.15 km2 (19,15 km2)', 'population 65885 người (65.885 người)']);
  });

  it('keeps the period and the share of the plan', () => {
    const [fact] = extractFigures(article('Năm 2025, tổng thu ngân sách ước đạt 21,31 tỷ đồng, bằng 124% kế hoạch.'));
    expect(fact).toMatchObject({ period: 'Năm 2025', planShare: '124% kế hoạch', qualifier: 'ước đạt' });
  });

  it('never takes a goal year of the title as the period of a figure the article reports', () => {
    const [fact] = extractFigures({ ...article('Xã có diện tích tự nhiên hơn 109 km², dân số gần 50.000 người.'), title: 'Xã đặt mục tiêu trở thành đô thị vào năm 2035' });
    expect(fact).toMatchObject({ measure: 'area', period: undefined });
    const [current] = extractFigures({ ...article('Xã có diện tích 109 km².'), title: 'Xã tổng kết năm 2025' });
    expect(current?.period).toBe('năm 2025');
  });

  it('reads the membership, not the delegates, in "225 đảng viên đại diện cho 3.703 đảng viên"', () => {
    expect(figures('Đại hội có 225 đảng viên đại diện cho 3.703 đảng viên trong toàn Đảng bộ xã.')).toEqual(['party-members 3703 đảng viên (3.703 đảng viên)']);
  });

  it('leaves out numbers no nearby word explains', () => {
    expect(figures('Hơn 800 người tham gia lễ ra quân; tổng vốn đầu tư hơn 3,3 tỷ đồng.')).toEqual([]);
  });

  it('leaves out goals and figures of a neighbouring commune', () => {
    expect(figures('Các mục tiêu năm 2026 gồm:\n\n- Thu ngân sách trên địa bàn đạt 30 tỷ đồng;\n- Dân số 70.000 người.')).toEqual([]);
    expect(figures('Dân số 65.885 người.\n\n**Xã Quảng Minh bên cạnh**\n\nCũng trong tuần, xã Quảng Minh tổng kết. Năm 2025, tổng thu ngân sách của xã đạt 9,5 tỷ đồng.')).toEqual([
      'population 65885 người (65.885 người)',
    ]);
  });

  it('reads "21,31" as 21.31 and "47.168" as 47168', () => {
    expect(parseVietnameseNumber('21,31')).toBe(21.31);
    expect(parseVietnameseNumber('47.168')).toBe(47168);
    expect(parseVietnameseNumber('1.2.3')).toBeUndefined();
  });
});

describe('extractFigures on forms common in ward news', () => {
  it('reads population in nhân khẩu, natural area, counts of khu phố and thôn, and revenue against the estimate', () => {
    expect(figures('Xã có dân số khoảng 25.000 nhân khẩu, diện tích tự nhiên 12,5 km2.')).toEqual([
      'population 25000 người (khoảng 25.000 nhân khẩu)',
      'area 12.5 km2 (12,5 km2)',
    ]);
    expect(figures('Phường hiện có 15 khu phố.')).toEqual(['residential-groups 15 đơn vị (15 khu phố)']);
    expect(figures('Toàn xã gồm 12 thôn.')).toEqual(['residential-groups 12 đơn vị (12 thôn)']);
    const [revenue] = extractFigures(article('Tổng thu ngân sách nhà nước trên địa bàn đạt 45,6 tỷ đồng, đạt 130% dự toán.'));
    expect(revenue).toMatchObject({ measure: 'budget-revenue', value: 45_600_000_000, planShare: '130% dự toán' });
  });

  it('does not read a share of something else or a count of smart villages as the ward figure', () => {
    expect(figures('98% hộ đạt danh hiệu gia đình văn hóa; 22/23 tổ dân phố có nhà văn hóa; cùng 4 thôn thông minh.')).toEqual([]);
  });
});
