import cluster, { type Worker } from 'node:cluster';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';

/** What the first process tells its HTTP workers: a new index version was published in INDEX_DIR. */
export const INDEX_PUBLISHED = 'hoiphuong:index-published';

/** A worker that dies is started again after this long, so a worker failing at once cannot spin the processor. */
const RESTART_DELAY_MS = 1_000;

/** HTTP workers of `serve` for a WORKERS setting: `auto` is one per core. */
export function workerCount(setting: number | 'auto'): number {
  return setting === 'auto' ? availableParallelism() : setting;
}

/** HTTP worker processes started by the first process of `serve` (node:cluster), each running `serve` as a worker. */
export interface WorkerPool {
  /** Where the workers listen, once the first one does; rejects when a worker ends before any listened (a busy port). */
  listening: Promise<AddressInfo>;
  /** Tells every worker something (say, `INDEX_PUBLISHED`). */
  broadcast(message: string): void;
  /** Stops the workers (SIGTERM: each finishes its answers in progress) and waits until every one has ended. */
  stop(): Promise<void>;
}

/**
 * Forks `count` workers that run this same command line. Workers accept connections themselves (SCHED_NONE): the first
 * process ingests, and its busy event loop must not stand between a resident and an answer. A worker that ends while
 * the pool runs is replaced.
 */
export function startWorkerPool(count: number, log: (line: string) => void): WorkerPool {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  let stopping = false;
  let listened = false;
  const workers = new Set<Worker>();
  let resolveListening!: (address: AddressInfo) => void;
  let rejectListening!: (error: Error) => void;
  const listening = new Promise<AddressInfo>((resolve, reject) => {
    resolveListening = resolve;
    rejectListening = reject;
  });
  // A caller that stops before awaiting must not see an unhandled rejection.
  listening.catch(() => {});

  const fork = (): void => {
    const worker = cluster.fork();
    workers.add(worker);
    worker.once('listening', (address: AddressInfo) => {
      listened = true;
      resolveListening(address);
    });
    worker.once('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping) return;
      if (!listened) {
        rejectListening(new Error(`An HTTP worker ended before serving (${signal ?? `exit code ${code}`}); its error is above.`));
        return;
      }
      log(`HTTP worker ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); starting another.`);
      setTimeout(() => {
        if (!stopping) fork();
      }, RESTART_DELAY_MS).unref();
    });
  };
  for (let started = 0; started < count; started += 1) fork();

  return {
    listening,
    broadcast(message) {
      for (const worker of workers) if (worker.isConnected()) worker.send(message);
    },
    async stop() {
      stopping = true;
      const running = [...workers].filter((worker) => !worker.isDead());
      await Promise.all(
        running.map(async (worker) => {
          const exited = once(worker, 'exit');
          worker.process.kill('SIGTERM');
          await exited;
        }),
      );
    },
  };
}
