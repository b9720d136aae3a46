import { describe, expect, it } from 'vitest';
import { InProcessLeaderLock } from '../../src/core/in-process-leader-lock.js';
import { runAsLeader } from '../../src/cli/run-as-leader.js';
import type { LeaderLock, LeaderTerm } from '../../src/core/ports.js';

/** A lock whose terms the test hands out and ends, as a database would. */
class HandedLock implements LeaderLock {
  private waiting: Array<(term: LeaderTerm) => void> = [];
  private leading = false;
  released = 0;

  acquire(signal: AbortSignal): Promise<LeaderTerm> {
    return new Promise((resolve, reject) => {
      this.waiting.push(resolve);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }

  isLeader(): boolean {
    return this.leading;
  }

  /** Grants leadership to the waiting caller; returns how to take it away (the connection dropping). */
  grant(): () => void {
    let lose: () => void = () => {};
    const lost = new Promise<void>((resolve) => (lose = resolve));
    this.leading = true;
    this.waiting.shift()?.({ lost, release: async () => void (this.released += 1) });
    return () => {
      this.leading = false;
      lose();
    };
  }
}

describe('runAsLeader', () => {
  it('starts the duties at once in a single process and stops them, giving leadership up, when stopped', async () => {
    const lock = new InProcessLeaderLock();
    const events: string[] = [];
    const leader = runAsLeader({ lock, log: () => {}, start: async () => (events.push('start'), async () => void events.push('stop')) });
    await leader.started;
    expect([events, lock.isLeader()]).toEqual([['start'], true]);
    await leader.stop();
    expect([events, lock.isLeader()]).toEqual([['start', 'stop'], false]);
  });

  it('stops the duties when leadership is lost and starts them again when it comes back', async () => {
    const lock = new HandedLock();
    const events: string[] = [];
    const lines: string[] = [];
    const leader = runAsLeader({ lock, log: (line) => lines.push(line), start: async () => (events.push('start'), async () => void events.push('stop')) });
    const lose = lock.grant();
    await leader.started;
    lose();
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['start', 'stop']);
    expect(lines.join('\n')).toContain('Leadership lost');
    lock.grant();
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['start', 'stop', 'start']);
    await leader.stop();
    expect(events).toEqual(['start', 'stop', 'start', 'stop']);
    expect(lock.released).toBe(1);
  });

  it('never starts the duties on a replica that does not lead', async () => {
    const lock = new HandedLock();
    let starts = 0;
    const leader = runAsLeader({ lock, log: () => {}, start: async () => ((starts += 1), async () => {}) });
    await leader.stop();
    expect(starts).toBe(0);
  });
});
