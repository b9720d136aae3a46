import hnswlib, { type HierarchicalNSW } from 'hnswlib-node';
import { ChatbotError } from '../core/errors.js';
import type { Hit } from './hit.js';

/** Graph settings of the hnsw index. */
export interface VectorIndexOptions {
  /** Links per node; 16 is hnswlib's recommended middle ground between recall and memory. */
  m?: number;
  /** Candidate list while building; higher is slower to build and better connected. */
  efConstruction?: number;
  /** Candidate list while searching (not persisted by hnswlib, so it is set again after every load). */
  ef?: number;
  randomSeed?: number;
}

const DEFAULTS = { m: 16, efConstruction: 100, ef: 96, randomSeed: 100 } as const;

/** Approximate nearest neighbours by cosine similarity: a thin wrapper of hnswlib-node that grows as points are added. */
export class VectorIndex {
  private constructor(
    private readonly graph: HierarchicalNSW,
    readonly dimensions: number,
    private readonly ef: number,
  ) {}

  /** An empty index with room for `capacity` points (it grows past that on its own). */
  static create(dimensions: number, capacity: number, options: VectorIndexOptions = {}): VectorIndex {
    const graph = new hnswlib.HierarchicalNSW('cosine', dimensions);
    graph.initIndex({
      maxElements: Math.max(1, capacity),
      m: options.m ?? DEFAULTS.m,
      efConstruction: options.efConstruction ?? DEFAULTS.efConstruction,
      randomSeed: options.randomSeed ?? DEFAULTS.randomSeed,
    });
    const ef = options.ef ?? DEFAULTS.ef;
    graph.setEf(ef);
    return new VectorIndex(graph, dimensions, ef);
  }

  /** Reads an index written by `save`; throws ChatbotError('index-corrupt') when the file cannot be read. */
  static load(path: string, dimensions: number, options: Pick<VectorIndexOptions, 'ef'> = {}): VectorIndex {
    const graph = new hnswlib.HierarchicalNSW('cosine', dimensions);
    try {
      graph.readIndexSync(path);
    } catch (error) {
      throw new ChatbotError('index-corrupt', `Cannot read the vector index ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const ef = options.ef ?? DEFAULTS.ef;
    graph.setEf(ef);
    return new VectorIndex(graph, dimensions, ef);
  }

  /** How many points were added, deleted ones included (hnswlib keeps their slots). */
  get count(): number {
    return this.graph.getCurrentCount();
  }

  /** Adds a point under `label`; `vector` must have `dimensions` numbers. */
  add(label: number, vector: ArrayLike<number>): void {
    if (vector.length !== this.dimensions) {
      throw new ChatbotError('input-invalid', `Vector of ${vector.length} numbers given to an index of ${this.dimensions} dimensions.`);
    }
    const capacity = this.graph.getMaxElements();
    if (this.graph.getCurrentCount() >= capacity) this.graph.resizeIndex(Math.ceil(capacity * 1.5) + 16);
    // hnswlib-node rejects typed arrays: it needs a plain Array.
    this.graph.addPoint(Array.isArray(vector) ? vector : Array.from(vector), label);
  }

  /** Hides a point from every later search. */
  remove(label: number): void {
    this.graph.markDelete(label);
  }

  /** The `k` nearest live points, best first, with score = cosine similarity; `filter` keeps only the labels it accepts. */
  search(vector: ArrayLike<number>, k: number, filter?: (label: number) => boolean): Hit[] {
    const live = this.graph.getCurrentCount();
    const wanted = Math.min(k, live);
    if (wanted <= 0) return [];
    this.graph.setEf(Math.max(this.ef, wanted));
    const query = Array.isArray(vector) ? vector : Array.from(vector);
    const result = filter ? this.graph.searchKnn(query, wanted, filter) : this.graph.searchKnn(query, wanted);
    return result.neighbors.map((label, rank) => ({ label, score: 1 - (result.distances[rank] ?? 1) }));
  }

  /** Writes the graph (with its vectors) to `path`. */
  save(path: string): void {
    this.graph.writeIndexSync(path);
  }
}
