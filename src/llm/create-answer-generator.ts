import { ConfigError } from '../core/errors.js';
import { ChatModelCondenser } from '../core/condense-question.js';
import { GroundedGenerator } from '../core/grounded-generator.js';
import { loadCondensePrompt, loadPrompts } from './load-prompts.js';
import { OpenAIChatModel } from './openai-chat-model.js';
import { OpenAIEmbedder } from './openai-embedder.js';
import type { Config } from '../config.js';
import type { AnswerGenerator, QuestionCondenser } from '../core/ports.js';

/**
 * The LLM answer generator when `OPENAI_API_KEY` or `OPENAI_BASE_URL` is set, undefined otherwise (offline mode);
 * throws a ConfigError when the prompt files are missing or broken.
 */
export function createAnswerGenerator(config: Readonly<Config>, log: (line: string) => void, options: { stream?: boolean } = {}): AnswerGenerator | undefined {
  if (!config.openai.enabled) return undefined;
  return new GroundedGenerator({ chatModel: createChatModel(config, options), prompts: loadPrompts(), log });
}

/**
 * In LLM mode, the step that rewrites a conversation's follow-up into a standalone question before retrieval
 * (`prompts/condense.vi.md`); undefined offline, where the rule-based rewriting of `conversation.ts` serves alone.
 */
export function createQuestionCondenser(config: Readonly<Config>): QuestionCondenser | undefined {
  if (!config.openai.enabled) return undefined;
  return new ChatModelCondenser(createChatModel(config), loadCondensePrompt());
}

function createChatModel(config: Readonly<Config>, options: { stream?: boolean } = {}): OpenAIChatModel {
  return new OpenAIChatModel({
    ...(config.openai.apiKey ? { apiKey: config.openai.apiKey } : {}),
    ...(config.openai.baseUrl ? { baseURL: config.openai.baseUrl } : {}),
    model: config.openai.chatModel,
    timeoutMs: config.openai.timeoutMs,
    maxRetries: config.openai.maxRetries,
    ...(options.stream ? { stream: true } : {}),
  });
}

/**
 * The OpenAI-compatible embedder when `OPENAI_EMBEDDING_MODEL` is set, undefined to keep the offline one; throws a
 * ConfigError when the model is set without a key or base URL to reach it.
 */
export function createOpenAIEmbedder(config: Readonly<Config>): OpenAIEmbedder | undefined {
  if (!config.openai.embeddingModel) return undefined;
  if (!config.openai.enabled) {
    throw new ConfigError('OPENAI_EMBEDDING_MODEL is set but neither OPENAI_API_KEY nor OPENAI_BASE_URL is. Set one of them, or empty OPENAI_EMBEDDING_MODEL to keep the offline embedder.');
  }
  return new OpenAIEmbedder({
    ...(config.openai.apiKey ? { apiKey: config.openai.apiKey } : {}),
    ...(config.openai.baseUrl ? { baseURL: config.openai.baseUrl } : {}),
    model: config.openai.embeddingModel,
    timeoutMs: config.openai.timeoutMs,
    maxRetries: config.openai.maxRetries,
    batchSize: config.openai.embeddingBatchSize,
    concurrency: config.openai.embeddingConcurrency,
  });
}

/**
 * `createOpenAIEmbedder` plus one probe request that learns the model's dimension, which the index needs before it
 * embeds anything; rejects with an `upstream-failed` ChatbotError when the server cannot be reached.
 */
export async function connectOpenAIEmbedder(config: Readonly<Config>): Promise<OpenAIEmbedder | undefined> {
  const embedder = createOpenAIEmbedder(config);
  if (embedder) await embedder.discoverDimensions();
  return embedder;
}
