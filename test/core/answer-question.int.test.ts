import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAskService } from '../../src/core/ask-service.js';
import { HashingEmbedder } from '../../src/search/hashing-embedder.js';
import { HybridRetriever } from '../../src/search/hybrid-retriever.js';
import { PlaceGazetteer } from '../../src/search/place-gazetteer.js';
import { updateIndex } from '../../src/search/search-index.js';
import type { AskService } from '../../src/core/ports.js';

let indexDir: string;
let service: AskService;

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'hoiphuong-answer-'));
  const embedder = new HashingEmbedder();
  const { index } = await updateIndex({ dataDir: 'test/fixtures/similar-wards', indexDir, embedder });
  const gazetteer = PlaceGazetteer.fromArticles(index.articles());
  service = createAskService({ retriever: new HybridRetriever(index, embedder, gazetteer), places: gazetteer, log: () => {} });
});

afterAll(async () => {
  await rm(indexDir, { recursive: true, force: true });
});

const ask = (text: string) => service.ask({ text, channel: 'cli' });

describe('answering from similar articles of different wards', () => {
  it('answers from the ward and city the question names, quoting the article exactly', async () => {
    const hanoi = await ask('Bí thư Đảng ủy phường Tân An (Hà Nội) là ai?');
    expect(hanoi.answered).toBe(true);
    expect(hanoi.answer).toContain('Trần Minh Khoa');
    expect(hanoi.citations[0]?.id).toBe('phuong-tan-an-ha-noi-2025');
    const canTho = await ask('phuong tan an can tho co bao nhieu dang vien');
    expect(canTho.answer).toContain('1.875');
    expect(canTho.answer).not.toContain('1.320');
    expect(canTho.citations[0]?.id).toBe('phuong-tan-an-can-tho-2025');
  });

  it('asks which city when two wards share the name and none is given', async () => {
    const result = await ask('Bí thư phường Tân An là ai?');
    expect(result.answered).toBe(false);
    expect(result.reason).toBe('ambiguous-place');
    expect(result.answer).toContain('Cần Thơ');
  });

  it('does not answer a deputy when the question asks for the secretary', async () => {
    const result = await ask('Bí thư Đảng ủy phường Tân An, TP Cần Thơ là ai?');
    expect(result.answer).toContain('Huỳnh Văn Tấn');
  });

  it('refuses when the ward’s articles do not hold the fact', async () => {
    const population = await ask('Dân số phường Tân An (Hà Nội) là bao nhiêu?');
    expect(population.answered).toBe(false);
    const otherYear = await ask('Tổng thu ngân sách năm 2026 của phường Tân An, Hà Nội là bao nhiêu?');
    expect(otherYear.answered).toBe(false);
    const unknownWard = await ask('Bí thư phường Bến Nghé là ai?');
    expect(unknownWard).toMatchObject({ answered: false, reason: 'wrong-place' });
  });

  it('answers which ward a former commune joined from the article of the ward it joined', async () => {
    const result = await ask('Xã Phú Xuân cũ nay được sáp nhập vào xã nào?');
    expect(result.answered).toBe(true);
    expect(result.answer).toContain('Bình Minh');
    expect(result.citations[0]?.id).toBe('xa-binh-minh-2025');
  });

  it('answers English questions with English framing and the fact as written', async () => {
    const result = await ask('Who is the chairman of the people’s committee of Binh Minh commune?');
    expect(result.answered).toBe(true);
    expect(result.language).toBe('en');
    expect(result.answer).toMatch(/^According to/);
    expect(result.answer).toContain('Đặng Quốc Việt');
  });

  it('answers merger questions asked in everyday words', async () => {
    const result = await ask('xã bình minh gộp từ những xã nào vậy?');
    expect(result.answer).toContain('Hòa Lạc');
    expect(result.answer).toContain('Phú Xuân');
  });
});
