import type { Embedder } from '../../src/core/ports.js';
import { HashingEmbedder } from '../../src/search/hashing-embedder.js';

/** A deterministic `Embedder` (the offline hashing one underneath) that counts the texts it embedded. */
export class FakeEmbedder implements Embedder {
  readonly name: string;
  readonly dimensions: number;
  /** Texts embedded through `embedDocuments` so far. */
  documentsEmbedded = 0;
  /** Every text given to `embedDocuments`, in order. */
  readonly embeddedTexts: string[] = [];
  private readonly inner: HashingEmbedder;

  private readonly dense: boolean;

  /** `dense` adds a small constant to every dimension, so queries fill every dimension as a neural embedder's do. */
  constructor(options: { dimensions?: number; name?: string; dense?: boolean } = {}) {
    this.inner = new HashingEmbedder(options.dimensions === undefined ? {} : { dimensions: options.dimensions });
    this.dimensions = this.inner.dimensions;
    this.dense = options.dense ?? false;
    this.name = options.name ?? `fake-${this.dense ? 'dense-' : ''}${this.inner.name}`;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.documentsEmbedded += texts.length;
    this.embeddedTexts.push(...texts);
    return (await this.inner.embedDocuments(texts)).map((vector) => this.shape(vector));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.shape(await this.inner.embedQuery(text));
  }

  private shape(vector: number[]): number[] {
    return this.dense ? vector.map((value) => value + 0.01) : vector;
  }
}
