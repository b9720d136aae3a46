import OpenAI from 'openai';

/** Sent when only a base URL is configured: self-hosted OpenAI-compatible servers usually need no key. */
export const PLACEHOLDER_API_KEY = 'not-needed';
/** OpenAI's own endpoint, used when OPENAI_BASE_URL is unset. */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** Builds an `openai` client with every option given explicitly, so the SDK never reads `process.env`. */
export function createOpenAIClient(options: { apiKey?: string; baseURL: string; timeoutMs: number; maxRetries: number }): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey ?? PLACEHOLDER_API_KEY,
    baseURL: options.baseURL,
    organization: null,
    project: null,
    webhookSecret: null,
    adminAPIKey: null,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    logLevel: 'off',
  });
}
