import { APIConnectionTimeoutError, NotFoundError } from 'openai';
import { describe, expect, it } from 'vitest';
import { ChatbotError } from '../../src/core/errors.js';
import { describeOpenAIFailure, redactURL, type OpenAICallContext } from '../../src/llm/openai-failure.js';

const CONTEXT: OpenAICallContext = { baseURL: 'http://127.0.0.1:8080/v1', model: 'bge-m3', modelSetting: 'OPENAI_EMBEDDING_MODEL', timeoutMs: 200, retries: 2 };

describe('describeOpenAIFailure', () => {
  it('names the embedding setting when an embedding model is missing', () => {
    const error = describeOpenAIFailure(new NotFoundError(404, { message: 'no such model' }, undefined, new Headers()), CONTEXT);
    expect(error).toBeInstanceOf(ChatbotError);
    expect(error.code).toBe('upstream-failed');
    expect(error.message).toMatch(/Model "bge-m3" was not found at http:\/\/127\.0\.0\.1:8080\/v1 \(404\)\. Set OPENAI_EMBEDDING_MODEL/);
  });

  it('counts the retries made before a timeout', () => {
    expect(describeOpenAIFailure(new APIConnectionTimeoutError(), CONTEXT).message).toMatch(/within 200 ms after 2 retries/);
  });

  it('keeps the original error as the cause', () => {
    const original = new Error('boom');
    expect(describeOpenAIFailure(original, CONTEXT).cause).toBe(original);
  });
});

describe('redactURL', () => {
  it('hides credentials written into a base URL', () => {
    expect(redactURL('https://user:secret@llm.example.org/v1')).toBe('https://***@llm.example.org/v1');
    expect(redactURL('http://127.0.0.1:8080/v1')).toBe('http://127.0.0.1:8080/v1');
  });
});
