import { describe, expect, it } from 'vitest';
import { FactBook } from '../../src/facts/fact-book.js';
import { factKey, withoutFlagged } from '../../src/facts/fact-key.js';
import { suggestedQuestions } from '../../src/facts/suggested-questions.js';

const article = {
  id: 'dong-hai-2025',
  title: 'Đại hội Đảng bộ phường Đông Hải',
  url: 'https://example.vn/dong-hai',
  published: '2025-08-20',
  place: 'phường Đông Hải, tỉnh Thanh Hóa',
  text: 'Đồng chí Nguyễn Văn An giữ chức Bí thư Đảng ủy phường Đông Hải. Phường Đông Hải có diện tích 19,15 km2 và dân số 65.885 người.',
};

describe('facts marked wrong', () => {
  it('leave the sheet, holder and figure alike, while the rest stays', () => {
    const book = FactBook.fromArticles([article]);
    const place = 'phường Đông Hải, tỉnh Thanh Hóa';
    const sheet = book.sheet(place);
    expect(sheet.offices.map((office) => office.holders[0]?.person)).toEqual(['Nguyễn Văn An']);
    const holder = book.facts.find((fact) => fact.kind === 'office')!;
    const population = book.facts.find((fact) => fact.kind === 'figure' && fact.measure === 'population')!;
    const hidden = withoutFlagged(book, new Set([factKey(holder), factKey(population)]));
    expect(hidden.sheet(place).offices).toEqual([]);
    expect(hidden.sheet(place).figures.map((series) => series.measure)).toEqual(['area']);
    expect(withoutFlagged(book, new Set())).toBe(book);
  });
});

describe('suggestedQuestions', () => {
  it('asks about the offices and figures the ward articles hold, naming the ward', () => {
    const book = FactBook.fromArticles([article]);
    expect(suggestedQuestions(book.sheet('phường Đông Hải, tỉnh Thanh Hóa'))).toEqual([
      'Bí thư Đảng ủy phường Đông Hải là ai?',
      'Dân số phường Đông Hải là bao nhiêu?',
      'Diện tích phường Đông Hải là bao nhiêu?',
    ]);
  });

  it('suggests nothing for a ward without facts', () => {
    expect(suggestedQuestions({ place: 'xã A, tỉnh B', offices: [], history: [], figures: [] })).toEqual([]);
  });
});
