import { Embeddings } from '@langchain/core/embeddings';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatbotError } from '../../src/core/errors.js';
import { OpenAIEmbedder, type OpenAIEmbedderOptions } from '../../src/llm/openai-embedder.js';
import { deterministicVector, startOpenAIStandIn, type OpenAIStandIn } from '../support/openai-stand-in.js';

let standIn: OpenAIStandIn;
let sleeps: number[];
beforeEach(async () => {
  standIn = await startOpenAIStandIn({ dimensions: 8 });
  sleeps = [];
});
afterEach(async () => {
  await standIn.close();
});

function embedder(options: Partial<OpenAIEmbedderOptions> = {}): OpenAIEmbedder {
  return new OpenAIEmbedder({
    baseURL: standIn.baseURL,
    model: 'stand-in-embed',
    timeoutMs: 5_000,
    maxRetries: 2,
    batchSize: 2,
    concurrency: 1,
    sleep: async (milliseconds) => void sleeps.push(milliseconds),
    now: () => Date.parse('2025-08-15T00:00:00Z'),
    ...options,
  });
}

const inputsOf = () => standIn.requests.map((request) => request.body.input);
const texts = (count: number) => Array.from({ length: count }, (_, index) => `Đoạn văn số ${index + 1} của phường An Hải`);

describe('OpenAIEmbedder against an OpenAI-compatible stand-in', () => {
  it('embeds in batches of the configured size and returns the vectors in input order', async () => {
    const input = texts(5);
    const vectors = await embedder().embedDocuments(input);
    expect(inputsOf()).toEqual([input.slice(0, 2), input.slice(2, 4), input.slice(4)]);
    expect(vectors).toEqual(input.map((text) => deterministicVector(text, 8)));
    expect(standIn.requests[0]?.body).toMatchObject({ model: 'stand-in-embed', encoding_format: 'float' });
  });

  it('never sends more than 2,048 inputs in one request', async () => {
    await embedder({ batchSize: 5_000 }).embedDocuments(texts(2_050));
    expect(inputsOf().map((input) => input?.length)).toEqual([2_048, 2]);
  });

  it('starts a new request before the characters of one would pass the cap', async () => {
    await embedder({ batchSize: 100, maxCharactersPerRequest: 100 }).embedDocuments(['a'.repeat(60), 'b'.repeat(30), 'c'.repeat(20), 'd'.repeat(50)]);
    expect(inputsOf().map((input) => (input as string[]).map((text) => text.length))).toEqual([[60, 30], [20, 50]]);
  });

  it('sends an empty text as a space, which the API accepts', async () => {
    await embedder().embedDocuments(['']);
    expect(inputsOf()).toEqual([[' ']]);
  });

  it('keeps at most the configured number of requests in flight', async () => {
    standIn.replyToEmbeddings(...Array.from({ length: 4 }, () => ({ dimensions: 8, barrier: 2 })));
    await embedder({ batchSize: 1, concurrency: 2 }).embedDocuments(texts(4));
    expect(standIn.peakInFlight()).toBe(2);
    expect(standIn.requests).toHaveLength(4);
  });

  it('sends one request at a time with a concurrency of 1', async () => {
    await embedder({ batchSize: 1, concurrency: 1 }).embedDocuments(texts(3));
    expect(standIn.peakInFlight()).toBe(1);
  });

  it('retries a 429 after the Retry-After the server asks for', async () => {
    standIn.replyToEmbeddings({ status: 429, headers: { 'retry-after': '3' } }, { dimensions: 8 });
    const vectors = await embedder().embedDocuments(texts(2));
    expect(vectors).toHaveLength(2);
    expect(sleeps).toEqual([3_000]);
  });

  it('reads a Retry-After given as an HTTP date against the injected clock', async () => {
    standIn.replyToEmbeddings({ status: 429, headers: { 'retry-after': 'Fri, 15 Aug 2025 00:00:05 GMT' } }, { dimensions: 8 });
    await embedder().embedDocuments(texts(1));
    expect(sleeps).toEqual([5_000]);
  });

  it('backs off exponentially on server errors and then succeeds', async () => {
    standIn.replyToEmbeddings({ status: 500 }, { status: 503 }, { dimensions: 8 });
    await embedder().embedDocuments(texts(1));
    expect(sleeps).toEqual([500, 1_000]);
    expect(standIn.requests).toHaveLength(3);
  });

  it('gives up after the configured retries with an upstream error', async () => {
    standIn.replyToEmbeddings({ status: 500 }, { status: 500 }, { status: 500 });
    const error = await embedder().embedDocuments(texts(1)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatbotError);
    expect((error as ChatbotError).message).toMatch(/status 500 after 2 retries/);
  });

  it('does not retry a rejected key', async () => {
    standIn.replyToEmbeddings({ status: 401 });
    const error = await embedder().embedDocuments(texts(1)).catch((caught: unknown) => caught);
    expect((error as ChatbotError).message).toMatch(/OPENAI_API_KEY/);
    expect(standIn.requests).toHaveLength(1);
  });

  it('learns its dimension from the first response and is named after the model', async () => {
    const model = embedder();
    expect(model.name).toBe('openai:stand-in-embed');
    expect(() => model.dimensions).toThrow(/not known yet\. Await discoverDimensions\(\)/);
    expect(await model.discoverDimensions()).toBe(8);
    expect(model.dimensions).toBe(8);
    expect((await model.embedQuery('Bí thư phường An Hải')).length).toBe(8);
  });

  it('refuses vectors whose dimension changed, so an index never mixes models', async () => {
    const model = embedder();
    await model.embedQuery('một');
    standIn.replyToEmbeddings({ dimensions: 16 });
    const error = await model.embedQuery('hai').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatbotError);
    expect((error as ChatbotError).code).toBe('index-mismatch');
  });

  it('knows the vector size of OpenAI\'s own models without a request', () => {
    expect(embedder({ model: 'text-embedding-3-small' }).dimensions).toBe(1536);
    expect(standIn.requests).toHaveLength(0);
  });

  it('checks responses against a dimension given up front', async () => {
    const error = await embedder({ dimensions: 1536 }).embedQuery('một').catch((caught: unknown) => caught);
    expect((error as ChatbotError).message).toMatch(/returned 8-dimensional vectors where 1536 were expected/);
  });

  it('reports a response with the wrong number of vectors', async () => {
    standIn.replyToEmbeddings({ embeddings: [[1, 0]] });
    const error = await embedder().embedDocuments(texts(2)).catch((caught: unknown) => caught);
    expect((error as ChatbotError).message).toMatch(/returned 1 vectors for 2 inputs/);
  });

  it('is a LangChain Embeddings too', () => {
    expect(embedder()).toBeInstanceOf(Embeddings);
  });
});
