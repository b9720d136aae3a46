import { describe, expect, it } from 'vitest';
import { FactBook } from '../../src/facts/fact-book.js';
import { answerOfficeQuestion, askedWardOffice } from '../../src/facts/office-question.js';
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

describe('answerOfficeQuestion', () => {
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
