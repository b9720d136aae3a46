import { fork, type ChildProcess } from 'node:child_process';

/** Reads the JSON options a parent passed as the child's first argument. */
export function childOptions<Options>(): Options {
  return JSON.parse(process.argv[2] ?? '{}') as Options;
}

/** Sends one message to the parent process (no-op when not forked). */
export function tellParent(message: unknown): void {
  process.send?.(message);
}

/** A forked bench process and the messages it sends. */
export interface BenchChild {
  /** The next message the child sends. */
  next<Message>(): Promise<Message>;
  send(message: unknown): void;
  /** Resolves with the exit code once the child has ended. */
  exited: Promise<number>;
}

/**
 * Starts `script` (a compiled bench child) in a fresh Node process, so what it measures (start-up, peak memory)
 * belongs to it alone; fails if it exits before sending what was awaited.
 */
export function startChild(script: URL, options: unknown): BenchChild {
  const child: ChildProcess = fork(script, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const queue: unknown[] = [];
  const waiting: Array<{ resolve: (message: unknown) => void; reject: (error: Error) => void }> = [];
  let ended: Error | undefined;
  child.on('message', (message) => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(message);
    else queue.push(message);
  });
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => {
      ended = new Error(`Bench child ${script.pathname} exited (${signal ?? `code ${code}`}) before reporting; see its output above.`);
      for (const waiter of waiting.splice(0)) waiter.reject(ended);
      resolve(code ?? 1);
    });
  });
  return {
    next<Message>(): Promise<Message> {
      if (queue.length > 0) return Promise.resolve(queue.shift() as Message);
      if (ended) return Promise.reject(ended);
      return new Promise<Message>((resolve, reject) => waiting.push({ resolve: resolve as (message: unknown) => void, reject }));
    },
    send(message: unknown): void {
      child.send(message as never);
    },
    exited,
  };
}

/** Runs a child that sends one report and exits; returns the report. */
export async function runChild<Report>(script: URL, options: unknown): Promise<Report> {
  const child = startChild(script, options);
  const report = await child.next<Report>();
  await child.exited;
  return report;
}

/** Peak resident set size of this process so far, in MB (10^6 bytes, as the targets are stated). */
export function peakRssMegabytes(): number {
  return Math.round((process.resourceUsage().maxRSS * 1_024) / 1_000_000);
}
