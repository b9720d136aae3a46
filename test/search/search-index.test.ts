import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryTerms } from '../../src/search/lexical-terms.js';
import { openIndex, updateIndex, type SearchIndex } from '../../src/search/search-index.js';
import { FakeEmbedder } from '../fakes/fake-embedder.js';

function article(id: string, title: string, body: string, place = 'phường Thử Nghiệm, TP Hải Phòng'): string {
  return `---\nid: ${id}\ntitle: "${title}"\nsource_url: https://example.gov.vn/${id}\npublished: 2025-08-15\nplace: "${place}"\n---\n\n${body}\n`;
}

const SECRETARY = article(
  'bi-thu',
  'Đại hội Đảng bộ phường Thử Nghiệm',
  'Sáng 15/8, Đảng bộ phường tổ chức Đại hội. Đồng chí Trần Văn Bình được bầu làm Bí thư Đảng ủy phường nhiệm kỳ 2025 - 2030.',
);
const POPULATION = article('dan-so', 'Dân số phường Thử Nghiệm', 'Phường có dân số 45.000 người, diện tích tự nhiên 12 km2 sau sắp xếp.');
const OFFICE = article('mot-cua', 'Điểm tiếp nhận hồ sơ', 'Bộ phận một cửa tiếp nhận hồ sơ hành chính tại số 5 đường Lê Lợi, từ thứ Hai đến thứ Sáu.');

let root: string;
let dataDir: string;
let indexDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'search-index-'));
  dataDir = join(root, 'articles');
  indexDir = join(root, 'index');
  await mkdir(dataDir);
  await writeFile(join(dataDir, 'bi-thu.md'), SECRETARY);
  await writeFile(join(dataDir, 'dan-so.md'), POPULATION);
  await writeFile(join(dataDir, 'mot-cua.md'), OFFICE);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function articleIdsFound(index: SearchIndex, question: string): string[] {
  return index.lexicalSearch(queryTerms(question), 10).map((hit) => index.chunk(hit.label)!.articleId);
}

describe('updateIndex', () => {
  it('builds an index whose chunks are exact article slices and whose searches find the right article', async () => {
    const embedder = new FakeEmbedder();
    const { index, summary } = await updateIndex({ dataDir, indexDir, embedder });
    expect(summary).toMatchObject({ articles: 3, added: 3, changed: 0, removed: 0, unchanged: 0, rebuilt: true, errors: [] });
    expect(summary.chunksEmbedded).toBe(embedder.documentsEmbedded);
    expect(index.articles().map((meta) => meta.id).sort()).toEqual(['bi-thu', 'dan-so', 'mot-cua']);
    expect(index.article('dan-so')).toMatchObject({ title: 'Dân số phường Thử Nghiệm', url: 'https://example.gov.vn/dan-so', published: '2025-08-15' });
    const [label] = index.chunkLabels('dan-so');
    expect(index.chunk(label!)?.text).toBe('Phường có dân số 45.000 người, diện tích tự nhiên 12 km2 sau sắp xếp.');
    expect(articleIdsFound(index, 'bi thu dang uy la ai')[0]).toBe('bi-thu');
    const vectorHits = index.vectorSearch(await embedder.embedQuery('dân số phường bao nhiêu người'), 1);
    expect(index.chunk(vectorHits[0]!.label)?.articleId).toBe('dan-so');
  });

  it('embeds the title and place with each chunk but stores the chunk text alone', async () => {
    const embedder = new FakeEmbedder();
    const { index } = await updateIndex({ dataDir, indexDir, embedder });
    expect(embedder.embeddedTexts).toContain('Dân số phường Thử Nghiệm\nphường Thử Nghiệm, TP Hải Phòng\nPhường có dân số 45.000 người, diện tích tự nhiên 12 km2 sau sắp xếp.');
    expect(index.chunk(index.chunkLabels('dan-so')[0]!)?.text.startsWith('Phường có')).toBe(true);
  });

  it('embeds nothing and rewrites nothing when the corpus is unchanged', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder() });
    const before = await readdir(indexDir);
    const embedder = new FakeEmbedder();
    const { summary } = await updateIndex({ dataDir, indexDir, embedder });
    expect(embedder.documentsEmbedded).toBe(0);
    expect(summary).toMatchObject({ articles: 3, added: 0, changed: 0, removed: 0, unchanged: 3, chunksEmbedded: 0, rebuilt: false });
    expect(await readdir(indexDir)).toEqual(before);
  });

  it('re-embeds only the chunks of a changed article', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder() });
    await writeFile(join(dataDir, 'dan-so.md'), POPULATION.replace('45.000', '47.500'));
    const embedder = new FakeEmbedder();
    const { index, summary } = await updateIndex({ dataDir, indexDir, embedder });
    expect(summary).toMatchObject({ added: 0, changed: 1, removed: 0, unchanged: 2, rebuilt: false });
    expect(embedder.embeddedTexts.every((text) => text.startsWith('Dân số phường Thử Nghiệm'))).toBe(true);
    expect(summary.chunksEmbedded).toBe(index.chunkLabels('dan-so').length);
    const texts = index.chunkLabels('dan-so').map((label) => index.chunk(label)!.text).join(' ');
    expect(texts).toContain('47.500');
    expect(index.lexicalSearch(queryTerms('45.000'), 5)).toEqual([]);
  });

  it('never returns a removed article, from either search or after reopening', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder() });
    await rm(join(dataDir, 'bi-thu.md'));
    const embedder = new FakeEmbedder();
    const { index, summary } = await updateIndex({ dataDir, indexDir, embedder });
    expect(summary).toMatchObject({ removed: 1, unchanged: 2, chunksEmbedded: 0 });
    const reopened = await openIndex(indexDir, embedder);
    for (const searched of [index, reopened]) {
      expect(searched.article('bi-thu')).toBeUndefined();
      expect(searched.chunkLabels('bi-thu')).toEqual([]);
      expect(articleIdsFound(searched, 'Bí thư Đảng ủy Trần Văn Bình')).not.toContain('bi-thu');
      const dense = searched.vectorSearch(await embedder.embedQuery('Bí thư Đảng ủy Trần Văn Bình'), 10);
      expect(dense.map((hit) => searched.chunk(hit.label)?.articleId)).not.toContain('bi-thu');
      expect(dense.every((hit) => searched.chunk(hit.label) !== undefined)).toBe(true);
    }
  });

  it('keeps every remaining chunk text exact after relabelling away removed articles', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder() });
    await rm(join(dataDir, 'bi-thu.md'));
    await rm(join(dataDir, 'mot-cua.md'));
    const { index } = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder() });
    const reopened = await openIndex(indexDir, new FakeEmbedder());
    for (const searched of [index, reopened]) {
      expect(searched.chunkLabels('dan-so')).toEqual([0]);
      expect(searched.chunk(0)?.text).toBe('Phường có dân số 45.000 người, diện tích tự nhiên 12 km2 sau sắp xếp.');
    }
  });

  it('keeps answering from an opened index after a newer ingest replaced and deleted its version', async () => {
    const embedder = new FakeEmbedder();
    await updateIndex({ dataDir, indexDir, embedder });
    const serving = await openIndex(indexDir, embedder);
    const oldVersion = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    await writeFile(join(dataDir, 'mot-cua.md'), OFFICE.replace('số 5', 'số 7'));
    await updateIndex({ dataDir, indexDir, embedder });
    expect(await readdir(indexDir)).not.toContain(oldVersion);
    const [hit] = serving.vectorSearch(await embedder.embedQuery('Bộ phận một cửa tiếp nhận hồ sơ'), 1);
    expect(serving.chunk(hit!.label)?.text).toContain('số 5 đường Lê Lợi');
  });

  it('indexes an added article without re-embedding the others', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder() });
    await writeFile(join(dataDir, 'ngan-sach.md'), article('ngan-sach', 'Điều chỉnh ngân sách', 'Ngân sách phường năm 2025 được điều chỉnh tăng 3 tỷ đồng.'));
    const embedder = new FakeEmbedder();
    const { index, summary } = await updateIndex({ dataDir, indexDir, embedder });
    expect(summary).toMatchObject({ added: 1, unchanged: 3, chunksEmbedded: 1 });
    expect(articleIdsFound(index, 'ngân sách điều chỉnh')[0]).toBe('ngan-sach');
  });

  it('rebuilds everything, with the reason, when the embedder changed', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder({ dimensions: 64 }) });
    const embedder = new FakeEmbedder({ dimensions: 128 });
    const { index, summary } = await updateIndex({ dataDir, indexDir, embedder });
    expect(summary.rebuilt).toBe(true);
    expect(summary.rebuildReason).toMatch(/fake-hashing-v\d+-d64 \(64 dimensions\).*fake-hashing-v\d+-d128 \(128 dimensions\)/);
    expect(summary.chunksEmbedded).toBeGreaterThan(0);
    expect(embedder.documentsEmbedded).toBe(summary.chunksEmbedded);
    expect(index.dimensions).toBe(128);
    await expect(openIndex(indexDir, new FakeEmbedder({ dimensions: 64 }))).rejects.toMatchObject({ code: 'index-mismatch' });
  });

  it('rebuilds, with the reason, when the index files are damaged', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder() });
    const version = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    await writeFile(join(indexDir, version, 'index.bin'), 'garbage');
    await expect(openIndex(indexDir, new FakeEmbedder())).rejects.toMatchObject({ code: 'index-corrupt' });
    const { index, summary } = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder() });
    expect(summary.rebuilt).toBe(true);
    expect(summary.rebuildReason).toMatch(/index\.bin/);
    expect(articleIdsFound(index, 'hồ sơ một cửa')[0]).toBe('mot-cua');
  });

  it('never serves a changed texts.utf8 as a quote: a checksum mismatch gives a clear line and a rebuild from the articles', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder() });
    const version = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    const textsPath = join(indexDir, version, 'texts.utf8');
    // Same length, one name changed: nothing but a checksum can tell.
    const texts = await readFile(textsPath, 'utf8');
    expect(texts).toContain('Trần Văn Bình');
    await writeFile(textsPath, texts.replace('Trần Văn Bình', 'Trần Văn Bính'));
    await expect(openIndex(indexDir, new FakeEmbedder())).rejects.toMatchObject({ code: 'index-corrupt', message: expect.stringMatching(/texts\.utf8 does not match its checksum/) as string });
    const { index, summary } = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder() });
    expect(summary).toMatchObject({ rebuilt: true, rebuildReason: expect.stringMatching(/texts\.utf8 does not match its checksum/) as string });
    const [label] = index.chunkLabels('bi-thu');
    expect(index.chunk(label!)?.text).toContain('Trần Văn Bình');
  });

  it('rebuilds, with the reason, when a data file was truncated', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder() });
    const version = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    const vectors = await readFile(join(indexDir, version, 'vectors.f32'));
    await writeFile(join(indexDir, version, 'vectors.f32'), vectors.subarray(0, vectors.length - 4));
    const { summary } = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder() });
    expect(summary).toMatchObject({ rebuilt: true, rebuildReason: expect.stringMatching(/vectors\.f32 does not match its checksum/) as string });
  });

  it('leaves the previous index usable when a crash interrupted the next version, and cleans up after it', async () => {
    const embedder = new FakeEmbedder();
    await updateIndex({ dataDir, indexDir, embedder });
    const version = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    // A crash mid-write leaves a temporary folder, or a renamed folder that CURRENT never pointed to.
    await mkdir(join(indexDir, '.tmp-v000009'));
    await writeFile(join(indexDir, '.tmp-v000009', 'index.bin'), 'half');
    await cp(join(indexDir, version), join(indexDir, 'v000008'), { recursive: true });
    await writeFile(join(indexDir, 'v000008', 'manifest.json'), '{');
    const reopened = await openIndex(indexDir, embedder);
    expect(articleIdsFound(reopened, 'dân số')[0]).toBe('dan-so');

    await writeFile(join(dataDir, 'mot-cua.md'), OFFICE.replace('số 5', 'số 7'));
    const { summary } = await updateIndex({ dataDir, indexDir, embedder });
    expect(summary).toMatchObject({ changed: 1, rebuilt: false });
    const entries = await readdir(indexDir);
    expect(entries.sort()).toEqual(['CURRENT', (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim()]);
  });

  it('never serves a changed article list: a checksum mismatch gives a clear line and a rebuild', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder() });
    const version = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    const list = await readFile(join(indexDir, version, 'articles.bin'));
    await writeFile(join(indexDir, version, 'articles.bin'), Buffer.from(list.toString('latin1').replace('example.gov.vn/dan-so', 'example.gov.vx/dan-so'), 'latin1'));
    await expect(openIndex(indexDir, new FakeEmbedder())).rejects.toThrow(/articles\.bin does not match its checksum/);
  });

  it('reads the folder again but embeds nothing when the record of the folder is lost, and keeps skipped files reported', async () => {
    const later = () => Date.now() + 60_000;
    await writeFile(join(dataDir, 'hong.md'), '---\nid: hong\ntitle: Bài hỏng\npublished: 15/8/2025\n---\nNội dung.');
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), now: later });
    const again = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), now: later });
    expect(again.summary.errors.map((error) => error.file)).toEqual(['hong.md']);
    const version = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    await rm(join(indexDir, version, 'folder.bin'));
    const embedder = new FakeEmbedder();
    const { index, summary } = await updateIndex({ dataDir, indexDir, embedder, now: later });
    expect(summary).toMatchObject({ unchanged: 3, chunksEmbedded: 0, rebuilt: false });
    expect(summary.errors.map((error) => error.file)).toEqual(['hong.md']);
    expect(embedder.documentsEmbedded).toBe(0);
    expect(index.article('dan-so')).toMatchObject({ title: 'Dân số phường Thử Nghiệm', published: '2025-08-15', place: 'phường Thử Nghiệm, TP Hải Phòng' });
    const reopened = await openIndex(indexDir, embedder);
    expect(reopened.articles().map((meta) => meta.id).sort()).toEqual(['bi-thu', 'dan-so', 'mot-cua']);
  });

  it('says an index of the previous format must be rebuilt, and rebuilds it on ingest', async () => {
    const embedder = new FakeEmbedder();
    await updateIndex({ dataDir, indexDir, embedder });
    const version = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    const manifest = JSON.parse(await readFile(join(indexDir, version, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    delete manifest['articleCount'];
    await writeFile(join(indexDir, version, 'manifest.json'), JSON.stringify({ ...manifest, format: 5, articles: [] }));
    await expect(openIndex(indexDir, embedder)).rejects.toThrow(/has format 5, this version reads format 6; run `hoiphuong ingest`/);
    const { summary } = await updateIndex({ dataDir, indexDir, embedder });
    expect(summary).toMatchObject({ rebuilt: true, rebuildReason: expect.stringMatching(/format 5/) as string });
  });

  it('reads no article on the run after one that found every file touched but unchanged', async () => {
    const later = () => Date.now() + 60_000;
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), now: later });
    const past = new Date(Date.UTC(2026, 0, 1));
    for (const file of ['bi-thu.md', 'dan-so.md', 'mot-cua.md']) await utimes(join(dataDir, file), past, past);
    const touched: number[] = [];
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), now: later, onProgress: (done) => touched.push(done) });
    const read: number[] = [];
    const { summary } = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), now: later, onProgress: (done) => read.push(done) });
    expect(summary).toMatchObject({ unchanged: 3, chunksEmbedded: 0 });
    expect(read).toEqual([]);
  });

  it('reports bad files and indexes the good ones', async () => {
    await writeFile(join(dataDir, 'hong.md'), '---\nid: hong\ntitle: Bài hỏng\npublished: 15/8/2025\n---\nNội dung.');
    const { index, summary } = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder() });
    expect(summary.articles).toBe(3);
    expect(summary.errors.map((error) => error.file)).toEqual(['hong.md']);
    expect(index.article('hong')).toBeUndefined();
  });

  it('restricts both searches to the labels a filter accepts, or to a set of labels', async () => {
    const embedder = new FakeEmbedder();
    const { index } = await updateIndex({ dataDir, indexDir, embedder });
    const allowed = new Set(index.chunkLabels('mot-cua'));
    const hits = index.vectorSearch(await embedder.embedQuery('dân số'), 5, (label) => allowed.has(label));
    expect(hits.map((hit) => hit.label)).toEqual([...allowed]);
    expect(index.vectorSearch(await embedder.embedQuery('dân số'), 5, allowed).map((hit) => hit.label)).toEqual([...allowed]);
    expect(index.lexicalSearch(queryTerms('Trần Văn Bình'), 5, allowed)).toEqual([]);
    expect(index.lexicalSearch(queryTerms('hồ sơ'), 5, allowed).map((hit) => hit.label)).toEqual([...allowed]);
  });

  it('reports the time it took from the injected clock', async () => {
    let now = 1_000;
    const { summary } = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), clock: () => (now += 250) });
    expect(summary.seconds).toBe(0.25);
  });

  it('reports progress as the files are read', async () => {
    const calls: Array<[number, number]> = [];
    await writeFile(join(dataDir, 'ghi-chu.md'), article('ghi-chu', 'Ghi chú', 'Một bài nữa về phường.'));
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
  });
});

describe('updateIndex on a folder whose files are old enough to trust their times', () => {
  /** Pretends the run happens a minute after the files were written, so their modification times can be trusted. */
  const later = () => Date.now() + 60_000;

  it('reads no article when every file keeps its size and modification time', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), now: later });
    const path = join(dataDir, 'dan-so.md');
    const { mtime } = await stat(path);
    // Same size, same time, different bytes: only reading the file could tell, and the fast path does not read.
    await writeFile(path, POPULATION.replace('45.000', '46.000'));
    await utimes(path, mtime, mtime);
    const { index, summary } = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), now: later });
    expect(summary).toMatchObject({ articles: 3, unchanged: 3, chunksEmbedded: 0 });
    expect(index.chunk(index.chunkLabels('dan-so')[0]!)?.text).toContain('45.000');
  });

  it('notices a file whose modification time changed', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), now: later });
    await writeFile(join(dataDir, 'dan-so.md'), POPULATION.replace('45.000', '46.000'));
    const { summary } = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), now: later });
    expect(summary).toMatchObject({ changed: 1, unchanged: 2 });
  });

  it('reads only the touched files, and keeps the index, when their contents did not change', async () => {
    await writeFile(join(dataDir, 'ghi-chu.json'), '{"not": "an article"}');
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), now: later });
    const version = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    const dataFile = await stat(join(indexDir, version, 'index.bin'));
    const touched = new Date(Date.now() - 30_000);
    for (const file of await readdir(dataDir)) await utimes(join(dataDir, file), touched, touched);
    const embedder = new FakeEmbedder();
    const { summary } = await updateIndex({ dataDir, indexDir, embedder, now: later });
    expect(summary).toMatchObject({ articles: 3, unchanged: 3, chunksEmbedded: 0 });
    expect((await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim()).toBe(version);
    expect((await stat(join(indexDir, version, 'index.bin'))).mtimeMs).toBe(dataFile.mtimeMs);
    // The refreshed stamps make the next run read nothing; a changed file of the same size and time then goes unseen.
    const path = join(dataDir, 'mot-cua.md');
    await writeFile(path, OFFICE.replace('số 5', 'số 6'));
    await utimes(path, touched, touched);
    expect((await updateIndex({ dataDir, indexDir, embedder, now: later })).summary.changed).toBe(0);
  });

  it('reports a skipped file again on every run, without reading it', async () => {
    await writeFile(join(dataDir, 'hong.md'), '---\nid: hong\ntitle: Bài hỏng\npublished: 15/8/2025\n---\nNội dung.');
    const first = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), now: later });
    const second = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), now: later });
    expect(second.summary.errors.map((error) => [error.file, error.field, error.message])).toEqual(
      first.summary.errors.map((error) => [error.file, error.field, error.message]),
    );
    expect(second.summary.errors).toHaveLength(1);
  });

  it('skips an article over MAX_ARTICLE_BYTES with a line, and reads it once the cap is raised', async () => {
    await writeFile(join(dataDir, 'lon.md'), article('lon', 'Bài rất dài', 'Phường tiếp nhận hồ sơ. '.repeat(3_000)));
    const capped = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), now: later, maxArticleBytes: 32 * 1024 });
    expect(capped.summary).toMatchObject({ articles: 3 });
    expect(capped.summary.errors.map((error) => error.message)).toEqual([expect.stringContaining('lon.md: is 100 KiB, larger than MAX_ARTICLE_BYTES (32 KiB)')]);
    // Nothing changed in the folder, but the cap did: the folder is read again.
    const raised = await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), now: later, maxArticleBytes: 1024 * 1024 });
    expect(raised.summary).toMatchObject({ articles: 4, added: 1, errors: [] });
  });

  it('re-embeds nothing when a file is only renamed or touched, and keeps the data files', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new FakeEmbedder(), now: later });
    const version = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    const dataFile = await stat(join(indexDir, version, 'index.bin'));
    await rename(join(dataDir, 'mot-cua.md'), join(dataDir, 'mot-cua-moi.md'));
    const embedder = new FakeEmbedder();
    const { summary } = await updateIndex({ dataDir, indexDir, embedder, now: later });
    expect(summary).toMatchObject({ unchanged: 3, chunksEmbedded: 0 });
    expect(embedder.documentsEmbedded).toBe(0);
    expect((await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim()).toBe(version);
    expect((await stat(join(indexDir, version, 'index.bin'))).mtimeMs).toBe(dataFile.mtimeMs);
  });
});

describe('updateIndex with an hnsw graph (a dense-query embedder past the exact-scan budget)', () => {
  const budget = { exactSearchBudget: 1 };

  it('finds with the graph what the exact scan finds, and writes the graph with the index', async () => {
    const embedder = new FakeEmbedder({ dense: true, dimensions: 64 });
    const { index } = await updateIndex({ dataDir, indexDir, embedder, ...budget });
    const version = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    expect(await readdir(join(indexDir, version))).toContain('vectors.hnsw');
    const exactIndex = await openIndex(indexDir, embedder);
    const graphIndex = await openIndex(indexDir, embedder, budget);
    for (const question of ['dân số phường', 'Bí thư là ai', 'nộp hồ sơ ở đâu']) {
      const query = await embedder.embedQuery(question);
      const exactHits = exactIndex.vectorSearch(query, 3);
      const graphHits = graphIndex.vectorSearch(query, 3);
      expect(graphHits.map((hit) => hit.label)).toEqual(exactHits.map((hit) => hit.label));
      graphHits.forEach((hit, rank) => expect(hit.score).toBeCloseTo(exactHits[rank]!.score, 5));
      expect(index.vectorSearch(query, 3).map((hit) => hit.label)).toEqual(exactIndex.vectorSearch(query, 3).map((hit) => hit.label));
    }
  });

  it('hides removed articles from the graph too, and keeps the graph in step with incremental updates', async () => {
    const embedder = new FakeEmbedder({ dense: true, dimensions: 64 });
    await updateIndex({ dataDir, indexDir, embedder, ...budget });
    await rm(join(dataDir, 'bi-thu.md'));
    await writeFile(join(dataDir, 'ngan-sach.md'), article('ngan-sach', 'Điều chỉnh ngân sách', 'Ngân sách phường năm 2025 được điều chỉnh tăng 3 tỷ đồng.'));
    await updateIndex({ dataDir, indexDir, embedder, ...budget });
    const index = await openIndex(indexDir, embedder, budget);
    const hits = index.vectorSearch(await embedder.embedQuery('Bí thư Đảng ủy Trần Văn Bình'), 10);
    expect(hits.map((hit) => index.chunk(hit.label)?.articleId).sort()).toEqual(['dan-so', 'mot-cua', 'ngan-sach']);
    const filtered = index.vectorSearch(await embedder.embedQuery('ngân sách'), 10, (label) => index.chunk(label)?.articleId === 'ngan-sach');
    expect(filtered.map((hit) => index.chunk(hit.label)?.articleId)).toEqual(['ngan-sach']);
  });

  it('builds no graph for a sparse-query embedder past the budget, yet a question naming no place finds its passage', async () => {
    const embedder = new FakeEmbedder();
    const { index } = await updateIndex({ dataDir, indexDir, embedder, ...budget });
    const version = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    expect(await readdir(join(indexDir, version))).not.toContain('vectors.hnsw');
    const reopened = await openIndex(indexDir, embedder, budget);
    for (const searched of [index, reopened]) {
      const hits = searched.vectorSearch(await embedder.embedQuery('Bí thư Đảng ủy là ai'), 1);
      expect(searched.chunk(hits[0]!.label)?.articleId).toBe('bi-thu');
    }
  });
});

describe('openIndex', () => {
  it('loads what updateIndex built without reading the articles', async () => {
    const embedder = new FakeEmbedder();
    const { index: built } = await updateIndex({ dataDir, indexDir, embedder });
    await rm(dataDir, { recursive: true });
    const index = await openIndex(indexDir, embedder);
    expect(index.articles()).toEqual(built.articles());
    for (const meta of built.articles()) {
      expect(index.chunkLabels(meta.id).map((label) => index.chunk(label))).toEqual(built.chunkLabels(meta.id).map((label) => built.chunk(label)));
    }
    const query = await embedder.embedQuery('Bí thư là ai');
    expect(index.vectorSearch(query, 3)).toEqual(built.vectorSearch(query, 3));
    expect(index.lexicalSearch(queryTerms('Bí thư là ai'), 3)).toEqual(built.lexicalSearch(queryTerms('Bí thư là ai'), 3));
  });

  it('says how to build the index when there is none', async () => {
    await expect(openIndex(indexDir, new FakeEmbedder())).rejects.toThrow(/hoiphuong ingest/);
  });
});
