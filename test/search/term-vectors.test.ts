import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSections, writeSections } from '../../src/search/index-files.js';
import { randomizedSvd, symmetricEigen } from '../../src/search/randomized-svd.js';
import { TermVectors } from '../../src/search/term-vectors.js';
import { COMPENSATION_CORPUS } from './paraphrase-corpus.js';

function cosine(left: ArrayLike<number>, right: ArrayLike<number>): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index += 1) {
    dot += left[index]! * right[index]!;
    leftNorm += left[index]! ** 2;
    rightNorm += right[index]! ** 2;
  }
  return leftNorm && rightNorm ? dot / Math.sqrt(leftNorm * rightNorm) : 0;
}

const OPTIONS = { dimensions: 8, minCount: 2 };

describe('TermVectors', () => {
  const model = TermVectors.learn(() => COMPENSATION_CORPUS, OPTIONS);

  it('puts two words used in the same contexts closer than words used elsewhere', () => {
    const compensation = model.vector('bồi thường')!;
    const synonym = model.vector('đền bù')!;
    const unrelated = model.vector('chấp hành')!;
    expect(compensation).toBeDefined();
    expect(cosine(compensation, synonym)).toBeGreaterThan(0.8);
    expect(cosine(compensation, synonym)).toBeGreaterThan(cosine(compensation, unrelated) + 0.5);
  });

  it('embeds a text so that a paraphrase lands near it and an unrelated text does not', () => {
    const target = model.embed('Mức bồi thường cho hộ dân');
    expect(cosine(model.embed('đền bù cho hộ dân'), target)).toBeGreaterThan(cosine(model.embed('bầu ban chấp hành'), target) + 0.3);
  });

  it('learns the same vectors from the same texts every time', () => {
    const again = TermVectors.learn(() => COMPENSATION_CORPUS, OPTIONS);
    expect(again.terms).toEqual(model.terms);
    expect(again.vectors).toEqual(model.vectors);
    expect(again.weights).toEqual(model.weights);
  });

  it('reads back exactly what it saved', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'term-vectors-'));
    try {
      await writeSections(join(folder, 'terms.bin'), model.toSections());
      const loaded = TermVectors.fromSections(await readSections(join(folder, 'terms.bin')));
      expect(loaded.terms).toEqual(model.terms);
      expect(loaded.vectors).toEqual(model.vectors);
      expect(loaded.stats).toEqual(model.stats);
      expect(loaded.embed('đền bù giải phóng mặt bằng')).toEqual(model.embed('đền bù giải phóng mặt bằng'));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('treats a word typed without diacritics as the same term', () => {
    expect(model.row('den bu')).toBe(model.row('đền bù'));
    expect(model.row('đền bù')).toBeGreaterThanOrEqual(0);
  });

  it('gives a corpus too small to learn from a model whose embeddings are zeros, at the requested length', () => {
    const tiny = TermVectors.learn(() => ['Một câu.'], OPTIONS);
    expect(tiny.terms).toEqual([]);
    expect([...tiny.embed('Một câu')]).toEqual(new Array(8).fill(0));
  });

  it('rejects damaged saved vectors with a rebuild hint', () => {
    expect(() => TermVectors.fromSections(new Map())).toThrow(/hoiphuong ingest/);
  });
});

describe('randomizedSvd', () => {
  it('finds the singular values and left vectors of a known matrix', () => {
    // Rows 0..2 of a 3 × 4 matrix with singular values 5, 3, 1 on distinct columns.
    const matrix = {
      rows: 3,
      columns: 4,
      rowStarts: Uint32Array.from([0, 1, 2, 3]),
      columnIndices: Uint32Array.from([2, 0, 3]),
      values: Float32Array.from([3, 5, 1]),
    };
    const svd = randomizedSvd(matrix, { rank: 2, seed: 1 });
    expect([...svd.values].map((value) => Number(value.toFixed(6)))).toEqual([5, 3]);
    expect(Math.abs(svd.left[1 * 2 + 0]!)).toBeCloseTo(1, 6);
    expect(Math.abs(svd.left[0 * 2 + 1]!)).toBeCloseTo(1, 6);
  });

  it('diagonalises a symmetric matrix with eigenvalues largest first', () => {
    const { values } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect([...values].map((value) => Number(value.toFixed(9)))).toEqual([3, 1]);
  });
});
