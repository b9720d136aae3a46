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

  constructor(options: { dimensions?: number; name?: string } = {}) {
    this.inner = new HashingEmbedder(options.dimensions === undefined ? {} : { dimensions: options.dimensions });
    this.dimensions = this.inner.dimensions;
    this.name = options.name ?? `fake-${this.inner.name}`;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.documentsEmbedded += texts.length;
    this.embeddedTexts.push(...texts);
    return this.inner.embedDocuments(texts);
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.inner.embedQuery(text);
  }
}
