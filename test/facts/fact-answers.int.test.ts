import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServices, type Services } from '../../src/cli/open-services.js';
import { loadConfig } from '../../src/config.js';

// The whole answering pipeline (place, fact lookup, reader) over the fact fixtures: an older congress article names
// Phạm Văn Cường as chair, a newer one (13/02/2026) the election of Nguyễn Thị Hoa; a same-named ward in Nghệ An.
let workDir: string;
let services: Services;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'hoiphuong-fact-answers-'));
  const config = loadConfig({ DATA_DIR: 'test/fixtures/facts-wards', INDEX_DIR: join(workDir, 'index') });
  services = await openServices(config, { output: new PassThrough(), store: 'none' });
});

afterAll(async () => {
  await services?.close();
  await rm(workDir, { recursive: true, force: true });
});

const ask = (text: string) => services.ask.ask({ text, channel: 'cli' });

describe('answering who holds a ward office from the facts', () => {
  it('follows the newer article for "hiện nay", says its date, names the earlier chair and cites the verbatim sentence', async () => {
    const result = await ask('Chủ tịch UBND phường Đông Hải, tỉnh Thanh Hóa hiện nay là ai?');
    expect(result.answered).toBe(true);
    expect(result.answer).toContain('Theo bài ngày 13/02/2026');
    expect(result.answer).toContain('Nguyễn Thị Hoa');
    expect(result.answer).toContain('Trước đó, bài ngày 20/08/2025 nêu Phạm Văn Cường giữ chức này.');
    expect(result.citations.map((citation) => citation.id)).toEqual(['phuong-dong-hai-bau-chu-tich-2026', 'phuong-dong-hai-dai-hoi-2025']);
    const newest = await readFile('test/fixtures/facts-wards/phuong-dong-hai-bau-chu-tich-2026.md', 'utf8');
    expect(newest).toContain(result.citations[0]?.quote);
    expect(result.citations[0]?.quote).toContain('bầu bà Nguyễn Thị Hoa làm Chủ tịch UBND');
  });

  it('reads the question typed without diacritics too', async () => {
    const result = await ask('chu tich ubnd phuong dong hai thanh hoa bay gio la ai');
    expect(result.answer).toContain('Nguyễn Thị Hoa');
  });

  it('keeps the same-named ward of another province apart', async () => {
    const result = await ask('Bí thư Đảng ủy phường Đông Hải, tỉnh Nghệ An là ai?');
    expect(result.answer).toContain('Hoàng Thị Lan');
    expect(result.citations[0]?.id).toBe('phuong-dong-hai-nghe-an-2025');
    expect(result.answer).not.toContain('Trần Văn Bình');
  });

  it('never names the province official who attended the congress as the ward\'s', async () => {
    const result = await ask('Phó Chủ tịch UBND phường Đông Hải, tỉnh Thanh Hóa là ai?');
    expect(result.answer).not.toContain('Lê Văn Tâm');
  });

  it('answers the ward\'s population from the newest article and says what the older one gave', async () => {
    const result = await ask('Dân số phường Đông Hải, tỉnh Thanh Hóa là bao nhiêu?');
    expect(result.answer).toBe('Theo bài ngày 13/02/2026, dân số phường Đông Hải, tỉnh Thanh Hóa là 66.020 người. Bài ngày 20/08/2025 nêu 65.885 người.');
    expect(result.citations.map((citation) => citation.id)).toEqual(['phuong-dong-hai-bau-chu-tich-2026', 'phuong-dong-hai-dai-hoi-2025']);
    expect(result.citations[0]?.quote).toBe('Theo báo cáo, dân số phường hiện là 66.020 người.');
  });

  it('leaves a narrower figure question (a year, a part of the ward) to the reader', async () => {
    const result = await ask('Dân số phường Đông Hải, tỉnh Thanh Hóa năm 2020 là bao nhiêu?');
    expect(result.answer).not.toMatch(/^Theo bài/);
  });

  it('leaves a question about what the office holder did to the reader', async () => {
    const result = await ask('Chủ tịch UBND phường Đông Hải, tỉnh Thanh Hóa cho biết phường sẽ tập trung vào việc gì?');
    expect(result.answer).not.toMatch(/^Theo bài/);
  });
});

describe('answering from the facts in LLM mode', () => {
  it('answers "hiện nay" from the newest fact without asking the model (which here cannot be reached)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hoiphuong-fact-answers-llm-'));
    // Port 9 (discard) on loopback refuses: any call to the model would fail and the answer would not come from facts.
    const config = loadConfig({ DATA_DIR: 'test/fixtures/facts-wards', INDEX_DIR: join(dir, 'index'), OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    const llm = await openServices(config, { output: new PassThrough(), store: 'none' });
    try {
      const result = await llm.ask.ask({ text: 'Chủ tịch UBND phường Đông Hải, tỉnh Thanh Hóa hiện nay là ai?', channel: 'cli' });
      expect(result.answered).toBe(true);
      expect(result.answer).toContain('Theo bài ngày 13/02/2026');
      expect(result.answer).toContain('Nguyễn Thị Hoa');
    } finally {
      await llm.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
