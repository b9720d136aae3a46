import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { openServices, type Services } from '../../src/cli/open-services.js';
import { loadConfig } from '../../src/config.js';
import { createHttpServer, type HttpServer } from '../../src/channels/http/server.js';
import { sendRequest } from '../support/raw-http.js';

// The real server over the real answering services, on the fact fixtures (facts and the reader both answer), with
// answers in worker threads or on the event loop; questions go over HTTP from a real client on loopback.
const HOOKED_THREAD = new URL('../support/hooked-answer-thread.mjs', import.meta.url);
const QUESTIONS = [
  'Chủ tịch UBND phường Đông Hải, tỉnh Thanh Hóa hiện nay là ai?',
  'Dân số phường Đông Hải, tỉnh Thanh Hóa năm 2020 là bao nhiêu?',
  'Chủ tịch UBND phường Đông Hải, tỉnh Thanh Hóa cho biết phường sẽ tập trung vào việc gì?',
  'chu tich ubnd phuong dong hai thanh hoa bay gio la ai',
  'Ai là chủ tịch nước Pháp?',
  'Bí thư Đảng ủy phường Đông Hải, tỉnh Nghệ An là ai?',
];
const PINNED = 'Bí thư Đảng ủy phường Đông Hải, tỉnh Nghệ An là ai?';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** Shared flags of the thread hooks: answers arrived, the gate, crashes. */
function hookFlags() {
  const buffer = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const flags = new Int32Array(buffer);
  const waitAsync = (Atomics as unknown as { waitAsync(array: Int32Array, index: number, value: number): { async: boolean; value: Promise<string> | string } }).waitAsync;
  return {
    buffer,
    arrived: () => Atomics.load(flags, 0),
    /** Resolves once `count` answers have reached a thread. */
    async untilArrived(count: number) {
      for (let seen = Atomics.load(flags, 0); seen < count; seen = Atomics.load(flags, 0)) await waitAsync(flags, 0, seen).value;
    },
    open() {
      Atomics.store(flags, 1, 1);
      Atomics.notify(flags, 1);
    },
  };
}

async function serve(options: { threads: number; hook?: { mode: 'hold' | 'crash-once'; flags: SharedArrayBuffer } }) {
  const workDir = await mkdtemp(join(tmpdir(), 'hoiphuong-answer-threads-'));
  const dataDir = join(workDir, 'articles');
  await cp('test/fixtures/facts-wards', dataDir, { recursive: true });
  const indexDir = join(workDir, 'index');
  const config = loadConfig({ DATA_DIR: dataDir, INDEX_DIR: indexDir, DATABASE_PATH: join(workDir, 'store.sqlite') });
  // As `serve` starts: from the index already built (by an ingest with the same settings), which it shares with its threads.
  await (await openServices(config, { output: new PassThrough().resume(), store: 'none' })).close();
  const lines: string[] = [];
  const services: Services = await openServices(config, {
    output: new PassThrough().resume(),
    log: (line) => lines.push(line),
    store: 'required',
    ingest: 'background',
    answerThreads: {
      count: options.threads,
      ...(options.hook ? { entry: HOOKED_THREAD, testData: { mode: options.hook.mode, flags: options.hook.flags } } : {}),
    },
  });
  await services.ready;
  await services.store!.pins.add({
    question: PINNED,
    answer: 'Bà Hoàng Thị Lan là Bí thư Đảng ủy phường Đông Hải, tỉnh Nghệ An (trả lời đã ghim).',
    citations: [],
    pinnedBy: 'Chị Lan',
    channel: 'discord',
    channelRef: 'discord:1/2/3',
  });
  const store = services.store!;
  const server: HttpServer = createHttpServer({
    ask: services.ask,
    feedback: store.feedback,
    userKeys: store.userKeys,
    maxQuestionLength: 500,
    rateLimitPerMinute: 0,
    maxConcurrentAnswers: 1,
    log: (line) => lines.push(line),
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(async () => {
    if (server.listening) await server.shutdown({ graceMs: 1_000 });
    await services.close();
    await rm(workDir, { recursive: true, force: true });
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (path: string, body: object) => {
    const response = await sendRequest(base, path, { body: JSON.stringify(body) });
    return { status: response.status, headers: response.headers, body: JSON.parse(response.body) as Record<string, unknown> };
  };
  const ask = (question: string, conversationId?: string) => post('/api/ask', { question, ...(conversationId ? { conversationId } : {}) });
  return { services, server, ask, post, lines, dataDir };
}

/** An answer as a resident sees it, without the ids each store gives its answers and pins. */
const shown = ({ answerId: _, ...rest }: Record<string, unknown>) =>
  rest.pinned ? { ...rest, pinned: { ...(rest.pinned as Record<string, unknown>), id: 'pin' } } : rest;

describe('serve with answer threads', () => {
  it('answers over HTTP exactly as on the event loop: facts, the reader, refusals and pins', async () => {
    const inThreads = await serve({ threads: 2 });
    const onLoop = await serve({ threads: 0 });
    expect(inThreads.services.answerThreads).toBe(2);
    expect(onLoop.services.answerThreads).toBe(0);
    // The threads read the postings and vector codes from the server's shared memory.
    expect(inThreads.services.index.sharedSections?.get('bm25Postings')?.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const question of QUESTIONS) {
      const [threaded, looped] = [await inThreads.ask(question), await onLoop.ask(question)];
      expect(threaded.status).toBe(200);
      expect(shown(threaded.body)).toEqual(shown(looped.body));
    }
    expect((await inThreads.ask(PINNED)).body).toMatchObject({ answered: true, mode: 'pinned', answer: expect.stringContaining('trả lời đã ghim') });
    expect((await inThreads.ask(QUESTIONS[0]!)).body.answer).toContain('Nguyễn Thị Hoa');
    // A follow-up continues the conversation the same way.
    for (const server of [inThreads, onLoop]) await server.ask(QUESTIONS[0]!, 'talk-1');
    const [threadedFollowUp, loopedFollowUp] = [await inThreads.ask('Dân số của phường đó là bao nhiêu?', 'talk-1'), await onLoop.ask('Dân số của phường đó là bao nhiêu?', 'talk-1')];
    expect(shown(threadedFollowUp.body)).toEqual(shown(loopedFollowUp.body));
    expect(threadedFollowUp.body.answer).toContain('66.020');
  });

  it('answers from the new index version once the server has switched to it', async () => {
    const { services, ask, dataDir } = await serve({ threads: 2 });
    const question = 'Phường Đông Hải, tỉnh Thanh Hóa khánh thành cầu Bến Ngự vào ngày nào?';
    expect((await ask(question)).body.answer).not.toContain('15/11/2026');
    await writeFile(
      join(dataDir, 'phuong-dong-hai-cau-ben-ngu.md'),
      '---\nid: phuong-dong-hai-cau-ben-ngu\ntitle: "Phường Đông Hải khánh thành cầu Bến Ngự"\nsource_url: https://example.vn/cau-ben-ngu\npublished: 2026-11-16\nplace: "phường Đông Hải, tỉnh Thanh Hóa"\n---\n\nPhường Đông Hải khánh thành cầu Bến Ngự vào ngày 15/11/2026, nối hai bờ sông Đơ.\n',
    );
    const before = services.index.folder;
    await services.refresh();
    // The version this process just wrote, which the threads open by its folder.
    expect(services.index.folder).toMatch(/v0+2$/);
    expect(before).toMatch(/v0+1$/);
    const after = await ask(question);
    expect(after.body).toMatchObject({ answered: true });
    expect(after.body.answer).toContain('15/11/2026');
  });

  it('logs each answer given from a thread, so a vote on it is recorded', async () => {
    const { ask, post } = await serve({ threads: 1 });
    const answered = await ask(QUESTIONS[0]!);
    expect(answered.body.answerId).toEqual(expect.any(String));
    expect(await post('/api/feedback', { answerId: answered.body.answerId, vote: 'up' })).toMatchObject({ status: 200, body: { outcome: 'recorded' } });
    expect((await post('/api/feedback', { answerId: 'not-an-answer', vote: 'up' })).status).toBe(404);
  });

  it('turns a question beyond the cap away with 503 and Retry-After while an answer thread is still busy with the first', async () => {
    // The hook blocks the answering thread, as a long CPU-bound answer would. On the event loop the server could not
    // even read the second request until the first answer ended; here the event loop is free and refuses it at once.
    const flags = hookFlags();
    const { ask } = await serve({ threads: 1, hook: { mode: 'hold', flags: flags.buffer } });
    let firstDone = false;
    const first = ask(QUESTIONS[0]!).finally(() => (firstDone = true));
    await flags.untilArrived(1);
    const excess = await ask(QUESTIONS[1]!);
    expect(excess.status).toBe(503);
    expect(excess.headers['retry-after']).toBe('2');
    expect(excess.body.error).toMatch(/bận/);
    expect(firstDone).toBe(false);
    flags.open();
    const answered = await first;
    expect(answered.status).toBe(200);
    expect(answered.body.answer).toContain('Nguyễn Thị Hoa');
  });

  it('on shutdown lets the answer a thread is busy with finish and be sent', async () => {
    const flags = hookFlags();
    const { ask, server } = await serve({ threads: 1, hook: { mode: 'hold', flags: flags.buffer } });
    const inFlight = ask(QUESTIONS[0]!);
    await flags.untilArrived(1);
    const stopped = server.shutdown({ graceMs: 60_000 });
    flags.open();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.body.answer).toContain('Nguyễn Thị Hoa');
    await stopped;
  });

  it('answers with the usual error message when its thread dies, and the next question from a new thread', async () => {
    const flags = hookFlags();
    const { ask, lines } = await serve({ threads: 1, hook: { mode: 'crash-once', flags: flags.buffer } });
    const crashed = await ask(QUESTIONS[0]!);
    expect(crashed.status).toBe(200);
    expect(crashed.body).toMatchObject({ answered: false, reason: 'error' });
    expect(crashed.body.answer).toMatch(/Xin lỗi/);
    expect(JSON.stringify(crashed.body)).not.toMatch(/simulated|at .*\.js/);
    const next = await ask(QUESTIONS[0]!);
    expect(next.body).toMatchObject({ answered: true });
    expect(next.body.answer).toContain('Nguyễn Thị Hoa');
    expect(lines.join('\n')).toMatch(/answer thread ended \(exit code 1\) with 1 answers in progress; starting another/);
    expect(lines.join('\n')).toContain('simulated fatal error in an answer thread');
  });
});
