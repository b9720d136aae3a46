import { hostname } from 'node:os';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ChatbotError } from '../core/errors.js';

/** Name of the lock file inside the index folder. */
const LOCK_FILE = 'LOCK';
/** How long an update waits for another one before giving up. */
const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const POLL_MS = 250;

/** Options of `withIndexLock`; the clock and the pause are seams for tests. */
export interface IndexLockOptions {
  /** Called once when another process holds the lock, with its description (e.g. `pid 4242 on host-1`). */
  onWait?: (holder: string) => void;
  timeoutMs?: number;
  /** Waits before the next attempt; defaults to a 250 ms timer. */
  pause?: () => Promise<void>;
  now?: () => number;
}

/** The process holding a lock file, as written in it. */
interface Holder {
  pid: number;
  host: string;
}

function describeHolder(holder: Holder | undefined): string {
  return holder ? `pid ${holder.pid} on ${holder.host}` : 'another process';
}

/** True when the holder is a process of this machine that no longer runs. */
function isStale(holder: Holder | undefined): boolean {
  if (!holder || holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function readHolder(path: string): Promise<Holder | undefined> {
  try {
    const [pid, host] = (await readFile(path, 'utf8')).trim().split(' ');
    return Number.isInteger(Number(pid)) && host ? { pid: Number(pid), host } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `work` while holding `indexDir/LOCK`, so two processes (an `ingest` and a starting server) never update the
 * same index at once: the second waits for the first, then sees its result. A lock left by a process that died is
 * taken over; one held longer than the timeout fails with ChatbotError('index-busy') naming the file to delete.
 */
export async function withIndexLock<T>(indexDir: string, work: () => Promise<T>, options: IndexLockOptions = {}): Promise<T> {
  const path = join(indexDir, LOCK_FILE);
  const now = options.now ?? Date.now;
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, POLL_MS)));
  const deadline = now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  await mkdir(indexDir, { recursive: true });
  let waited = false;
  for (;;) {
    try {
      const file = await open(path, 'wx');
      try {
        await file.writeFile(`${process.pid} ${hostname()}\n`, 'utf8');
      } finally {
        await file.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(path);
    if (isStale(holder)) {
      await rm(path, { force: true });
      continue;
    }
    if (now() >= deadline) {
      throw new ChatbotError(
        'index-busy',
        `The index in ${indexDir} is being updated by ${describeHolder(holder)}; if no ingest or server is running, delete ${path} and try again.`,
      );
    }
    if (!waited) options.onWait?.(describeHolder(holder));
    waited = true;
    await pause();
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}
