import { toChatbotError } from '../core/errors.js';
import type { LeaderLock } from '../core/ports.js';

/** Options of `runAsLeader`. */
export interface RunAsLeaderOptions {
  lock: LeaderLock;
  /** Starts what must run once across replicas; resolves to the function that stops it. */
  start: () => Promise<() => Promise<void>>;
  log: (line: string) => void;
}

/**
 * Runs the leader's duties whenever this process holds the lock: waits for leadership, starts them, stops them when
 * leadership is lost (and waits to lead again). `stop` ends the duties and gives leadership up so another replica
 * takes over at once. `started` settles once the duties first started.
 */
export function runAsLeader(options: RunAsLeaderOptions): { started: Promise<void>; stop(): Promise<void> } {
  let firstStart: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    firstStart = resolve;
  });
  const stopping = new AbortController();
  const stopped = new Promise<void>((resolve) => stopping.signal.addEventListener('abort', () => resolve(), { once: true }));
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      let term;
      try {
        term = await options.lock.acquire(stopping.signal);
      } catch (error) {
        if (stopping.signal.aborted) return;
        options.log(`Leader lock failed: ${toChatbotError(error).message}`);
        continue;
      }
      let stopDuties: () => Promise<void> = async () => {};
      try {
        stopDuties = await options.start();
      } catch (error) {
        options.log(`Could not start the leader's duties: ${toChatbotError(error).message}`);
      }
      firstStart();
      await Promise.race([term.lost, stopped]);
      await stopDuties().catch((error: unknown) => options.log(`Stopping the leader's duties failed: ${toChatbotError(error).message}`));
      if (stopping.signal.aborted) {
        await term.release();
        return;
      }
      options.log('Leadership lost (the database connection holding the lock ended); the gateway and scheduled syncs stopped here until this replica leads again.');
    }
  })();
  return {
    started,
    stop: async () => {
      stopping.abort();
      await loop;
    },
  };
}
