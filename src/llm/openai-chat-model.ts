import OpenAI, { BadRequestError } from 'openai';
import { UpstreamError } from '../core/errors.js';
import { createOpenAIClient, OPENAI_BASE_URL } from './create-openai-client.js';
import { describeOpenAIFailure, redactURL, type OpenAICallContext } from './openai-failure.js';
import type { ChatMessage, ChatModel } from '../core/ports.js';

/** Settings of an OpenAI-compatible chat model, passed explicitly (never read from the environment here). */
export interface OpenAIChatModelOptions {
  /** When unset (a self-hosted server without keys), a placeholder is sent. */
  apiKey?: string;
  /** e.g. `http://127.0.0.1:8080/v1`; OpenAI's own API when unset. */
  baseURL?: string;
  model: string;
  /** Per attempt, as the SDK applies it; the whole call, retries and streaming included, is also bounded. */
  timeoutMs: number;
  /** Retries of 408/409/429/5xx and connection failures, done by the SDK (honouring Retry-After). */
  maxRetries: number;
  /** Ask for a streamed reply and concatenate its deltas. */
  stream?: boolean;
}

/** Sent when only a base URL is configured: OpenAI-compatible servers without authentication ignore it. */
/** The SDK's longest default wait between retries. */
const MAX_BACKOFF_MS = 8_000;

/** A `ChatModel` backed by the `openai` SDK's chat completions, against OpenAI or any compatible server. */
export class OpenAIChatModel implements ChatModel {
  readonly name: string;
  private readonly client: OpenAI;
  private readonly context: OpenAICallContext;
  /** Cleared after a server rejects `temperature` (some reasoning models do), so later calls omit it. */
  private sendTemperature = true;

  constructor(private readonly options: OpenAIChatModelOptions) {
    const baseURL = options.baseURL ?? OPENAI_BASE_URL;
    this.name = `openai:${options.model}`;
    this.context = { baseURL: redactURL(baseURL), model: options.model, modelSetting: 'OPENAI_CHAT_MODEL', timeoutMs: options.timeoutMs, retries: options.maxRetries };
    this.client = createOpenAIClient({ ...(options.apiKey ? { apiKey: options.apiKey } : {}), baseURL, timeoutMs: options.timeoutMs, maxRetries: options.maxRetries });
  }

  /** Completes the conversation; throws an `upstream-failed` ChatbotError that names the setting to fix. */
  async complete(messages: ChatMessage[], options: { signal?: AbortSignal } = {}): Promise<string> {
    const budgetMs = this.options.timeoutMs * (this.options.maxRetries + 1) + MAX_BACKOFF_MS * this.options.maxRetries;
    const deadline = AbortSignal.timeout(budgetMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    try {
      return await this.request(messages, signal);
    } catch (error) {
      if (error instanceof BadRequestError && this.sendTemperature && /temperature/i.test(error.message)) {
        this.sendTemperature = false;
        return this.complete(messages, options);
      }
      if (deadline.aborted && !options.signal?.aborted) {
        throw new UpstreamError(
          'upstream-timeout',
          `No complete reply from the OpenAI-compatible server at ${this.context.baseURL} within ${budgetMs} ms. Raise OPENAI_TIMEOUT_MS or check that the server is up.`,
          { cause: error },
        );
      }
      throw describeOpenAIFailure(error, this.context);
    }
  }

  private async request(messages: ChatMessage[], signal: AbortSignal): Promise<string> {
    const body = {
      model: this.options.model,
      messages: messages.map(({ role, content }) => ({ role, content })),
      ...(this.sendTemperature ? { temperature: 0 } : {}),
    };
    if (this.options.stream) {
      const stream = await this.client.chat.completions.create({ ...body, stream: true }, { signal });
      let text = '';
      for await (const chunk of stream) text += chunk.choices?.[0]?.delta?.content ?? '';
      // The SDK ends an aborted stream quietly; a cut-off reply must not pass for a whole one.
      if (signal.aborted) throw signal.reason;
      return text;
    }
    const completion = await this.client.chat.completions.create(body, { signal });
    const choice = completion?.choices?.[0];
    const content = choice?.message?.content;
    if (typeof content !== 'string') {
      throw new UpstreamError(
        'upstream-bad-reply',
        `The OpenAI-compatible server at ${this.context.baseURL} sent no message text for model "${this.options.model}" (finish_reason: ${choice?.finish_reason ?? 'none'}). Check that OPENAI_CHAT_MODEL is a chat model.`,
      );
    }
    return content;
  }
}
