import { ChatbotError } from '../../core/errors.js';

/** How long one call to a Zalo API may take before it is abandoned (long polls add their own wait). */
export const ZALO_REQUEST_TIMEOUT_MS = 15_000;

/** One HTTP call to a Zalo API. */
export interface JsonRequest {
  fetch: typeof fetch;
  url: string;
  init: RequestInit;
  /** What the call does, for error messages, e.g. `send a Zalo OA message`. */
  purpose: string;
  /** Added to the usual timeout, for long polls that are meant to wait. */
  extraWaitMs?: number;
  /** Secrets that must never reach an error message or a log line (e.g. a bot token inside the URL). */
  secrets?: string[];
}

/**
 * Sends a request and returns its JSON object body (Zalo reports most errors inside a 200 JSON body, so the status is
 * only checked when the body is not JSON); failures become `upstream-failed` errors with secrets removed.
 */
export async function requestJson(request: JsonRequest): Promise<Record<string, unknown>> {
  const secrets = (request.secrets ?? []).filter(Boolean).flatMap((secret) => [secret, encodeURIComponent(secret)]);
  const redact = (text: string) => secrets.reduce((result, secret) => result.split(secret).join('<redacted>'), text);
  let response: Response;
  try {
    const timeout = AbortSignal.timeout(ZALO_REQUEST_TIMEOUT_MS + (request.extraWaitMs ?? 0));
    const signal = request.init.signal ? AbortSignal.any([request.init.signal, timeout]) : timeout;
    response = await request.fetch(request.url, { ...request.init, signal });
  } catch (error) {
    if (request.init.signal?.aborted) throw error;
    const reason = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error);
    throw new ChatbotError('upstream-failed', redact(`Could not reach Zalo to ${request.purpose}: ${reason}. Check the network and the Zalo base URL settings.`));
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ChatbotError('upstream-failed', redact(`Zalo answered HTTP ${response.status} without a JSON object when asked to ${request.purpose}: ${text.slice(0, 200)}`));
  }
  return body as Record<string, unknown>;
}
