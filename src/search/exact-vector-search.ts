import { ChatbotError } from '../core/errors.js';
import type { Section, SectionParts } from './index-files.js';
import type { RandomAccessFile } from './random-access-file.js';
import type { Hit } from './hit.js';
import { CodeColumns } from './code-columns.js';
import { TopHits } from './top-hits.js';

/** Largest magnitude of an 8-bit code. */
const CODE_LIMIT = 127;
/**
 * Candidates of the 8-bit scan rescored with the full-precision vectors: the scan's error (under 1 % of a score) only
 * reorders near-ties, which this margin keeps in.
 */
function rescoredCount(k: number): number {
  return Math.max(2 * k, k + 48);
}

/** Where the full-precision unit vectors live, row `label`: read back only to rescore a search's best candidates. */
export interface VectorRows {
  read(label: number, into: Float32Array): void;
  write(label: number, vector: Float32Array): void;
}

/** Vector rows in memory, for indexes that are never saved and for tests. */
export class MemoryVectorRows implements VectorRows {
  private rows: Float32Array[] = [];

  read(label: number, into: Float32Array): void {
    const row = this.rows[label];
    if (row) into.set(row);
    else into.fill(0);
  }

  write(label: number, vector: Float32Array): void {
    this.rows[label] = Float32Array.from(vector);
  }
}

/** Vector rows in a file (row-major float32, row `label` at byte label × dimensions × 4). */
export class FileVectorRows implements VectorRows {
  constructor(
    public file: RandomAccessFile,
    private readonly dimensions: number,
  ) {}

  /** Rows the file holds. */
  get count(): number {
    return Math.floor(this.file.size / (this.dimensions * 4));
  }

  read(label: number, into: Float32Array): void {
    this.file.readInto(new Uint8Array(into.buffer, into.byteOffset, into.byteLength), label * this.dimensions * 4);
  }

  write(label: number, vector: Float32Array): void {
    this.file.write(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength), label * this.dimensions * 4);
  }
}

/**
 * Exact cosine search over unit vectors. In memory each vector is kept as 8-bit codes with a scale, stored by dimension
 * (`CodeColumns`, scanned with WebAssembly SIMD), so a query touches only the columns where it is non-zero: a sparse
 * query (the hashing embedder's, a few dozen non-zero dimensions) scans 100k chunks in about a millisecond. The best candidates of
 * that scan are then rescored with the full-precision vectors from `rows`, so results match a float search.
 */
export class ExactVectorSearch {
  private codes: CodeColumns;
  private scales: Float32Array;
  private live: Uint8Array;
  private capacity: number;
  private size = 0;
  private readonly row: Float32Array;

  constructor(
    readonly dimensions: number,
    capacity = 1024,
    private readonly rows: VectorRows = new MemoryVectorRows(),
    /** `false` forces the JavaScript scan instead of WebAssembly SIMD (tests compare the two). */
    simd?: boolean,
  ) {
    this.capacity = Math.max(16, capacity);
    this.codes = new CodeColumns(dimensions, this.capacity, simd === undefined ? {} : { simd });
    this.scales = new Float32Array(this.capacity);
    this.live = new Uint8Array(this.capacity);
    this.row = new Float32Array(dimensions);
  }

  /**
   * Takes back the arrays of `toSections` for `labels` labels; throws ChatbotError('index-corrupt') when they disagree.
   * Without a `vectorCodes` section, the codes must already be in `loaded` (read into its `codeTargets`).
   */
  static fromSections(sections: ReadonlyMap<string, Section>, dimensions: number, labels: number, rows: VectorRows, loaded?: ExactVectorSearch): ExactVectorSearch {
    const codes = sections.get('vectorCodes');
    const scales = sections.get('vectorScales');
    const live = sections.get('vectorLive');
    const codesRead = codes === undefined && loaded !== undefined && loaded.dimensions === dimensions && loaded.capacity >= labels;
    if (
      !(codesRead || (codes instanceof Int8Array && codes.length === dimensions * labels)) ||
      !(scales instanceof Float32Array && live instanceof Uint8Array) ||
      scales.length !== labels ||
      live.length !== labels
    ) {
      throw new ChatbotError('index-corrupt', 'The stored vector codes are incomplete; run `hoiphuong ingest` to rebuild the index.');
    }
    const search = codesRead ? loaded : new ExactVectorSearch(dimensions, labels, rows);
    if (codes instanceof Int8Array) {
      for (let dimension = 0; dimension < dimensions; dimension += 1) {
        search.codes.column(dimension).set(codes.subarray(dimension * labels, (dimension + 1) * labels));
      }
    }
    search.capacity = labels;
    search.scales = scales;
    search.live = live;
    search.size = labels;
    return search;
  }

  /**
   * Byte views of each column's first `labels` codes, in the order `toSections` writes them: what `readSections` fills
   * in place, so a loaded index holds its codes once (512 MB at 1M chunks) and copies none.
   */
  codeTargets(labels: number): Uint8Array[] {
    if (labels > this.capacity) this.grow(labels);
    return Array.from({ length: this.dimensions }, (_, dimension) => {
      const column = this.codes.column(dimension);
      return new Uint8Array(column.buffer, column.byteOffset, labels);
    });
  }

  /** One past the highest label stored. */
  get labelCount(): number {
    return this.size;
  }

  /** Stores `vector` (normalised to unit length) under `label`. */
  set(label: number, vector: ArrayLike<number>): void {
    if (vector.length !== this.dimensions) {
      throw new ChatbotError('input-invalid', `The embedder returned ${vector.length} numbers for a ${this.dimensions}-dimension index.`);
    }
    if (label >= this.capacity) this.grow(label + 1);
    let norm = 0;
    for (let dimension = 0; dimension < this.dimensions; dimension += 1) norm += vector[dimension]! * vector[dimension]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const unit = this.row;
    let largest = 0;
    for (let dimension = 0; dimension < this.dimensions; dimension += 1) {
      unit[dimension] = vector[dimension]! * scale;
      largest = Math.max(largest, Math.abs(unit[dimension]!));
    }
    this.rows.write(label, unit);
    const step = largest > 0 ? largest / CODE_LIMIT : 0;
    for (let dimension = 0; dimension < this.dimensions; dimension += 1) {
      this.codes.column(dimension)[label] = step > 0 ? Math.round(unit[dimension]! / step) : 0;
    }
    this.scales[label] = step;
    this.live[label] = 1;
    this.size = Math.max(this.size, label + 1);
  }

  /** The stored (unit) vector of a label, at full precision. */
  vector(label: number): Float32Array {
    const vector = new Float32Array(this.dimensions);
    this.rows.read(label, vector);
    return vector;
  }

  /** Hides a label from every later search. */
  remove(label: number): void {
    if (label < this.capacity) this.live[label] = 0;
  }

  /** Multiply-adds a search of `labels` chunks with this query would take. */
  static cost(query: ArrayLike<number>, labels: number): number {
    let nonZero = 0;
    for (let dimension = 0; dimension < query.length; dimension += 1) if (query[dimension] !== 0) nonZero += 1;
    return nonZero * labels;
  }

  /**
   * The `k` live labels most similar to `query` (cosine), best first; only `labels` when given. The 8-bit scan ranks
   * every label; its best candidates are rescored at full precision, then any other label whose scan score plus its
   * largest possible rounding error could still reach the k-th best is rescored too, so the result is exact.
   */
  search(query: ArrayLike<number>, k: number, labels?: readonly number[]): Hit[] {
    let norm = 0;
    let absoluteSum = 0;
    const dimensions: number[] = [];
    for (let dimension = 0; dimension < this.dimensions; dimension += 1) {
      const weight = query[dimension]!;
      if (weight !== 0) {
        dimensions.push(dimension);
        norm += weight * weight;
        absoluteSum += Math.abs(weight);
      }
    }
    if (k <= 0) return [];
    const { live, scales, codes } = this;
    const scores = codes.scores;
    const candidates = new TopHits(rescoredCount(k));
    if (labels) {
      for (const label of labels) {
        if (live[label] !== 1) continue;
        let score = 0;
        for (const dimension of dimensions) score += query[dimension]! * codes.column(dimension)[label]!;
        scores[label] = score * scales[label]!;
        candidates.offer(label, scores[label]!);
      }
    } else {
      const count = this.size;
      codes.scan(query, dimensions, count);
      // Scores known to be below the candidates' worst skip the heap call: nearly all of them, once it is full.
      let floor = Number.NEGATIVE_INFINITY;
      for (let label = 0; label < count; label += 1) {
        const score = live[label] === 1 ? scores[label]! * scales[label]! : Number.NEGATIVE_INFINITY;
        scores[label] = score;
        if (score > floor) {
          if (candidates.accepts(score)) candidates.offer(label, score);
          else floor = score;
        }
      }
    }
    // A code is off by at most half its step (scale / 2) in each dimension, so a scan score is off by at most this
    // times the scale.
    const errorPerScale = absoluteSum / 2;
    const top = new TopHits(k);
    const rescored = new Set<number>();
    const rescore = (label: number): void => {
      rescored.add(label);
      top.offer(label, this.fullScore(query, dimensions, label));
    };
    for (const { label } of [...candidates.sorted()].sort((left, right) => left.label - right.label)) rescore(label);
    const kth = (): number => {
      const kept = top.sorted();
      return kept.length < k ? Number.NEGATIVE_INFINITY : kept[kept.length - 1]!.score;
    };
    let threshold = kth();
    const consider = (label: number): void => {
      if (live[label] === 1 && !rescored.has(label)) {
        rescore(label);
        threshold = kth();
      }
    };
    // The bound test inline first: nearly every label fails it.
    if (labels) {
      for (const label of labels) if (scores[label]! + errorPerScale * scales[label]! >= threshold) consider(label);
    } else {
      for (let label = 0; label < this.size; label += 1) if (scores[label]! + errorPerScale * scales[label]! >= threshold) consider(label);
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    return top.sorted().map((hit) => ({ label: hit.label, score: hit.score * scale }));
  }

  /** The query's dot product with a label's full-precision vector. */
  private fullScore(query: ArrayLike<number>, dimensions: readonly number[], label: number): number {
    const row = this.row;
    this.rows.read(label, row);
    let score = 0;
    for (const dimension of dimensions) score += query[dimension]! * row[dimension]!;
    return score;
  }

  /**
   * What `fromSections` takes back: codes by dimension (the columns themselves, written one after another, not
   * copied), each vector's scale, and which labels are live.
   */
  toSections(labels: number): Record<string, SectionParts> {
    if (labels > this.capacity) this.grow(labels);
    return {
      vectorCodes: Array.from({ length: this.dimensions }, (_, dimension) => this.codes.column(dimension).subarray(0, labels)),
      vectorScales: this.scales.subarray(0, labels),
      vectorLive: this.live.subarray(0, labels),
    };
  }

  private grow(needed: number): void {
    const capacity = Math.max(needed, Math.ceil(this.capacity * 1.5));
    this.codes.grow(capacity);
    const scales = new Float32Array(capacity);
    scales.set(this.scales.subarray(0, this.size));
    this.scales = scales;
    const live = new Uint8Array(capacity);
    live.set(this.live.subarray(0, this.size));
    this.live = live;
    this.capacity = capacity;
  }
}
