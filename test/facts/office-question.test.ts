import { describe, expect, it } from 'vitest';
import { FactBook } from '../../src/facts/fact-book.js';
import { answerOfficeQuestion, askedWardOffice, asksOnlyWhoHolds } from '../../src/facts/office-question.js';
import { loadArticles } from '../../src/ingest/load-articles.js';

const THANH_HOA = 'phường Đông Hải, tỉnh Thanh Hóa';

describe('askedWardOffice', () => {
  it('reads the ward office a who-question asks about, typed with or without diacritics', () => {
    expect(askedWardOffice('Chủ tịch UBND phường Đông Hải, tỉnh Thanh Hóa hiện nay là ai?')).toBe('Chủ tịch UBND');
    expect(askedWardOffice('bi thu phuong dong hai la ai')).toBe('Bí thư Đảng ủy');
    expect(askedWardOffice('Phó bí thư thường trực đảng ủy xã tên gì?')).toBe('Phó Bí thư Thường trực Đảng ủy');
    expect(askedWardOffice('chủ tịch phường là ai')).toBe('Chủ tịch UBND');
  });

  it('leaves province offices and questions that ask no name to the reader', () => {
    expect(askedWardOffice('Chủ tịch UBND tỉnh Thanh Hóa là ai?')).toBeUndefined();
    expect(askedWardOffice('Bí thư Thành ủy là ai?')).toBeUndefined();
    expect(askedWardOffice('Chủ tịch UBND phường tiếp dân khi nào?')).toBeUndefined();
  });
});

describe('asksOnlyWhoHolds', () => {
  const placeTokens = ['dong', 'hai', 'thanh', 'hoa'];
  it('takes a question that asks only who holds the office, however it is phrased', () => {
    expect(asksOnlyWhoHolds('Ai đang giữ chức Phó Bí thư Thường trực Đảng ủy phường Đông Hải?', placeTokens)).toBe(true);
    expect(asksOnlyWhoHolds('cho em hỏi chủ tịch ubnd p. Đông Hải (Thanh Hóa) hiện nay là ai ạ', placeTokens)).toBe(true);
  });

  it('leaves a question that asks something else about the office holder', () => {
    expect(asksOnlyWhoHolds('Chủ tịch UBND phường Đông Hải đã trao quà cho ai?', placeTokens)).toBe(false);
    expect(asksOnlyWhoHolds('Ông Phạm Văn Cường còn làm chủ tịch phường Đông Hải không?', placeTokens)).toBe(false);
  });
});

describe('answerOfficeQuestion', () => {
  it('says when two sources of the same date name different people', () => {
    const source = (id: string) => ({ articleId: id, title: id, url: '', published: '2026-03-01', quote: 'q', start: 0, end: 1 });
    const fact = (person: string, id: string) =>
      ({ kind: 'office', person, office: 'Chủ tịch UBND', organisation: 'UBND', level: 'ward', place: THANH_HOA, since: undefined, former: false, source: source(id) }) as const;
    const answer = answerOfficeQuestion('Chủ tịch UBND phường Đông Hải là ai?', THANH_HOA, new FactBook([fact('Nguyễn Văn A', 'x'), fact('Trần Văn B', 'y')]));
    expect(answer?.text).toContain('Theo bài ngày 01/03/2026');
    expect(answer?.text).toContain('Các bài cùng ngày nêu khác nhau về chức vụ này');
  });

  it('says the month or year when the article gives no day', () => {
    const fact = { kind: 'office', person: 'Nguyễn Văn A', office: 'Bí thư Đảng ủy', organisation: 'Đảng ủy', level: 'ward', place: THANH_HOA, since: undefined, former: false,
      source: { articleId: 'x', title: 'x', url: '', published: '2025-08', quote: 'q', start: 0, end: 1 } } as const;
    expect(answerOfficeQuestion('Bí thư phường Đông Hải là ai?', THANH_HOA, new FactBook([fact]))?.text).toMatch(/^Theo bài tháng 08\/2025, /);
  });

  it('follows the newest article, says its date and names the earlier holder', async () => {
    const book = FactBook.fromArticles((await loadArticles('test/fixtures/facts-wards')).articles);
    const answer = answerOfficeQuestion('Chủ tịch UBND phường Đông Hải hiện nay là ai?', THANH_HOA, book);
    expect(answer?.text).toBe(
      'Theo bài ngày 13/02/2026, Chủ tịch UBND phường Đông Hải, tỉnh Thanh Hóa là Nguyễn Thị Hoa. Trước đó, bài ngày 20/08/2025 nêu Phạm Văn Cường giữ chức này.',
    );
    expect(answer?.source.articleId).toBe('phuong-dong-hai-bau-chu-tich-2026');
    expect(answer?.source.quote).toContain('bầu bà Nguyễn Thị Hoa làm Chủ tịch UBND');
  });

  it('gives no answer when no article names a holder of the office asked', async () => {
    const book = FactBook.fromArticles((await loadArticles('test/fixtures/facts-wards')).articles);
    expect(answerOfficeQuestion('Chủ tịch HĐND phường Đông Hải là ai?', THANH_HOA, book)).toBeUndefined();
  });
});
