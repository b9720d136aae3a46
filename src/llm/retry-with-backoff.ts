import { APIConnectionError, APIError, APIUserAbortError } from 'openai';

/** How `retryWithBackoff` waits and how often it tries again. */
export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Injected so tests don't wait. */
  sleep: (milliseconds: number) => Promise<void>;
  /** Injected clock, for a Retry-After given as an HTTP date. */
  now: () => number;
  /** First backoff; doubled on each retry up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A longer Retry-After is cut to this, so one answer cannot stall ingest for hours. */
  maxRetryAfterMs?: number;
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Runs `operation`, retrying rate limits (429), timeouts (408), conflicts (409), server errors (5xx) and connection
 * failures with exponential backoff, or after the server's `retry-after-ms`/`Retry-After` when it sends one; other
 * errors and the last failure are rethrown unchanged.
 */
export async function retryWithBackoff<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= options.maxRetries || !isRetryable(error)) throw error;
      const backoff = Math.min((options.baseDelayMs ?? BASE_DELAY_MS) * 2 ** attempt, options.maxDelayMs ?? MAX_DELAY_MS);
      const requested = retryAfterMs(error, options.now);
      const delay = requested === undefined ? backoff : Math.min(requested, options.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS);
      await options.sleep(delay);
    }
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true;
  if (!(error instanceof APIError) || typeof error.status !== 'number') return false;
  return error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
}

function retryAfterMs(error: unknown, now: () => number): number | undefined {
  if (!(error instanceof APIError) || !error.headers) return undefined;
  const milliseconds = Number.parseFloat(error.headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const header = error.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number.parseFloat(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}
