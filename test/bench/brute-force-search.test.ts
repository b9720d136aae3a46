import { describe, expect, it } from 'vitest';
import { BruteForceSearch, tieAwareRecall } from '../../bench/brute-force-search.js';
import { SeededRandom } from '../../bench/seeded-random.js';

describe('BruteForceSearch', () => {
  const random = new SeededRandom(3);
  const dimensions = 37;
  const vectors = Array.from({ length: 500 }, () => Array.from({ length: dimensions }, () => random.next() - 0.5));
  const search = new BruteForceSearch(dimensions, 8);
  vectors.forEach((vector, index) => search.add(vector, 1_000 + index));

  const cosine = (left: number[], right: number[]) => {
    let dot = 0;
    let leftNorm = 0;
    let rightNorm = 0;
    left.forEach((value, index) => {
      dot += value * (right[index] as number);
      leftNorm += value * value;
      rightNorm += (right[index] as number) ** 2;
    });
    return dot / Math.sqrt(leftNorm * rightNorm);
  };

  it('returns the exact nearest neighbours by cosine, best first, under their labels', () => {
    const query = Array.from({ length: dimensions }, () => random.next() - 0.5);
    const expected = vectors
      .map((vector, index) => ({ label: 1_000 + index, score: cosine(query, vector) }))
      .sort((left, right) => right.score - left.score)
      .slice(0, 10);
    const found = search.search(query, 10);
    expect(found.map((hit) => hit.label)).toEqual(expected.map((hit) => hit.label));
    found.forEach((hit, index) => expect(hit.score).toBeCloseTo(expected[index]?.score ?? 0, 5));
    expect(search.similarity(query, found[0]?.label ?? -1)).toBeCloseTo(found[0]?.score ?? 0, 6);
  });

  it('grows past its initial capacity and returns no more than it holds', () => {
    expect(search.size).toBe(500);
    const small = new BruteForceSearch(2, 1);
    small.add([1, 0], 1);
    small.add([0, 1], 2);
    expect(small.search([1, 0.1], 5).map((hit) => hit.label)).toEqual([1, 2]);
  });

  it('rejects vectors of another dimension', () => {
    expect(() => search.add([1, 2], 1)).toThrow(/2 dimensions/);
  });

  it('counts a found label that ties the k-th exact score as recalled, and a worse one as missed', () => {
    const ties = new BruteForceSearch(2, 4);
    ties.add([1, 0], 1);
    ties.add([0, 1], 2);
    ties.add([0, 1], 3);
    ties.add([-1, 0], 4);
    const query = [1, 1];
    const reference = [ties.search(query, 2)];
    expect(tieAwareRecall(ties, [query], reference, [[{ label: 1, score: 0 }, { label: 3, score: 0 }]])).toBe(1);
    expect(tieAwareRecall(ties, [query], reference, [[{ label: 1, score: 0 }, { label: 4, score: 0 }]])).toBe(0.5);
  });
});
