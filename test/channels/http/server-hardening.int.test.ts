import { connect } from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer, type HttpServerOptions } from '../../../src/channels/http/server.js';
import type { AskService, Feedback, FeedbackStore } from '../../../src/core/ports.js';
import type { AskResult } from '../../../src/core/types.js';
import { openSocket, sendRaw, sendRequest } from '../../support/raw-http.js';

const answered = (question: string): AskResult => ({
  question,
  answered: true,
  answer: 'đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường',
  citations: [],
  mode: 'extractive',
  language: 'vi',
  answerId: 'answer-1',
});

let server: HttpServer | undefined;
afterEach(async () => {
  if (server?.listening) {
    server.closeAllConnections();
    server.close();
  }
  server = undefined;
});

/** A gate an ask waits behind, so a test holds answers in flight for as long as it needs. */
/** An answering service whose answers wait at the gate until the test opens it. */
function heldAsk(): { held: ReturnType<typeof gate>; ask: AskService } {
  const held = gate();
  const ask: AskService = {
    ask: async (asked) => {
      held.arrived();
      await held.opened;
      return answered(asked.text);
    },
  };
  return { held, ask };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let arrived!: () => void;
  const waiting = new Promise<void>((resolve) => (arrived = resolve));
  return { open, opened, arrived, waiting };
}

async function start(overrides: Partial<HttpServerOptions> = {}) {
  const ask: AskService = { ask: async (question) => answered(question.text) };
  server = createHttpServer({ ask, maxQuestionLength: 100, rateLimitPerMinute: 0, log: () => {}, ...overrides });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const question = (text = 'Bí thư phường là ai?') => JSON.stringify({ question: text });

describe('HTTP API under hostile use', () => {
  it('counts the rate limit per visitor address, so one visitor cannot use up everyone else’s quota', async () => {
    const base = await start({ rateLimitPerMinute: 2 });
    for (let attempt = 0; attempt < 2; attempt += 1) expect((await sendRequest(base, '/api/ask', { body: question(), localAddress: '127.0.0.1' })).status).toBe(200);
    expect((await sendRequest(base, '/api/ask', { body: question(), localAddress: '127.0.0.1' })).status).toBe(429);
    expect((await sendRequest(base, '/api/ask', { body: question(), localAddress: '127.0.0.2' })).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY says a proxy sets it, so rotating it does not bypass the limit', async () => {
    const base = await start({ rateLimitPerMinute: 1 });
    const statuses = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push((await sendRequest(base, '/api/ask', { body: question(), headers: { 'x-forwarded-for': `10.0.0.${attempt}` } })).status);
    }
    expect(statuses).toEqual([200, 429, 429, 429, 429]);
  });

  it('with one trusted proxy, counts the address that proxy saw, not one the client wrote before it', async () => {
    const base = await start({ rateLimitPerMinute: 1, trustProxy: 1 });
    const from = (chain: string) => sendRequest(base, '/api/ask', { body: question(), headers: { 'x-forwarded-for': chain } });
    expect((await from('203.0.113.7')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(429);
    // A forged entry on the left does not make a new visitor: the proxy appended the real address last.
    expect((await from('198.51.100.1, 203.0.113.7')).status).toBe(429);
    expect((await from('203.0.113.8')).status).toBe(200);
  });

  it('keeps one vote per visitor per answer: two visitors both count, one visitor naming many users still counts once', async () => {
    const votes = new Map<string, Feedback>();
    const feedback: FeedbackStore = {
      recordFeedback: async (entry) => {
        const key = `${entry.answerId}|${entry.userKey}`;
        const outcome = votes.has(key) ? 'changed' : 'recorded';
        votes.set(key, entry);
        return outcome;
      },
    };
    const base = await start({ feedback, userKeys: { userKey: (platform, id) => `${platform}:${id}` } });
    const vote = (localAddress: string, body: object) => sendRequest(base, '/api/feedback', { body: JSON.stringify({ answerId: 'answer-1', ...body }), localAddress });
    expect((await vote('127.0.0.1', { vote: 'up' })).status).toBe(200);
    expect((await vote('127.0.0.2', { vote: 'down' })).status).toBe(200);
    for (let user = 0; user < 10; user += 1) await vote('127.0.0.3', { vote: 'down', user: `user-${user}` });
    expect(votes.size).toBe(3);
    expect([...votes.values()].map((entry) => entry.vote).sort()).toEqual(['down', 'down', 'up']);
  });

  it('accepts JSON bodies only as application/json, so another site cannot post without a preflight', async () => {
    const feedback: FeedbackStore = { recordFeedback: async () => 'recorded' };
    const base = await start({ feedback, userKeys: { userKey: () => 'key' } });
    const plain = await sendRequest(base, '/api/ask', { body: question(), headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(415);
    expect(JSON.parse(plain.body).error).toMatch(/application\/json/);
    const form = await sendRequest(base, '/api/feedback', { body: 'answerId=a&vote=up', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect((await sendRequest(base, '/api/ask', { body: question(), headers: { 'content-type': 'application/json; charset=utf-8' } })).status).toBe(200);
  });

  it('answers HEAD wherever GET exists, and 400 for a request target it cannot parse', async () => {
    const base = await start();
    const head = await sendRequest(base, '/healthz', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await sendRequest(base, '/', { method: 'HEAD' })).status).toBe(200);
    const raw = await sendRaw(base, 'GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
  });

  it('does not echo an over-long answer id back', async () => {
    const feedback: FeedbackStore = { recordFeedback: async () => 'unknown-answer' };
    const base = await start({ feedback, userKeys: { userKey: () => 'key' } });
    const response = await sendRequest(base, '/api/feedback', { body: JSON.stringify({ answerId: 'x'.repeat(500_000), vote: 'up' }) });
    expect(response.status).toBe(400);
    expect(response.body.length).toBeLessThan(300);
  });

  it('turns excess questions away at once with 503 and Retry-After while the cap is answering', async () => {
    const { held, ask } = heldAsk();
    const base = await start({ ask, maxConcurrentAnswers: 1 });
    const first = sendRequest(base, '/api/ask', { body: question() });
    await held.waiting;
    const excess = await sendRequest(base, '/api/ask', { body: question() });
    expect(excess.status).toBe(503);
    expect(excess.headers['retry-after']).toBe('2');
    expect(JSON.parse(excess.body).error).toMatch(/bận/);
    held.open();
    expect((await first).status).toBe(200);
    expect((await sendRequest(base, '/api/ask', { body: question() })).status).toBe(200);
  });

  it('on shutdown stops accepting but finishes the answers in flight', async () => {
    const { held, ask } = heldAsk();
    const base = await start({ ask });
    const inFlight = sendRequest(base, '/api/ask', { body: question() });
    await held.waiting;
    const stopped = server!.shutdown({ graceMs: 60_000 });
    // The listener closes once the connections already waiting have been accepted.
    for (let turn = 0; turn < 10_000 && server!.listening; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(server!.listening).toBe(false);
    await expect(sendRequest(base, '/healthz')).rejects.toThrow(/ECONNREFUSED/);
    held.open();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ answered: true });
    await stopped;
  });

  it('on shutdown answers every request already sent, even those still waiting to be accepted behind answers that keep the CPU busy', async () => {
    // An offline answer is CPU work that holds the event loop (tens of milliseconds on a busy core); Node accepts about
    // one waiting connection per turn, so connections pile up in the kernel while answers run.
    const busy: AskService = {
      ask: async (asked) => {
        const until = performance.now() + 40;
        while (performance.now() < until) {
          // CPU work, as an answer's
        }
        return answered(asked.text);
      },
    };
    const base = await start({ ask: busy });
    const { port } = new URL(base);
    const body = question();
    const raw = `POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const clients = Array.from({ length: 40 }, () => {
      const socket = connect({ host: '127.0.0.1', port: Number(port) });
      const parts: Buffer[] = [];
      socket.on('data', (part: Buffer) => parts.push(part));
      socket.on('error', () => {});
      const sent = new Promise<void>((resolve) => socket.once('connect', () => socket.write(raw, () => resolve())));
      const reply = once(socket, 'close').then(() => Buffer.concat(parts).toString('utf8'));
      return { sent, reply };
    });
    await Promise.all(clients.map((client) => client.sent));
    await server!.shutdown({ graceMs: 60_000 });
    const replies = await Promise.all(clients.map((client) => client.reply));
    expect(replies.filter((reply) => reply.startsWith('HTTP/1.1 200')).length).toBe(40);
  });

  it('cuts answers still running when the grace period runs out, and says how many', async () => {
    const { held, ask } = heldAsk();
    const base = await start({ ask });
    const inFlight = sendRequest(base, '/api/ask', { body: question() }).catch((error: Error) => error);
    await held.waiting;
    const cut: number[] = [];
    await server!.shutdown({ graceMs: 1, onTimeout: (open) => cut.push(open) });
    expect(cut).toEqual([1]);
    expect(await inFlight).toBeInstanceOf(Error);
    held.open();
  });

  it('closes connections that never send a request', async () => {
    const base = await start({ timeouts: { headersMs: 100, idleMs: 100 } });
    const idle = await openSocket(base);
    const closed = once(idle, 'close');
    // Flowing, so the server's FIN is read and the socket closes.
    idle.resume();
    await closed;
    expect(idle.destroyed).toBe(true);
  });

  it('drops connections beyond the cap instead of letting them pile up', async () => {
    const base = await start({ maxConnections: 2 });
    const held = [await openSocket(base), await openSocket(base)];
    const response = await sendRequest(base, '/healthz').catch((error: Error) => error);
    expect(response).toBeInstanceOf(Error);
    for (const socket of held) socket.destroy();
  });
});
