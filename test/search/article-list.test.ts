import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticleList, type ListedArticle } from '../../src/search/article-list.js';
import { readSections, writeSections } from '../../src/search/index-files.js';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'article-list-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const ARTICLES: ListedArticle[] = [
  { id: 'bi-thu', title: 'Đại hội Đảng bộ phường Bắc Hiệp', url: 'https://angiang.gov.vn/bi-thu', published: '2025-08-15', place: 'phường Bắc Hiệp, tỉnh An Giang', file: 'an-giang/bi-thu.md', contentHash: 'a'.repeat(64), textStart: 0, textBytes: 3_184 },
  { id: 'khong-ngay', title: 'Thông báo', url: '', file: 'thong-bao.md', contentHash: 'b'.repeat(64), textStart: 3_184, textBytes: 12 },
  { id: 'dan-so', title: 'Dân số phường Bắc Hiệp', url: 'https://angiang.gov.vn/dan-so', published: '2025-08-15', place: 'phường Bắc Hiệp, tỉnh An Giang', file: 'an-giang/dân-số.md', contentHash: 'c'.repeat(64), textStart: 3_196, textBytes: 2 ** 32 - 3_197 },
];

describe('ArticleList', () => {
  it('gives back every article as it was written, leaving out a place or date the article had none of', async () => {
    const path = join(folder, 'articles.bin');
    await writeSections(path, ArticleList.toSections(ARTICLES));
    const list = ArticleList.fromSections(await readSections(path), ARTICLES.length);
    expect(list.count).toBe(3);
    const read = ARTICLES.map((_, position) => ({ ...list.meta(position), file: list.file(position), contentHash: list.contentHash(position), textStart: list.textStart(position), textBytes: list.textBytes(position) }));
    expect(read).toEqual(ARTICLES);
    expect(list.meta(1)).not.toHaveProperty('place');
    expect(list.meta(1)).not.toHaveProperty('published');
  });

  it('refuses a list that holds fewer articles than the manifest says', async () => {
    const path = join(folder, 'articles.bin');
    await writeSections(path, ArticleList.toSections(ARTICLES));
    expect(() => ArticleList.fromSections(new Map(), 3)).toThrow(/hoiphuong ingest/);
    const sections = await readSections(path);
    expect(() => ArticleList.fromSections(sections, 4)).toThrow(/incomplete/);
  });
});
