import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VectorIndex } from '../../src/search/vector-index.js';

const DIMENSIONS = 16;

/** Deterministic pseudo-random unit vectors. */
function vectors(count: number, seed = 1): number[][] {
  let state = seed;
  const next = (): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const vector = Array.from({ length: DIMENSIONS }, next);
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  });
}

let folder: string | undefined;
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

describe('VectorIndex', () => {
  it('finds a stored vector first with cosine similarity 1', () => {
    const points = vectors(50);
    const index = VectorIndex.create(DIMENSIONS, 8);
    points.forEach((vector, label) => index.add(label + 100, vector));
    const [best] = index.search(points[7]!, 3);
    expect(best?.label).toBe(107);
    expect(best?.score).toBeCloseTo(1, 5);
    expect(index.count).toBe(50);
  });

  it('accepts typed arrays and grows past its initial capacity', () => {
    const index = VectorIndex.create(DIMENSIONS, 1);
    vectors(20).forEach((vector, label) => index.add(label, Float32Array.from(vector)));
    expect(index.count).toBe(20);
  });

  it('never returns a removed vector', () => {
    const points = vectors(30);
    const index = VectorIndex.create(DIMENSIONS, 30);
    points.forEach((vector, label) => index.add(label, vector));
    index.remove(4);
    const labels = index.search(points[4]!, 30).map((hit) => hit.label);
    expect(labels).not.toContain(4);
    expect(labels.length).toBeGreaterThan(0);
  });

  it('keeps only the labels a filter accepts', () => {
    const points = vectors(40);
    const index = VectorIndex.create(DIMENSIONS, 40);
    points.forEach((vector, label) => index.add(label, vector));
    const hits = index.search(points[3]!, 5, (label) => label % 2 === 0);
    expect(hits.length).toBe(5);
    expect(hits.every((hit) => hit.label % 2 === 0)).toBe(true);
  });

  it('searches the same after save and load, with its search breadth set again', async () => {
    const points = vectors(200);
    const index = VectorIndex.create(DIMENSIONS, 200, { ef: 200 });
    points.forEach((vector, label) => index.add(label, vector));
    index.remove(10);
    folder = await mkdtemp(join(tmpdir(), 'vectors-'));
    const path = join(folder, 'graph.hnsw');
    index.save(path);
    const loaded = VectorIndex.load(path, DIMENSIONS, { ef: 200 });
    expect(loaded.count).toBe(200);
    for (const query of vectors(5, 99)) expect(loaded.search(query, 10)).toEqual(index.search(query, 10));
    expect(loaded.search(points[10]!, 10).map((hit) => hit.label)).not.toContain(10);
  });

  it('reports an unreadable file as a damaged index', async () => {
    folder = await mkdtemp(join(tmpdir(), 'vectors-'));
    const path = join(folder, 'graph.hnsw');
    await writeFile(path, 'not a graph');
    expect(() => VectorIndex.load(path, DIMENSIONS)).toThrow(expect.objectContaining({ code: 'index-corrupt' }));
  });

  it('returns nothing from an empty index', () => {
    expect(VectorIndex.create(DIMENSIONS, 4).search(vectors(1)[0]!, 5)).toEqual([]);
  });
});
