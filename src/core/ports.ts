import type { Answer, AskResult, Citation, Language, Passage, Question } from './types.js';

/**
 * Turns text into vectors; shaped like @langchain/core's `Embeddings` so its classes fit structurally.
 * @example
 * const [vector] = await embedder.embedDocuments(['Bí thư Đảng ủy phường']);
 */
export interface Embedder {
  /** Identifies the model and its settings; the index records it to detect a mismatch. */
  readonly name: string;
  readonly dimensions: number;
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}

/** Options a retriever may honour. */
export interface RetrieveOptions {
  /** Place to prefer when the query names none (per-server or deployment default). */
  defaultPlace?: string;
}

/**
 * Finds the passages most relevant to a query, best first.
 * @example
 * const passages = await retriever.retrieve('bí thư phường An Hải', 5);
 */
export interface Retriever {
  retrieve(query: string, limit: number, options?: RetrieveOptions): Promise<Passage[]>;
}

/** One message of a chat-model conversation. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * A chat model that completes a conversation.
 * @example
 * const text = await chatModel.complete([{ role: 'user', content: 'Xin chào' }]);
 */
export interface ChatModel {
  readonly name: string;
  complete(messages: ChatMessage[], options?: { signal?: AbortSignal }): Promise<string>;
}

/** What an answer generator is given: the question, the retrieved passages and the offline answer to fall back on. */
export interface GenerationInput {
  question: string;
  language: Language;
  passages: Passage[];
  /** The extractive answer (or refusal) computed offline for the same passages. */
  fallback: Answer;
}

/**
 * Writes an answer from passages (LLM mode); must return `fallback` (with `grounding` set) when it cannot ground its text.
 * @example
 * const answer = await generator.generate({ question, language: 'vi', passages, fallback });
 */
export interface AnswerGenerator {
  generate(input: GenerationInput): Promise<Answer>;
}

/** A curated answer a moderator pinned, as matched against a question. */
export interface PinMatch {
  id: string;
  answer: string;
  citations: Citation[];
  pinnedBy: string;
  reviewOverdue: boolean;
  /** Similarity in [0, 1] between the question and the pin's best phrasing. */
  similarity: number;
}

/**
 * Looks up a pinned answer for a question before retrieval.
 * @example
 * const pin = await pins.match('bi thu phuong an hai la ai');
 */
export interface PinnedAnswers {
  match(question: string): Promise<PinMatch | undefined>;
}

/**
 * Keeps every answer given, so feedback can refer to it and refusals reach the staff report.
 * @example
 * const answerId = await recorder.record(question, result);
 */
export interface AnswerRecorder {
  record(question: Question, result: AskResult): Promise<string>;
}

/**
 * What every channel calls: question in, JSON-ready result out. Never throws for expected outcomes.
 * @example
 * const result = await service.ask({ text: 'Bí thư phường An Hải là ai?', channel: 'http' });
 */
export interface AskService {
  ask(question: Question): Promise<AskResult>;
}
