import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { REFUSAL_TOKEN } from '../../src/core/answer-prompt.js';
import { ConfigError } from '../../src/core/errors.js';
import { refusalMessage } from '../../src/core/messages.js';
import { connectOpenAIEmbedder, createAnswerGenerator, createOpenAIEmbedder } from '../../src/llm/create-answer-generator.js';
import { startOpenAIStandIn, type OpenAIStandIn, type StandInReply } from '../support/openai-stand-in.js';
import { sampleFallback, samplePassages } from '../support/sample-passages.js';
import type { Language } from '../../src/core/types.js';

let standIn: OpenAIStandIn;
let logs: string[];
beforeEach(async () => {
  standIn = await startOpenAIStandIn();
  logs = [];
});
afterEach(async () => {
  await standIn.close();
});

/** Runs the real wiring (config → OpenAIChatModel → GroundedGenerator, real prompts) on one scripted reply. */
async function ask(replies: StandInReply[], options: { env?: Record<string, string>; stream?: boolean; question?: string; language?: Language } = {}) {
  standIn.replyToChat(...replies);
  // A generous timeout, so a slow first request on a busy machine is not mistaken for the scripted failure.
  const config = loadConfig({ OPENAI_BASE_URL: standIn.baseURL, OPENAI_TIMEOUT_MS: '10000', OPENAI_MAX_RETRIES: '0', ...options.env });
  const generator = createAnswerGenerator(config, (line) => logs.push(line), { stream: options.stream ?? false });
  if (!generator) throw new Error('expected LLM mode to be enabled');
  return generator.generate({
    question: options.question ?? 'Bí thư Đảng ủy phường An Hải là ai?',
    language: options.language ?? 'vi',
    passages: samplePassages(),
    fallback: sampleFallback(),
  });
}

describe('LLM mode through the openai SDK against a local stand-in', () => {
  it('shows a correct cited answer as generated, with the gate passed', async () => {
    const answer = await ask([{ content: 'Bí thư Đảng ủy phường An Hải là đồng chí Chu Đức Anh [3].' }]);
    expect(answer).toMatchObject({ kind: 'answered', mode: 'generated', text: 'Bí thư Đảng ủy phường An Hải là đồng chí Chu Đức Anh.', grounding: { status: 'passed' } });
    expect(answer.kind === 'answered' && answer.citations[0]?.quote).toContain('Chu Đức Anh giữ chức Bí thư Đảng ủy phường');
    expect(standIn.requests[0]?.body.messages?.[1]?.content).toContain('<passage id="3"');
  });

  it('assembles a streamed answer and grounds it the same way', async () => {
    const answer = await ask([{ content: 'Đại hội có 214 đại biểu đại diện cho 2.883 đảng viên [1].', chunkSize: 3 }], { stream: true });
    expect(answer).toMatchObject({ kind: 'answered', mode: 'generated', text: 'Đại hội có 214 đại biểu đại diện cho 2.883 đảng viên.' });
    expect(standIn.requests[0]?.body.stream).toBe(true);
  });

  it('falls back to the extractive answer when the only citation points at a missing passage', async () => {
    const answer = await ask([{ content: 'Bí thư là đồng chí Chu Đức Anh [7].' }]);
    expect(answer).toMatchObject({ mode: 'extractive', grounding: { status: 'failed' } });
    expect(answer.grounding?.detail).toContain('[7]');
  });

  it('catches a changed number and falls back, listing it', async () => {
    const answer = await ask([{ content: 'Đại hội có 214 đại biểu đại diện cho 2.833 đảng viên [1].' }]);
    expect(answer).toMatchObject({ mode: 'extractive', text: sampleFallback().text, grounding: { status: 'failed', unsupported: ['2.833'] } });
  });

  it('falls back when a Vietnamese question gets an English answer', async () => {
    const answer = await ask([{ content: 'The Party Secretary of the ward is Chu Đức Anh, according to the article [3].' }]);
    expect(answer).toMatchObject({ mode: 'extractive', grounding: { status: 'failed' } });
    expect(answer.grounding?.detail).toMatch(/English/);
  });

  it('falls back when an English question gets a Vietnamese answer', async () => {
    const answer = await ask([{ content: 'Bí thư Đảng ủy phường An Hải là đồng chí Chu Đức Anh [3].' }], {
      question: 'Who is the party secretary of An Hai ward?',
      language: 'en',
    });
    expect(answer).toMatchObject({ mode: 'extractive', grounding: { status: 'failed' } });
    expect(answer.grounding?.detail).toMatch(/Vietnamese but the question is English/);
  });

  it('turns the refusal token into the polite refusal', async () => {
    const answer = await ask([{ content: REFUSAL_TOKEN }], { question: 'Phường An Hải có bao nhiêu trường học?' });
    expect(answer).toMatchObject({ kind: 'refused', reason: 'no-sources', mode: 'generated', text: refusalMessage('no-sources', 'vi') });
  });

  it('retries a 429 and then shows the answer', async () => {
    const answer = await ask([{ status: 429, headers: { 'retry-after': '0' } }, { content: 'Bí thư là đồng chí Chu Đức Anh [3].' }], {
      env: { OPENAI_MAX_RETRIES: '2' },
    });
    expect(answer).toMatchObject({ kind: 'answered', mode: 'generated' });
    expect(standIn.requests).toHaveLength(2);
  });

  it('falls back with an error grounding and one log line on a 500', async () => {
    const answer = await ask([{ status: 500 }]);
    expect(answer).toMatchObject({ ...sampleFallback(), grounding: { status: 'error', reason: 'upstream-server-error' } });
    expect(answer.grounding?.detail).toBe('the model server failed (see the server log)');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^\[llm\] openai:gpt-4\.1-mini failed \(upstream-failed\): .*status 500/);
  });

  it('falls back when the server holds its reply past the timeout', async () => {
    const answer = await ask([{ hang: true }], { env: { OPENAI_TIMEOUT_MS: '200' } });
    expect(answer).toMatchObject({ mode: 'extractive', grounding: { status: 'error', reason: 'upstream-timeout' } });
    expect(logs[0]).toMatch(/within 200 ms/);
  });

  it('falls back on a malformed JSON body', async () => {
    const answer = await ask([{ raw: '{"id": "chatcmpl-1", "choices": [{' }]);
    expect(answer).toMatchObject({ mode: 'extractive', grounding: { status: 'error', reason: 'upstream-bad-reply' } });
    expect(logs[0]).toMatch(/not valid JSON/);
  });

  it('falls back with the remedy when the key is rejected', async () => {
    const answer = await ask([{ status: 401 }], { env: { OPENAI_API_KEY: 'sk-wrong' } });
    expect(answer.grounding).toMatchObject({ status: 'error', reason: 'upstream-key-rejected' });
    expect(logs[0]).toMatch(/OPENAI_API_KEY/);
    expect(standIn.requests[0]?.headers.authorization).toBe('Bearer sk-wrong');
  });

  it('stays offline when neither a key nor a base URL is set', () => {
    expect(createAnswerGenerator(loadConfig({}), () => {})).toBeUndefined();
  });
});

describe('createOpenAIEmbedder', () => {
  it('keeps the offline embedder when OPENAI_EMBEDDING_MODEL is empty', () => {
    expect(createOpenAIEmbedder(loadConfig({ OPENAI_BASE_URL: standIn.baseURL }))).toBeUndefined();
  });

  it('embeds through the configured server and model', async () => {
    const embedder = createOpenAIEmbedder(loadConfig({ OPENAI_BASE_URL: standIn.baseURL, OPENAI_EMBEDDING_MODEL: 'bge-m3' }));
    expect(embedder?.name).toBe('openai:bge-m3');
    expect(await embedder?.embedDocuments(['một', 'hai'])).toHaveLength(2);
    expect(standIn.requests[0]).toMatchObject({ path: '/v1/embeddings', body: { model: 'bge-m3', input: ['một', 'hai'] } });
  });

  it('learns the dimension up front when connecting, as the index needs it before embedding', async () => {
    const embedder = await connectOpenAIEmbedder(loadConfig({ OPENAI_BASE_URL: standIn.baseURL, OPENAI_EMBEDDING_MODEL: 'bge-m3' }));
    expect(embedder?.dimensions).toBe(8);
    expect(standIn.requests).toHaveLength(1);
  });

  it('refuses an embedding model with no key or base URL to reach it', () => {
    expect(() => createOpenAIEmbedder(loadConfig({ OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small' }))).toThrow(ConfigError);
  });
});
