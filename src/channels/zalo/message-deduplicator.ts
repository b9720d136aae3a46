import { BoundedMap } from '../../core/bounded-map.js';

/** Remembers the ids of recent messages, so a platform's retry of the same delivery never gets a second answer. */
export class MessageDeduplicator {
  private readonly seen: BoundedMap<string, true>;

  /** `capacity` bounds memory: ids older than the last `capacity` messages are forgotten. */
  constructor(capacity = 10_000) {
    this.seen = new BoundedMap(capacity);
  }

  /** True the first time an id is offered, false for every repeat still remembered. */
  isFirst(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.set(id, true);
    return true;
  }
}
