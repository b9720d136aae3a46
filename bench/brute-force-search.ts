/** A label and its cosine similarity to the query, higher is closer. */
export interface ScoredLabel {
  label: number;
  score: number;
}

/**
 * Exact cosine search: every stored vector (normalised, in one Float32Array) is compared with the query. It is the
 * recall reference for our vector search and the speed of the simplest thing that could work.
 */
export class BruteForceSearch {
  private vectors: Float32Array;
  private readonly labels: number[] = [];
  private rowByLabel: Map<number, number> | undefined;

  constructor(
    readonly dimensions: number,
    capacity = 1_024,
  ) {
    this.vectors = new Float32Array(dimensions * Math.max(1, capacity));
  }

  /** How many vectors are stored. */
  get size(): number {
    return this.labels.length;
  }

  /** Stores a vector under a label (normalised here, so search is a dot product). */
  add(vector: readonly number[], label: number): void {
    if (vector.length !== this.dimensions) {
      throw new RangeError(`Vector has ${vector.length} dimensions; this search holds ${this.dimensions}.`);
    }
    const offset = this.labels.length * this.dimensions;
    if (offset + this.dimensions > this.vectors.length) {
      const grown = new Float32Array(this.vectors.length * 2);
      grown.set(this.vectors);
      this.vectors = grown;
    }
    const scale = inverseNorm(vector);
    for (let index = 0; index < this.dimensions; index++) this.vectors[offset + index] = (vector[index] as number) * scale;
    this.labels.push(label);
  }

  /** The `k` stored vectors most similar to `query`, best first (ties by insertion order). */
  search(query: readonly number[], k: number): ScoredLabel[] {
    const normalised = this.normalise(query);
    const dimensions = this.dimensions;
    const vectors = this.vectors;
    const count = this.labels.length;
    const limit = Math.min(k, count);
    const bestScores = new Float64Array(limit).fill(-Infinity);
    const bestRows = new Int32Array(limit).fill(-1);
    for (let row = 0; row < count; row++) {
      const offset = row * dimensions;
      let sum0 = 0;
      let sum1 = 0;
      let sum2 = 0;
      let sum3 = 0;
      let index = 0;
      for (; index + 3 < dimensions; index += 4) {
        sum0 += (vectors[offset + index] as number) * (normalised[index] as number);
        sum1 += (vectors[offset + index + 1] as number) * (normalised[index + 1] as number);
        sum2 += (vectors[offset + index + 2] as number) * (normalised[index + 2] as number);
        sum3 += (vectors[offset + index + 3] as number) * (normalised[index + 3] as number);
      }
      for (; index < dimensions; index++) sum0 += (vectors[offset + index] as number) * (normalised[index] as number);
      const score = sum0 + sum1 + sum2 + sum3;
      if (limit === 0 || score <= (bestScores[limit - 1] as number)) continue;
      let position = limit - 1;
      while (position > 0 && score > (bestScores[position - 1] as number)) {
        bestScores[position] = bestScores[position - 1] as number;
        bestRows[position] = bestRows[position - 1] as number;
        position--;
      }
      bestScores[position] = score;
      bestRows[position] = row;
    }
    const results: ScoredLabel[] = [];
    for (let position = 0; position < limit; position++) {
      const row = bestRows[position] as number;
      if (row >= 0) results.push({ label: this.labels[row] as number, score: bestScores[position] as number });
    }
    return results;
  }

  /** The exact cosine similarity between `query` and the vector stored under `label` (NaN when none is). */
  similarity(query: readonly number[], label: number): number {
    const row = this.rowOf(label);
    if (row < 0) return Number.NaN;
    const normalised = this.normalise(query);
    let sum = 0;
    for (let index = 0; index < this.dimensions; index++) sum += (this.vectors[row * this.dimensions + index] as number) * (normalised[index] as number);
    return sum;
  }

  private rowOf(label: number): number {
    if (!this.rowByLabel || this.rowByLabel.size !== this.labels.length) {
      this.rowByLabel = new Map(this.labels.map((stored, row) => [stored, row]));
    }
    return this.rowByLabel.get(label) ?? -1;
  }

  private normalise(query: readonly number[]): Float32Array {
    if (query.length !== this.dimensions) {
      throw new RangeError(`Query has ${query.length} dimensions; this search holds ${this.dimensions}.`);
    }
    const scale = inverseNorm(query);
    return Float32Array.from(query, (value) => value * scale);
  }
}

/**
 * Share of the exact top-k that `found` holds, per query, counting a found label whose exact similarity ties the k-th
 * exact score (near-duplicate chunks tie often, and either one is a right answer).
 */
export function tieAwareRecall(exact: BruteForceSearch, queries: ReadonlyArray<readonly number[]>, reference: readonly ScoredLabel[][], found: readonly ScoredLabel[][]): number {
  let hits = 0;
  let wanted = 0;
  queries.forEach((query, position) => {
    const expected = reference[position] ?? [];
    const threshold = (expected[expected.length - 1]?.score ?? Number.NEGATIVE_INFINITY) - 1e-6;
    wanted += expected.length;
    hits += Math.min(expected.length, (found[position] ?? []).filter((hit) => exact.similarity(query, hit.label) >= threshold).length);
  });
  return wanted ? Math.round((hits / wanted) * 1_000) / 1_000 : Number.NaN;
}

/** 1 / ‖vector‖, or 1 for the zero vector (which then matches nothing better than anything else). */
function inverseNorm(vector: readonly number[]): number {
  let sum = 0;
  for (const value of vector) sum += value * value;
  return sum > 0 ? 1 / Math.sqrt(sum) : 1;
}
