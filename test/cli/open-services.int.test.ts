import { PassThrough } from 'node:stream';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openServices } from '../../src/cli/open-services.js';
import { HashingEmbedder } from '../../src/search/hashing-embedder.js';
import { withIndexLock } from '../../src/search/index-lock.js';
import { updateIndex } from '../../src/search/search-index.js';

function article(id: string, title: string, body: string): string {
  return `---\nid: ${id}\ntitle: "${title}"\nsource_url: https://example.gov.vn/${id}\npublished: 2025-08-15\nplace: "phường Thử Nghiệm, TP Hải Phòng"\n---\n\n${body}\n`;
}

let root: string;
let dataDir: string;
let indexDir: string;
const output = new PassThrough().resume();

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'open-services-'));
  dataDir = join(root, 'articles');
  indexDir = join(root, 'index');
  await mkdir(dataDir);
  await writeFile(join(dataDir, 'bi-thu.md'), article('bi-thu', 'Đại hội Đảng bộ phường Thử Nghiệm', 'Đồng chí Trần Văn Bình được bầu làm Bí thư Đảng ủy phường nhiệm kỳ 2025 - 2030.'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('openServices with a background ingest (serve)', () => {
  it('answers from the previous index while the update runs, then from the new one', async () => {
    await updateIndex({ dataDir, indexDir, embedder: new HashingEmbedder() });
    await writeFile(join(dataDir, 'dan-so.md'), article('dan-so', 'Dân số phường Thử Nghiệm', 'Phường Thử Nghiệm có dân số 45.000 người sau sắp xếp.'));
    const config = loadConfig({ DATA_DIR: dataDir, INDEX_DIR: indexDir, DATABASE_PATH: join(root, 'store.sqlite') });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let services: Awaited<ReturnType<typeof openServices>> | undefined;
    // Another update holds the index while the server starts: a long ingest, as far as the server can tell.
    await withIndexLock(indexDir, async () => {
      services = await openServices(config, { output, store: 'required', ingest: 'background' });
      expect(services.ingest).toBeUndefined();
      expect(services.index.articles().map((meta) => meta.id)).toEqual(['bi-thu']);
      const answer = await services.ask.ask({ text: 'Bí thư Đảng ủy phường Thử Nghiệm là ai?', channel: 'http' });
      expect(answer).toMatchObject({ answered: true });
      expect(answer.answer).toContain('Trần Văn Bình');
      release();
    });
    await released;
    const summary = await services!.ready;
    expect(summary).toMatchObject({ added: 1, unchanged: 1 });
    expect(services!.index.articles().map((meta) => meta.id).sort()).toEqual(['bi-thu', 'dan-so']);
    const answer = await services!.ask.ask({ text: 'Dân số phường Thử Nghiệm là bao nhiêu?', channel: 'http' });
    expect(answer.answer).toContain('45.000');
    await services!.close();
  });

  it('builds the index before answering when there is none to answer from', async () => {
    const config = loadConfig({ DATA_DIR: dataDir, INDEX_DIR: indexDir, DATABASE_PATH: join(root, 'store.sqlite') });
    const services = await openServices(config, { output, store: 'required', ingest: 'background' });
    expect(services.ingest).toMatchObject({ added: 1, rebuilt: true });
    expect(services.index.articles()).toHaveLength(1);
    await services.close();
  });
});
