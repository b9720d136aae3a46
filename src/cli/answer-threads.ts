import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ChatbotError, toChatbotError } from '../core/errors.js';
import type { FactAnswers, PinnedAnswers } from '../core/ports.js';
import type { Answer, Question } from '../core/types.js';
import type { Section } from '../search/index-files.js';
import type { AnswerThreadSettings, FromAnswerThread, ThreadPort, ToAnswerThread } from './answer-thread-messages.js';

/**
 * Answer threads of a serving process for an ANSWER_THREADS setting: `auto` divides the cores among the processes
 * that serve (one, or each HTTP worker), keeping at least one thread each.
 */
export function answerThreadCount(setting: number | 'auto', servingProcesses: number): number {
  return setting === 'auto' ? Math.max(1, Math.floor(availableParallelism() / Math.max(1, servingProcesses))) : setting;
}

/** The callbacks an answer may make on the event loop: the store's pins and the facts the server shows. */
export interface AnswerPorts {
  pins?: PinnedAnswers | undefined;
  facts?: FactAnswers | undefined;
}

/** Options of `AnswerThreads`. */
export interface AnswerThreadsOptions {
  count: number;
  settings: AnswerThreadSettings;
  log: (line: string) => void;
  /** The module each thread runs: the built `answer-thread.js` unless a test wraps it. */
  entry?: URL;
  /** Given to the threads besides `settings` (as `workerData.test`), for a test's wrapping module. */
  testData?: unknown;
}

interface Pending {
  resolve(answer: Answer): void;
  reject(error: Error): void;
  ports: AnswerPorts;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  startedAt: number;
  /** Threads before this one that ended within `RESTART_DELAY_MS` of starting, in a row. */
  quickExits: number;
  /** Version folders this thread was asked about. */
  versions: Set<string>;
}

/** An index version as the threads open it. */
export interface AnsweringVersion {
  folder: string;
  /** Its `index.bin` sections in shared memory, when the server loaded them so (`LoadOptions.shareSections`). */
  sections?: ReadonlyMap<string, Section> | undefined;
}

/** A thread ending sooner than this after it started counts as failing at start. */
const RESTART_DELAY_MS = 1_000;

/**
 * The thread module beside this one; run from the sources (vitest), the built one, since a thread cannot load
 * TypeScript (`npm test` builds first).
 */
function builtEntry(): URL {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? new URL('../../dist/src/cli/answer-thread.js', import.meta.url) : new URL('./answer-thread.js', import.meta.url);
}

/**
 * Worker threads that run the CPU work of offline answers (retrieval and reading) off the event loop, so a server under
 * load still parses requests and turns the excess away at once. Each question goes to the thread with the fewest in
 * progress, with the index version folder the server answers from; a thread that dies is replaced and its answers in
 * progress fail with a clear error (which the ask service turns into the usual message with a reference).
 */
export class AnswerThreads {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private closing = false;
  /** The version the threads were last asked to open, for threads started later. */
  private current: AnsweringVersion | undefined;

  constructor(private readonly options: AnswerThreadsOptions) {
    for (let position = 0; position < options.count; position += 1) this.slots.push(this.start());
  }

  /** Threads running. */
  get size(): number {
    return this.slots.length;
  }

  /**
   * Answers `question` in a thread from an index version (its folder, and the sections of its `index.bin` when this
   * process shares them), calling `ports` back here when it needs them.
   */
  answer(question: Question, version: AnsweringVersion, ports: AnswerPorts): Promise<Answer> {
    if (this.closing) return Promise.reject(new ChatbotError('internal', 'The answer threads are stopping.'));
    if (this.slots.length === 0) return Promise.reject(new ChatbotError('internal', 'No answer thread is running (they keep ending at start; see the lines above).'));
    const slot = this.slots.reduce((best, candidate) => (candidate.pending.size < best.pending.size ? candidate : best));
    const id = (this.nextId += 1);
    const offered: ThreadPort[] = [...(ports.pins ? ['pins' as const] : []), ...(ports.facts ? ['facts' as const] : [])];
    return new Promise<Answer>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject, ports });
      this.offer(slot, version);
      this.post(slot, { kind: 'answer', id, folder: version.folder, question, ports: offered });
    });
  }

  /** Has every thread open an index version now, before its first question (a version switch, a start). */
  open(version: AnsweringVersion): void {
    this.current = version;
    for (const slot of this.slots) this.offer(slot, version);
  }

  /** Stops every thread; answers still in progress fail (a stopping server waits for its answers before this). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private start(quickExits = 0): Slot {
    const worker = new Worker(this.options.entry ?? builtEntry(), {
      workerData: { ...this.options.settings, ...(this.options.testData !== undefined ? { test: this.options.testData } : {}) },
    });
    // The server's own handles keep it running; a thread never holds a stopping process open.
    worker.unref();
    const slot: Slot = { worker, pending: new Map(), startedAt: performance.now(), quickExits, versions: new Set() };
    worker.on('message', (message: FromAnswerThread) => this.receive(slot, message));
    worker.on('error', (error) => this.options.log(`An answer thread failed: ${error.stack ?? error.message}`));
    worker.once('exit', (code) => this.replace(slot, code));
    if (this.current) this.offer(slot, this.current);
    return slot;
  }

  private replace(slot: Slot, code: number): void {
    const position = this.slots.indexOf(slot);
    if (!this.closing && position >= 0) {
      this.options.log(`An answer thread ended (exit code ${code}) with ${slot.pending.size} answers in progress; starting another.`);
      this.slots.splice(position, 1);
      // Threads that cannot even start must not spin the processor: after two quick ends in a row, the next one waits.
      const quickExits = performance.now() - slot.startedAt < RESTART_DELAY_MS ? slot.quickExits + 1 : 0;
      if (quickExits < 2) this.slots.push(this.start(quickExits));
      else setTimeout(() => !this.closing && this.slots.push(this.start(quickExits)), RESTART_DELAY_MS).unref();
    }
    for (const pending of slot.pending.values()) {
      pending.reject(new ChatbotError('internal', `The answer thread stopped (exit code ${code}) before it answered.`));
    }
    slot.pending.clear();
  }

  private receive(slot: Slot, message: FromAnswerThread): void {
    if (message.kind === 'log') {
      this.options.log(message.line);
      return;
    }
    const pending = slot.pending.get(message.id);
    if (!pending) return;
    if (message.kind === 'answered') {
      slot.pending.delete(message.id);
      pending.resolve(message.answer);
    } else if (message.kind === 'failed') {
      slot.pending.delete(message.id);
      // The thread's stack reaches the log as the cause, as an error on the event loop would.
      const cause = message.error.stack ? Object.assign(new Error(message.error.message), { stack: message.error.stack }) : undefined;
      pending.reject(new ChatbotError(message.error.code, message.error.message, cause ? { cause } : undefined));
    } else {
      void this.callPort(slot, message.call, message.port === 'pins' ? pending.ports.pins?.match(message.argument) : pending.ports.facts?.answer(message.argument));
    }
  }

  private async callPort(slot: Slot, call: number, result: Promise<unknown> | undefined): Promise<void> {
    try {
      this.post(slot, { kind: 'returned', call, value: await result });
    } catch (error) {
      const failure = toChatbotError(error);
      this.post(slot, { kind: 'thrown', call, error: { code: failure.code, message: failure.message } });
    }
  }

  /** Tells a thread about a version once (with the shared sections); it keeps the version open for the next questions. */
  private offer(slot: Slot, version: AnsweringVersion): void {
    if (slot.versions.has(version.folder)) return;
    slot.versions.add(version.folder);
    this.post(slot, { kind: 'open', folder: version.folder, ...(version.sections ? { sections: version.sections } : {}) });
  }

  private post(slot: Slot, message: ToAnswerThread): void {
    slot.worker.postMessage(message);
  }
}
