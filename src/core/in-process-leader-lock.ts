import type { LeaderLock, LeaderTerm } from './ports.js';

/** Leadership for a single process (SQLite): it always leads, from the first `acquire` until it releases. */
export class InProcessLeaderLock implements LeaderLock {
  private leading = false;

  async acquire(signal: AbortSignal): Promise<LeaderTerm> {
    signal.throwIfAborted();
    this.leading = true;
    let end: () => void = () => {};
    const lost = new Promise<void>((resolve) => {
      end = resolve;
    });
    return {
      lost,
      release: async () => {
        this.leading = false;
        end();
      },
    };
  }

  isLeader(): boolean {
    return this.leading;
  }
}
