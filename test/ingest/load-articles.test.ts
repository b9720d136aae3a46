import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ChatbotError } from '../../src/core/errors.js';
import { loadArticles } from '../../src/ingest/load-articles.js';

const folder = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}/`, import.meta.url));
const dataFolder = fileURLToPath(new URL('../../data/articles/', import.meta.url));

describe('loadArticles', () => {
  it('loads .md, .txt and .html files from nested folders, sorted by path (code units), ignoring other files', async () => {
    const { articles, errors } = await loadArticles(folder('articles-mixed'));
    expect(errors).toEqual([]);
    expect(articles.map((article) => [article.file, article.id])).toEqual([
      ['2025/thang-11/trang-tin.html', 'trang-tin'],
      ['Thông báo lịch tiếp dân.txt', 'thong-bao-lich-tiep-dan'],
      ['phuong-to-hop-dau.md', 'phuong-to-hop-dau'],
      ['xa-thu-nghiem-hop-dan.md', 'xa-thu-nghiem-hop-dan'],
    ]);
  });

  it('parses the HTML page without its navigation, scripts, aside, form or footer', async () => {
    const { articles } = await loadArticles(folder('articles-mixed'));
    const page = articles.find((article) => article.id === 'trang-tin');
    expect(page).toMatchObject({
      title: 'Khánh thành nhà văn hóa tổ dân phố số 5',
      url: 'https://example.gov.vn/tin/nha-van-hoa-to-5',
      published: '2025-11-03',
      place: 'phường Thử Nghiệm, TP Mẫu',
    });
    expect(page?.text).toBe(
      'Ngày 3/11, phường Thử Nghiệm khánh thành nhà văn hóa tổ dân phố số 5 với tổng kinh phí 2.450 triệu đồng & nhiều hạng mục phụ trợ.\n' +
        'Công trình có diện tích 250 m², do Nhân dân đóng góp 40%.\n' +
        'Phần còn lại từ ngân sách phường.\n' +
        'Cắt băng khánh thành.',
    );
    for (const noise of ['Trang chủ', 'Tin tức', 'tracking', 'Không được lọt', 'color', 'Tin liên quan', 'Tìm kiếm', '©', 'JavaScript']) {
      expect(page?.text).not.toContain(noise);
    }
  });

  it('turns a file stored in NFD into NFC text, title and place', async () => {
    const { articles } = await loadArticles(folder('articles-mixed'));
    const article = articles.find((candidate) => candidate.id === 'phuong-to-hop-dau');
    expect(article?.title).toBe('Phường Tổ Hợp Dấu hoàn thành thu thuế'.normalize('NFC'));
    expect(article?.place).toBe('phường Tổ Hợp Dấu, tỉnh Thủy Mẫu'.normalize('NFC'));
    expect(article?.published).toBe('2025');
    for (const value of [article?.title, article?.place, article?.text]) expect(value?.normalize('NFC')).toBe(value);
  });

  it('hashes each file with sha256 of its bytes', async () => {
    const { articles } = await loadArticles(folder('articles-mixed'));
    for (const article of articles) expect(article.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(articles.map((article) => article.contentHash)).size).toBe(articles.length);
  });

  it('reports each bad file with its name and field while still loading the good one', async () => {
    const { articles, errors } = await loadArticles(folder('articles-broken'));
    expect(articles.map((article) => article.id)).toEqual(['phuong-hop-le']);
    expect(errors.map((error) => [error.file, error.field])).toEqual([
      ['b-ngay-sai.md', 'published'],
      ['c-khong-front-matter.md', 'front matter'],
      ['d-thieu-tieu-de.md', 'title'],
      ['e-rong.txt', undefined],
      ['f-trung-id.md', 'id'],
      ['g-url-sai.md', 'source_url'],
    ]);
    expect(errors[0]?.message).toBe('b-ngay-sai.md: front matter field "published" must be YYYY, YYYY-MM or YYYY-MM-DD (got "15/8/2025")');
    expect(errors[3]?.message).toContain('empty');
    expect(errors[4]?.message).toContain('a-hop-le.md');
    for (const error of errors) expect(error.code).toBe('article-invalid');
  });

  it('reads an article through a symbolic link inside the folder and leaves out a broken link', async () => {
    const temporary = await mkdtemp(join(tmpdir(), 'hoiphuong-links-'));
    try {
      const articlesFolder = join(temporary, 'articles');
      await mkdir(join(articlesFolder, 'goc'), { recursive: true });
      await writeFile(join(articlesFolder, 'goc', 'nguon.txt'), 'Lịch tiếp dân\nChủ tịch tiếp dân sáng thứ Năm.\n');
      await symlink(join(articlesFolder, 'goc', 'nguon.txt'), join(articlesFolder, 'lich-tiep-dan.txt'));
      await symlink(join(temporary, 'khong-co.txt'), join(articlesFolder, 'hong.txt'));
      const { articles, errors } = await loadArticles(articlesFolder);
      expect(errors).toEqual([]);
      expect(articles.map((article) => [article.file, article.title])).toEqual([
        ['goc/nguon.txt', 'Lịch tiếp dân'],
        ['lich-tiep-dan.txt', 'Lịch tiếp dân'],
      ]);
    } finally {
      await rm(temporary, { recursive: true, force: true });
    }
  });

  it('refuses, with a line naming both, a symbolic link that leaves the articles folder (say, to /etc/passwd)', async () => {
    const temporary = await mkdtemp(join(tmpdir(), 'hoiphuong-links-'));
    try {
      const secret = join(temporary, 'secret.txt');
      await writeFile(secret, 'root:x:0:0:root:/root:/bin/bash\n');
      const articlesFolder = join(temporary, 'articles');
      await mkdir(articlesFolder);
      await symlink(secret, join(articlesFolder, 'passwd.txt'));
      const { articles, errors } = await loadArticles(articlesFolder);
      expect(articles).toEqual([]);
      expect(errors.map((error) => error.message)).toEqual([
        `passwd.txt: is a link to ${secret}, outside the articles folder; copy the article into the folder instead`,
      ]);
    } finally {
      await rm(temporary, { recursive: true, force: true });
    }
  });

  it('skips a file larger than the cap with a line naming the cap and its setting, and reads the rest', async () => {
    const temporary = await mkdtemp(join(tmpdir(), 'hoiphuong-cap-'));
    try {
      await writeFile(join(temporary, 'lon.txt'), `Bài rất dài\n${'Câu. '.repeat(100_000)}`);
      await writeFile(join(temporary, 'nho.txt'), 'Bài ngắn\nMột câu.\n');
      const { articles, errors } = await loadArticles(temporary, { maxBytes: 64 * 1024 });
      expect(articles.map((article) => article.file)).toEqual(['nho.txt']);
      expect(errors[0]?.message).toBe('lon.txt: is 586 KiB, larger than MAX_ARTICLE_BYTES (64 KiB); split it into several articles or raise MAX_ARTICLE_BYTES');
      expect((await loadArticles(temporary)).articles).toHaveLength(2);
    } finally {
      await rm(temporary, { recursive: true, force: true });
    }
  });

  it('throws an input-invalid error naming a missing folder and how to fix it', async () => {
    const missing = folder('no-such-folder');
    const failure = loadArticles(missing);
    await expect(failure).rejects.toBeInstanceOf(ChatbotError);
    await expect(failure).rejects.toMatchObject({ code: 'input-invalid' });
    await expect(failure).rejects.toThrow(`Article folder not found: ${missing}`);
    await expect(failure).rejects.toThrow('DATA_DIR');
  });

  it('loads the sample corpus: 9 articles with their ids and places and no errors', async () => {
    const { articles, errors } = await loadArticles(dataFolder);
    expect(errors).toEqual([]);
    expect(Object.fromEntries(articles.map((article) => [article.id, article.place]))).toEqual({
      'phuong-an-hai-dai-hoi-2025': 'phường An Hải, TP Hải Phòng',
      'phuong-hac-thanh-diem-tiep-nhan-ho-so-2025': 'phường Hạc Thành, tỉnh Thanh Hóa',
      'phuong-hoa-binh-dai-hoi-2025': 'phường Hòa Bình, TP Hải Phòng',
      'phuong-kinh-mon-dai-hoi-2025': 'phường Kinh Môn, TP Hải Phòng',
      'phuong-phong-thai-dieu-chinh-ngan-sach-2025': 'phường Phong Thái, TP Huế',
      'phuong-thach-khoi-dai-hoi-2025': 'phường Thạch Khôi, TP Hải Phòng',
      'xa-an-lao-dai-hoi-2025': 'xã An Lão, TP Hải Phòng',
      'xa-ha-dong-quan-triet-nghi-quyet-2025': 'xã Hà Đông, TP Hải Phòng',
      'xa-hien-quan-dai-hoi-2025': 'xã Hiền Quan, tỉnh Phú Thọ',
    });
    for (const article of articles) {
      expect(article.file).toBe(`${article.id}.md`);
      expect(article.url).toMatch(/^https?:\/\//);
      expect(article.published).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      expect(article.text.normalize('NFC')).toBe(article.text);
      expect(article.text).not.toContain('---');
    }
  });
});
