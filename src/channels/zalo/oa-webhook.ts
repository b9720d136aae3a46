import { ConfigError } from '../../core/errors.js';
import { createConversation } from './conversation.js';
import { MessageDeduplicator } from './message-deduplicator.js';
import { ZaloOaClient, type OaRecipient } from './oa-client.js';
import { verifyOaSignature } from './oa-signature.js';
import { PendingWork } from './pending-work.js';
import type { HttpRequest, HttpResponse, HttpRoute } from '../http/http-route.js';
import type { ZaloChannelOptions } from './zalo-services.js';

/** The fields of an OA webhook event this channel reads (Zalo sends more). */
interface OaEvent {
  app_id?: unknown;
  event_name?: unknown;
  timestamp?: unknown;
  sender?: { id?: unknown };
  follower?: { id?: unknown };
  message?: { msg_id?: unknown; text?: unknown };
}

/** Timestamps below this are taken as seconds rather than milliseconds (some senders use seconds). */
const MILLISECOND_TIMESTAMPS_FROM = 100_000_000_000;

/**
 * The Zalo Official Account webhook: verifies `X-ZEvent-Signature` over the raw body and rejects stale events (both
 * with 401, processing nothing), acknowledges at once, then answers `user_send_text` and welcomes `follow` in the
 * background, once per `msg_id`; other events are acknowledged and ignored.
 */
export function createZaloOaRoute(options: ZaloChannelOptions): HttpRoute & { idle(): Promise<void> } {
  const { config, services, log } = options;
  const { appId, oaSecretKey, maxEventAgeSeconds, webhookPath } = config.zaloOa;
  if (!appId || !oaSecretKey) {
    throw new ConfigError('The Zalo OA webhook needs ZALO_OA_APP_ID and ZALO_OA_SECRET_KEY (Zalo for Developers → your app → Official Account settings).');
  }
  const now = options.now ?? Date.now;
  const client = new ZaloOaClient({ config, tokens: services.tokens, log, now, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const conversation = createConversation({ config, services, channel: 'zalo-oa', log, now });
  const deduplicator = new MessageDeduplicator();
  const work = new PendingWork(log);

  const sendAll = async (recipient: OaRecipient, texts: string[]) => {
    for (const text of texts) await client.sendText(recipient, text);
  };

  return {
    method: 'POST',
    path: webhookPath,
    idle: () => work.idle(),
    async handle(request: HttpRequest): Promise<HttpResponse> {
      const event = parseEvent(request.rawBody);
      const timestamp = typeof event?.timestamp === 'string' || typeof event?.timestamp === 'number' ? String(event.timestamp) : '';
      const signature = firstHeader(request.headers['x-zevent-signature']);
      if (!event || !verifyOaSignature(signature, { appId, rawBody: request.rawBody, timestamp, oaSecretKey })) {
        log('[zalo-oa] rejected a webhook call with a missing or wrong X-ZEvent-Signature');
        return { status: 401, body: { error: 'invalid signature' } };
      }
      if (maxEventAgeSeconds > 0 && !isFresh(timestamp, now(), maxEventAgeSeconds)) {
        log(`[zalo-oa] rejected an event older than ${maxEventAgeSeconds} s (ZALO_OA_MAX_EVENT_AGE_SECONDS); a replay or a late retry`);
        return { status: 401, body: { error: 'stale event' } };
      }

      const name = String(event.event_name ?? '');
      const messageId = textOf(event.message?.msg_id);
      if (name === 'user_send_text') {
        const userId = textOf(event.sender?.id);
        const text = textOf(event.message?.text);
        if (userId && text !== undefined && (!messageId || deduplicator.isFirst(messageId))) {
          const recipient = messageId ? { messageId } : { userId };
          work.track('[zalo-oa] reply not sent', async () => sendAll(recipient, await conversation.reply(userId, text)));
        }
      } else if (name === 'follow') {
        const userId = textOf(event.follower?.id) ?? textOf(event.sender?.id);
        if (userId && deduplicator.isFirst(`follow:${userId}:${timestamp}`)) {
          work.track('[zalo-oa] welcome not sent', () => sendAll({ userId }, conversation.welcome()));
        }
      }
      return { status: 200, body: { ok: true } };
    },
  };
}

function parseEvent(rawBody: Buffer): OaEvent | undefined {
  try {
    const value: unknown = JSON.parse(rawBody.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as OaEvent) : undefined;
  } catch {
    return undefined;
  }
}

function isFresh(timestamp: string, now: number, maxAgeSeconds: number): boolean {
  const value = Number(timestamp);
  if (!timestamp || !Number.isFinite(value)) return false;
  const milliseconds = value < MILLISECOND_TIMESTAMPS_FROM ? value * 1000 : value;
  return Math.abs(now - milliseconds) <= maxAgeSeconds * 1000;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
