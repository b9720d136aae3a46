import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { basename } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { answerQuestion, type AnswerDependencies } from '../core/answer-question.js';
import { ChatbotError, toChatbotError } from '../core/errors.js';
import { CorpusEmbedder, embedderFor } from '../search/corpus-embedder.js';
import { HashingEmbedder } from '../search/hashing-embedder.js';
import { openIndexVersion } from '../search/search-index.js';
import { indexAnswering } from './index-answering.js';
import type { Answer } from '../core/types.js';
import type { Section } from '../search/index-files.js';
import type { FactQuestion, PinMatch } from '../core/ports.js';
import type { AnswerThreadSettings, FromAnswerThread, ThreadError, ThreadPort, ToAnswerThread } from './answer-thread-messages.js';

/**
 * An answer thread of `serve` (see `AnswerThreads`): answers offline questions from the index version each request
 * names, opened read-only here, so the server's event loop never runs retrieval or reading. Pins and facts live with
 * the store on the event loop and are asked for there.
 */

/** Versions kept open: the one answering now and the one before it, for answers that started on it. */
const OPEN_VERSIONS = 2;

/**
 * How much lower than the event loop's an answer thread's scheduling priority is (Linux niceness, added to the
 * process's). When the cores are busy the event loop, which reads requests and refuses the excess, runs first; the
 * answers take the time left.
 */
const NICENESS_BELOW_EVENT_LOOP = 5;

/** Lowers this thread's priority where threads have their own (Linux: its id in /proc/thread-self); elsewhere does nothing. */
function yieldToEventLoop(): void {
  try {
    const threadId = Number(basename(readlinkSync('/proc/thread-self')));
    setPriority(threadId, Math.min(19, getPriority() + NICENESS_BELOW_EVENT_LOOP));
  } catch {
    // No per-thread priority here: the thread runs at the process's.
  }
}

yieldToEventLoop();
const port = parentPort;
if (!port) throw new Error('answer-thread.js runs as a worker thread of `hoiphuong serve`, not on its own.');
const settings = workerData as AnswerThreadSettings;
const send = (message: FromAnswerThread) => port.postMessage(message);
const log = (line: string) => send({ kind: 'log', line });

type Answering = Pick<AnswerDependencies, 'retriever' | 'places' | 'vocabulary'>;
const versions = new Map<string, Promise<Answering>>();

function answeringFrom(folder: string, sections: ReadonlyMap<string, Section> | undefined): Promise<Answering> {
  let opened = versions.get(folder);
  if (!opened) {
    opened = open(folder, sections);
    versions.set(folder, opened);
    // A version that failed to open is tried again by the next question; old versions are let go.
    opened.catch(() => versions.delete(folder));
    for (const old of [...versions.keys()].slice(0, Math.max(0, versions.size - OPEN_VERSIONS))) versions.delete(old);
  }
  return opened;
}

async function open(folder: string, sections: ReadonlyMap<string, Section> | undefined): Promise<Answering> {
  const base = settings.offlineEmbedder === 'corpus' ? new CorpusEmbedder() : new HashingEmbedder();
  // The server opened (and verified) this same version before naming it, and may share what it read of it.
  const index = await openIndexVersion(folder, base, { verifyChecksums: false, ...(sections ? { sections } : {}) });
  const { gazetteer, retriever, vocabulary } = indexAnswering(index, embedderFor(index, base), log);
  return { retriever, places: gazetteer, ...(vocabulary ? { vocabulary } : {}) };
}

const calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
let nextCall = 0;

function callEventLoop(id: number, portName: 'pins', argument: string): Promise<PinMatch | undefined>;
function callEventLoop(id: number, portName: 'facts', argument: FactQuestion): Promise<Answer | undefined>;
function callEventLoop(id: number, portName: ThreadPort, argument: string | FactQuestion): Promise<unknown> {
  const call = (nextCall += 1);
  return new Promise((resolve, reject) => {
    calls.set(call, { resolve, reject });
    send(portName === 'pins' ? { kind: 'call', id, call, port: 'pins', argument: argument as string } : { kind: 'call', id, call, port: 'facts', argument: argument as FactQuestion });
  });
}

function threadError(error: unknown): ThreadError {
  const failure = toChatbotError(error);
  const stack = failure.cause instanceof Error ? failure.cause.stack : failure.stack;
  return { code: failure.code, message: failure.message, ...(stack ? { stack } : {}) };
}

async function answer(message: Extract<ToAnswerThread, { kind: 'answer' }>): Promise<void> {
  const { id, question, ports } = message;
  try {
    const answering = await answeringFrom(message.folder, message.sections);
    const result = await answerQuestion(question, {
      ...answering,
      ...(settings.defaultPlace ? { defaultPlace: settings.defaultPlace } : {}),
      ...(ports.includes('pins') ? { pins: { match: (text) => callEventLoop(id, 'pins', text) } } : {}),
      ...(ports.includes('facts') ? { facts: { answer: (factQuestion) => callEventLoop(id, 'facts', factQuestion) } } : {}),
    });
    send({ kind: 'answered', id, answer: result });
  } catch (error) {
    send({ kind: 'failed', id, error: threadError(error) });
  }
}

port.on('message', (message: ToAnswerThread) => {
  if (message.kind === 'answer') {
    void answer(message);
    return;
  }
  if (message.kind === 'open') {
    // A failure is reported by the first question on this version, which tries again.
    answeringFrom(message.folder, message.sections).catch(() => {});
    return;
  }
  const waiting = calls.get(message.call);
  calls.delete(message.call);
  if (message.kind === 'returned') waiting?.resolve(message.value);
  else waiting?.reject(new ChatbotError(message.error.code, message.error.message));
});
