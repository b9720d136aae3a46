import { toChatbotError } from '../core/errors.js';
import type { AnswerLog } from './store.js';

/** Options of `startAnswerLogRetention`. */
export interface AnswerLogRetentionOptions {
  /** Days an answer is kept (ANSWER_LOG_DAYS); 0 keeps everything and starts nothing. */
  days: number;
  log: (line: string) => void;
  now?: () => Date;
  /** How often the log is pruned again (default every 6 hours). */
  everyMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Prunes the answer log now and then periodically, in the background: a failed run is logged and retried next time,
 * and the timer never keeps the process alive. Returns a stop function that also waits for a run in progress.
 */
export function startAnswerLogRetention(answers: AnswerLog, options: AnswerLogRetentionOptions): () => Promise<void> {
  if (options.days <= 0) return async () => {};
  const now = options.now ?? (() => new Date());
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const run = () => {
    if (stopped) return;
    running = running.then(async () => {
      try {
        const removed = await answers.prune(new Date(now().getTime() - options.days * DAY_MS));
        if (removed > 0) options.log(`Answer log: removed ${removed} answers older than ${options.days} days (ANSWER_LOG_DAYS).`);
      } catch (error) {
        options.log(`Answer log: pruning failed, will retry: ${toChatbotError(error).message}`);
      }
    });
  };
  run();
  const timer = setInterval(run, options.everyMs ?? 6 * 60 * 60 * 1000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
