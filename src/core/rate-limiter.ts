/** Sliding-window limit of events per key; the clock is injected so tests need no waiting. */
export class RateLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly limitPerWindow: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an event for `key` and says whether it is within the limit (a limit of 0 means unlimited). */
  tryAcquire(key: string): boolean {
    if (this.limitPerWindow <= 0) return true;
    const now = this.now();
    const recent = (this.events.get(key) ?? []).filter((time) => now - time < this.windowMs);
    if (recent.length >= this.limitPerWindow) {
      this.events.set(key, recent);
      return false;
    }
    recent.push(now);
    this.events.set(key, recent);
    if (this.events.size > 10_000) this.forgetIdle(now);
    return true;
  }

  private forgetIdle(now: number): void {
    for (const [key, times] of this.events) {
      if (times.every((time) => now - time >= this.windowMs)) this.events.delete(key);
    }
  }
}
