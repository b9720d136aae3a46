import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/admin/csv.js';

describe('toCsv', () => {
  it('writes a byte-order mark and CRLF rows, quoting commas, quotes and line breaks', () => {
    expect(toCsv([['câu hỏi', 'trả lời'], ['Ai là "bí thư", phường?', 'dòng 1\ndòng 2']])).toBe('\uFEFFcâu hỏi,trả lời\r\n"Ai là ""bí thư"", phường?","dòng 1\ndòng 2"\r\n');
  });

  it('keeps a question that looks like a formula from running in a spreadsheet', () => {
    expect(toCsv([['=HYPERLINK("http://x")', '+1', '@SUM(A1)', '-2']])).toBe('\uFEFF"\'=HYPERLINK(""http://x"")",\'+1,\'@SUM(A1),\'-2\r\n');
  });

  it('writes numbers as they are and empty cells for missing values', () => {
    expect(toCsv([[1, -2, undefined, null, true]])).toBe('\uFEFF1,-2,,,true\r\n');
  });
});
