import { Embeddings } from '@langchain/core/embeddings';
import { ChatbotError } from '../core/errors.js';
import type { Embedder } from '../core/ports.js';
import { tokenKeys } from './token-keys.js';

/** Options of the offline embedder. */
export interface HashingEmbedderOptions {
  /** Vector length; the default keeps the hnsw build fast at 100k chunks while collisions stay rare for chunk-sized texts. */
  dimensions?: number;
}

/**
 * 512: on a 30k-chunk synthetic ward corpus, exact search put the right article in the top 5 for 73% of questions at
 * 512 dimensions against 51% at 256 (fewer hash collisions); 1024 gained a few points more for twice the memory.
 */
const DEFAULT_DIMENSIONS = 512;
/** Bumped whenever the features change, so an index built by an older version is rebuilt rather than mixed. */
const FEATURE_VERSION = 2;
/**
 * Weight of features of capitalised syllables: names of people, wards and cities are what tells one ward's otherwise
 * formulaic news from another's (a cheap stand-in for IDF, which a stateless embedder cannot know). On the same corpus
 * it lifted the top-5 rate from 73% to 84%.
 */
const CAPITALIZED_WEIGHT = 2;
/** Salts that keep the bigram families apart from the unigrams in the hashed space. */
const ACCENTED_BIGRAM_SALT = 0x9e3779b9;
const FOLDED_BIGRAM_SALT = 0x7f4a7c15;
const SIGN_BIT = 0x80000000;

/** Murmur3's finaliser: spreads the bits of a combined hash so bigrams land evenly. */
function mix(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** The hash of a bigram from the hashes of its two syllables (order matters). */
function bigramHash(previous: number, current: number, salt: number): number {
  return mix(Math.imul(previous, 31) + current + salt);
}

/**
 * Counts repeated features with an open-addressing table stamped per text (no clearing, no sorting), because
 * sublinear tf needs each distinct feature's count and a Map per chunk would dominate ingest time.
 */
class FeatureCounter {
  private capacity = 4096;
  private keys = new Uint32Array(this.capacity);
  private counts = new Uint32Array(this.capacity);
  private weights = new Float32Array(this.capacity);
  private stamps = new Uint32Array(this.capacity);
  private stamp = 0;
  /** Slots used by the current text, in first-seen order. */
  slots = new Uint32Array(this.capacity);
  used = 0;

  /** Starts counting a text of at most `features` features. */
  reset(features: number): void {
    if (features * 2 > this.capacity) {
      while (features * 2 > this.capacity) this.capacity *= 2;
      this.keys = new Uint32Array(this.capacity);
      this.counts = new Uint32Array(this.capacity);
      this.weights = new Float32Array(this.capacity);
      this.stamps = new Uint32Array(this.capacity);
      this.slots = new Uint32Array(this.capacity);
      this.stamp = 0;
    }
    this.stamp += 1;
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    this.used = 0;
  }

  /** Counts one occurrence of a feature; a feature keeps the largest weight it was seen with. */
  add(feature: number, weight: number): void {
    const mask = this.capacity - 1;
    let slot = mix(feature) & mask;
    for (;;) {
      if (this.stamps[slot] !== this.stamp) {
        this.stamps[slot] = this.stamp;
        this.keys[slot] = feature;
        this.counts[slot] = 1;
        this.weights[slot] = weight;
        this.slots[this.used++] = slot;
        return;
      }
      if (this.keys[slot] === feature) {
        this.counts[slot]! += 1;
        if (weight > this.weights[slot]!) this.weights[slot] = weight;
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  key(slot: number): number {
    return this.keys[slot]!;
  }

  count(slot: number): number {
    return this.counts[slot]!;
  }

  weight(slot: number): number {
    return this.weights[slot]!;
  }
}

/**
 * Deterministic offline embedder: signed feature hashing of Vietnamese syllable uni/bi-grams over NFC
 * (tone-placement-insensitive keys) and diacritic-folded text, sublinear tf, L2-normalised.
 */
export class HashingEmbedder extends Embeddings implements Embedder {
  readonly name: string;
  readonly dimensions: number;
  private readonly counter = new FeatureCounter();
  private readonly accumulator: Float64Array;

  constructor(options: HashingEmbedderOptions = {}) {
    super({});
    const dimensions = options.dimensions ?? DEFAULT_DIMENSIONS;
    if (!Number.isInteger(dimensions) || dimensions < 8 || dimensions > 65_536) {
      throw new ChatbotError('input-invalid', `HashingEmbedder dimensions must be a whole number from 8 to 65536 (got ${dimensions}).`);
    }
    this.dimensions = dimensions;
    this.name = `hashing-v${FEATURE_VERSION}-d${dimensions}`;
    this.accumulator = new Float64Array(dimensions);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embed(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  /**
   * Embeds one text synchronously. A text typed without any diacritic gets only folded features, because its missing
   * marks carry no meaning; so "dan so" lands close to "dân số" while "dân số" stays closest to itself.
   */
  embed(text: string): number[] {
    const keys = tokenKeys(text);
    const withAccents = keys.some((key) => key.marked);
    const counter = this.counter;
    counter.reset(keys.length * (withAccents ? 4 : 2));
    let previousWeight = 1;
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index]!;
      const previous = keys[index - 1];
      const weight = key.capitalized ? CAPITALIZED_WEIGHT : 1;
      const pairWeight = Math.max(weight, previousWeight);
      counter.add(key.foldedHash, weight);
      if (previous) counter.add(bigramHash(previous.foldedHash, key.foldedHash, FOLDED_BIGRAM_SALT), pairWeight);
      if (withAccents) {
        counter.add(key.accentedHash, weight);
        if (previous) counter.add(bigramHash(previous.accentedHash, key.accentedHash, ACCENTED_BIGRAM_SALT), pairWeight);
      }
      previousWeight = weight;
    }
    return this.toVector();
  }

  /** Sums each distinct feature once with its weight × (1 + ln tf) into its signed bucket, then L2-normalises. */
  private toVector(): number[] {
    const { counter, accumulator, dimensions } = this;
    accumulator.fill(0);
    for (let index = 0; index < counter.used; index += 1) {
      const slot = counter.slots[index]!;
      const feature = counter.key(slot);
      const count = counter.count(slot);
      const weight = counter.weight(slot) * (count === 1 ? 1 : 1 + Math.log(count));
      accumulator[(feature & ~SIGN_BIT) % dimensions]! += feature & SIGN_BIT ? -weight : weight;
    }
    let norm = 0;
    for (let bucket = 0; bucket < dimensions; bucket += 1) norm += accumulator[bucket]! * accumulator[bucket]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const vector = new Array<number>(dimensions);
    for (let bucket = 0; bucket < dimensions; bucket += 1) vector[bucket] = accumulator[bucket]! * scale;
    return vector;
  }
}
