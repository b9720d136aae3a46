/** Every error code the bot can raise; user-facing text for each lives in `messages.ts`. */
export type ErrorCode =
  | 'config-invalid'
  | 'article-invalid'
  | 'index-corrupt'
  | 'index-mismatch'
  | 'index-busy'
  | 'store-corrupt'
  | 'store-too-new'
  | 'input-invalid'
  | 'rate-limited'
  | 'upstream-failed'
  | 'internal';

/** Base of all errors the bot raises on purpose: says what went wrong, with which value, and how to fix it. */
export class ChatbotError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChatbotError';
    this.code = code;
  }
}

/** A setting is missing or malformed. */
export class ConfigError extends ChatbotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('config-invalid', message, options);
    this.name = 'ConfigError';
  }
}

/** One article file could not be read; ingest skips it and goes on with the others. */
export class ArticleError extends ChatbotError {
  readonly file: string;
  readonly field: string | undefined;

  constructor(file: string, field: string | undefined, message: string, options?: { cause?: unknown }) {
    super('article-invalid', `${file}: ${message}`, options);
    this.name = 'ArticleError';
    this.file = file;
    this.field = field;
  }
}

/** Wraps anything thrown into a ChatbotError so callers can log it with its cause and show the user a safe text. */
export function toChatbotError(error: unknown): ChatbotError {
  if (error instanceof ChatbotError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ChatbotError('internal', message, { cause: error });
}

/** Why an upstream service failed, as a short code that may leave the process (its own text may not). */
export type UpstreamReason =
  | 'upstream-timeout'
  | 'upstream-unreachable'
  | 'upstream-key-rejected'
  | 'upstream-model-missing'
  | 'upstream-rate-limited'
  | 'upstream-server-error'
  | 'upstream-request-refused'
  | 'upstream-bad-reply'
  | 'upstream-failed';

/** An upstream (LLM server, Zalo, Discord) failed; `reason` is safe to show, `message` is for logs only. */
export class UpstreamError extends ChatbotError {
  readonly reason: UpstreamReason;
  /** The upstream's HTTP status, when it answered. */
  readonly status: number | undefined;

  constructor(reason: UpstreamReason, message: string, options?: { cause?: unknown; status?: number }) {
    super('upstream-failed', message, options);
    this.name = 'UpstreamError';
    this.reason = reason;
    this.status = options?.status;
  }
}

/** The short reason code of a failure that may be shown to anyone: an upstream's own reason, else the error's code. */
export function publicReason(error: unknown): string {
  if (error instanceof UpstreamError) return error.reason;
  return toChatbotError(error).code;
}
