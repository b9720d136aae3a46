import { ConfigError } from '../../core/errors.js';
import { ZaloBotClient } from './bot-client.js';
import { createBotUpdateHandler } from './bot-update-handler.js';
import { readBotUpdates } from './bot-update.js';
import { constantTimeEqual } from './constant-time-equal.js';
import { PendingWork } from './pending-work.js';
import type { HttpRequest, HttpResponse, HttpRoute } from '../http/http-route.js';
import type { ZaloChannelOptions } from './zalo-services.js';

/**
 * The Zalo Bot Platform webhook: checks `X-Bot-Api-Secret-Token` in constant time (401 and nothing processed when it
 * is wrong or missing), acknowledges at once and replies in the background.
 */
export function createZaloBotRoute(options: ZaloChannelOptions): HttpRoute & { idle(): Promise<void> } {
  const { config, log } = options;
  const secretToken = config.zaloBot.secretToken;
  if (!secretToken) {
    throw new ConfigError('The Zalo bot webhook needs ZALO_BOT_SECRET_TOKEN (8 to 256 characters, the secret_token given to setWebhook), or set ZALO_BOT_MODE=polling.');
  }
  const client = new ZaloBotClient({ config, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const handle = createBotUpdateHandler({ ...options, client });
  const work = new PendingWork(log);

  return {
    method: 'POST',
    path: config.zaloBot.webhookPath,
    idle: () => work.idle(),
    async handle(request: HttpRequest): Promise<HttpResponse> {
      const header = request.headers['x-bot-api-secret-token'];
      const received = Array.isArray(header) ? header[0] : header;
      if (received === undefined || !constantTimeEqual(received, secretToken)) {
        log('[zalo-bot] rejected a webhook call with a missing or wrong X-Bot-Api-Secret-Token');
        return { status: 401, body: { error: 'invalid secret token' } };
      }
      let body: unknown;
      try {
        body = JSON.parse(request.rawBody.toString('utf8'));
      } catch {
        return { status: 400, body: { error: 'body must be JSON' } };
      }
      for (const update of readBotUpdates(body)) work.track('[zalo-bot] reply not sent', () => handle(update));
      return { status: 200, body: { ok: true } };
    },
  };
}
