import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted reply of the stand-in, consumed in order per endpoint. */
export type StandInReply =
  /** A chat completion; sent as SSE chunks when the request asked for `stream: true`. */
  | { content: string; chunkSize?: number; stallAfterChunks?: number }
  /** Embeddings: explicit vectors, or deterministic ones of `dimensions` for each input. */
  | { embeddings: number[][] }
  /** `barrier`: hold the reply until that many requests are in flight at once (to observe concurrency). */
  | { dimensions: number; barrier?: number }
  /** An HTTP error with an OpenAI-style error body unless `body` is given. */
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** A body sent as is, e.g. malformed JSON. */
  | { raw: string; status?: number; contentType?: string }
  /** Never answers; the connection is closed when the client gives up or the stand-in closes. */
  | { hang: true }
  /** Decides the reply from the request, e.g. to cite whichever passage number holds a fact. */
  | { respond: (body: StandInRequestBody) => StandInReply };

/** The JSON body of a request, with the fields tests look at. */
export interface StandInRequestBody {
  model?: string;
  messages?: Array<{ role: string; content: string }>;
  stream?: boolean;
  input?: string | string[];
  encoding_format?: string;
  [field: string]: unknown;
}

/** A request the stand-in received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON; empty when the body was not a JSON object. */
  body: StandInRequestBody;
}

/** A running OpenAI-compatible stand-in on 127.0.0.1. */
export interface OpenAIStandIn {
  /** e.g. `http://127.0.0.1:41234/v1`, what `OPENAI_BASE_URL` takes. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Queues replies to `POST /v1/chat/completions`. */
  replyToChat(...replies: StandInReply[]): void;
  /** Queues replies to `POST /v1/embeddings`; with none queued it answers with deterministic vectors. */
  replyToEmbeddings(...replies: StandInReply[]): void;
  /** The most requests that were ever in flight at once. */
  peakInFlight(): number;
  close(): Promise<void>;
}

/**
 * Starts a local HTTP server speaking the parts of OpenAI's API the bot uses (chat completions, streamed or not, and
 * embeddings), replying from scripted queues so tests can run the real `openai` client against it.
 */
export async function startOpenAIStandIn(options: { dimensions?: number } = {}): Promise<OpenAIStandIn> {
  const defaultDimensions = options.dimensions ?? 8;
  const chatQueue: StandInReply[] = [];
  const embeddingQueue: StandInReply[] = [];
  const requests: RecordedRequest[] = [];
  let completions = 0;
  let inFlight = 0;
  let peak = 0;
  const heldAtBarrier: Array<() => void> = [];

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: { message: `stand-in crashed: ${String(error)}` } });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    response.on('close', () => (inFlight -= 1));
    const text = await readBody(request);
    let fields: StandInRequestBody = {};
    try {
      const parsed: unknown = text ? JSON.parse(text) : {};
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) fields = parsed as StandInRequestBody;
    } catch {
      // Not JSON: recorded as an empty body.
    }
    const path = (request.url ?? '').split('?')[0] ?? '';
    requests.push({ method: request.method ?? '', path, headers: request.headers, body: fields });
    if (request.method === 'POST' && path === '/v1/chat/completions') {
      const queued = chatQueue.shift();
      const reply = (queued && 'respond' in queued ? queued.respond(fields) : queued) ?? { status: 400, body: { error: { message: 'stand-in: no scripted chat reply left', type: 'invalid_request_error' } } };
      return replyToChatRequest(reply, fields, response);
    }
    if (request.method === 'POST' && path === '/v1/embeddings') {
      const queued = embeddingQueue.shift();
      const reply = (queued && 'respond' in queued ? queued.respond(fields) : queued) ?? { dimensions: defaultDimensions };
      if ('barrier' in reply && reply.barrier !== undefined) await waitAtBarrier(reply.barrier);
      return replyToEmbeddingRequest(reply, fields, response);
    }
    sendJson(response, 404, { error: { message: `stand-in: no route ${request.method} ${path}`, type: 'invalid_request_error' } });
  }

  function waitAtBarrier(size: number): Promise<void> {
    return new Promise((release) => {
      heldAtBarrier.push(release);
      if (heldAtBarrier.length >= size) for (const held of heldAtBarrier.splice(0)) held();
    });
  }

  function replyCommon(reply: StandInReply, response: ServerResponse): boolean {
    // Left open: the client's timeout ends it, or `close()` does.
    if ('hang' in reply) return true;
    if ('status' in reply && !('raw' in reply)) {
      const body = reply.body ?? { error: { message: `stand-in status ${reply.status}`, type: 'stand_in_error', code: null } };
      sendJson(response, reply.status, body, reply.headers);
      return true;
    }
    if ('raw' in reply) {
      response.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json' });
      response.end(reply.raw);
      return true;
    }
    return false;
  }

  function replyToChatRequest(reply: StandInReply, fields: StandInRequestBody, response: ServerResponse): void {
    if (replyCommon(reply, response)) return;
    if (!('content' in reply)) throw new Error('stand-in: an embeddings reply was queued for chat');
    completions += 1;
    const id = `chatcmpl-stand-in-${completions}`;
    const model = String(fields.model ?? 'stand-in');
    if (fields.stream !== true) {
      sendJson(response, 200, {
        id,
        object: 'chat.completion',
        created: 0,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: reply.content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      });
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] })}\n\n`;
    const characters = [...reply.content];
    const size = reply.chunkSize ?? 8;
    const pieces: string[] = [chunk({ role: 'assistant', content: '' }, null)];
    for (let index = 0; index < characters.length; index += size) pieces.push(chunk({ content: characters.slice(index, index + size).join('') }, null));
    pieces.push(chunk({}, 'stop'), 'data: [DONE]\n\n');
    if (reply.stallAfterChunks !== undefined) {
      response.write(pieces.slice(0, reply.stallAfterChunks).join(''));
      return;
    }
    response.end(pieces.join(''));
  }

  function replyToEmbeddingRequest(reply: StandInReply, fields: StandInRequestBody, response: ServerResponse): void {
    if (replyCommon(reply, response)) return;
    const inputs = Array.isArray(fields.input) ? fields.input.map(String) : [String(fields.input ?? '')];
    let vectors: number[][];
    if ('embeddings' in reply) vectors = reply.embeddings;
    else if ('dimensions' in reply) vectors = inputs.map((input) => deterministicVector(input, reply.dimensions));
    else throw new Error('stand-in: a chat reply was queued for embeddings');
    const base64 = fields.encoding_format === 'base64';
    sendJson(response, 200, {
      object: 'list',
      data: vectors.map((vector, index) => ({
        object: 'embedding',
        index,
        embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
      })),
      model: String(fields.model ?? 'stand-in'),
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    replyToChat: (...replies) => void chatQueue.push(...replies),
    replyToEmbeddings: (...replies) => void embeddingQueue.push(...replies),
    peakInFlight: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A unit vector derived from the text, so equal inputs get equal vectors. */
export function deterministicVector(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const [index, character] of [...text].entries()) {
    const slot = (character.codePointAt(0) ?? 0) * 31 + index;
    vector[slot % dimensions] = (vector[slot % dimensions] ?? 0) + 1;
  }
  const length = Math.hypot(...vector) || 1;
  return vector.map((value) => value / length);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
