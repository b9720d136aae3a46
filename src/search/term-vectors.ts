import { ChatbotError } from '../core/errors.js';
import type { Section } from './index-files.js';
import { randomizedSvd, type SparseRows } from './randomized-svd.js';
import { tokenKeys, type TokenKey } from './token-keys.js';

/** How term vectors are learned; every field has a default sized for a 100k-chunk corpus on 2 cores. */
export interface TermVectorOptions {
  /** Length of each term vector (the rank of the truncated SVD). */
  dimensions?: number;
  /** Syllables on each side that count as a term's context. */
  window?: number;
  /** Most frequent syllables given a vector. */
  maxSyllables?: number;
  /** Most frequent syllable pairs given a vector ("dân số", "bồi thường"). */
  maxPairs?: number;
  /** Most frequent syllables used as contexts (the columns of the co-occurrence matrix). */
  maxContexts?: number;
  /** Occurrences a term needs in the sample to get a vector: rarer ones have too few contexts to place. */
  minCount?: number;
  /** Seed of the SVD's random sketch. */
  seed?: number;
}

/** What the learner read: texts, syllables and the model's size. */
export interface TermVectorStats {
  texts: number;
  tokens: number;
  terms: number;
  contexts: number;
  nonZeros: number;
}

const DEFAULTS: Required<TermVectorOptions> = {
  dimensions: 64,
  window: 4,
  maxSyllables: 12_000,
  maxPairs: 24_000,
  maxContexts: 3_000,
  minCount: 3,
  seed: 20_250_815,
};
/**
 * Context distribution smoothing (Levy, Goldberg & Dagan 2015): raising context counts to 0.75 keeps rare contexts from
 * getting huge PMI values.
 */
const CONTEXT_SMOOTHING = 0.75;
/** Singular values raised to this power weight the dimensions; 0.5 beat 1 for word similarity in the same study. */
const EIGENVALUE_WEIGHT = 0.5;
/** Folded ids fit in 21 bits, so a pair of them makes one exact number key. */
const PAIR_FACTOR = 2 ** 21;
const FORMAT = 1;

function isWord(key: TokenKey): boolean {
  const first = key.folded.charCodeAt(0);
  return !(first >= 48 && first <= 57);
}

/** Growable counts by term index. */
class TermCounts {
  readonly index = new Map<string, number>();
  counts = new Float64Array(1024);
  documents = new Float64Array(1024);
  private lastText = new Int32Array(1024).fill(-1);

  add(term: string, text: number): void {
    let slot = this.index.get(term);
    if (slot === undefined) {
      slot = this.index.size;
      this.index.set(term, slot);
      if (slot === this.counts.length) this.grow();
    }
    this.counts[slot]! += 1;
    if (this.lastText[slot] !== text) {
      this.lastText[slot] = text;
      this.documents[slot]! += 1;
    }
  }

  /** Terms seen at least `minCount` times, most frequent first (ties by term, so the order is deterministic), at most `limit`. */
  top(limit: number, minCount: number): string[] {
    return [...this.index]
      .filter(([, slot]) => this.counts[slot]! >= minCount)
      .sort((left, right) => this.counts[right[1]]! - this.counts[left[1]]! || (left[0] < right[0] ? -1 : 1))
      .slice(0, limit)
      .map(([term]) => term);
  }

  private grow(): void {
    const size = this.counts.length * 2;
    const counts = new Float64Array(size);
    counts.set(this.counts);
    const documents = new Float64Array(size);
    documents.set(this.documents);
    const lastText = new Int32Array(size).fill(-1);
    lastText.set(this.lastText);
    this.counts = counts;
    this.documents = documents;
    this.lastText = lastText;
  }
}

/** Co-occurrence weights keyed by `row × columns + column`, in an open-addressing table (a Map would be far slower). */
class PairCounts {
  private capacity = 1 << 16;
  keys = new Int32Array(this.capacity).fill(-1);
  values = new Float32Array(this.capacity);
  size = 0;

  add(key: number, weight: number): void {
    let mask = this.capacity - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    for (;;) {
      const found = this.keys[slot]!;
      if (found === key) {
        this.values[slot]! += weight;
        return;
      }
      if (found === -1) break;
      slot = (slot + 1) & mask;
    }
    if ((this.size + 1) * 2 > this.capacity) {
      this.grow();
      mask = this.capacity - 1;
      slot = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
      while (this.keys[slot] !== -1) slot = (slot + 1) & mask;
    }
    this.keys[slot] = key;
    this.values[slot] = weight;
    this.size += 1;
  }

  private grow(): void {
    const { keys, values } = this;
    this.capacity *= 2;
    this.keys = new Int32Array(this.capacity).fill(-1);
    this.values = new Float32Array(this.capacity);
    const mask = this.capacity - 1;
    for (let old = 0; old < keys.length; old += 1) {
      const key = keys[old]!;
      if (key === -1) continue;
      let slot = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
      while (this.keys[slot] !== -1) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.values[slot] = values[old]!;
    }
  }
}

function pairTerm(previous: TokenKey, current: TokenKey): string {
  return `${previous.folded} ${current.folded}`;
}

/**
 * Vectors of folded syllables and syllable pairs learned from a corpus (co-occurrence in a window → PPMI → truncated
 * SVD), and the embedding of a text as the IDF-weighted sum of its terms' vectors. Terms that share contexts get close
 * vectors, so "bồi thường" and "đền bù", used around the same words, land near each other although they share no
 * syllable. Immutable once learned or loaded.
 */
export class TermVectors {
  private readonly rowByTerm: Map<string, number>;
  /** Rows by folded id (−2: not looked up yet, −1: none), so ingest finds a syllable's row without hashing strings. */
  private syllableRows = new Int32Array(4096).fill(-2);
  private readonly pairRows = new Map<number, number>();
  private readonly accumulator: Float64Array;

  private constructor(
    readonly dimensions: number,
    readonly terms: readonly string[],
    /** Inverse document frequency of each term in the sample: what a term adds to a text's vector. */
    readonly weights: Float32Array,
    /** Unit vectors, `terms × dimensions`, row-major. */
    readonly vectors: Float32Array,
    readonly stats: TermVectorStats,
  ) {
    this.rowByTerm = new Map(terms.map((term, row) => [term, row]));
    this.accumulator = new Float64Array(dimensions);
    for (const [term, row] of this.rowByTerm) {
      if (!term.includes(' ')) continue;
      const keys = tokenKeys(term);
      if (keys.length === 2 && keys[0]!.foldedId >= 0 && keys[1]!.foldedId >= 0) this.pairRows.set(keys[0]!.foldedId * PAIR_FACTOR + keys[1]!.foldedId, row);
    }
  }

  /**
   * Learns term vectors from texts. `texts` is called twice (vocabulary, then co-occurrences), and must give the same
   * texts both times; callers sample a large corpus down beforehand. Deterministic for the same texts and options.
   * A corpus with no term seen `minCount` times gives a model without terms, whose embeddings are all zeros.
   */
  static learn(texts: () => Iterable<string>, options: TermVectorOptions = {}): TermVectors {
    const settings = { ...DEFAULTS, ...options };
    const syllables = new TermCounts();
    const pairs = new TermCounts();
    let textCount = 0;
    let tokenCount = 0;
    for (const text of texts()) {
      const keys = tokenKeys(text);
      for (let index = 0; index < keys.length; index += 1) {
        const key = keys[index]!;
        if (!isWord(key)) continue;
        tokenCount += 1;
        syllables.add(key.folded, textCount);
        const previous = keys[index - 1];
        if (previous && isWord(previous)) pairs.add(pairTerm(previous, key), textCount);
      }
      textCount += 1;
    }
    const syllableTerms = syllables.top(settings.maxSyllables, settings.minCount);
    const pairTerms = pairs.top(settings.maxPairs, settings.minCount);
    const contextTerms = syllables.top(settings.maxContexts, settings.minCount);
    const terms = [...syllableTerms, ...pairTerms];
    const rowOf = new Map(terms.map((term, row) => [term, row]));
    const columnOf = new Map(contextTerms.map((term, column) => [term, column]));
    const columns = contextTerms.length;

    // Co-occurrences within the window, weighted 1/distance as word2vec's dynamic window does on average.
    const cooccurrences = new PairCounts();
    const window = settings.window;
    for (const text of texts()) {
      const keys = tokenKeys(text).filter(isWord);
      const syllableRow = new Int32Array(keys.length);
      const pairRow = new Int32Array(keys.length);
      const context = new Int32Array(keys.length);
      keys.forEach((key, index) => {
        syllableRow[index] = rowOf.get(key.folded) ?? -1;
        context[index] = columnOf.get(key.folded) ?? -1;
        pairRow[index] = index > 0 ? (rowOf.get(pairTerm(keys[index - 1]!, key)) ?? -1) : -1;
      });
      for (let index = 0; index < keys.length; index += 1) {
        const row = syllableRow[index]!;
        const pair = pairRow[index]!;
        if (row < 0 && pair < 0) continue;
        const from = Math.max(0, index - window - 1);
        const to = Math.min(keys.length - 1, index + window);
        for (let other = from; other <= to; other += 1) {
          const column = context[other]!;
          if (column < 0 || other === index) continue;
          if (row >= 0 && other >= index - window) cooccurrences.add(row * columns + column, 1 / Math.abs(other - index));
          // A pair (index − 1, index) takes the syllables around both of its own.
          if (pair >= 0 && other !== index - 1) cooccurrences.add(pair * columns + column, 1 / (other < index ? index - 1 - other : other - index));
        }
      }
    }

    const matrix = ppmi(cooccurrences, terms.length, columns);
    // A corpus too small for the requested rank (a handful of articles) leaves the last components at zero.
    const dimensions = settings.dimensions;
    const svd = terms.length > 0 && columns > 0 ? randomizedSvd(matrix, { rank: dimensions, seed: settings.seed, powerIterations: 2 }) : { rank: 0, values: new Float64Array(0), left: new Float64Array(0) };
    const vectors = new Float32Array(terms.length * dimensions);
    for (let row = 0; row < terms.length; row += 1) {
      let norm = 0;
      for (let component = 0; component < svd.rank; component += 1) {
        const value = svd.left[row * svd.rank + component]! * svd.values[component]! ** EIGENVALUE_WEIGHT;
        vectors[row * dimensions + component] = value;
        norm += value * value;
      }
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let component = 0; component < dimensions; component += 1) vectors[row * dimensions + component]! *= scale;
    }
    const weights = new Float32Array(terms.length);
    terms.forEach((term, row) => {
      const counts = row < syllableTerms.length ? syllables : pairs;
      const documents = counts.documents[counts.index.get(term)!]!;
      weights[row] = Math.log(1 + (textCount - documents + 0.5) / (documents + 0.5));
    });
    const stats = { texts: textCount, tokens: tokenCount, terms: terms.length, contexts: columns, nonZeros: matrix.values.length };
    return new TermVectors(dimensions, terms, weights, vectors, stats);
  }

  /** Takes back what `toSections` wrote; throws ChatbotError('index-corrupt') when the parts disagree. */
  static fromSections(sections: ReadonlyMap<string, Section>): TermVectors {
    const header = sections.get('termHeader');
    const termText = sections.get('termText');
    const weights = sections.get('termWeights');
    const vectors = sections.get('termVectors');
    if (!(header instanceof Uint32Array && termText instanceof Uint8Array && weights instanceof Float32Array && vectors instanceof Float32Array) || header.length !== 7 || header[0] !== FORMAT) {
      throw new ChatbotError('index-corrupt', 'The learned term vectors are unreadable; run `hoiphuong ingest` to rebuild the index.');
    }
    const [, dimensions, texts, tokens, contexts, nonZeros] = header as unknown as number[];
    const terms = Buffer.from(termText.buffer, termText.byteOffset, termText.byteLength).toString('utf8').split('\n');
    if (terms.length !== weights.length || vectors.length !== terms.length * dimensions!) {
      throw new ChatbotError('index-corrupt', 'The learned term vectors are incomplete; run `hoiphuong ingest` to rebuild the index.');
    }
    return new TermVectors(dimensions!, terms, weights, vectors, { texts: texts!, tokens: tokens!, terms: terms.length, contexts: contexts!, nonZeros: nonZeros! });
  }

  /** The arrays `fromSections` takes back. */
  toSections(): Record<string, Section> {
    const { stats } = this;
    return {
      termHeader: Uint32Array.from([FORMAT, this.dimensions, stats.texts, stats.tokens, stats.contexts, stats.nonZeros, 0]),
      termText: new Uint8Array(Buffer.from(this.terms.join('\n'), 'utf8')),
      termWeights: this.weights,
      termVectors: this.vectors,
    };
  }

  /** The row of a term ("dân" and "dan" alike: terms are folded), or −1. */
  row(term: string): number {
    return this.rowByTerm.get(tokenKeys(term).map((key) => key.folded).join(' ')) ?? -1;
  }

  /** A term's unit vector, or undefined when the term has none. */
  vector(term: string): Float32Array | undefined {
    const row = this.row(term);
    return row < 0 ? undefined : this.vectors.subarray(row * this.dimensions, (row + 1) * this.dimensions);
  }

  /** Share of a text's words that have a vector: how well the model covers new text. */
  coverage(text: string): { words: number; known: number } {
    const keys = tokenKeys(text).filter(isWord);
    return { words: keys.length, known: keys.filter((key) => this.syllableRow(key) >= 0).length };
  }

  /**
   * A text's vector: the sum of its terms' vectors, each weighted by IDF × (1 + ln tf), normalised to unit length;
   * all zeros when no term has a vector.
   */
  embed(text: string, into: Float32Array | number[] = new Float32Array(this.dimensions), offset = 0, scale = 1): Float32Array | number[] {
    const keys = tokenKeys(text);
    const counts = new Map<number, number>();
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index]!;
      const row = this.syllableRow(key);
      if (row >= 0) counts.set(row, (counts.get(row) ?? 0) + 1);
      if (index > 0) {
        const pair = this.pairRow(keys[index - 1]!, key);
        if (pair >= 0) counts.set(pair, (counts.get(pair) ?? 0) + 1);
      }
    }
    const { accumulator, dimensions, vectors, weights } = this;
    accumulator.fill(0);
    for (const [row, count] of counts) {
      const weight = weights[row]! * (count === 1 ? 1 : 1 + Math.log(count));
      const base = row * dimensions;
      for (let component = 0; component < dimensions; component += 1) accumulator[component]! += weight * vectors[base + component]!;
    }
    let norm = 0;
    for (let component = 0; component < dimensions; component += 1) norm += accumulator[component]! ** 2;
    const factor = norm > 0 ? scale / Math.sqrt(norm) : 0;
    for (let component = 0; component < dimensions; component += 1) into[offset + component] = accumulator[component]! * factor;
    return into;
  }

  private syllableRow(key: TokenKey): number {
    const id = key.foldedId;
    if (id < 0) return this.rowByTerm.get(key.folded) ?? -1;
    if (id >= this.syllableRows.length) {
      const grown = new Int32Array(Math.max(id + 1, this.syllableRows.length * 2)).fill(-2);
      grown.set(this.syllableRows);
      this.syllableRows = grown;
    }
    let row = this.syllableRows[id]!;
    if (row === -2) {
      row = isWord(key) ? (this.rowByTerm.get(key.folded) ?? -1) : -1;
      this.syllableRows[id] = row;
    }
    return row;
  }

  private pairRow(previous: TokenKey, current: TokenKey): number {
    if (previous.foldedId >= 0 && current.foldedId >= 0) return this.pairRows.get(previous.foldedId * PAIR_FACTOR + current.foldedId) ?? -1;
    return this.rowByTerm.get(pairTerm(previous, current)) ?? -1;
  }
}

/**
 * Positive pointwise mutual information of the co-occurrence counts, as compressed rows: PMI(t, c) = log(P(t, c) /
 * (P(t) · Pα(c))) with smoothed context probabilities, negatives dropped.
 */
function ppmi(counts: PairCounts, rows: number, columns: number): SparseRows {
  const rowSums = new Float64Array(rows);
  const columnSums = new Float64Array(columns);
  const { keys, values } = counts;
  for (let slot = 0; slot < keys.length; slot += 1) {
    const key = keys[slot]!;
    if (key === -1) continue;
    const value = values[slot]!;
    rowSums[Math.floor(key / columns)]! += value;
    columnSums[key % columns]! += value;
  }
  let smoothedTotal = 0;
  const smoothed = new Float64Array(columns);
  for (let column = 0; column < columns; column += 1) {
    smoothed[column] = columnSums[column]! ** CONTEXT_SMOOTHING;
    smoothedTotal += smoothed[column]!;
  }
  // Entries kept per row, then placed (order within a row does not matter to the products).
  const rowStarts = new Uint32Array(rows + 1);
  const pmiOf = (key: number, value: number): number => {
    const row = Math.floor(key / columns);
    const column = key % columns;
    return Math.log((value * smoothedTotal) / (rowSums[row]! * smoothed[column]!));
  };
  for (let slot = 0; slot < keys.length; slot += 1) {
    const key = keys[slot]!;
    if (key !== -1 && pmiOf(key, values[slot]!) > 0) rowStarts[Math.floor(key / columns) + 1]! += 1;
  }
  for (let row = 0; row < rows; row += 1) rowStarts[row + 1]! += rowStarts[row]!;
  const next = rowStarts.slice(0, rows);
  const columnIndices = new Uint32Array(rowStarts[rows]!);
  const entries = new Float32Array(rowStarts[rows]!);
  for (let slot = 0; slot < keys.length; slot += 1) {
    const key = keys[slot]!;
    if (key === -1) continue;
    const value = pmiOf(key, values[slot]!);
    if (value <= 0) continue;
    const row = Math.floor(key / columns);
    const position = next[row]!;
    next[row] = position + 1;
    columnIndices[position] = key % columns;
    entries[position] = value;
  }
  return { rows, columns, rowStarts, columnIndices, values: entries };
}
