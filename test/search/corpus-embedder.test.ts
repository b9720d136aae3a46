import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorpusEmbedder, embedderFor } from '../../src/search/corpus-embedder.js';
import { HashingEmbedder } from '../../src/search/hashing-embedder.js';
import { LexicalRetriever, VectorRetriever } from '../../src/search/hybrid-retriever.js';
import { PlaceGazetteer } from '../../src/search/place-gazetteer.js';
import { openIndex, updateIndex, type SearchIndex } from '../../src/search/search-index.js';
import { COMPENSATION_CORPUS } from './paraphrase-corpus.js';

const WARD = 'phường Thử Nghiệm, TP Hải Phòng';
const OTHER_WARD = 'xã Tân Lập, tỉnh Phú Thọ';

function article(id: string, title: string, body: string, place: string): string {
  return `---\nid: ${id}\ntitle: "${title}"\nsource_url: https://example.gov.vn/${id}\npublished: 2025-08-15\nplace: "${place}"\n---\n\n${body}\n`;
}

/** Small enough corpora that every term seen twice gets a vector. */
const embedder = new CorpusEmbedder({ learning: { dimensions: 8, minCount: 2 } });

let root: string;
let dataDir: string;
let indexDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corpus-embedder-'));
  dataDir = join(root, 'articles');
  indexDir = join(root, 'index');
  await mkdir(dataDir);
  // The other commune's news teaches the model that "đền bù" and "bồi thường" are used alike.
  for (const [position, sentence] of COMPENSATION_CORPUS.entries()) {
    await writeFile(join(dataDir, `tan-lap-${String(position).padStart(2, '0')}.md`), article(`tan-lap-${position}`, 'Tin xã Tân Lập', sentence, OTHER_WARD));
  }
  // The ward asked about: one passage on compensation (never written "đền bù"), one on office hours.
  await writeFile(join(dataDir, 'a-lich-tiep.md'), article('lich-tiep', 'Lịch tiếp dân', 'Lịch tiếp công dân của phường được niêm yết tại trụ sở.', WARD));
  await writeFile(join(dataDir, 'b-boi-thuong.md'), article('boi-thuong', 'Chi trả tiền', 'Mức bồi thường cho hộ dân có đất bị thu hồi được chi trả trong tháng 9.', WARD));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function firstArticle(retriever: VectorRetriever | LexicalRetriever, question: string): Promise<string | undefined> {
  const [passage] = await retriever.retrieve(question, 1, { defaultPlace: WARD });
  return passage?.article.id;
}

function chunkCount(index: SearchIndex): number {
  return index.articles().reduce((sum, meta) => sum + index.chunkLabels(meta.id).length, 0);
}

describe('CorpusEmbedder through ingest', () => {
  it("finds a passage written with a synonym of the question's word only thanks to the learned vectors", async () => {
    const question = 'Phường đền bù thế nào?';
    const learned = await updateIndex({ dataDir, indexDir, embedder });
    const gazetteer = PlaceGazetteer.fromArticles(learned.index.articles());
    expect(await firstArticle(new VectorRetriever(learned.index, learned.embedder, gazetteer), question)).toBe('boi-thuong');

    const hashing = new HashingEmbedder();
    const hashed = await updateIndex({ dataDir, indexDir: join(root, 'hashed'), embedder: hashing });
    expect(await firstArticle(new VectorRetriever(hashed.index, hashing, gazetteer), question)).toBe('lich-tiep');
    expect(await firstArticle(new LexicalRetriever(hashed.index, gazetteer), question)).toBe('lich-tiep');
  });

  it('saves the learned vectors with the index, so a reopened index embeds questions the same way', async () => {
    const built = await updateIndex({ dataDir, indexDir, embedder });
    expect(built.index.termVectors?.terms.length).toBeGreaterThan(0);
    const reopened = await openIndex(indexDir, embedder);
    const question = 'đền bù giải phóng mặt bằng';
    expect(await embedderFor(reopened, embedder).embedQuery(question)).toEqual(await built.embedder.embedQuery(question));
    await expect(embedder.embedQuery(question)).rejects.toThrow(/no learned term vectors/);
  });

  it('keeps the learned vectors when a few articles are added, and embeds only their chunks', async () => {
    const first = await updateIndex({ dataDir, indexDir, embedder });
    const before = chunkCount(first.index);
    await writeFile(join(dataDir, 'c-moi.md'), article('moi', 'Tin mới', 'Phường ra mắt tổ công nghệ số cộng đồng.', WARD));
    const second = await updateIndex({ dataDir, indexDir, embedder });
    expect(before).toBeGreaterThan(10);
    expect(second.summary).toMatchObject({ added: 1, rebuilt: false, chunksEmbedded: 1 });
    expect(second.index.termVectors?.vectors).toEqual(first.index.termVectors?.vectors);
  });

  it('learns the vectors again and embeds every chunk once more than a tenth of the corpus changed', async () => {
    const first = await updateIndex({ dataDir, indexDir, embedder });
    const before = chunkCount(first.index);
    for (const name of ['c-1', 'c-2', 'c-3']) {
      await writeFile(join(dataDir, `${name}.md`), article(name, 'Tin mới', `Phường ra mắt tổ công nghệ số cộng đồng ${name}.`, WARD));
    }
    const second = await updateIndex({ dataDir, indexDir, embedder });
    expect(second.summary).toMatchObject({ added: 3, rebuilt: false, chunksEmbedded: before + 3 });
    expect(second.index.termVectors).not.toBe(first.index.termVectors);
    expect(second.index.termVectors!.terms.length).toBeGreaterThan(first.index.termVectors!.terms.length);
    // And the vectors stay together with the index they were made for.
    const reopened = await openIndex(indexDir, embedder);
    expect(reopened.termVectors?.terms).toEqual(second.index.termVectors?.terms);
  });

  it('rebuilds an index made by the hashing embedder, saying why', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new HashingEmbedder() });
    const { summary, index } = await updateIndex({ dataDir, indexDir, embedder });
    expect(summary.rebuilt).toBe(true);
    expect(summary.rebuildReason).toMatch(/was built with hashing-v\d-d512.*corpus-v1/);
    expect(index.termVectors).toBeDefined();
    const live = await readdir(indexDir);
    expect(live).toContain('CURRENT');
  });
});
