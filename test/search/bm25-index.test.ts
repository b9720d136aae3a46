import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/search/bm25-index.js';
import { readSections, writeSections } from '../../src/search/index-files.js';
import { lexicalTerms, queryTerms } from '../../src/search/lexical-terms.js';

const DOCUMENTS = [
  'Đồng chí Lê Văn Hùng được bầu giữ chức Bí thư Đảng ủy phường An Hải.',
  'Dân số của phường Hòa Bình là 45.000 người, diện tích 12 km2.',
  'Điểm tiếp nhận hồ sơ hành chính của phường mở cửa từ thứ Hai đến thứ Sáu.',
  'Ngân sách phường năm 2025 được điều chỉnh tăng 3 tỷ đồng.',
];

function indexOf(documents: readonly string[]): Bm25Index {
  const index = new Bm25Index();
  documents.forEach((text, label) => index.add(label, lexicalTerms(text)));
  return index;
}

let folder: string | undefined;
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

describe('Bm25Index', () => {
  it('ranks the document that answers the question first', () => {
    const index = indexOf(DOCUMENTS);
    expect(index.search(queryTerms('Bí thư Đảng ủy phường An Hải là ai?'), 2)[0]?.label).toBe(0);
    expect(index.search(queryTerms('dan so phuong hoa binh'), 2)[0]?.label).toBe(1);
    expect(index.search(queryTerms('nộp hồ sơ ở đâu'), 2)[0]?.label).toBe(2);
  });

  it('returns at most k hits, best first, and nothing for unknown words', () => {
    const index = indexOf(DOCUMENTS);
    const hits = index.search(queryTerms('phường'), 3);
    expect(hits).toHaveLength(3);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
    expect(index.search(queryTerms('xyzzy'), 3)).toEqual([]);
  });

  it('never returns a removed document', () => {
    const index = indexOf(DOCUMENTS);
    index.remove(1);
    expect(index.size).toBe(3);
    expect(index.search(queryTerms('dân số Hòa Bình'), 4).map((hit) => hit.label)).not.toContain(1);
  });

  it('can reuse a removed label without reviving its old terms', () => {
    const index = indexOf(DOCUMENTS);
    index.remove(1);
    index.add(1, lexicalTerms('Lịch tiếp công dân của Chủ tịch UBND phường.'));
    expect(index.search(queryTerms('45.000 km2'), 4).map((hit) => hit.label)).not.toContain(1);
    expect(index.search(queryTerms('lịch tiếp công dân'), 1)[0]?.label).toBe(1);
  });

  it('keeps only the labels a filter accepts', () => {
    const index = indexOf(DOCUMENTS);
    const hits = index.search(queryTerms('phường'), 4, { filter: (label) => label % 2 === 1 });
    expect(hits.map((hit) => hit.label).sort()).toEqual([1, 3]);
  });

  it('scores only listed documents the same as filtering to them', () => {
    const index = indexOf(DOCUMENTS);
    index.remove(3);
    for (const question of ['phường', 'Bí thư An Hải', 'ngân sách', 'dân số']) {
      const query = queryTerms(question);
      expect(index.search(query, 4, { only: [1, 2, 3] })).toEqual(index.search(query, 4, { filter: (label) => label >= 1 }));
    }
  });

  it('gives the same results after a save and load round trip, and keeps indexing after it', async () => {
    const index = indexOf(DOCUMENTS);
    index.remove(3);
    folder = await mkdtemp(join(tmpdir(), 'bm25-'));
    const path = join(folder, 'bm25.bin');
    await writeSections(path, index.toSections());
    const loaded = Bm25Index.fromSections(await readSections(path));
    for (const question of ['Bí thư An Hải', 'dan so', 'ngân sách 2025', 'hồ sơ']) {
      expect(loaded.search(queryTerms(question), 4)).toEqual(index.search(queryTerms(question), 4));
    }
    loaded.add(7, lexicalTerms('Ngân sách xã được phân bổ lại.'));
    expect(loaded.search(queryTerms('ngân sách'), 4).map((hit) => hit.label)).toEqual([7]);
  });

  it('refuses to load postings that do not fit together', async () => {
    const sections = new Map(Object.entries(indexOf(DOCUMENTS).toSections()));
    sections.set('bm25Postings', new Uint32Array(3));
    expect(() => Bm25Index.fromSections(sections)).toThrow(/rebuild/);
  });
});

describe('Bm25Index after loading', () => {
  it('counts repeated terms of documents added after a load', async () => {
    const index = indexOf(DOCUMENTS);
    const loaded = Bm25Index.fromSections(new Map(Object.entries(index.toSections())));
    loaded.add(9, lexicalTerms('phường phường phường ngân sách'));
    loaded.add(10, lexicalTerms('phường ngân sách'));
    const hits = loaded.search(queryTerms('phường'), 2);
    expect(hits.map((hit) => hit.label)).toEqual([9, 10]);
  });
});

describe('Bm25Index pruning', () => {
  /** Plain BM25 over every posting, the reference the pruned search must match. */
  function reference(documents: readonly string[][], query: ReturnType<typeof queryTerms>, k: number): number[] {
    const average = documents.reduce((sum, terms) => sum + terms.length, 0) / documents.length;
    const scores = documents.map((terms) =>
      query.reduce((sum, { term, weight }) => {
        const tf = terms.filter((candidate) => candidate === term).length;
        const frequency = documents.filter((other) => other.includes(term)).length;
        if (tf === 0) return sum;
        const idf = Math.log(1 + (documents.length - frequency + 0.5) / (frequency + 0.5));
        return sum + (weight * idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * terms.length) / average));
      }, 0),
    );
    return scores
      .map((score, label) => ({ label, score }))
      .filter((hit) => hit.score > 0)
      .sort((left, right) => right.score - left.score || left.label - right.label)
      .slice(0, k)
      .map((hit) => hit.label);
  }

  it('ranks exactly like plain BM25 when common terms are only looked up for documents found by rare ones', () => {
    const wards = ['An Hải', 'Hòa Bình', 'Thạch Khôi', 'Kinh Môn', 'Hạc Thành'];
    const documents = Array.from({ length: 600 }, (_, position) => {
      const ward = wards[position % wards.length]!;
      const extra = position % 7 === 0 ? ' Bí thư Đảng ủy phường được bầu.' : ' Dân số phường tăng.';
      return lexicalTerms(`Đảng bộ phường ${ward} tổ chức đại hội lần thứ ${position % 3}.${extra}${' phường'.repeat(position % 4)}`);
    });
    const index = new Bm25Index();
    documents.forEach((terms, label) => index.add(label, terms));
    for (const question of ['Bí thư Đảng ủy phường An Hải', 'dân số phường Kinh Môn', 'đại hội đảng bộ phường', 'phường']) {
      const query = queryTerms(question);
      expect(index.search(query, 10).map((hit) => hit.label)).toEqual(reference(documents, query, 10));
    }
  });
});
