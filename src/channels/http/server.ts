import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { chatPage } from './chat-page.js';
import { ChatbotError, toChatbotError } from '../../core/errors.js';
import { errorMessage, message } from '../../core/messages.js';
import { detectLanguage } from '../../core/question-analysis.js';
import { RateLimiter } from '../../core/rate-limiter.js';
import type { HttpRequest, HttpResponse, HttpRoute } from './http-route.js';
import type { AskService, FeedbackStore, UserKeys } from '../../core/ports.js';

/** What the HTTP server serves: the ask API, feedback, the chat page and any channel webhooks. */
export interface HttpServerOptions {
  ask: AskService;
  feedback?: FeedbackStore;
  userKeys?: UserKeys;
  /** Extra endpoints, e.g. Zalo webhooks. */
  routes?: HttpRoute[];
  maxQuestionLength: number;
  /** Requests per minute per client address (0 = unlimited). */
  rateLimitPerMinute: number;
  /** Extra facts for `GET /healthz`. */
  health?: () => Record<string, unknown>;
  log?: (line: string) => void;
  now?: () => number;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** What a client may use as a conversation id: a random token the page keeps for the session. */
const CONVERSATION_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/** Creates (but does not start) the HTTP server of Hỏi Phường. */
export function createHttpServer(options: HttpServerOptions): Server {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const limiter = new RateLimiter(options.rateLimitPerMinute, 60_000, options.now);
  const routes: HttpRoute[] = [
    { method: 'GET', path: '/', handle: async () => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: chatPage }) },
    { method: 'GET', path: '/healthz', handle: async () => ({ status: 200, body: { ok: true, ...(options.health?.() ?? {}) } }) },
    { method: 'POST', path: '/api/ask', handle: (request) => handleAsk(request, options, limiter) },
    { method: 'POST', path: '/api/feedback', handle: (request) => handleFeedback(request, options) },
    ...(options.routes ?? []),
  ];

  return createServer((incoming, outgoing) => {
    void serve(incoming, outgoing, routes, log);
  });
}

async function serve(incoming: IncomingMessage, outgoing: ServerResponse, routes: HttpRoute[], log: (line: string) => void): Promise<void> {
  let response: HttpResponse;
  try {
    const url = new URL(incoming.url ?? '/', 'http://localhost');
    const samePath = routes.filter((route) => route.path === url.pathname);
    const route = samePath.find((candidate) => candidate.method === incoming.method);
    if (!route) {
      response = samePath.length
        ? { status: 405, headers: { allow: samePath.map((candidate) => candidate.method).join(', ') }, body: { error: 'method not allowed' } }
        : { status: 404, body: { error: 'not found' } };
      await drain(incoming);
    } else {
      const rawBody = await readBody(incoming);
      response = await route.handle({ method: incoming.method ?? 'GET', url, headers: incoming.headers, rawBody });
    }
  } catch (error) {
    const failure = toChatbotError(error);
    if (failure.code === 'input-invalid') {
      response = { status: 400, body: { error: failure.message } };
    } else {
      log(`[http] ${incoming.method} ${incoming.url}: ${failure.message}`);
      response = { status: 500, body: { error: errorMessage('internal', 'vi') } };
    }
  }
  send(outgoing, response);
}

function send(outgoing: ServerResponse, response: HttpResponse): void {
  const isJson = response.body !== undefined && typeof response.body === 'object' && !Buffer.isBuffer(response.body);
  const body = response.body === undefined ? '' : isJson ? JSON.stringify(response.body) : (response.body as string | Buffer);
  outgoing.writeHead(response.status, {
    ...(isJson ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    ...response.headers,
  });
  outgoing.end(body);
}

async function readBody(incoming: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of incoming) {
    size += (part as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ChatbotError('input-invalid', 'Request body is larger than 1 MiB.');
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}

async function drain(incoming: IncomingMessage): Promise<void> {
  for await (const _ of incoming) {
    // Discard the body so the connection can be reused.
  }
}

function parseJson(request: HttpRequest): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(request.rawBody.toString('utf8') || 'null');
  } catch {
    throw new ChatbotError('input-invalid', 'Body must be JSON, e.g. {"question": "Bí thư phường là ai?"}.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ChatbotError('input-invalid', 'Body must be a JSON object, e.g. {"question": "Bí thư phường là ai?"}.');
  }
  return value as Record<string, unknown>;
}

async function handleAsk(request: HttpRequest, options: HttpServerOptions, limiter: RateLimiter): Promise<HttpResponse> {
  const body = parseJson(request);
  const question = body.question;
  if (typeof question !== 'string' || question.trim() === '') {
    return { status: 400, body: { error: 'Field "question" must be a non-empty string. / Hãy gửi {"question": "..."}.' } };
  }
  const language = body.language === 'en' || body.language === 'vi' ? body.language : detectLanguage(question);
  if ([...question].length > options.maxQuestionLength) {
    return { status: 413, body: { error: message('error.question-too-long', language, { max: options.maxQuestionLength }) } };
  }
  const client = String(request.headers['x-forwarded-for'] ?? '').split(',')[0]?.trim() || 'local';
  if (!limiter.tryAcquire(client)) {
    return { status: 429, headers: { 'retry-after': '60' }, body: { error: errorMessage('rate-limited', language) } };
  }
  const place = typeof body.place === 'string' && body.place.trim() ? body.place : undefined;
  const channel = body.channel === 'web' ? 'web' : 'http';
  const conversationId = body.conversationId;
  if (conversationId !== undefined && (typeof conversationId !== 'string' || !CONVERSATION_ID.test(conversationId))) {
    return { status: 400, body: { error: 'Field "conversationId" must be 1–100 letters, digits, "_", "-", "." or ":" (keep the same one for every turn of a conversation).' } };
  }
  const userKey = typeof body.user === 'string' && options.userKeys ? options.userKeys.userKey(channel, body.user) : undefined;
  const result = await options.ask.ask({
    text: question,
    channel,
    ...(place ? { defaultPlace: place } : {}),
    ...(body.language === 'en' || body.language === 'vi' ? { language: body.language } : {}),
    ...(userKey ? { userKey } : {}),
    // Namespaced by channel, so an id chosen on the web can never continue a Discord or Zalo conversation.
    ...(conversationId ? { conversationId: `${channel}:${conversationId}` } : {}),
  });
  return { status: 200, body: conversationId ? { ...result, conversationId } : result };
}

async function handleFeedback(request: HttpRequest, options: HttpServerOptions): Promise<HttpResponse> {
  if (!options.feedback || !options.userKeys) return { status: 503, body: { error: 'Feedback is not enabled (no database).' } };
  const body = parseJson(request);
  const { answerId, vote, comment, user } = body;
  if (typeof answerId !== 'string' || !answerId) return { status: 400, body: { error: 'Field "answerId" is required (from the /api/ask answer).' } };
  if (vote !== 'up' && vote !== 'down') return { status: 400, body: { error: 'Field "vote" must be "up" or "down".' } };
  if (comment !== undefined && (typeof comment !== 'string' || comment.length > 2000)) {
    return { status: 400, body: { error: 'Field "comment" must be a string of at most 2,000 characters.' } };
  }
  const client = typeof user === 'string' && user ? user : String(request.headers['x-forwarded-for'] ?? 'local');
  const outcome = await options.feedback.recordFeedback({
    answerId,
    vote,
    ...(typeof comment === 'string' && comment.trim() ? { comment: comment.trim() } : {}),
    userKey: options.userKeys.userKey('web', client),
    channel: 'web',
  });
  if (outcome === 'unknown-answer') return { status: 404, body: { error: `No answer with id ${answerId}.` } };
  return { status: 200, body: { ok: true, outcome } };
}
