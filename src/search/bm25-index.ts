import { ChatbotError } from '../core/errors.js';
import type { WeightedTerm } from './lexical-terms.js';
import type { Section } from './index-files.js';
import type { Hit } from './hit.js';
import { NumberLog } from './number-log.js';
import { TopHits } from './top-hits.js';

/** Term-frequency saturation; 1.2 is the usual BM25 default. */
const K1 = 1.2;
/** Length normalisation; 0.75 is the usual BM25 default. */
const B = 0.75;
/** A posting packs label and term frequency in one 32-bit number: label × 256 + min(tf, 255). */
const TF_BITS = 8;
const MAX_TF = (1 << TF_BITS) - 1;
/** Terms in more than this share of documents (and more than the minimum) are "common" for pruning. */
const COMMON_TERM_SHARE = 0.02;
const COMMON_TERM_MINIMUM = 256;
/** Labels must fit the 24 bits left beside the term frequency. */
export const MAX_BM25_LABEL = 2 ** (32 - TF_BITS) - 1;

/** Which documents a search may return: those a filter accepts, or only the listed labels (sorted ascending). */
export interface Bm25Restriction {
  filter?: (label: number) => boolean;
  /** Scores just these documents, looking each up in the postings: far cheaper than scanning when they are few. */
  only?: readonly number[];
}

function grow<T extends Uint32Array | Uint8Array>(array: T, size: number, make: (length: number) => T): T {
  if (array.length >= size) return array;
  const grown = make(Math.max(size, array.length * 2, 64));
  grown.set(array);
  return grown;
}

/**
 * Okapi BM25 over labelled documents with compact postings (one Uint32 per posting, CSR by term) that persist as
 * typed arrays. Added documents wait in a forward list and are merged into the postings before the next search or
 * save; removed ones are hidden at once and dropped at the next merge.
 */
export class Bm25Index {
  private readonly termIds = new Map<string, number>();
  private readonly termList: string[] = [];
  /** Postings of term t are postings[offsets[t] .. offsets[t + 1]), sorted by label. */
  private offsets: Uint32Array = new Uint32Array(1);
  private postings: Uint32Array = new Uint32Array(0);
  private documentLengths: Uint32Array = new Uint32Array(0);
  private live: Uint8Array = new Uint8Array(0);
  private liveCount = 0;
  private liveLength = 0;
  /** Documents added since the last merge: each one's label, then (term id × 256 + tf) pairs. */
  private pendingLabels: number[] = [];
  private pendingStarts: number[] = [0];
  private pendingTerms: NumberLog;
  /** Labels removed since the last merge, whose postings are still in the arrays. */
  private removedSinceMerge = new Set<number>();
  private scores = new Float64Array(0);
  /** Per-term scratch for counting a document's terms without a Map: the document that last saw the term, and its count. */
  private lastSeen = new Int32Array(1024).fill(-1);
  private seenCount = new Uint32Array(1024);
  private documentSerial = 0;
  private highestMergedLabel = -1;

  /**
   * `spillPath`: a file where documents added since the last merge are kept instead of memory (a first build of many
   * chunks); it is deleted at every merge.
   */
  constructor(private readonly spillPath?: string) {
    this.pendingTerms = new NumberLog(spillPath);
  }

  /** Deletes the spill file of pending documents, for an index dropped unsaved; it must not be used afterwards. */
  dispose(): void {
    this.pendingTerms.dispose();
  }

  /** How many documents are searchable. */
  get size(): number {
    return this.liveCount;
  }

  /** True when `label` is a live document. */
  has(label: number): boolean {
    return this.live[label] === 1;
  }

  /** Indexes a document's terms (as made by `lexicalTerms`) under a label that is not live. */
  add(label: number, terms: readonly string[]): void {
    if (!Number.isInteger(label) || label < 0 || label > MAX_BM25_LABEL) {
      throw new ChatbotError('input-invalid', `BM25 label ${label} is out of range 0..${MAX_BM25_LABEL}.`);
    }
    if (this.has(label)) throw new ChatbotError('input-invalid', `BM25 label ${label} is already indexed; remove it first.`);
    // A reused label must not revive the postings it had before its removal.
    if (this.removedSinceMerge.has(label)) this.merge(true);
    if (this.lastSeen.length < this.termList.length) this.growScratch(this.termList.length);
    const serial = this.documentSerial++;
    const distinct: number[] = [];
    for (const term of terms) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.termList.length;
        this.termIds.set(term, id);
        this.termList.push(term);
        if (id >= this.lastSeen.length) this.growScratch(id + 1);
      }
      if (this.lastSeen[id] !== serial) {
        this.lastSeen[id] = serial;
        this.seenCount[id] = 1;
        distinct.push(id);
      } else {
        this.seenCount[id]! += 1;
      }
    }
    for (const id of distinct) this.pendingTerms.push(id * (MAX_TF + 1) + Math.min(this.seenCount[id]!, MAX_TF));
    this.pendingLabels.push(label);
    this.pendingStarts.push(this.pendingTerms.length);
    this.documentLengths = grow(this.documentLengths, label + 1, (length) => new Uint32Array(length));
    this.live = grow(this.live, label + 1, (length) => new Uint8Array(length));
    this.documentLengths[label] = terms.length;
    this.live[label] = 1;
    this.liveCount += 1;
    this.liveLength += terms.length;
  }

  /** Hides a document from every later search; unknown labels are ignored. */
  remove(label: number): void {
    if (!this.has(label)) return;
    this.live[label] = 0;
    this.liveCount -= 1;
    this.liveLength -= this.documentLengths[label]!;
    this.removedSinceMerge.add(label);
  }

  /**
   * The `k` best live documents for a weighted query, best first; `filter` keeps only the labels it accepts.
   *
   * Exact BM25 with MaxScore-style pruning: rare terms are scored over their whole posting lists, then, when even a
   * document matching every common term could not reach the current k-th score, the common terms (say "phường", with
   * a posting for nearly every chunk) are looked up only for the documents already found, by binary search.
   */
  search(query: readonly WeightedTerm[], k: number, restriction: Bm25Restriction = {}): Hit[] {
    const { filter, only } = restriction;
    this.merge();
    if (this.liveCount === 0 || k <= 0) return [];
    if (this.scores.length < this.live.length) this.scores = new Float64Array(this.live.length);
    const scores = this.scores;
    const touched: number[] = [];
    const averageLength = this.liveLength / this.liveCount || 1;
    const terms: Array<{ start: number; end: number; factor: number }> = [];
    for (const { term, weight } of query) {
      const id = this.termIds.get(term);
      if (id === undefined || weight <= 0) continue;
      const start = this.offsets[id]!;
      const end = this.offsets[id + 1]!;
      // Postings of documents removed since the last merge still count here; every save merges them away.
      const frequency = Math.min(end - start, this.liveCount);
      if (frequency === 0) continue;
      const idf = Math.log(1 + (this.liveCount - frequency + 0.5) / (frequency + 0.5));
      terms.push({ start, end, factor: weight * idf * (K1 + 1) });
    }
    terms.sort((left, right) => left.end - left.start - (right.end - right.start));
    const norm = (label: number): number => K1 * (1 - B + (B * this.documentLengths[label]!) / averageLength);
    if (only) {
      const labels = only.filter((label) => this.live[label] === 1);
      for (const term of terms) this.scoreFound(term, labels, norm);
      const top = new TopHits(k);
      for (const label of labels) {
        if (scores[label]! > 0) top.offer(label, scores[label]!);
        scores[label] = 0;
      }
      return top.sorted();
    }
    const scoreAll = (term: { start: number; end: number; factor: number }): void => {
      for (let index = term.start; index < term.end; index += 1) {
        const posting = this.postings[index]!;
        const label = posting >>> TF_BITS;
        if (this.live[label] !== 1) continue;
        const tf = posting & MAX_TF;
        if (scores[label] === 0) touched.push(label);
        scores[label]! += (term.factor * tf) / (tf + norm(label));
      }
    };
    let first = 0;
    const commonSize = Math.max(COMMON_TERM_MINIMUM, this.liveCount * COMMON_TERM_SHARE);
    while (first < terms.length && (first === 0 || terms[first]!.end - terms[first]!.start <= commonSize)) scoreAll(terms[first++]!);
    if (first < terms.length) {
      // A term adds at most factor × tf / (tf + norm) < factor to any document.
      const remainingBound = terms.slice(first).reduce((sum, term) => sum + term.factor, 0);
      if (this.kthScore(touched, k, filter) > remainingBound) {
        touched.sort((left, right) => left - right);
        for (const term of terms.slice(first)) this.scoreFound(term, touched, norm);
      } else {
        for (const term of terms.slice(first)) scoreAll(term);
      }
    }
    const top = new TopHits(k);
    for (const label of touched) {
      const score = scores[label]!;
      scores[label] = 0;
      if (top.accepts(score) && (!filter || filter(label))) top.offer(label, score);
    }
    return top.sorted();
  }

  /** The k-th best score among found documents the filter accepts, or −∞ when fewer than k are found. */
  private kthScore(touched: readonly number[], k: number, filter?: (label: number) => boolean): number {
    const top = new TopHits(k);
    for (const label of touched) {
      const score = this.scores[label]!;
      if (top.accepts(score) && (!filter || filter(label))) top.offer(label, score);
    }
    const kept = top.sorted();
    return kept.length < k ? Number.NEGATIVE_INFINITY : kept[kept.length - 1]!.score;
  }

  /** Adds one term's contribution to the found documents (sorted), finding each in the label-sorted postings by galloping search. */
  private scoreFound(term: { start: number; end: number; factor: number }, found: readonly number[], norm: (label: number) => number): void {
    let low = term.start;
    for (const label of found) {
      if (low >= term.end) return;
      let step = 1;
      let high = low;
      while (high < term.end && this.postings[high]! >>> TF_BITS < label) {
        low = high + 1;
        high += step;
        step *= 2;
      }
      if (low >= term.end) return;
      high = Math.min(high, term.end - 1);
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (this.postings[middle]! >>> TF_BITS < label) low = middle + 1;
        else high = middle;
      }
      const posting = this.postings[low]!;
      if (posting >>> TF_BITS === label) {
        const tf = posting & MAX_TF;
        this.scores[label]! += (term.factor * tf) / (tf + norm(label));
      }
    }
  }

  /** The arrays that `load` takes back; merges pending documents first. */
  toSections(): Record<string, Section> {
    this.merge(true);
    return {
      bm25Terms: new Uint8Array(Buffer.from(this.termList.join('\n'), 'utf8')),
      bm25Offsets: this.offsets,
      bm25Postings: this.postings,
      bm25Lengths: this.documentLengths,
      bm25Live: this.live,
    };
  }

  /** Rebuilds an index from the arrays of `toSections`; throws ChatbotError('index-corrupt') when they disagree. */
  static fromSections(sections: ReadonlyMap<string, Section>): Bm25Index {
    const terms = sections.get('bm25Terms');
    const offsets = sections.get('bm25Offsets');
    const postings = sections.get('bm25Postings');
    const lengths = sections.get('bm25Lengths');
    const live = sections.get('bm25Live');
    if (
      !(terms instanceof Uint8Array && offsets instanceof Uint32Array && postings instanceof Uint32Array) ||
      !(lengths instanceof Uint32Array && live instanceof Uint8Array) ||
      lengths.length !== live.length ||
      offsets[offsets.length - 1] !== postings.length
    ) {
      throw new ChatbotError('index-corrupt', 'The BM25 postings are incomplete; run `hoiphuong ingest` to rebuild the index.');
    }
    const index = new Bm25Index();
    const termText = Buffer.from(terms.buffer, terms.byteOffset, terms.byteLength).toString('utf8');
    const termList = termText.length === 0 ? [] : termText.split('\n');
    if (termList.length !== offsets.length - 1) {
      throw new ChatbotError('index-corrupt', 'The BM25 term list does not match its postings; run `hoiphuong ingest` to rebuild the index.');
    }
    for (let id = 0; id < termList.length; id += 1) index.termIds.set(termList[id]!, id);
    index.termList.push(...termList);
    index.offsets = offsets;
    index.postings = postings;
    index.documentLengths = lengths;
    index.live = live;
    for (let label = 0; label < live.length; label += 1) {
      if (live[label] === 1) {
        index.liveCount += 1;
        index.liveLength += lengths[label]!;
      }
    }
    // Saving drops removed documents' postings, so the highest posting label is the highest live one.
    for (let label = live.length - 1; label >= 0 && index.highestMergedLabel < 0; label -= 1) if (live[label] === 1) index.highestMergedLabel = label;
    return index;
  }

  /**
   * Every single-word term (no bigrams) with the number of documents that hold it, for the corpus vocabulary that
   * typo repair checks question words against.
   */
  unigramFrequencies(): Map<string, number> {
    this.merge();
    const frequencies = new Map<string, number>();
    this.termList.forEach((term, id) => {
      if (term.includes(' ')) return;
      frequencies.set(term, (this.offsets[id + 1] ?? 0) - (this.offsets[id] ?? 0));
    });
    return frequencies;
  }

  private growScratch(needed: number): void {
    const length = Math.max(needed, this.lastSeen.length * 2);
    const lastSeen = new Int32Array(length).fill(-1);
    lastSeen.set(this.lastSeen);
    const seenCount = new Uint32Array(length);
    seenCount.set(this.seenCount);
    this.lastSeen = lastSeen;
    this.seenCount = seenCount;
  }

  /**
   * Folds pending documents into the CSR postings (and, when `dropDead` or many were removed, drops removed ones) with
   * a counting sort by term.
   */
  private merge(dropDead = false): void {
    const pending = this.pendingLabels.length;
    const dropping = this.removedSinceMerge.size > 0 && (dropDead || this.removedSinceMerge.size * 4 > this.liveCount);
    if (pending === 0 && !dropping && this.offsets.length === this.termList.length + 1) return;
    const termCount = this.termList.length;
    const counts = new Uint32Array(termCount + 1);
    const keep = (label: number): boolean => this.live[label] === 1;
    for (let term = 0; term < this.offsets.length - 1; term += 1) {
      for (let index = this.offsets[term]!; index < this.offsets[term + 1]!; index += 1) {
        if (!dropping || keep(this.postings[index]! >>> TF_BITS)) counts[term + 1]! += 1;
      }
    }
    const pendingValues = this.pendingTerms;
    for (let document = 0; document < pending; document += 1) {
      if (!keep(this.pendingLabels[document]!)) continue;
      for (let index = this.pendingStarts[document]!; index < this.pendingStarts[document + 1]!; index += 1) {
        counts[(pendingValues.at(index) >>> TF_BITS) + 1]! += 1;
      }
    }
    for (let term = 0; term < termCount; term += 1) counts[term + 1]! += counts[term]!;
    const offsets = counts;
    const cursor = offsets.slice(0, termCount);
    const postings = new Uint32Array(offsets[termCount]!);
    for (let term = 0; term < this.offsets.length - 1; term += 1) {
      for (let index = this.offsets[term]!; index < this.offsets[term + 1]!; index += 1) {
        const posting = this.postings[index]!;
        if (!dropping || keep(posting >>> TF_BITS)) postings[cursor[term]!++] = posting;
      }
    }
    // Search finds documents in postings by binary search, so postings stay sorted by label; labels normally only
    // grow, and a reused one makes the merge sort each list.
    let outOfOrder = false;
    let previousLabel = this.highestMergedLabel;
    for (let document = 0; document < pending; document += 1) {
      const label = this.pendingLabels[document]!;
      if (!keep(label)) continue;
      if (label <= previousLabel) outOfOrder = true;
      previousLabel = label;
      this.highestMergedLabel = Math.max(this.highestMergedLabel, label);
      for (let index = this.pendingStarts[document]!; index < this.pendingStarts[document + 1]!; index += 1) {
        const value = pendingValues.at(index);
        postings[cursor[value >>> TF_BITS]!++] = label * (MAX_TF + 1) + (value & MAX_TF);
      }
    }
    if (outOfOrder) {
      for (let term = 0; term < termCount; term += 1) postings.subarray(offsets[term]!, offsets[term + 1]!).sort();
    }
    this.offsets = offsets;
    this.postings = postings;
    this.pendingLabels = [];
    this.pendingStarts = [0];
    this.pendingTerms.dispose();
    this.pendingTerms = new NumberLog(this.spillPath);
    if (dropping) this.removedSinceMerge.clear();
  }
}
