import { createHash } from 'node:crypto';
import { ConfigError, toChatbotError } from '../../core/errors.js';
import { createConversation } from './conversation.js';
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
 * The Zalo Official Account webhook: verifies `X-ZEvent-Signature` over the raw body (401 when wrong, processing
 * nothing), acknowledges a signed event at once, then answers `user_send_text` and welcomes `follow` in the background.
 * A signed event older than `ZALO_OA_MAX_EVENT_AGE_SECONDS` (Zalo's retries after an outage, or a replay) and one
 * already handled (by `msg_id`, or by a hash of sender, timestamp and text when it has none; kept in the store, so
 * also after a restart) are acknowledged with 200 and dropped: a non-200 would only make Zalo retry and, in the end,
 * disable the webhook. Other events are acknowledged and ignored.
 */
export function createZaloOaRoute(options: ZaloChannelOptions): HttpRoute & { idle(): Promise<void> } {
  const { config, services, log } = options;
  const { appId, oaSecretKey, maxEventAgeSeconds, webhookPath } = config.zaloOa;
  if (!appId || !oaSecretKey) {
    throw new ConfigError('The Zalo OA webhook needs ZALO_OA_APP_ID and ZALO_OA_SECRET_KEY (Zalo for Developers → your app → Official Account settings).');
  }
  const now = options.now ?? Date.now;
  const client = new ZaloOaClient({ config, tokens: services.tokens, log, now, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.waitAfterRateLimit ? { sleep: options.waitAfterRateLimit } : {}) });
  const conversation = createConversation({ config, services, channel: 'zalo-oa', log, now });
  const firstSighting = async (key: string) =>
    services.seenEvents.firstSighting(`zalo-oa:${key}`).catch((error: unknown) => {
      log(`[zalo-oa] could not check whether an event was already handled (${toChatbotError(error).message}); handling it`);
      return true;
    });
  const work = new PendingWork(log);

  const sendAll = async (recipient: OaRecipient, texts: string[]) => {
    try {
      for (const text of texts) await client.sendText(recipient, text);
      options.status?.succeeded();
    } catch (error) {
      options.status?.failed(toChatbotError(error).message);
      throw error;
    }
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
        log(`[zalo-oa] dropped a signed event older than ${maxEventAgeSeconds} s (ZALO_OA_MAX_EVENT_AGE_SECONDS): a late retry or a replay; acknowledged so Zalo stops retrying`);
        return { status: 200, body: { ok: true, dropped: 'stale' } };
      }

      const name = String(event.event_name ?? '');
      const messageId = textOf(event.message?.msg_id);
      if (name === 'user_send_text') {
        const userId = textOf(event.sender?.id);
        const text = textOf(event.message?.text);
        const key = messageId ? `msg:${messageId}` : `hash:${contentHash(userId ?? '', timestamp, text ?? '')}`;
        if (userId && text !== undefined && (await firstSighting(key))) {
          const recipient = messageId ? { messageId } : { userId };
          work.track('[zalo-oa] reply not sent', async () => sendAll(recipient, await conversation.reply(userId, text)));
        }
      } else if (name === 'follow') {
        const userId = textOf(event.follower?.id) ?? textOf(event.sender?.id);
        if (userId && (await firstSighting(`follow:${userId}:${timestamp}`))) {
          work.track('[zalo-oa] welcome not sent', () => sendAll({ userId }, conversation.welcome()));
        }
      }
      return { status: 200, body: { ok: true } };
    },
  };
}

/** Identifies an event without `msg_id` by what it says, who sent it and when. */
function contentHash(userId: string, timestamp: string, text: string): string {
  return createHash('sha256').update(JSON.stringify([userId, timestamp, text.normalize('NFC')]), 'utf8').digest('hex');
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
