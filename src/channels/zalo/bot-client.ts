import { ChatbotError, ConfigError } from '../../core/errors.js';
import { readBotUpdates, type ZaloBotUpdate } from './bot-update.js';
import { requestJson } from './request-json.js';
import type { Config } from '../../config.js';

/** The Bot Platform's code for "no update arrived during the long poll". */
const POLL_TIMED_OUT = 408;

/** Options of `ZaloBotClient`. */
export interface ZaloBotClientOptions {
  config: Readonly<Config>;
  fetch?: typeof fetch;
}

/**
 * Calls the Zalo Bot Platform (`{base}/bot<TOKEN>/<method>`, every call a JSON POST answering `{ok, result}`); the
 * token is part of every URL, so it is scrubbed from every error message.
 */
export class ZaloBotClient {
  private readonly baseUrl: string;
  private readonly token: string;
  private readonly fetch: typeof fetch;

  constructor(options: ZaloBotClientOptions) {
    const token = options.config.zaloBot.token;
    if (!token) throw new ConfigError('The Zalo bot needs ZALO_BOT_TOKEN (from the Zalo Bot Creator, e.g. 12345689:abc-xyz).');
    this.token = token;
    this.baseUrl = options.config.zaloBot.apiBaseUrl;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** Sends a text (at most 2,000 characters) to a chat. */
  async sendMessage(chatId: string, text: string): Promise<void> {
    await this.call('sendMessage', { chat_id: chatId, text });
  }

  /** Shows "typing…" in a chat while an answer is being prepared. */
  async sendTyping(chatId: string): Promise<void> {
    await this.call('sendChatAction', { chat_id: chatId, action: 'typing' });
  }

  /** Long-polls for updates (the platform returns at most one per call); empty when the poll timed out. */
  async getUpdates(timeoutSeconds: number, signal?: AbortSignal): Promise<ZaloBotUpdate[]> {
    const body = await this.request('getUpdates', { timeout: String(timeoutSeconds) }, timeoutSeconds * 1000, signal);
    if (body.ok === true || typeof body.event_name === 'string') return readBotUpdates(body);
    if (Number(body.error_code) === POLL_TIMED_OUT) return [];
    throw refusal('getUpdates', body);
  }

  private async call(method: string, payload: Record<string, unknown>): Promise<unknown> {
    const body = await this.request(method, payload, 0);
    if (body.ok !== true) throw refusal(method, body);
    return body.result;
  }

  private request(method: string, payload: Record<string, unknown>, extraWaitMs: number, signal?: AbortSignal): Promise<Record<string, unknown>> {
    return requestJson({
      fetch: this.fetch,
      url: `${this.baseUrl}/bot${this.token}/${method}`,
      init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), ...(signal ? { signal } : {}) },
      purpose: `call ${method} on the Zalo Bot Platform`,
      extraWaitMs,
      secrets: [this.token],
    });
  }
}

function refusal(method: string, body: Record<string, unknown>): ChatbotError {
  const code = body.error_code ?? 'no error code';
  const description = typeof body.description === 'string' ? `: ${body.description}` : '';
  return new ChatbotError('upstream-failed', `The Zalo Bot Platform refused ${method} (error ${String(code)}${description}).`);
}
