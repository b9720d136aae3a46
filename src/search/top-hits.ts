import type { Hit } from './hit.js';

/**
 * Keeps the `k` best hits seen so far in a min-heap, so ranking n candidates costs n·log k instead of a full sort;
 * ties go to the lower label so results are deterministic.
 */
export class TopHits {
  private readonly labels: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly k: number) {}

  /** True when a hit with this score would enter the top k (so callers can skip an expensive filter otherwise). */
  accepts(score: number): boolean {
    return this.k > 0 && (this.labels.length < this.k || score >= this.scores[0]!);
  }

  /** Offers one candidate. */
  offer(label: number, score: number): void {
    if (this.k <= 0) return;
    if (this.labels.length < this.k) {
      this.labels.push(label);
      this.scores.push(score);
      this.siftUp(this.labels.length - 1);
    } else if (this.worse(0, label, score)) {
      this.labels[0] = label;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** The kept hits, best first. */
  sorted(): Hit[] {
    return this.labels
      .map((label, index) => ({ label, score: this.scores[index]! }))
      .sort((left, right) => right.score - left.score || left.label - right.label);
  }

  /** True when the kept entry at `index` ranks below the candidate. */
  private worse(index: number, label: number, score: number): boolean {
    const kept = this.scores[index]!;
    return kept < score || (kept === score && this.labels[index]! > label);
  }

  private below(left: number, right: number): boolean {
    return this.worse(left, this.labels[right]!, this.scores[right]!);
  }

  private swap(left: number, right: number): void {
    [this.labels[left], this.labels[right]] = [this.labels[right]!, this.labels[left]!];
    [this.scores[left], this.scores[right]] = [this.scores[right]!, this.scores[left]!];
  }

  private siftUp(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.below(child, parent)) break;
      this.swap(child, parent);
      child = parent;
    }
  }

  private siftDown(index: number): void {
    let parent = index;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < this.labels.length && this.below(left, smallest)) smallest = left;
      if (right < this.labels.length && this.below(right, smallest)) smallest = right;
      if (smallest === parent) return;
      this.swap(parent, smallest);
      parent = smallest;
    }
  }
}
