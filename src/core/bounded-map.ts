/** A map that keeps only its most recently used entries, so per-user memory stays bounded however many users write. */
export class BoundedMap<Key, Value> {
  private readonly entries = new Map<Key, Value>();

  constructor(private readonly capacity: number) {}

  /** The value for `key`, marking it as recently used. */
  get(key: Key): Value | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as Value;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Whether `key` is held, without marking it as used. */
  has(key: Key): boolean {
    return this.entries.has(key);
  }

  /** Stores `value`, forgetting the least recently used entry when full. */
  set(key: Key, value: Value): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  /** Forgets `key`. */
  delete(key: Key): void {
    this.entries.delete(key);
  }

  /** How many entries are held. */
  get size(): number {
    return this.entries.size;
  }
}
