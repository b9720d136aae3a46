import { Embeddings } from '@langchain/core/embeddings';
import OpenAI from 'openai';
import { ChatbotError } from '../core/errors.js';
import { describeOpenAIFailure, redactURL, type OpenAICallContext } from './openai-failure.js';
import { createOpenAIClient, OPENAI_BASE_URL } from './create-openai-client.js';
import { retryWithBackoff } from './retry-with-backoff.js';
import type { Embedder } from '../core/ports.js';

/** Settings of an OpenAI-compatible embedding model, passed explicitly. */
export interface OpenAIEmbedderOptions {
  apiKey?: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  /** Retries of one request on 429/5xx/connection failures. */
  maxRetries: number;
  /** Inputs per request (capped at the API's 2,048). */
  batchSize: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Expected vector size; when unset it is learnt from the first response. */
  dimensions?: number;
  /** Cap on the characters of one request, under the API's per-request token limit. */
  maxCharactersPerRequest?: number;
  /** Longer inputs are cut to this, under the API's per-input token limit. */
  maxCharactersPerInput?: number;
  /** Injected so tests don't wait between retries. */
  sleep?: (milliseconds: number) => Promise<void>;
  /** Injected clock for Retry-After dates. */
  now?: () => number;
}

/** OpenAI's limit on inputs per embeddings request. */
export const MAX_INPUTS_PER_REQUEST = 2048;
// OpenAI allows 8,192 tokens per input and 300,000 per request; one token per character is the worst case for
// Vietnamese, so character caps at those sizes (with room to spare per request) can never exceed them.
const MAX_CHARACTERS_PER_INPUT = 8_000;
const MAX_CHARACTERS_PER_REQUEST = 100_000;
/** Default vector sizes of OpenAI's embedding models; any other model's size is learnt from its first response. */
const OPENAI_MODEL_DIMENSIONS: Readonly<Record<string, number>> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

/**
 * An `Embedder` (and a LangChain `Embeddings`) over an OpenAI-compatible `/embeddings` endpoint: batches within the
 * API's limits, bounded concurrency, retries with backoff, and an error when the model's dimension changes.
 */
export class OpenAIEmbedder extends Embeddings implements Embedder {
  readonly name: string;
  private readonly client: OpenAI;
  private readonly context: OpenAICallContext;
  private knownDimensions: number | undefined;

  constructor(private readonly options: OpenAIEmbedderOptions) {
    super({});
    const baseURL = options.baseURL ?? OPENAI_BASE_URL;
    this.name = `openai:${options.model}`;
    this.knownDimensions = options.dimensions ?? OPENAI_MODEL_DIMENSIONS[options.model];
    this.context = { baseURL: redactURL(baseURL), model: options.model, modelSetting: 'OPENAI_EMBEDDING_MODEL', timeoutMs: options.timeoutMs, retries: options.maxRetries };
    // Retries are ours, so they can be counted, honour Retry-After and wait through an injected sleep.
    this.client = createOpenAIClient({ ...(options.apiKey ? { apiKey: options.apiKey } : {}), baseURL, timeoutMs: options.timeoutMs, maxRetries: 0 });
  }

  /**
   * The vector size: as given, known for OpenAI's own models, or learnt from the first response; reading it before
   * then throws, since an index built for a guessed size would be unusable (await `discoverDimensions()` first).
   */
  get dimensions(): number {
    if (this.knownDimensions === undefined) {
      throw new ChatbotError(
        'internal',
        `The vector size of embedding model "${this.options.model}" is not known yet. Await discoverDimensions() (or use connectOpenAIEmbedder) before building an index.`,
      );
    }
    return this.knownDimensions;
  }

  /** Embeds one probe text when the dimension is not known yet, and returns it. */
  async discoverDimensions(): Promise<number> {
    if (this.knownDimensions === undefined) await this.embedQuery('Hỏi Phường');
    return this.dimensions;
  }

  override async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.embedDocuments([text]);
    if (!vector) throw new ChatbotError('upstream-failed', `The embeddings endpoint at ${this.context.baseURL} returned no vector.`);
    return vector;
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    const batches = this.batch(texts);
    const vectors: number[][] = new Array<number[]>(texts.length);
    let next = 0;
    let failure: unknown;
    const worker = async () => {
      while (failure === undefined && next < batches.length) {
        const batch = batches[next++] as Batch;
        try {
          const embedded = await this.embedBatch(batch.inputs);
          embedded.forEach((vector, offset) => (vectors[batch.start + offset] = vector));
        } catch (error) {
          failure ??= error;
        }
      }
    };
    const workers = Math.max(1, Math.min(this.options.concurrency, batches.length));
    await Promise.all(Array.from({ length: workers }, worker));
    if (failure !== undefined) throw failure;
    return vectors;
  }

  /** Consecutive inputs grouped under the input-count and character limits. */
  private batch(texts: readonly string[]): Batch[] {
    const maxInputs = Math.max(1, Math.min(this.options.batchSize, MAX_INPUTS_PER_REQUEST));
    const maxCharacters = this.options.maxCharactersPerRequest ?? MAX_CHARACTERS_PER_REQUEST;
    const maxInput = Math.min(this.options.maxCharactersPerInput ?? MAX_CHARACTERS_PER_INPUT, maxCharacters);
    const batches: Batch[] = [];
    let current: Batch | undefined;
    let characters = 0;
    texts.forEach((text, index) => {
      // The API rejects empty strings; a space embeds as "nothing" without failing the whole batch.
      const input = text.length === 0 ? ' ' : text.slice(0, maxInput);
      if (!current || current.inputs.length >= maxInputs || characters + input.length > maxCharacters) {
        current = { start: index, inputs: [] };
        batches.push(current);
        characters = 0;
      }
      current.inputs.push(input);
      characters += input.length;
    });
    return batches;
  }

  private async embedBatch(inputs: string[]): Promise<number[][]> {
    let response: OpenAI.Embeddings.CreateEmbeddingResponse;
    try {
      response = await retryWithBackoff(
        () => this.client.embeddings.create({ model: this.options.model, input: inputs, encoding_format: 'float' }),
        {
          maxRetries: this.options.maxRetries,
          sleep: this.options.sleep ?? ((milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds))),
          now: this.options.now ?? Date.now,
        },
      );
    } catch (error) {
      throw describeOpenAIFailure(error, this.context);
    }
    const data = Array.isArray(response?.data) ? [...response.data].sort((a, b) => a.index - b.index) : [];
    if (data.length !== inputs.length || data.some((item) => !Array.isArray(item.embedding))) {
      throw new ChatbotError(
        'upstream-failed',
        `The embeddings endpoint at ${this.context.baseURL} returned ${data.length} vectors for ${inputs.length} inputs. Check that OPENAI_EMBEDDING_MODEL is an embedding model.`,
      );
    }
    return data.map((item) => this.checkDimensions(item.embedding));
  }

  private checkDimensions(vector: number[]): number[] {
    if (this.knownDimensions === undefined) this.knownDimensions = vector.length;
    if (vector.length !== this.knownDimensions) {
      throw new ChatbotError(
        'index-mismatch',
        `Model "${this.options.model}" returned ${vector.length}-dimensional vectors where ${this.knownDimensions} were expected. ` +
          'The model behind OPENAI_EMBEDDING_MODEL changed; run ingest again so every chunk is re-embedded with one model.',
      );
    }
    return vector;
  }
}

interface Batch {
  /** Index of the batch's first input in the caller's list. */
  start: number;
  inputs: string[];
}
