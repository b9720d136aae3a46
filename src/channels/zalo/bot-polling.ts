import { setTimeout as delay } from 'node:timers/promises';
import { toChatbotError } from '../../core/errors.js';
import { ZaloBotClient } from './bot-client.js';
import { createBotUpdateHandler } from './bot-update-handler.js';
import { PendingWork } from './pending-work.js';
import type { ZaloChannelOptions } from './zalo-services.js';

/** Options of `startZaloBotPolling`. */
export interface ZaloBotPollingOptions extends ZaloChannelOptions {
  /** Stops polling; the returned promise resolves once replies in flight are sent. */
  signal: AbortSignal;
  /** Waits between failed polls; injected so tests need no real waiting. Must resolve early when `signal` aborts. */
  sleep?: (milliseconds: number, signal: AbortSignal) => Promise<void>;
  /** Seconds the platform may hold one `getUpdates` call open (default 30). */
  pollTimeoutSeconds?: number;
}

/** First and longest wait after failed polls; doubling in between keeps an outage from becoming a hot loop. */
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 60_000;
/** A poll that comes back empty sooner than this (a proxy answering 408 at once) is followed by a pause. */
const SHORTEST_EMPTY_POLL_MS = 1_000;

/**
 * Long-polls the Zalo Bot Platform with `getUpdates` (for deployments without a public HTTPS URL) and answers each
 * update in the background; backs off after errors (and after empty polls that return at once, so a misbehaving proxy
 * cannot cause a hot loop), and resolves when `signal` aborts.
 */
export async function startZaloBotPolling(options: ZaloBotPollingOptions): Promise<void> {
  const { config, log, signal } = options;
  const sleep = options.sleep ?? sleepUnlessAborted;
  const now = options.now ?? Date.now;
  const pollTimeoutSeconds = options.pollTimeoutSeconds ?? 30;
  const client = new ZaloBotClient({ config, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const handle = createBotUpdateHandler({ ...options, client });
  const work = new PendingWork(log);
  let failures = 0;

  log('[zalo-bot] polling for updates');
  while (!signal.aborted) {
    try {
      const started = now();
      const updates = await client.getUpdates(pollTimeoutSeconds, signal);
      failures = 0;
      const state = options.status?.state();
      if (state === 'starting' || state?.startsWith('failing: getUpdates')) options.status?.succeeded();
      for (const update of updates) work.track('[zalo-bot] reply not sent', () => handle(update));
      if (updates.length === 0 && now() - started < SHORTEST_EMPTY_POLL_MS) await sleep(SHORTEST_EMPTY_POLL_MS, signal);
    } catch (error) {
      if (signal.aborted) break;
      failures += 1;
      const wait = Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), LONGEST_RETRY_MS);
      options.status?.failed(`getUpdates: ${toChatbotError(error).message}`);
      log(
        `[zalo-bot] getUpdates failed (${toChatbotError(error).message}); retrying in ${wait / 1000} s. If a webhook is set for this bot, polling cannot work: use ZALO_BOT_MODE=webhook or delete the webhook.`,
      );
      await sleep(wait, signal);
    }
  }
  await work.idle();
  options.status?.stopped();
  log('[zalo-bot] polling stopped');
}

async function sleepUnlessAborted(milliseconds: number, signal: AbortSignal): Promise<void> {
  await delay(milliseconds, undefined, { signal }).catch(() => undefined);
}
