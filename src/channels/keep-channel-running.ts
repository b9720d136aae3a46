import { setTimeout as delay } from 'node:timers/promises';
import { ConfigError, toChatbotError } from '../core/errors.js';

/** A started channel, as its start function returns it. */
export interface RunningChannel {
  stop(): Promise<void>;
}

/** Options of `keepChannelRunning`. */
export interface KeepChannelRunningOptions {
  /** Short name for logs and `/healthz`, e.g. `discord`. */
  name: string;
  /** Starts the channel; a rejection is retried after a wait. */
  start: () => Promise<RunningChannel>;
  log: (line: string) => void;
  /** Waits between attempts; injected so tests need no real waiting. Must resolve early when `signal` aborts. */
  sleep?: (milliseconds: number, signal: AbortSignal) => Promise<void>;
}

/** A channel kept running in the background. */
export interface KeptChannel {
  /** `starting`, `on`, `retrying: <why>` or `stopped`, for `/healthz` and the start banner. */
  state(): string;
  /** Failed start attempts retried so far. */
  reconnects(): number;
  /** Resolves once the channel has started (not when it fails: failures are retried). */
  started(): Promise<void>;
  /** Stops retrying and stops the channel if it is running. */
  stop(): Promise<void>;
}

/** First and longest wait between attempts; a configuration error waits the longest, since it needs a person. */
const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 300_000;

/**
 * Starts a channel without making anything else wait for it: a failure at start-up (a refused token, a disallowed
 * intent, no route to the platform) is logged once as one line saying what to fix, reported by `state()`, and
 * retried with doubling waits until it works or `stop` is called. The other channels keep running meanwhile.
 */
export function keepChannelRunning(options: KeepChannelRunningOptions): KeptChannel {
  const { name, log } = options;
  const sleep = options.sleep ?? sleepUnlessAborted;
  const stopping = new AbortController();
  let state = 'starting';
  let retries = 0;
  let running: RunningChannel | undefined;
  let markStarted: () => void = () => {};
  const startedOnce = new Promise<void>((resolve) => (markStarted = resolve));

  const loop = (async () => {
    let failures = 0;
    let lastMessage = '';
    while (!stopping.signal.aborted) {
      try {
        running = await options.start();
        if (stopping.signal.aborted) break;
        state = 'on';
        if (failures > 0) log(`[${name}] started after ${failures} failed attempt${failures === 1 ? '' : 's'}`);
        markStarted();
        return;
      } catch (error) {
        failures += 1;
        retries = failures;
        const failure = toChatbotError(error);
        const wait = failure instanceof ConfigError ? LONGEST_RETRY_MS : Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), LONGEST_RETRY_MS);
        state = `retrying: ${failure.message}`;
        if (failure.message !== lastMessage) {
          log(`[${name}] not started: ${failure.message} Retrying in the background (next in ${wait / 1000} s); the other channels are running.`);
          lastMessage = failure.message;
        }
        await sleep(wait, stopping.signal);
      }
    }
  })();

  return {
    state: () => state,
    reconnects: () => retries,
    started: () => startedOnce,
    async stop() {
      stopping.abort();
      await loop;
      await running?.stop();
      running = undefined;
      state = 'stopped';
    },
  };
}

async function sleepUnlessAborted(milliseconds: number, signal: AbortSignal): Promise<void> {
  await delay(milliseconds, undefined, { signal }).catch(() => undefined);
}
