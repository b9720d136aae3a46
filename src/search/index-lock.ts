import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
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

/**
 * The process holding a lock file, as written in it: pid and host, and (on Linux) the boot and the process's start
 * time, which tell a live holder from an unrelated process that got the same pid after a restart.
 */
interface Holder {
  pid: number;
  host: string;
  boot?: string;
  started?: string;
}

/** Lock files this process holds right now: a file naming this pid that is not among them was left by an earlier life. */
const heldHere = new Set<string>();

function describeHolder(holder: Holder | undefined): string {
  return holder ? `pid ${holder.pid} on ${holder.host}` : 'another process';
}

/** The boot id and the start time (clock ticks since boot) of a process, where the system tells them (Linux). */
function startIdentity(pid: number): { boot: string; started: string } | undefined {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces; the start time is field 22.
    const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return boot && started ? { boot, started } : undefined;
  } catch {
    return undefined;
  }
}

/** What this process writes into the lock file. */
function selfDescription(): string {
  const identity = startIdentity(process.pid);
  return `${[process.pid, hostname(), ...(identity ? [identity.boot, identity.started] : [])].join(' ')}\n`;
}

/**
 * True when the lock can be taken over: it names no process (empty or garbled — this code never leaves a partly
 * written lock, see `tryCreate`), or a process of this machine that no longer runs, or this very pid without this
 * process holding it (a server restarted with the same pid, as PID 1 in a container is), or a pid now used by a
 * process that started after the holder did.
 */
function isStale(path: string, holder: Holder | undefined): boolean {
  if (!holder) return true;
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return !heldHere.has(path);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  if (holder.boot === undefined || holder.started === undefined) return false;
  const running = startIdentity(holder.pid);
  return running !== undefined && (running.boot !== holder.boot || running.started !== holder.started);
}

/** The holder a lock file names; undefined when it is missing, empty or garbled. */
async function readHolder(path: string): Promise<Holder | undefined | 'missing'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  const [pid, host, boot, started] = text.trim().split(' ');
  if (!Number.isInteger(Number(pid)) || Number(pid) <= 0 || !host) return undefined;
  return { pid: Number(pid), host, ...(boot && started ? { boot, started } : {}) };
}

/**
 * Creates the lock file complete or not at all: the description is written to a file of this process's own, which is
 * then hard-linked to the lock's name (failing if the name exists). Readers never see an empty lock.
 */
async function tryCreate(path: string): Promise<boolean> {
  const draft = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await writeFile(draft, selfDescription(), 'utf8');
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    await rm(draft, { force: true });
  }
}

/**
 * Runs `work` while holding `indexDir/LOCK`, so two processes (an `ingest` and a starting server) never update the
 * same index at once: the second waits for the first, then sees its result. A lock that cannot be live (see
 * `isStale`) is taken over; one held longer than the timeout fails with ChatbotError('index-busy') naming the file.
 */
export async function withIndexLock<T>(indexDir: string, work: () => Promise<T>, options: IndexLockOptions = {}): Promise<T> {
  const path = join(indexDir, LOCK_FILE);
  const now = options.now ?? Date.now;
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, POLL_MS)));
  const deadline = now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  await mkdir(indexDir, { recursive: true });
  let waited = false;
  for (;;) {
    if (!heldHere.has(path) && (await tryCreate(path))) break;
    const holder = await readHolder(path);
    if (holder === 'missing') continue;
    if (!heldHere.has(path) && isStale(path, holder)) {
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
  heldHere.add(path);
  try {
    return await work();
  } finally {
    heldHere.delete(path);
    await rm(path, { force: true });
  }
}
