import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/types.js';
import { currentVersionFolder } from '../../src/search/index-files.js';
import { openIndex, updateIndex } from '../../src/search/search-index.js';
import { FakeEmbedder } from '../fakes/fake-embedder.js';

// What ingest keeps of each article besides its chunks (the facts), saved with each index version.

function article(id: string, body: string): string {
  return `---\nid: ${id}\ntitle: "Tin ${id}"\nsource_url: https://example.gov.vn/${id}\npublished: 2025-08-15\nplace: "phường Thử Nghiệm, TP Hải Phòng"\n---\n\n${body}\n`;
}

let root: string;
let dataDir: string;
let indexDir: string;
let extracted: string[];
/** Keeps each article's first sentence, and records which articles were read for it. */
const extract = (read: Pick<Article, 'id' | 'text'>): string[] => {
  extracted.push(read.id);
  return [read.text.split('.')[0]!];
};

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'index-extracts-'));
  dataDir = join(root, 'articles');
  indexDir = join(root, 'index');
  extracted = [];
  await mkdir(dataDir);
  await writeFile(join(dataDir, 'a.md'), article('a', 'Phường có 45.000 người. Diện tích 12 km2.'));
  await writeFile(join(dataDir, 'b.md'), article('b', 'Bí thư là ông Trần Văn Bình. Nhiệm kỳ 2025 - 2030.'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('extracts kept with an index version', () => {
  it('are opened with the version, without reading the articles folder', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), extract });
    await rm(dataDir, { recursive: true });
    const index = await openIndex(indexDir, new FakeEmbedder());
    expect(Object.fromEntries(index.articleExtracts?.() ?? [])).toEqual({ a: ['Phường có 45'], b: ['Bí thư là ông Trần Văn Bình'] });
  });

  it('are extracted again only for a changed or added article, and forgotten with a removed one', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), extract });
    extracted = [];
    await writeFile(join(dataDir, 'b.md'), article('b', 'Bí thư là bà Lê Thị Hoa. Từ tháng 1/2026.'));
    await writeFile(join(dataDir, 'c.md'), article('c', 'Chợ mở cửa từ 5 giờ sáng. Đóng cửa lúc 18 giờ.'));
    await rm(join(dataDir, 'a.md'));
    const { index } = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), extract });
    expect(extracted.sort()).toEqual(['b', 'c']);
    expect(Object.fromEntries(index.articleExtracts?.() ?? [])).toEqual({ b: ['Bí thư là bà Lê Thị Hoa'], c: ['Chợ mở cửa từ 5 giờ sáng'] });
  });

  it('are added once to a version built without them, reading each article once', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder() });
    expect((await openIndex(indexDir, new FakeEmbedder())).articleExtracts?.()).toBeUndefined();
    const { index, summary } = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), extract });
    expect(summary).toMatchObject({ added: 0, changed: 0, chunksEmbedded: 0 });
    expect(extracted.sort()).toEqual(['a', 'b']);
    expect(index.articleExtracts?.()?.size).toBe(2);
    extracted = [];
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), extract });
    expect(extracted).toEqual([]);
  });

  it('are never served when changed on disk: the version is reported damaged', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), extract });
    const folder = (await currentVersionFolder(indexDir))!;
    expect(await readdir(folder)).toContain('extracts.json');
    await writeFile(join(folder, 'extracts.json'), JSON.stringify({ a: ['Phường có 99.000 người'], b: [] }));
    await expect(openIndex(indexDir, new FakeEmbedder())).rejects.toMatchObject({ code: 'index-corrupt', message: expect.stringContaining('extracts.json does not match its checksum') });
  });
});
