import { describe, expect, it } from 'vitest';
import { ExactVectorSearch } from '../../src/search/exact-vector-search.js';

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

  it('round-trips through rows, the layout the index file keeps', () => {
    const search = filled();
    const copy = ExactVectorSearch.fromRows(search.toRows(4), 4, (label) => label !== 2);
    expect(copy.search([0, 1, 0, 0], 4).map((hit) => hit.label)).toEqual([1, 0, 3]);
    expect(Array.from(copy.vector(1))).toEqual([expect.closeTo(0.8, 6), expect.closeTo(0.6, 6), 0, 0]);
  });

  it('prices a search by the non-zero dimensions of the query', () => {
    expect(ExactVectorSearch.cost([0, 1, 0, 2], 1000)).toBe(2000);
  });

  it('rejects a vector of the wrong dimension', () => {
    expect(() => new ExactVectorSearch(4).set(0, [1, 2])).toThrow(/4-dimension/);
  });
});
