import { describe, expect, it } from 'vitest';
import { CodeColumns } from '../../src/search/code-columns.js';

/** Fills every column with seeded codes in −127..127 for `labels` labels. */
function filled(columns: CodeColumns, labels: number, seed = 11): void {
  let state = seed;
  for (let dimension = 0; dimension < columns.dimensions; dimension += 1) {
    for (let label = 0; label < labels; label += 1) {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      columns.column(dimension)[label] = (state % 255) - 127;
    }
  }
}

function expectedScores(columns: CodeColumns, query: number[], labels: number): number[] {
  return Array.from({ length: labels }, (_, label) => query.reduce((sum, weight, dimension) => sum + weight * columns.column(dimension)[label]!, 0));
}

describe('CodeColumns', () => {
  it('runs the scan as WebAssembly SIMD on this Node', () => {
    expect(new CodeColumns(8, 100).simd).toBe(true);
  });

  for (const simd of [true, false]) {
    it(`adds up the weighted codes of the query's dimensions for every label (${simd ? 'SIMD' : 'JavaScript'})`, () => {
      const labels = 37; // not a multiple of the 16 SIMD lanes
      const columns = new CodeColumns(6, labels, { simd });
      filled(columns, labels);
      const query = [0.5, 0, -1.25, 0, 2, 0.125];
      const scores = columns.scan(query, [0, 2, 4, 5], labels);
      const expected = expectedScores(columns, query, labels);
      for (let label = 0; label < labels; label += 1) expect(scores[label]).toBeCloseTo(expected[label]!, 3);
    });

    it(`keeps every code when it grows (${simd ? 'SIMD' : 'JavaScript'})`, () => {
      const columns = new CodeColumns(5, 20, { simd });
      filled(columns, 20);
      const before = Array.from({ length: 5 }, (_, dimension) => Array.from(columns.column(dimension).subarray(0, 20)));
      columns.grow(5_000);
      expect(columns.capacity).toBeGreaterThanOrEqual(5_000);
      for (let dimension = 0; dimension < 5; dimension += 1) {
        expect(Array.from(columns.column(dimension).subarray(0, 20))).toEqual(before[dimension]);
        expect(columns.column(dimension).subarray(20).every((code) => code === 0)).toBe(true);
      }
    });
  }
});
