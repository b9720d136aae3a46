import type { ErrorCode } from '../core/errors.js';
import type { FactQuestion } from '../core/ports.js';
import type { Answer, Question } from '../core/types.js';
import type { Section } from '../search/index-files.js';

/** What an answer thread is started with: how to open and read an index, as `openServices` would on the event loop. */
export interface AnswerThreadSettings {
  offlineEmbedder: 'hashing' | 'corpus';
  /** DEFAULT_PLACE, for questions that name no place. */
  defaultPlace?: string | undefined;
}

/** An error as it crosses from a thread: its code and text (the stack for the log only). */
export interface ThreadError {
  code: ErrorCode;
  message: string;
  stack?: string | undefined;
}

/** The ports an answer may call back on the event loop, where the store lives. */
export type ThreadPort = 'pins' | 'facts';

/** What the event loop sends an answer thread. */
export type ToAnswerThread =
  /**
   * Answer `question` from the index version in `folder`; `ports` lists the callbacks this server has. `sections`
   * (shared memory) comes with the first question of a version a thread gets, when the server shares them.
   */
  | { kind: 'answer'; id: number; folder: string; sections?: ReadonlyMap<string, Section>; question: Question; ports: ThreadPort[] }
  /** Open the index version in `folder` now, so the first question on it does not wait for that. */
  | { kind: 'open'; folder: string; sections?: ReadonlyMap<string, Section> }
  /** The result of a port call the thread made. */
  | { kind: 'returned'; call: number; value: unknown }
  | { kind: 'thrown'; call: number; error: ThreadError };

/** What an answer thread sends back. */
export type FromAnswerThread =
  | { kind: 'answered'; id: number; answer: Answer }
  | { kind: 'failed'; id: number; error: ThreadError }
  /** Asks the event loop to call a port for answer `id`: pins match the question text, facts answer a `FactQuestion`. */
  | { kind: 'call'; id: number; call: number; port: 'pins'; argument: string }
  | { kind: 'call'; id: number; call: number; port: 'facts'; argument: FactQuestion }
  | { kind: 'log'; line: string };
