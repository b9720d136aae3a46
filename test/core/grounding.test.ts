import { describe, expect, it } from 'vitest';
import { findUnsupportedFacts } from '../../src/core/grounding.js';

const PASSAGE =
  'Sáng 15/8, Đảng bộ phường An Hải tổ chức Đại hội Đại biểu Đảng bộ phường lần thứ Nhất, nhiệm kỳ 2025 - 2030. ' +
  'Cùng dự Đại hội có 214 đại biểu đại diện cho 2.883 đảng viên của Đảng bộ phường. ' +
  'Năm 2025, tổng thu ngân sách ước đạt 21,31 tỷ đồng, bằng 124% kế hoạch; 87% hộ đạt danh hiệu gia đình văn hóa. ' +
  'Trong đó, đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường, các đồng chí Lương Thế Quý và Phạm Hải Nam giữ chức Phó Bí thư.';
const SOURCES = [`Phường An Hải đặt mục tiêu đến năm 2030\nphường An Hải, TP Hải Phòng\n2025-08-15\n${PASSAGE}`];

const unsupportedVi = (answer: string) => findUnsupportedFacts(answer, SOURCES, 'vi');
const unsupportedEn = (answer: string) => findUnsupportedFacts(answer, SOURCES, 'en');

describe('findUnsupportedFacts', () => {
  it('passes an answer whose names and numbers all occur in the cited passage', () => {
    expect(unsupportedVi('Đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường An Hải.')).toEqual([]);
    expect(unsupportedVi('Đại hội có 214 đại biểu đại diện cho 2.883 đảng viên.')).toEqual([]);
  });

  it('treats 2.883, 2 883 and 2883 as the same number', () => {
    expect(unsupportedVi('Đảng bộ có 2 883 đảng viên.')).toEqual([]);
    expect(unsupportedVi('Đảng bộ có 2883 đảng viên.')).toEqual([]);
  });

  it('catches a changed digit such as 2.833 for 2.883', () => {
    expect(unsupportedVi('Đảng bộ có 2.833 đảng viên.')).toEqual(['2.833']);
  });

  it('catches a changed percentage such as 85% for 87%', () => {
    expect(unsupportedVi('Có 85% hộ đạt danh hiệu gia đình văn hóa.')).toEqual(['85%']);
    expect(unsupportedVi('Có 87% hộ đạt danh hiệu gia đình văn hóa.')).toEqual([]);
  });

  it('does not let a plain number in the passage support a percentage', () => {
    expect(unsupportedVi('Có 214% đại biểu.')).toEqual(['214%']);
  });

  it('reads a comma as the decimal mark, so 21,31 matches itself but not 2131', () => {
    expect(unsupportedVi('Thu ngân sách ước đạt 21,31 tỷ đồng.')).toEqual([]);
    expect(unsupportedVi('Thu ngân sách ước đạt 2131 tỷ đồng.')).toEqual(['2131']);
  });

  it('accepts English separators in an English answer', () => {
    expect(unsupportedEn('The ward has 2,883 party members and revenue of 21.31 billion dong.')).toEqual([]);
  });

  it('reads 2,883 in a Vietnamese answer as a decimal, which the passage does not hold', () => {
    expect(unsupportedVi('Đảng bộ có 2,883 đảng viên.')).toEqual(['2,883']);
  });

  it('accepts a date that adds a year the cited text holds', () => {
    expect(unsupportedVi('Đại hội diễn ra ngày 15/8/2025.')).toEqual([]);
    expect(unsupportedVi('Đại hội diễn ra ngày 15 tháng 8 năm 2025.')).toEqual([]);
    expect(unsupportedEn('The congress was held on 15 August 2025.')).toEqual([]);
    expect(unsupportedEn('The congress was held on August 15.')).toEqual([]);
  });

  it('catches a date whose day or month the passage does not hold', () => {
    expect(unsupportedVi('Đại hội diễn ra ngày 16/8.')).toEqual(['16/8']);
    expect(unsupportedVi('Đại hội diễn ra ngày 15/9/2025.')).toEqual(['15/9/2025']);
    expect(unsupportedVi('Đại hội diễn ra ngày 15/8/2024.')).toEqual(['15/8/2024']);
  });

  it('treats 22/23 as a count rather than a date', () => {
    const sources = ['22/23 tổ dân phố có nhà văn hóa.'];
    expect(findUnsupportedFacts('Có 22/23 tổ dân phố có nhà văn hóa.', sources, 'vi')).toEqual([]);
    expect(findUnsupportedFacts('Có 21/23 tổ dân phố có nhà văn hóa.', sources, 'vi')).toEqual(['21']);
  });

  it('catches a person name the passage does not hold', () => {
    expect(unsupportedVi('Bí thư Đảng ủy phường là đồng chí Nguyễn Văn Hùng.')).toEqual(['Nguyễn Văn Hùng']);
  });

  it('catches a name that differs from the passage by one tone', () => {
    expect(unsupportedVi('Bí thư là đồng chí Chu Đức Ánh.')).toEqual(['Chu Đức Ánh']);
  });

  it('ignores where the tone mark sits and the case of the words', () => {
    const sources = ['Đồng chí Nguyễn Thị Hoà phát biểu.'];
    expect(findUnsupportedFacts('Đồng chí Nguyễn Thị Hòa phát biểu.', sources, 'vi')).toEqual([]);
  });

  it('strips titles and institutions around a name before looking it up', () => {
    expect(unsupportedEn('The Party Secretary of An Hải Ward is Chu Đức Anh.')).toEqual([]);
    expect(unsupportedVi('UBND Phường An Hải cho biết.')).toEqual([]);
  });

  it('does not demand an ordinary capitalised word that starts a sentence', () => {
    expect(unsupportedVi('Theo bài viết, Lương Thế Quý giữ chức Phó Bí thư.')).toEqual([]);
    expect(unsupportedEn('Currently Chu Đức Anh holds the post.')).toEqual([]);
  });

  it('compares a name typed without diacritics folded only in an English answer', () => {
    expect(unsupportedEn('The secretary is Chu Duc Anh.')).toEqual([]);
    expect(unsupportedVi('Bí thư là đồng chí Chu Duc Anh.')).toEqual(['Chu Duc Anh']);
  });

  it('ends a name at an English word, so "Lê Lợi Avenue" is looked up as "Lê Lợi"', () => {
    const sources = ['Địa điểm thứ hai ở số 28 Đại lộ Lê Lợi, tại Trung tâm Phục vụ Hành chính công tỉnh Thanh Hóa.'];
    expect(findUnsupportedFacts('The second site is at 28 Lê Lợi Avenue, the Thanh Hóa Provincial Public Service Center.', sources, 'en')).toEqual([]);
    expect(findUnsupportedFacts('The second site is at 28 Trần Phú Avenue.', sources, 'en')).toEqual(['Trần Phú']);
  });

  it('lets an ordinal match the Roman numeral or "thứ nhất" of the passage', () => {
    const sources = ['Đảng bộ tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025 - 2030.'];
    expect(findUnsupportedFacts('The commune held its 1st Congress for the 2025-2030 term.', sources, 'en')).toEqual([]);
    expect(findUnsupportedFacts('The commune held its 2nd Congress.', sources, 'en')).toEqual(['2']);
    expect(unsupportedVi('Đảng bộ phường An Hải tổ chức Đại hội lần thứ 1.')).toEqual([]);
  });

  it('catches a name typed without diacritics in an English answer when the passage lacks it', () => {
    expect(unsupportedEn('The secretary is Nguyen Van Hung.')).toEqual(['Nguyen Van Hung']);
  });

  it('finds place names of the article metadata', () => {
    expect(unsupportedVi('Phường An Hải thuộc TP Hải Phòng.')).toEqual([]);
  });
});
