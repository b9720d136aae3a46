import { Embeddings } from '@langchain/core/embeddings';
import { ChatbotError } from '../core/errors.js';
import type { Embedder } from '../core/ports.js';
import { HashingEmbedder } from './hashing-embedder.js';
import { TermVectors, type TermVectorOptions } from './term-vectors.js';

/** Options of the corpus embedder. */
export interface CorpusEmbedderOptions {
  /** Dimensions of the hashed part (see `HashingEmbedder`). */
  hashedDimensions?: number;
  /** How the term vectors are learned; `dimensions` is the learned part's length. */
  learning?: TermVectorOptions;
  /**
   * Share of the learned part in the cosine of two texts (0: hashed only, 1: learned only): the vector is
   * `[√(1−b)·hashed, √b·learned]`, both parts unit length, so its cosine is `(1−b)·cos_hashed + b·cos_learned`.
   */
  blend?: number;
}

/** Bumped whenever what the learner or the embedding computes changes, so older indexes are rebuilt. */
const LEARNING_VERSION = 1;
const DEFAULT_LEARNED_DIMENSIONS = 64;
const DEFAULT_BLEND = 0.5;

/**
 * Offline embedder that learns from the corpus it indexes: the hashed syllable features of `HashingEmbedder` (exact
 * words, typed with or without diacritics) next to vectors learned from the corpus at ingest (`TermVectors`: words
 * used in the same contexts, such as "bồi thường" and "đền bù", come close). Without a model it cannot embed: ingest
 * learns one (`learnsFromCorpus`) and `withModel` gives the embedder that uses it.
 */
export class CorpusEmbedder extends Embeddings implements Embedder {
  /** Tells ingest this embedder needs a model learned from the corpus, saved with the index. */
  readonly learnsFromCorpus = true;
  readonly name: string;
  readonly dimensions: number;
  readonly learnedDimensions: number;
  readonly blend: number;
  readonly learning: TermVectorOptions;
  private readonly hashing: HashingEmbedder;
  private readonly hashedWeight: number;
  private readonly learnedWeight: number;

  constructor(
    options: CorpusEmbedderOptions = {},
    /** The learned term vectors; undefined until ingest learned or loaded them. */
    readonly model?: TermVectors,
  ) {
    super({});
    this.hashing = new HashingEmbedder(options.hashedDimensions === undefined ? {} : { dimensions: options.hashedDimensions });
    this.learnedDimensions = options.learning?.dimensions ?? DEFAULT_LEARNED_DIMENSIONS;
    this.learning = { ...options.learning, dimensions: this.learnedDimensions };
    const blend = options.blend ?? DEFAULT_BLEND;
    if (!(blend >= 0 && blend <= 1)) throw new ChatbotError('input-invalid', `CorpusEmbedder blend must be from 0 to 1 (got ${blend}).`);
    if (model && model.dimensions !== this.learnedDimensions) {
      throw new ChatbotError('index-mismatch', `The learned term vectors have ${model.dimensions} dimensions, the embedder expects ${this.learnedDimensions}; run \`hoiphuong ingest\` to rebuild the index.`);
    }
    this.blend = blend;
    this.hashedWeight = Math.sqrt(1 - blend);
    this.learnedWeight = Math.sqrt(blend);
    this.dimensions = this.hashing.dimensions + this.learnedDimensions;
    this.name = `corpus-v${LEARNING_VERSION}-${this.hashing.name}-l${this.learnedDimensions}-b${Math.round(blend * 100)}`;
  }

  /** The same embedder using `model`. */
  withModel(model: TermVectors): CorpusEmbedder {
    return new CorpusEmbedder({ hashedDimensions: this.hashing.dimensions, learning: this.learning, blend: this.blend }, model);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embed(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  /** Embeds one text synchronously; throws ChatbotError('internal') before a model is learned or loaded. */
  embed(text: string): number[] {
    const model = this.model;
    if (!model) throw new ChatbotError('internal', 'The corpus embedder has no learned term vectors yet; ingest learns them.');
    const vector = this.hashing.embed(text);
    if (this.hashedWeight !== 1) for (let index = 0; index < vector.length; index += 1) vector[index]! *= this.hashedWeight;
    vector.length = this.dimensions;
    model.embed(text, vector, this.hashing.dimensions, this.learnedWeight);
    return vector;
  }
}

/** True for an embedder whose vectors need a model learned from the corpus at ingest. */
export function learnsFromCorpus(embedder: Embedder): embedder is CorpusEmbedder {
  return (embedder as Partial<CorpusEmbedder>).learnsFromCorpus === true;
}

/**
 * Chunks the term vectors are learned from at most: about 1.4 million words, a few seconds of counting and SVD on one
 * core. A larger corpus is sampled evenly by label (deterministic), which keeps every frequent term's contexts.
 */
export const MAX_LEARNING_CHUNKS = 10_000;

/** Learns term vectors from the indexed texts of `labels` (sampled down to `MAX_LEARNING_CHUNKS`), read through `textOf`. */
export function learnFromChunks(labels: readonly number[], textOf: (label: number) => string, options: TermVectorOptions, maxChunks = MAX_LEARNING_CHUNKS): TermVectors {
  const step = Math.max(1, labels.length / maxChunks);
  const sample: number[] = [];
  for (let position = 0; position < labels.length; position += step) sample.push(labels[Math.floor(position)]!);
  return TermVectors.learn(function* () {
    for (const label of sample) yield textOf(label);
  }, options);
}

/**
 * The embedder to query (or extend) an index with: a corpus embedder with that index's learned term vectors, any
 * other embedder as it is. Throws ChatbotError('index-mismatch') when a corpus embedder meets an index without them.
 */
export function embedderFor(index: { readonly termVectors?: TermVectors | undefined }, embedder: Embedder): Embedder {
  if (!learnsFromCorpus(embedder)) return embedder;
  if (!index.termVectors) {
    throw new ChatbotError('index-mismatch', `The index holds no learned term vectors for ${embedder.name}; run \`hoiphuong ingest\` to rebuild it.`);
  }
  return embedder.withModel(index.termVectors);
}
