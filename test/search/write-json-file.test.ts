import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeJsonFile } from '../../src/search/index-files.js';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'write-json-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('writeJsonFile', () => {
  it('writes the same text as JSON.stringify, item by item, for a manifest larger than one write', async () => {
    const articles = Array.from({ length: 5_000 }, (_, index) => ({ id: `bai-${index}`, title: `Phường Bắc Hiệp số ${index} — “đô thị”`, published: index % 2 ? '2025-08-15' : undefined }));
    const value = { format: 5, embedder: { name: 'hashing', dimensions: 512 }, articles, files: [], skipped: undefined, empty: [undefined], checksums: { 'index.bin': 'xxh64:1' } };
    const path = join(folder, 'manifest.json');
    await writeJsonFile(path, value);
    const text = await readFile(path, 'utf8');
    expect(text).toBe(JSON.stringify(value));
    expect(JSON.parse(text).articles[4_999].title).toBe('Phường Bắc Hiệp số 4999 — “đô thị”');
  });

  it('writes an empty object as {}', async () => {
    const path = join(folder, 'empty.json');
    await writeJsonFile(path, {});
    expect(await readFile(path, 'utf8')).toBe('{}');
  });
});
