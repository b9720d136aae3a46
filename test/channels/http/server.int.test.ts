import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServerOptions } from '../../../src/channels/http/server.js';
import type { AskService, Feedback, FeedbackStore } from '../../../src/core/ports.js';
import type { AskResult, Question } from '../../../src/core/types.js';

const answered = (question: string): AskResult => ({
  question,
  answered: true,
  answer: 'đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường',
  citations: [{ id: 'a1', title: 'Bài 1', url: 'https://example.org/a1', quote: 'q', published: '2025-08-15' }],
  mode: 'extractive',
  language: 'vi',
  answerId: 'answer-1',
});

let server: Server | undefined;
afterEach(async () => {
  server?.close();
  server = undefined;
});

async function start(overrides: Partial<HttpServerOptions> = {}) {
  const asked: Question[] = [];
  const ask: AskService = { ask: async (question) => (asked.push(question), answered(question.text)) };
  server = createHttpServer({ ask, maxQuestionLength: 100, rateLimitPerMinute: 0, log: () => {}, ...overrides });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = (path: string, body: string) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { base, post, asked };
}

describe('HTTP API', () => {
  it('answers POST /api/ask with the ask --json shape', async () => {
    const { post, asked } = await start();
    const response = await post('/api/ask', JSON.stringify({ question: 'Bí thư phường An Hải là ai?' }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as AskResult;
    expect(body).toMatchObject({ answered: true, citations: [{ id: 'a1', url: 'https://example.org/a1' }] });
    expect(asked[0]).toMatchObject({ text: 'Bí thư phường An Hải là ai?', channel: 'http' });
  });

  it('rejects malformed JSON and missing questions with a short message', async () => {
    const { post } = await start();
    const broken = await post('/api/ask', '{"question":');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toMatch(/JSON/);
    const empty = await post('/api/ask', JSON.stringify({ question: '  ' }));
    expect(empty.status).toBe(400);
  });

  it('refuses over-long questions politely in the question language', async () => {
    const { post } = await start();
    const response = await post('/api/ask', JSON.stringify({ question: 'hỏi '.repeat(60) }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/dài quá/);
  });

  it('limits how often one client may ask', async () => {
    const { post } = await start({ rateLimitPerMinute: 1 });
    expect((await post('/api/ask', JSON.stringify({ question: 'một' }))).status).toBe(200);
    expect((await post('/api/ask', JSON.stringify({ question: 'hai' }))).status).toBe(429);
  });

  it('serves the chat page and a health check', async () => {
    const { base } = await start();
    expect(await (await fetch(`${base}/`)).text()).toContain('Hỏi Phường');
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ ok: true });
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });

  it('records feedback against an answer id', async () => {
    const recorded: Feedback[] = [];
    const feedback: FeedbackStore = {
      recordFeedback: async (entry) => (recorded.push(entry), entry.answerId === 'answer-1' ? 'recorded' : 'unknown-answer'),
    };
    const { post } = await start({ feedback, userKeys: { userKey: (platform, id) => `${platform}:${id.length}` } });
    expect((await post('/api/feedback', JSON.stringify({ answerId: 'answer-1', vote: 'down', comment: 'sai' }))).status).toBe(200);
    expect(recorded[0]).toMatchObject({ answerId: 'answer-1', vote: 'down', comment: 'sai', channel: 'web' });
    expect((await post('/api/feedback', JSON.stringify({ answerId: 'nope', vote: 'up' }))).status).toBe(404);
    expect((await post('/api/feedback', JSON.stringify({ answerId: 'answer-1', vote: 'meh' }))).status).toBe(400);
  });
});
