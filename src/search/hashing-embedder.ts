import { Embeddings } from '@langchain/core/embeddings';
import { ChatbotError } from '../core/errors.js';
import type { Embedder } from '../core/ports.js';
import { hasDiacritics, nfc, tokenize } from '../ingest/normalize-vietnamese.js';
import { tokenKeys } from './lexical-terms.js';

/** Options of the offline embedder. */
export interface HashingEmbedderOptions {
  /** Vector length; 256 keeps the hnsw build fast at 100k chunks while collisions stay rare for chunk-sized texts. */
  dimensions?: number;
}

const DEFAULT_DIMENSIONS = 256;
/** Bumped whenever the features change, so an index built by an older version is rebuilt rather than mixed. */
const FEATURE_VERSION = 1;
const MAX_CACHED_TOKENS = 200_000;

/** Seeds that keep the four feature families apart in the hashed space. */
const ACCENTED_SEED = 0x811c9dc5;
const FOLDED_SEED = 0x050c5d1f;
const BIGRAM_SALT = 0x9e3779b9;

/** FNV-1a over the UTF-16 code units of a key, seeded per feature family. */
function hashKey(key: string, seed: number): number {
  let hash = seed >>> 0;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

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
function bigramHash(previous: number, current: number): number {
  return mix(Math.imul(previous, 31) + current + BIGRAM_SALT);
}

/**
 * Deterministic offline embedder: signed feature hashing of Vietnamese syllable uni/bi-grams over NFC
 * (tone-placement-insensitive keys) and diacritic-folded text, sublinear tf, L2-normalised.
 */
export class HashingEmbedder extends Embeddings implements Embedder {
  readonly name: string;
  readonly dimensions: number;
  private readonly tokenHashes = new Map<string, readonly [accented: number, folded: number]>();
  private features = new Uint32Array(1024);

  constructor(options: HashingEmbedderOptions = {}) {
    super({});
    const dimensions = options.dimensions ?? DEFAULT_DIMENSIONS;
    if (!Number.isInteger(dimensions) || dimensions < 8 || dimensions > 65_536) {
      throw new ChatbotError('input-invalid', `HashingEmbedder dimensions must be a whole number from 8 to 65536 (got ${dimensions}).`);
    }
    this.dimensions = dimensions;
    this.name = `hashing-v${FEATURE_VERSION}-d${dimensions}`;
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
    const normalized = nfc(text);
    const withAccents = hasDiacritics(normalized);
    const tokens = tokenize(normalized);
    const needed = tokens.length * (withAccents ? 4 : 2);
    if (this.features.length < needed) this.features = new Uint32Array(Math.max(needed, this.features.length * 2));
    const features = this.features;
    let count = 0;
    let previousAccented = 0;
    let previousFolded = 0;
    for (let index = 0; index < tokens.length; index += 1) {
      const token = tokens[index]!;
      const [accented, folded] = this.hashesOf(token);
      features[count++] = folded;
      if (index > 0) features[count++] = bigramHash(previousFolded, folded);
      if (withAccents) {
        features[count++] = accented;
        if (index > 0) features[count++] = bigramHash(previousAccented, accented);
      }
      previousAccented = accented;
      previousFolded = folded;
    }
    return this.toVector(features.subarray(0, count));
  }

  private hashesOf(token: Parameters<typeof tokenKeys>[0]): readonly [number, number] {
    let hashes = this.tokenHashes.get(token.text);
    if (hashes === undefined) {
      const keys = tokenKeys(token);
      hashes = [hashKey(keys.accented, ACCENTED_SEED), hashKey(keys.folded, FOLDED_SEED)];
      if (this.tokenHashes.size >= MAX_CACHED_TOKENS) this.tokenHashes.clear();
      this.tokenHashes.set(token.text, hashes);
    }
    return hashes;
  }

  /** Sums each distinct feature once with weight 1 + ln(tf) into its signed bucket, then L2-normalises. */
  private toVector(features: Uint32Array): number[] {
    const dimensions = this.dimensions;
    const vector = new Array<number>(dimensions).fill(0);
    features.sort();
    let index = 0;
    while (index < features.length) {
      const feature = features[index]!;
      let end = index + 1;
      while (end < features.length && features[end] === feature) end += 1;
      const weight = 1 + Math.log(end - index);
      const bucket = (feature & 0x7fffffff) % dimensions;
      vector[bucket]! += feature & 0x80000000 ? -weight : weight;
      index = end;
    }
    let norm = 0;
    for (let bucket = 0; bucket < dimensions; bucket += 1) norm += vector[bucket]! * vector[bucket]!;
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let bucket = 0; bucket < dimensions; bucket += 1) vector[bucket]! *= scale;
    }
    return vector;
  }
}
