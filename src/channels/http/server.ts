import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { AnswerAdmission } from './answer-admission.js';
import { chatPage, chatPageScript, chatPageStyles } from './chat/chat-page.js';
import { widgetScript } from './chat/widget-script.js';
import { corsHeaders, isSameOrigin, refusedOrigin } from './origin-policy.js';
import { clientAddress, visitorKey } from './client-address.js';
import { closeGracefully, InFlightRequests, type GracefulCloseOptions } from './graceful-close.js';
import { ChatbotError, toChatbotError } from '../../core/errors.js';
import { errorMessage, message } from '../../core/messages.js';
import { detectLanguage } from '../../core/question-analysis.js';
import { RateLimiter } from '../../core/rate-limiter.js';
import type { HttpRequest, HttpResponse, HttpRoute, RequestContext } from './http-route.js';
import type { AskService, FeedbackStore, RateLimit, UserKeys } from '../../core/ports.js';

/** What the HTTP server serves: the ask API, feedback, the chat page and any channel webhooks. */
export interface HttpServerOptions {
  ask: AskService;
  feedback?: FeedbackStore;
  userKeys?: UserKeys;
  /** Extra endpoints, e.g. Zalo webhooks, the places API and the staff console. */
  routes?: HttpRoute[];
  /** Origins whose pages may call `/api/*` (CORS) and frame the chat page (ALLOWED_ORIGINS); this server's own always may. */
  allowedOrigins?: readonly string[];
  maxQuestionLength: number;
  /** Questions per minute per visitor (0 = unlimited). */
  rateLimitPerMinute: number;
  /** Proxies in front of this server whose `X-Forwarded-For` entries are believed (TRUST_PROXY; default 0: none). */
  trustProxy?: number;
  /** Questions answered at once; more get 503 with Retry-After at once (MAX_CONCURRENT_ANSWERS; 0 = no cap). */
  maxConcurrentAnswers?: number;
  /** Open connections at most; more are dropped on arrival (MAX_CONNECTIONS; 0 = no cap). */
  maxConnections?: number;
  /** Time limits on slow clients; each defaults to the value in `DEFAULT_TIMEOUTS`. */
  timeouts?: Partial<HttpTimeouts>;
  /** Counts questions per visitor instead of an in-process `RateLimiter` (replicas share one in PostgreSQL). */
  rateLimit?: RateLimit;
  /** Extra facts for `GET /healthz`. */
  health?: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  log?: (line: string) => void;
  /** Called after each response with the route's path (`other` when none matched), e.g. to count requests. */
  onResponse?: (method: string, route: string, status: number) => void;
  now?: () => number;
}

/** How long a client may take before its connection is closed. */
export interface HttpTimeouts {
  /** To send the request headers. */
  headersMs: number;
  /** To send the whole request, body included. */
  requestMs: number;
  /** Of silence on a connection (kept alive or not) before it is closed. */
  idleMs: number;
  /** Of silence between two requests on a kept-alive connection. */
  keepAliveMs: number;
}

/** The time limits used unless configured otherwise. */
export const DEFAULT_TIMEOUTS: Readonly<HttpTimeouts> = { headersMs: 10_000, requestMs: 30_000, idleMs: 60_000, keepAliveMs: 5_000 };

/** The HTTP server with a shutdown that lets the answers in flight finish. */
export interface HttpServer extends Server {
  /** Stops accepting, finishes the requests in flight (up to `graceMs`, default 10 s), then closes every connection. */
  shutdown(options?: GracefulCloseOptions): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** What a client may use as a conversation id: a random token the page keeps for the session. */
const CONVERSATION_ID = /^[A-Za-z0-9_.:-]{1,100}$/;
/** Answer ids are UUIDs; anything much longer is not one and is not echoed back. */
const MAX_ANSWER_ID_LENGTH = 100;
/** Seconds a client is asked to wait after a 503. */
const RETRY_AFTER_BUSY_SECONDS = 2;

/** A route as this server calls it: built-in routes also get the request's context, channel routes ignore it. */
interface ServedRoute {
  method: string;
  path: string;
  handle(request: HttpRequest, context: RequestContext): Promise<HttpResponse>;
}

/** Creates (but does not start) the HTTP server of Hỏi Phường. */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const limiter: RateLimit = options.rateLimit ?? new RateLimiter(options.rateLimitPerMinute, 60_000, options.now);
  const admission = new AnswerAdmission(options.maxConcurrentAnswers ?? 0);
  const allowedOrigins = options.allowedOrigins ?? [];
  const frameAncestors = ["'self'", ...allowedOrigins].join(' ');
  const asset = (type: string, body: string, extra: Record<string, string> = {}) => async (): Promise<HttpResponse> => ({
    status: 200,
    headers: { 'content-type': type, 'cache-control': 'no-cache', ...extra },
    body,
  });
  const routes: ServedRoute[] = [
    {
      method: 'GET',
      path: '/',
      handle: asset('text/html; charset=utf-8', chatPage, {
        'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors ${frameAncestors}`,
      }),
    },
    { method: 'GET', path: '/chat.js', handle: asset('text/javascript; charset=utf-8', chatPageScript) },
    { method: 'GET', path: '/chat.css', handle: asset('text/css; charset=utf-8', chatPageStyles) },
    // Any page may load the widget's code; only pages of ALLOWED_ORIGINS may then call the API with it.
    { method: 'GET', path: '/widget.js', handle: asset('text/javascript; charset=utf-8', widgetScript, { 'cross-origin-resource-policy': 'cross-origin' }) },
    { method: 'GET', path: '/healthz', handle: async () => ({ status: 200, body: { ok: true, ...((await options.health?.()) ?? {}) } }) },
    { method: 'POST', path: '/api/ask', handle: (request, context) => handleAsk(request, context, options, limiter, admission) },
    { method: 'POST', path: '/api/feedback', handle: (request, context) => handleFeedback(request, context, options) },
    ...(options.routes ?? []),
  ];
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const inFlight = new InFlightRequests();
  /** Connections whose first request has not arrived yet. */
  const fresh = new Set<Socket>();
  let closing = false;

  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // How often slow headers and bodies are looked for (Node's default, 30 s, lets idle sockets pile up).
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
    },
    (incoming, outgoing) => {
      fresh.delete(incoming.socket);
      outgoing.on('close', inFlight.begin());
      if (closing) outgoing.setHeader('connection', 'close');
      const visitor = visitorKey(clientAddress(incoming.socket.remoteAddress, incoming.headers['x-forwarded-for'], options.trustProxy ?? 0));
      void serve(incoming, outgoing, routes, { visitor }, log, allowedOrigins, options.onResponse);
    },
  ) as HttpServer;
  server.on('connection', (socket: Socket) => {
    fresh.add(socket);
    socket.once('close', () => fresh.delete(socket));
  });
  server.timeout = timeouts.idleMs;
  if (options.maxConnections) server.maxConnections = options.maxConnections;
  server.shutdown = (closeOptions = {}) => {
    closing = true;
    admission.hold();
    return closeGracefully(server, inFlight, closeOptions, { freshConnections: () => fresh.size, acceptDrained: () => admission.resume() });
  };
  return server;
}

async function serve(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  routes: ServedRoute[],
  context: RequestContext,
  log: (line: string) => void,
  allowedOrigins: readonly string[],
  onResponse: HttpServerOptions['onResponse'],
): Promise<void> {
  let response: HttpResponse;
  let routePath = 'other';
  const target = (incoming.url ?? '/').slice(0, 200);
  const origin = typeof incoming.headers.origin === 'string' ? incoming.headers.origin : undefined;
  const url = parseTarget(incoming.url);
  const isApi = url?.pathname.startsWith('/api/') ?? false;
  const sameOrigin = origin === undefined || isSameOrigin(origin, incoming.headers.host);
  try {
    const refusal = isApi && !sameOrigin ? refusedOrigin(origin!, incoming.method ?? 'GET', allowedOrigins) : undefined;
    if (refusal) {
      await drain(incoming);
      response = refusal;
    } else if (!url) {
      await drain(incoming);
      response = { status: 400, body: { error: 'The request target is not a valid path.' } };
    } else {
      const samePath = routes.filter((route) => route.path === url.pathname);
      // HEAD is GET without the body (Node leaves the body out of a HEAD response).
      const method = incoming.method === 'HEAD' ? 'GET' : incoming.method;
      const route = samePath.find((candidate) => candidate.method === method);
      if (!route) {
        const allowed = samePath.flatMap((candidate) => (candidate.method === 'GET' ? ['GET', 'HEAD'] : [candidate.method]));
        response = samePath.length
          ? { status: 405, headers: { allow: allowed.join(', ') }, body: { error: 'method not allowed' } }
          : { status: 404, body: { error: 'not found' } };
        await drain(incoming);
      } else {
        routePath = route.path;
        const rawBody = await readBody(incoming);
        response = await route.handle({ method: incoming.method ?? 'GET', url, headers: incoming.headers, rawBody }, context);
      }
    }
  } catch (error) {
    const failure = toChatbotError(error);
    if (failure.code === 'input-invalid') {
      response = { status: 400, body: { error: failure.message } };
    } else {
      log(`[http] ${incoming.method} ${target}: ${failure.message}`);
      response = { status: 500, body: { error: errorMessage('internal', 'vi') } };
    }
  }
  if (isApi && !sameOrigin && allowedOrigins.includes(origin!)) response = { ...response, headers: { ...corsHeaders(origin!), ...response.headers } };
  send(outgoing, response);
  onResponse?.(incoming.method ?? 'GET', routePath, response.status);
}

/** The request target as a URL, or undefined when it is not an origin-form path (`/…`) the URL parser accepts. */
function parseTarget(target: string | undefined): URL | undefined {
  if (!target?.startsWith('/') || target.startsWith('//')) return undefined;
  try {
    return new URL(target, 'http://localhost');
  } catch {
    return undefined;
  }
}

function send(outgoing: ServerResponse, response: HttpResponse): void {
  if (outgoing.headersSent || outgoing.destroyed) return;
  const isJson = response.body !== undefined && typeof response.body === 'object' && !Buffer.isBuffer(response.body);
  const body = response.body === undefined ? '' : isJson ? JSON.stringify(response.body) : (response.body as string | Buffer);
  outgoing.writeHead(response.status, {
    ...(isJson ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'content-length': String(Buffer.byteLength(body)),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
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

/**
 * The body as a JSON object, or the response refusing it. Only `application/json` is accepted: a page on another site
 * can post `text/plain` or a form from a visitor's browser without asking, but a JSON post needs a CORS preflight this
 * server never grants.
 */
function readJson(request: HttpRequest): { body: Record<string, unknown> } | { refusal: HttpResponse } {
  const mediaType = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return {
      refusal: {
        status: 415,
        body: { error: 'Hãy gửi JSON với Content-Type: application/json. / Send the body as JSON with Content-Type: application/json.' },
      },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(request.rawBody.toString('utf8') || 'null');
  } catch {
    throw new ChatbotError('input-invalid', 'Body must be JSON, e.g. {"question": "Bí thư phường là ai?"}.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ChatbotError('input-invalid', 'Body must be a JSON object, e.g. {"question": "Bí thư phường là ai?"}.');
  }
  return { body: value as Record<string, unknown> };
}

async function handleAsk(
  request: HttpRequest,
  context: RequestContext,
  options: HttpServerOptions,
  limiter: RateLimit,
  admission: AnswerAdmission,
): Promise<HttpResponse> {
  const parsed = readJson(request);
  if ('refusal' in parsed) return parsed.refusal;
  const { body } = parsed;
  const question = body.question;
  if (typeof question !== 'string' || question.trim() === '') {
    return { status: 400, body: { error: 'Field "question" must be a non-empty string. / Hãy gửi {"question": "..."}.' } };
  }
  const language = body.language === 'en' || body.language === 'vi' ? body.language : detectLanguage(question);
  if ([...question].length > options.maxQuestionLength) {
    return { status: 413, body: { error: message('error.question-too-long', language, { max: options.maxQuestionLength }) } };
  }
  if (!(await limiter.tryAcquire(context.visitor))) {
    return { status: 429, headers: { 'retry-after': '60' }, body: { error: errorMessage('rate-limited', language) } };
  }
  const place = typeof body.place === 'string' && body.place.trim() ? body.place : undefined;
  const channel = body.channel === 'web' ? 'web' : 'http';
  const conversationId = body.conversationId;
  if (conversationId !== undefined && (typeof conversationId !== 'string' || !CONVERSATION_ID.test(conversationId))) {
    return { status: 400, body: { error: 'Field "conversationId" must be 1–100 letters, digits, "_", "-", "." or ":" (keep the same one for every turn of a conversation).' } };
  }
  const userKey = typeof body.user === 'string' && options.userKeys ? options.userKeys.userKey(channel, body.user) : undefined;
  // Excess load is turned away at once, before it costs anything.
  const turn = admission.enter();
  if (!turn) return { status: 503, headers: { 'retry-after': String(RETRY_AFTER_BUSY_SECONDS) }, body: { error: message('error.busy', language) } };
  const release = await turn;
  try {
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
  } finally {
    release();
  }
}

/**
 * One vote per visitor per answer: the voter is the request's visitor (its address, see `clientAddress`), never a
 * name the body gives, so a second vote from the same visitor changes the first and another visitor's vote is its own.
 */
async function handleFeedback(request: HttpRequest, context: RequestContext, options: HttpServerOptions): Promise<HttpResponse> {
  if (!options.feedback || !options.userKeys) return { status: 503, body: { error: 'Feedback is not enabled (no database).' } };
  const parsed = readJson(request);
  if ('refusal' in parsed) return parsed.refusal;
  const { answerId, vote, comment } = parsed.body;
  if (typeof answerId !== 'string' || !answerId) return { status: 400, body: { error: 'Field "answerId" is required (from the /api/ask answer).' } };
  if (answerId.length > MAX_ANSWER_ID_LENGTH) return { status: 400, body: { error: 'Field "answerId" is not an answer id (from the /api/ask answer).' } };
  if (vote !== 'up' && vote !== 'down') return { status: 400, body: { error: 'Field "vote" must be "up" or "down".' } };
  if (comment !== undefined && (typeof comment !== 'string' || comment.length > 2000)) {
    return { status: 400, body: { error: 'Field "comment" must be a string of at most 2,000 characters.' } };
  }
  const outcome = await options.feedback.recordFeedback({
    answerId,
    vote,
    ...(typeof comment === 'string' && comment.trim() ? { comment: comment.trim() } : {}),
    userKey: options.userKeys.userKey('web', `visitor:${context.visitor}`),
    channel: 'web',
  });
  if (outcome === 'unknown-answer') return { status: 404, body: { error: `No answer with id ${answerId}.` } };
  return { status: 200, body: { ok: true, outcome } };
}
