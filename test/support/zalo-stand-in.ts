import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stand-in received. */
export interface RecordedCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A message the OA API accepted. */
export interface AcceptedOaMessage {
  /** `recipient.user_id`: set on a proactive message (a welcome), absent on a reply. */
  userId?: string;
  /** `recipient.message_id`: the user's message a reply answers, so Zalo counts it as a reply, not a proactive message. */
  messageId?: string;
  text: string;
  accessToken: string;
}

/** A Bot Platform call the stand-in answered (the token checked, the method and its JSON body). */
export interface BotCall {
  method: string;
  body: Record<string, unknown>;
}

/** What `getUpdates` answers next: a JSON body as given, or a raw HTTP failure. */
export type PollAnswer = Record<string, unknown> | { httpStatus: number; text: string };

/** Settings of the stand-in, mirroring what a real OA app and bot would have. */
export interface ZaloStandInOptions {
  appId: string;
  appSecretKey: string;
  /** The access token the OA API currently accepts (others get error -216). */
  accessToken: string;
  /** The refresh token the OAuth endpoint currently accepts (single-use). */
  refreshToken: string;
  /** When true, every access token is answered with -216, even freshly issued ones. */
  rejectAllAccessTokens?: boolean;
  /** Error code for an access token that is not the current one: -216 (invalid, the default) or -220 (expired or removed). */
  staleTokenError?: number;
  botToken: string;
}

/** A local Zalo API stand-in (OA Open API v3, OAuth v4 and Bot Platform), with a log tests can wait on. */
export interface ZaloStandIn {
  baseUrl: string;
  calls: RecordedCall[];
  oaMessages: AcceptedOaMessage[];
  /** Every OA send attempt, accepted or not, with the access token it carried. */
  oaSendAttempts: Array<{ accessToken: string; accepted: boolean }>;
  refreshes: Array<{ secretKey: string | undefined; form: Record<string, string> }>;
  botCalls: BotCall[];
  /** The pair the stand-in last issued (or started with). */
  current: { accessToken: string; refreshToken: string };
  /** Makes the next OA sends (with a valid token) fail with these Zalo error codes, one each, e.g. -230 or -32. */
  failNextSends(...codes: number[]): void;
  /** Queues what the next `getUpdates` call answers; a poll waits (like a real long poll) until something is queued. */
  queuePoll(answer: PollAnswer): void;
  /** Resolves once `condition` holds, re-checked after every request. */
  waitFor(condition: () => boolean): Promise<void>;
  close(): Promise<void>;
}

/** Starts the stand-in on 127.0.0.1 at a free port. */
export async function startZaloStandIn(options: ZaloStandInOptions): Promise<ZaloStandIn> {
  const calls: RecordedCall[] = [];
  const oaMessages: AcceptedOaMessage[] = [];
  const oaSendAttempts: ZaloStandIn['oaSendAttempts'] = [];
  const refreshes: ZaloStandIn['refreshes'] = [];
  const botCalls: BotCall[] = [];
  const current = { accessToken: options.accessToken, refreshToken: options.refreshToken };
  const pollAnswers: PollAnswer[] = [];
  const sendFailures: number[] = [];
  const waitingPolls: ServerResponse[] = [];
  const waiters: Array<{ condition: () => boolean; resolve: () => void }> = [];
  let issued = 1;

  const notify = () => {
    for (const waiter of [...waiters]) {
      if (waiter.condition()) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  const json = (response: ServerResponse, body: unknown, status = 200) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const answerPoll = (response: ServerResponse, answer: PollAnswer) => {
    if ('httpStatus' in answer && typeof answer.httpStatus === 'number') {
      response.writeHead(answer.httpStatus, { 'content-type': 'text/plain' });
      response.end(String(answer.text));
    } else {
      json(response, answer);
    }
  };

  const server = createServer(async (request, response) => {
    const parts: Buffer[] = [];
    for await (const part of request) parts.push(part as Buffer);
    const body = Buffer.concat(parts).toString('utf8');
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    calls.push({ method: request.method ?? '', path, headers: request.headers, body });

    if (request.method === 'POST' && path === '/v3.0/oa/message/cs') {
      const accessToken = String(request.headers.access_token ?? '');
      const accepted = !options.rejectAllAccessTokens && accessToken === current.accessToken;
      oaSendAttempts.push({ accessToken, accepted });
      const planned = accepted ? sendFailures.shift() : undefined;
      if (planned !== undefined) {
        oaSendAttempts[oaSendAttempts.length - 1]!.accepted = false;
        const messages: Record<number, string> = { [-230]: 'User has not interacted with the OA in the last 7 days', [-32]: 'Request exceeded limit' };
        json(response, { error: planned, message: messages[planned] ?? 'Planned failure' });
      } else if (!accepted) {
        const code = options.staleTokenError ?? -216;
        json(response, { error: code, message: code === -220 ? 'Access token has expired or been removed' : 'Access token is invalid' });
      } else {
        const sent = JSON.parse(body) as { recipient?: { user_id?: string; message_id?: string }; message?: { text?: string } };
        const { user_id: userId, message_id: messageId } = sent.recipient ?? {};
        const text = sent.message?.text;
        if ((!userId && !messageId) || typeof text !== 'string' || !text || text.length > 2000) {
          json(response, { error: -201, message: 'Parameters are invalid: a recipient (user_id or message_id) and a text of 1-2000 characters are required' });
        } else {
          oaMessages.push({ ...(userId ? { userId } : {}), ...(messageId ? { messageId } : {}), text, accessToken });
          json(response, { error: 0, message: 'Success', data: { message_id: `m${oaMessages.length}`, user_id: userId ?? 'u' } });
        }
      }
    } else if (request.method === 'POST' && path === '/v4/oa/access_token') {
      const form = Object.fromEntries(new URLSearchParams(body));
      const secretKey = request.headers.secret_key === undefined ? undefined : String(request.headers.secret_key);
      refreshes.push({ secretKey, form });
      const valid =
        String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded') &&
        secretKey === options.appSecretKey &&
        form.app_id === options.appId &&
        form.grant_type === 'refresh_token' &&
        form.refresh_token === current.refreshToken;
      if (!valid) {
        json(response, { error: -14014, error_name: 'Invalid refresh token', error_description: 'refresh token is invalid or used' });
      } else {
        issued += 1;
        current.accessToken = `access-token-${issued}`;
        current.refreshToken = `refresh-token-${issued}`;
        json(response, { access_token: current.accessToken, refresh_token: current.refreshToken, expires_in: '90000' });
      }
    } else if (request.method === 'POST' && path.startsWith('/bot')) {
      const [, tokenPart, method] = /^\/bot([^/]+)\/([^/]+)$/.exec(path) ?? [];
      if (decodeURIComponent(tokenPart ?? '') !== options.botToken || !method) {
        json(response, { ok: false, error_code: 401, description: 'Unauthorized' }, 401);
      } else {
        const payload = body ? (JSON.parse(body) as Record<string, unknown>) : {};
        botCalls.push({ method, body: payload });
        if (method === 'getUpdates') {
          const next = pollAnswers.shift();
          if (next) answerPoll(response, next);
          else {
            waitingPolls.push(response);
            response.on('close', () => {
              const index = waitingPolls.indexOf(response);
              if (index >= 0) waitingPolls.splice(index, 1);
            });
          }
        } else if (method === 'sendMessage') {
          // The Bot Platform takes 1–2,000 characters of text and a chat id, like the OA API.
          const text = payload.text;
          if (typeof text !== 'string' || !text || [...text].length > 2000 || payload.chat_id === undefined) {
            json(response, { ok: false, error_code: 400, description: 'Bad Request: chat_id and a text of 1-2000 characters are required' }, 400);
          } else {
            json(response, { ok: true, result: { message_id: `b${botCalls.length}`, date: 0 } });
          }
        } else {
          json(response, { ok: true, result: true });
        }
      }
    } else {
      json(response, { error: 'not found' }, 404);
    }
    notify();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    calls,
    oaMessages,
    oaSendAttempts,
    refreshes,
    botCalls,
    current,
    failNextSends(...codes) {
      sendFailures.push(...codes);
    },
    queuePoll(answer) {
      const waiting = waitingPolls.shift();
      if (waiting) answerPoll(waiting, answer);
      else pollAnswers.push(answer);
    },
    waitFor(condition) {
      if (condition()) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ condition, resolve }));
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Zalo's OA webhook signature, computed the way Zalo does: `mac=` + hex sha256(app_id + body + timestamp + OA secret key). */
export function zaloOaSignature(appId: string, body: string, timestamp: string, oaSecretKey: string): string {
  return `mac=${createHash('sha256').update(`${appId}${body}${timestamp}${oaSecretKey}`, 'utf8').digest('hex')}`;
}

/** Posts an OA event as Zalo does: the JSON text (pretty-printed, so a re-serialising verifier would fail) and its signature. */
export async function sendOaEvent(
  url: string,
  event: Record<string, unknown> & { timestamp: string },
  keys: { appId: string; oaSecretKey: string; signature?: string | null },
): Promise<Response> {
  const body = JSON.stringify(event, null, 2);
  const signature = keys.signature === undefined ? zaloOaSignature(keys.appId, body, event.timestamp, keys.oaSecretKey) : keys.signature;
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-zevent-signature': signature }) },
    body,
  });
}

/** Posts a Bot Platform update to a webhook as Zalo does, with the secret token header (omitted when null). */
export async function sendBotUpdate(url: string, body: unknown, secretToken: string | null): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secretToken === null ? {} : { 'x-bot-api-secret-token': secretToken }) },
    body: JSON.stringify(body),
  });
}
