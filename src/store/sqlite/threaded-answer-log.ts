import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ChatbotError } from '../../core/errors.js';
import { answerValues } from '../stored-answer.js';
import type { AnswerRecorder } from '../../core/ports.js';
import type { AskResult, Question } from '../../core/types.js';

/** Rows the event loop sends the answer log's thread, each with the call that waits for it. */
export interface AnswerLogRows {
  rows: Array<{ call: number; values: Array<string | number | null> }>;
}

/** What the thread sends back: the calls whose rows were written, or the error that kept them from it. */
export interface AnswerLogWritten {
  calls: number[];
  error?: string;
}

/** A thread that ends sooner than this after it started is started again only this long after. */
const RESTART_DELAY_MS = 1_000;

/** Options of `ThreadedAnswerLog`. */
export interface ThreadedAnswerLogOptions {
  /** The database file (DATABASE_PATH), opened and migrated by this process already. */
  path: string;
  busyTimeoutMs?: number;
  /** Names the ward a text is about, as `SqliteAnswerLog` does. */
  placeOf?: (text: string) => string | undefined;
  log: (line: string) => void;
  now?: () => Date;
  newId?: () => string;
}

/**
 * The thread module beside this one; run from the sources (vitest), the built one, since a thread cannot load
 * TypeScript (`npm test` builds first).
 */
function threadModule(): URL {
  return fileURLToPath(import.meta.url).endsWith('.ts')
    ? new URL('../../../dist/src/store/sqlite/answer-log-thread.js', import.meta.url)
    : new URL('./answer-log-thread.js', import.meta.url);
}

/**
 * The SQLite answer log written from a thread of its own: a write waits for the disk (`synchronous=FULL`, often 10 ms
 * or more), and on the event loop that wait would hold every request, a 503 included. `record` resolves once the row
 * is on disk, as `SqliteAnswerLog.record` does; rows that arrive together share one transaction. A thread that dies is
 * replaced; the answers it was writing report the error (the ask service logs it, the resident still gets the answer).
 */
export class ThreadedAnswerLog implements AnswerRecorder {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  /** Records not yet settled, for `close` to wait for. */
  private readonly unsettled = new Set<Promise<unknown>>();
  private nextCall = 0;
  private closing = false;

  constructor(private readonly options: ThreadedAnswerLogOptions) {
    this.worker = this.start();
  }

  async record(question: Question, result: AskResult): Promise<string> {
    const worker = this.worker;
    if (this.closing || !worker) throw new ChatbotError('internal', this.closing ? 'The answer log is closed.' : "The answer log's thread is starting again.");
    const id = (this.options.newId ?? randomUUID)();
    const values = answerValues(id, question, result, (this.options.now ?? (() => new Date()))(), this.options.placeOf);
    const call = (this.nextCall += 1);
    const written = new Promise<void>((resolve, reject) => {
      this.waiting.set(call, { resolve, reject });
      worker.postMessage({ rows: [{ call, values }] } satisfies AnswerLogRows);
    });
    this.unsettled.add(written);
    try {
      await written;
    } finally {
      this.unsettled.delete(written);
    }
    return id;
  }

  /** Waits for the rows sent so far to be written, then stops the thread. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.unsettled]);
    await this.worker?.terminate();
  }

  private start(): Worker {
    const startedAt = performance.now();
    const worker = new Worker(threadModule(), { workerData: { path: this.options.path, ...(this.options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: this.options.busyTimeoutMs }) } });
    worker.unref();
    worker.on('message', (written: AnswerLogWritten) => {
      for (const call of written.calls) {
        const waiter = this.waiting.get(call);
        this.waiting.delete(call);
        if (written.error === undefined) waiter?.resolve();
        else waiter?.reject(new ChatbotError('internal', `Could not write the answer log: ${written.error}`));
      }
    });
    worker.on('error', (error) => this.options.log(`The answer log's thread failed: ${error.stack ?? error.message}`));
    worker.once('exit', (code) => {
      this.worker = undefined;
      for (const waiter of this.waiting.values()) waiter.reject(new ChatbotError('internal', `The answer log's thread stopped (exit code ${code}) before writing the answer.`));
      this.waiting.clear();
      if (this.closing) return;
      // A thread that cannot even open the database must not spin the processor.
      const delay = performance.now() - startedAt < RESTART_DELAY_MS ? RESTART_DELAY_MS : 0;
      setTimeout(() => {
        if (!this.closing) this.worker = this.start();
      }, delay).unref();
    });
    return worker;
  }
}
