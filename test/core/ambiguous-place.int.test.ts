import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAskService } from '../../src/core/ask-service.js';
import type { AskService } from '../../src/core/ports.js';
import { HashingEmbedder } from '../../src/search/hashing-embedder.js';
import { HybridRetriever } from '../../src/search/hybrid-retriever.js';
import { PlaceGazetteer } from '../../src/search/place-gazetteer.js';
import { updateIndex } from '../../src/search/search-index.js';

const article = (id: string, place: string, title: string, body: string) =>
  `---\nid: ${id}\ntitle: "${title}"\nsource_url: https://example.gov.vn/${id}\npublished: 2025-09-06\nplace: "${place}"\n---\n\n${body}\n`;

let root: string;
let service: AskService;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ambiguous-place-'));
  const dataDir = join(root, 'articles');
  await mkdir(dataDir);
  await writeFile(
    join(dataDir, 'truong-hoc.md'),
    article(
      'xa-phu-lam-bac-giang-truong-hoc',
      'xã Phú Lâm, tỉnh Bắc Giang',
      'Xã Phú Lâm khánh thành trường học mới',
      'Sáng 5/9/2025, xã Phú Lâm khánh thành Trường Tiểu học Phú Lâm 3 với tổng mức đầu tư 18,6 tỷ đồng. Hiệu trưởng nhà trường là cô Đinh Thị Huyền.',
    ),
  );
  await writeFile(
    join(dataDir, 'dai-hoi.md'),
    article(
      'xa-phu-lam-quang-tri-dai-hoi',
      'xã Phú Lâm, tỉnh Quảng Trị',
      'Đại hội Đảng bộ xã Phú Lâm',
      'Đảng bộ xã Phú Lâm tổ chức Đại hội lần thứ I. Đồng chí Lê Văn Sáu được bầu làm Bí thư Đảng ủy xã.',
    ),
  );
  const embedder = new HashingEmbedder();
  const { index } = await updateIndex({ dataDir, indexDir: join(root, 'index'), embedder });
  const gazetteer = PlaceGazetteer.fromArticles(index.articles());
  service = createAskService({ retriever: new HybridRetriever(index, embedder, gazetteer), places: gazetteer, log: () => {} });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a name two provinces share', () => {
  it('answers about a school named after the place when only one of the places has it', async () => {
    const result = await service.ask({ text: 'Trường Tiểu học Phú Lâm 3 có tổng mức đầu tư bao nhiêu?', channel: 'cli' });
    expect(result.answered).toBe(true);
    expect(result.answer).toContain('18,6 tỷ đồng');
    expect(result.citations[0]?.id).toBe('xa-phu-lam-bac-giang-truong-hoc');
  });

  it('still asks which province when the question names the commune itself', async () => {
    const result = await service.ask({ text: 'Bí thư Đảng ủy xã Phú Lâm là ai?', channel: 'cli' });
    expect(result).toMatchObject({ answered: false, reason: 'ambiguous-place' });
  });

  it('asks which province when the shared name stands alone, capitalised, with no unit word', async () => {
    const result = await service.ask({ text: 'ad ơi Phú Lâm bầu ai làm bí thư vậy?', channel: 'cli' });
    expect(result).toMatchObject({ answered: false, reason: 'ambiguous-place' });
  });

  it('asks which province when an English question names the place after "of", with no unit word', async () => {
    const result = await service.ask({ text: 'Who was elected at the Party congress of Phu Lam?', channel: 'cli' });
    expect(result).toMatchObject({ answered: false, reason: 'ambiguous-place' });
  });
});
