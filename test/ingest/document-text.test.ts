import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/ingest/load-articles.js';
import { makeDocx, makePdf } from '../support/make-documents.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoiphuong-documents-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('PDF and DOCX articles in the folder', () => {
  it('reads a DOCX (title on the first line, Vietnamese kept, NFC) and a PDF as text articles', async () => {
    await writeFile(join(dir, 'Thông báo tiêm chủng.docx'), makeDocx(['Thông báo lịch tiêm chủng tháng 9', 'Trạm Y tế phường tiêm vắc xin sởi từ ngày 8/9/2025.', 'Phụ huynh mang theo sổ tiêm chủng.'.normalize('NFD')]));
    await writeFile(join(dir, 'lich-tiep-dan.pdf'), makePdf(['Lich tiep cong dan thang 9', 'Chu tich UBND phuong tiep cong dan sang thu Nam hang tuan.']));
    const { articles, errors } = await loadArticles(dir);
    expect(errors).toEqual([]);
    const docx = articles.find((article) => article.file.endsWith('.docx'));
    expect(docx).toMatchObject({ id: 'thong-bao-tiem-chung', title: 'Thông báo lịch tiêm chủng tháng 9' });
    expect(docx?.text).toBe('Trạm Y tế phường tiêm vắc xin sởi từ ngày 8/9/2025.\nPhụ huynh mang theo sổ tiêm chủng.');
    const pdf = articles.find((article) => article.file.endsWith('.pdf'));
    expect(pdf).toMatchObject({ id: 'lich-tiep-dan', title: 'Lich tiep cong dan thang 9' });
    expect(pdf?.text).toContain('Chu tich UBND phuong tiep cong dan sang thu Nam hang tuan.');
  });

  it('reports a damaged document by file and still ingests the others', async () => {
    await writeFile(join(dir, 'hong.pdf'), Buffer.from('not a pdf at all'));
    await writeFile(join(dir, 'hong.docx'), Buffer.from('not a zip either'));
    await writeFile(join(dir, 'tot.txt'), 'Tiêu đề\nNội dung.\n');
    const { articles, errors } = await loadArticles(dir);
    expect(articles.map((article) => article.id)).toEqual(['tot']);
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/^hong\.docx: could not be read as DOCX: /),
      expect.stringMatching(/^hong\.pdf: could not be read as PDF: /),
    ]);
  });
});
