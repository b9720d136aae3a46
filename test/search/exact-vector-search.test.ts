import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExactVectorSearch, MemoryVectorRows } from '../../src/search/exact-vector-search.js';
import { readSections, writeSections } from '../../src/search/index-files.js';

const ROWS = [
  [1, 0, 0, 0],
  [0.8, 0.6, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 3, 4],
];

function filled(): ExactVectorSearch {
  const search = new ExactVectorSearch(4, 2);
  ROWS.forEach((row, label) => search.set(label, row));
  return search;
}

describe('ExactVectorSearch', () => {
  it('ranks every stored vector by cosine similarity, best first', () => {
    const hits = filled().search([2, 0, 0, 0], 3);
    expect(hits.map((hit) => hit.label)).toEqual([0, 1, 2]);
    expect(hits[0]!.score).toBeCloseTo(1, 6);
    expect(hits[1]!.score).toBeCloseTo(0.8, 6);
  });

  it('normalises stored vectors, so their length does not matter', () => {
    const [best] = filled().search([0, 0, 0.6, 0.8], 1);
    expect(best).toEqual({ label: 3, score: expect.closeTo(1, 6) as number });
  });

  it('searches only the labels it is given, and never removed ones', () => {
    const search = filled();
    search.remove(0);
    expect(search.search([1, 0, 0, 0], 4).map((hit) => hit.label)).not.toContain(0);
    expect(search.search([1, 0, 0, 0], 4, [0, 2, 3]).map((hit) => hit.label)).toEqual([2, 3]);
  });

  it('round-trips through the index file', async () => {
    const rows = new MemoryVectorRows();
    const search = new ExactVectorSearch(4, 2, rows);
    ROWS.forEach((row, label) => search.set(label, row));
    search.remove(2);
    const folder = await mkdtemp(join(tmpdir(), 'exact-vector-search-'));
    await writeSections(join(folder, 'index.bin'), search.toSections(4));
    const copy = ExactVectorSearch.fromSections(await readSections(join(folder, 'index.bin')), 4, 4, rows);
    await rm(folder, { recursive: true, force: true });
    expect(copy.search([0, 1, 0, 0], 4).map((hit) => hit.label)).toEqual([1, 0, 3]);
    expect(Array.from(copy.vector(1))).toEqual([expect.closeTo(0.8, 6), expect.closeTo(0.6, 6), 0, 0]);
  });

  it('finds the same after its codes are read from the index file straight into the scan memory', async () => {
    const rows = new MemoryVectorRows();
    const search = new ExactVectorSearch(4, 2, rows);
    ROWS.forEach((row, label) => search.set(label, row));
    search.remove(2);
    const folder = await mkdtemp(join(tmpdir(), 'exact-vector-search-'));
    await writeSections(join(folder, 'index.bin'), search.toSections(4));
    const loaded = new ExactVectorSearch(4, 4, rows);
    const sections = await readSections(join(folder, 'index.bin'), { targets: (name, bytes) => (name === 'vectorCodes' && bytes === 16 ? loaded.codeTargets(4) : undefined) });
    await rm(folder, { recursive: true, force: true });
    expect(sections.has('vectorCodes')).toBe(false);
    const copy = ExactVectorSearch.fromSections(sections, 4, 4, rows, loaded);
    for (const query of [[0, 1, 0, 0], [1, 0, 0, 0], [0.5, 0.5, 0.1, 0]]) {
      expect(copy.search(query, 4)).toEqual(search.search(query, 4));
    }
  });

  it('tells apart vectors closer than its 8-bit codes can, by rescoring with the full vectors', () => {
    const search = new ExactVectorSearch(2);
    search.set(0, [1, 0.001]);
    search.set(1, [1, 0.002]);
    expect(search.search([0, 1], 1).map((hit) => hit.label)).toEqual([1]);
  });

  it('finds the same top 10 as a full-precision scan over many similar vectors, with SIMD or JavaScript', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const dimensions = 64;
    const vectors = Array.from({ length: 2_000 }, () => Array.from({ length: dimensions }, () => 1 + random() * 0.05));
    const search = new ExactVectorSearch(dimensions);
    const javascript = new ExactVectorSearch(dimensions, 1024, undefined, false);
    vectors.forEach((vector, label) => {
      search.set(label, vector);
      javascript.set(label, vector);
    });
    const cosine = (left: number[], right: number[]) => {
      let dot = 0;
      let leftNorm = 0;
      let rightNorm = 0;
      left.forEach((value, dimension) => {
        dot += value * right[dimension]!;
        leftNorm += value * value;
        rightNorm += right[dimension]! * right[dimension]!;
      });
      return dot / Math.sqrt(leftNorm * rightNorm);
    };
    for (let question = 0; question < 5; question += 1) {
      const query = Array.from({ length: dimensions }, () => random());
      const expected = vectors
        .map((vector, label) => ({ label, score: cosine(query, vector) }))
        .sort((left, right) => right.score - left.score || left.label - right.label)
        .slice(0, 10)
        .map((hit) => hit.label);
      expect(search.search(query, 10).map((hit) => hit.label)).toEqual(expected);
      expect(javascript.search(query, 10).map((hit) => hit.label)).toEqual(expected);
    }
  });

  it('prices a search by the non-zero dimensions of the query', () => {
    expect(ExactVectorSearch.cost([0, 1, 0, 2], 1000)).toBe(2000);
  });

  it('rejects a vector of the wrong dimension', () => {
    expect(() => new ExactVectorSearch(4).set(0, [1, 2])).toThrow(/4-dimension/);
  });
});
