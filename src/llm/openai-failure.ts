import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { redactSecrets } from '../core/redact-secrets.js';
import { ChatbotError, UpstreamError, type UpstreamReason } from '../core/errors.js';

/** What a failed call was trying to do, so its error can name the setting to fix. */
export interface OpenAICallContext {
  /** Already passed through `redactURL`. */
  baseURL: string;
  model: string;
  /** The environment variable that chose `model`. */
  modelSetting: 'OPENAI_CHAT_MODEL' | 'OPENAI_EMBEDDING_MODEL';
  timeoutMs: number;
  /** How many times the call was retried before giving up. */
  retries: number;
}

/**
 * Turns anything an OpenAI-compatible call threw into one `upstream-failed` ChatbotError whose message says what went
 * wrong, with which server or model, and which setting fixes it; the original error stays as `cause`.
 */
export function describeOpenAIFailure(error: unknown, context: OpenAICallContext): ChatbotError {
  if (error instanceof ChatbotError) return error;
  const { baseURL, model, modelSetting, timeoutMs, retries } = context;
  const server = `the OpenAI-compatible server at ${baseURL}`;
  const afterRetries = retries > 0 ? ` after ${retries} ${retries === 1 ? 'retry' : 'retries'}` : '';
  const status = error instanceof APIError && typeof error.status === 'number' ? error.status : undefined;
  const [reason, message] = ((): [UpstreamReason, string] => {
    if (error instanceof APIConnectionTimeoutError) {
      return ['upstream-timeout', `No reply from ${server} within ${timeoutMs} ms${afterRetries}. Raise OPENAI_TIMEOUT_MS or check that the server is up.`];
    }
    if (error instanceof APIUserAbortError) {
      return ['upstream-timeout', `The call to ${server} was abandoned before it finished (deadline or shutdown).`];
    }
    if (error instanceof APIConnectionError) {
      const cause = error.cause instanceof Error ? (error.cause as NodeJS.ErrnoException) : undefined;
      const detail = cause?.code ?? (cause?.cause as NodeJS.ErrnoException | undefined)?.code ?? error.message;
      return ['upstream-unreachable', `Cannot reach ${server} (${detail})${afterRetries}. Check OPENAI_BASE_URL and that the server is running.`];
    }
    if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
      return ['upstream-key-rejected', `${capitalise(server)} rejected the API key (${error.status}). Check OPENAI_API_KEY.`];
    }
    if (error instanceof NotFoundError) {
      return ['upstream-model-missing', `Model "${model}" was not found at ${baseURL} (404). Set ${modelSetting} to a model the server serves, and check that OPENAI_BASE_URL ends in /v1.`];
    }
    if (error instanceof RateLimitError) {
      return ['upstream-rate-limited', `${capitalise(server)} kept rate-limiting the requests (429)${afterRetries}. Wait, raise OPENAI_MAX_RETRIES, or lower the request rate.`];
    }
    if (error instanceof APIError && typeof error.status === 'number' && error.status >= 500) {
      return ['upstream-server-error', `${capitalise(server)} failed with status ${error.status}${afterRetries}: ${upstreamExcerpt(error.message)}`];
    }
    if (error instanceof APIError) {
      return ['upstream-request-refused', `${capitalise(server)} refused the request for model "${model}" (${error.status ?? 'no status'}): ${upstreamExcerpt(error.message)}`];
    }
    if (error instanceof SyntaxError) {
      return ['upstream-bad-reply', `${capitalise(server)} sent a reply that is not valid JSON (${upstreamExcerpt(error.message)}). Check that OPENAI_BASE_URL points at an OpenAI-compatible /v1 endpoint.`];
    }
    return ['upstream-failed', `The call to ${server} failed: ${upstreamExcerpt(error instanceof Error ? error.message : String(error))}`];
  })();
  return new UpstreamError(reason, message, { cause: error, ...(status !== undefined ? { status } : {}) });
}

/** The URL with any user name and password written into it hidden, so messages and logs never carry a secret. */
export function redactURL(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '***';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How much of an upstream's own error text a log line keeps. */
const UPSTREAM_EXCERPT_CHARACTERS = 200;

/** An upstream's error text cut to an excerpt with anything shaped like a credential masked, for log lines only. */
export function upstreamExcerpt(text: string): string {
  const masked = redactSecrets(text.replace(/\s+/g, ' ').trim());
  return masked.length > UPSTREAM_EXCERPT_CHARACTERS ? `${masked.slice(0, UPSTREAM_EXCERPT_CHARACTERS)}…` : masked;
}
