import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatbotError } from '../../src/core/errors.js';
import { OpenAIChatModel, type OpenAIChatModelOptions } from '../../src/llm/openai-chat-model.js';
import { startOpenAIStandIn, type OpenAIStandIn } from '../support/openai-stand-in.js';
import type { ChatMessage } from '../../src/core/ports.js';

const MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'Chỉ dùng các đoạn trích.' },
  { role: 'user', content: 'Bí thư phường An Hải là ai?' },
];

let standIn: OpenAIStandIn;
beforeEach(async () => {
  standIn = await startOpenAIStandIn();
});
afterEach(async () => {
  await standIn.close();
});

function model(options: Partial<OpenAIChatModelOptions> = {}): OpenAIChatModel {
  return new OpenAIChatModel({ baseURL: standIn.baseURL, model: 'stand-in-chat', timeoutMs: 5_000, maxRetries: 0, ...options });
}

async function failure(promise: Promise<unknown>): Promise<ChatbotError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ChatbotError);
  return error as ChatbotError;
}

describe('OpenAIChatModel against an OpenAI-compatible stand-in', () => {
  it('returns the text of a chat completion and sends the model, messages and temperature 0', async () => {
    standIn.replyToChat({ content: 'Đồng chí Chu Đức Anh [1].' });
    expect(await model().complete(MESSAGES)).toBe('Đồng chí Chu Đức Anh [1].');
    expect(standIn.requests).toHaveLength(1);
    expect(standIn.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', body: { model: 'stand-in-chat', messages: MESSAGES, temperature: 0 } });
  });

  it('sends a placeholder key when only a base URL is configured, and the real key when given', async () => {
    standIn.replyToChat({ content: 'một' }, { content: 'hai' });
    await model().complete(MESSAGES);
    await model({ apiKey: 'sk-test' }).complete(MESSAGES);
    expect(standIn.requests.map((request) => request.headers.authorization)).toEqual(['Bearer not-needed', 'Bearer sk-test']);
  });

  it('assembles a streamed reply from its deltas', async () => {
    const content = 'Bí thư Đảng ủy phường An Hải là đồng chí Chu Đức Anh [3].';
    standIn.replyToChat({ content, chunkSize: 5 });
    expect(await model({ stream: true }).complete(MESSAGES)).toBe(content);
    expect(standIn.requests[0]?.body.stream).toBe(true);
  });

  it('retries a 429 after its Retry-After and then returns the reply', async () => {
    standIn.replyToChat({ status: 429, headers: { 'retry-after': '0' } }, { content: 'Chu Đức Anh [1].' });
    expect(await model({ maxRetries: 2 }).complete(MESSAGES)).toBe('Chu Đức Anh [1].');
    expect(standIn.requests).toHaveLength(2);
  });

  it('gives up on a 500 after its retries with an error naming the status', async () => {
    standIn.replyToChat({ status: 500, headers: { 'retry-after-ms': '0' } }, { status: 500, headers: { 'retry-after-ms': '0' } });
    const error = await failure(model({ maxRetries: 1 }).complete(MESSAGES));
    expect(error.code).toBe('upstream-failed');
    expect(error.message).toMatch(/status 500 after 1 retry/);
    expect(standIn.requests).toHaveLength(2);
  });

  it('says to check OPENAI_API_KEY when the key is rejected', async () => {
    standIn.replyToChat({ status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } } });
    expect((await failure(model().complete(MESSAGES))).message).toMatch(/rejected the API key \(401\)\. Check OPENAI_API_KEY/);
  });

  it('says to set OPENAI_CHAT_MODEL when the model does not exist', async () => {
    standIn.replyToChat({ status: 404, body: { error: { message: 'The model does not exist', type: 'invalid_request_error' } } });
    expect((await failure(model().complete(MESSAGES))).message).toMatch(/Model "stand-in-chat" was not found .* Set OPENAI_CHAT_MODEL/);
  });

  it('times out when the server holds its reply past the timeout', async () => {
    standIn.replyToChat({ hang: true });
    expect((await failure(model({ timeoutMs: 200 }).complete(MESSAGES))).message).toMatch(/within 200 ms.*OPENAI_TIMEOUT_MS/);
  });

  it('stops waiting for a stream that stalls midway', async () => {
    standIn.replyToChat({ content: 'Đồng chí Chu Đức Anh giữ chức Bí thư.', chunkSize: 4, stallAfterChunks: 2 });
    expect((await failure(model({ timeoutMs: 200, stream: true }).complete(MESSAGES))).message).toMatch(/within 200 ms.*OPENAI_TIMEOUT_MS/);
  });

  it('reports a malformed JSON body', async () => {
    standIn.replyToChat({ raw: '{"choices": [' });
    expect((await failure(model().complete(MESSAGES))).message).toMatch(/not valid JSON/);
  });

  it('reports a reply without message text', async () => {
    standIn.replyToChat({ raw: '{"object":"chat.completion","choices":[]}' });
    expect((await failure(model().complete(MESSAGES))).message).toMatch(/sent no message text/);
  });

  it('says to check OPENAI_BASE_URL when nothing listens there', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = new OpenAIChatModel({ baseURL: `http://127.0.0.1:${port}/v1`, model: 'm', timeoutMs: 2_000, maxRetries: 0 });
    expect((await failure(unreachable.complete(MESSAGES))).message).toMatch(/Cannot reach .*ECONNREFUSED.*OPENAI_BASE_URL/);
  });

  it('retries once without temperature when the model rejects it, and omits it afterwards', async () => {
    standIn.replyToChat(
      { status: 400, body: { error: { message: "Unsupported value: 'temperature' does not support 0 with this model.", type: 'invalid_request_error' } } },
      { content: 'một' },
      { content: 'hai' },
    );
    const chat = model();
    expect(await chat.complete(MESSAGES)).toBe('một');
    expect(await chat.complete(MESSAGES)).toBe('hai');
    expect(standIn.requests.map((request) => 'temperature' in request.body)).toEqual([true, false, false]);
  });
});
