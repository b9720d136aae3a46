import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../src/channels/http/server.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import type { AskResult } from '../../../src/core/types.js';
import { conversationServices, indexFixtures, type FixtureAnswering } from '../../support/conversation-services.js';
import { ManualClock } from '../../store/store-test-kit.js';

const HANOI = 'phường Tân An, TP Hà Nội';
let answering: FixtureAnswering;
const clock = new ManualClock('2025-09-01T03:00:00.000Z');

beforeAll(async () => {
  answering = await indexFixtures();
});
afterAll(async () => {
  await answering.close();
});

/** The real server over real answering and the database file, as `hoiphuong serve` wires them. */
async function serve(databasePath: string) {
  const store = SqliteStore.open({ path: databasePath, pinMatchThreshold: 0.8, now: clock.now, conversationTtlMinutes: 30 });
  const server: Server = createHttpServer({ ask: conversationServices(answering, store), feedback: store.feedback, userKeys: store.userKeys, maxQuestionLength: 500, rateLimitPerMinute: 0, log: () => {} });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ask = async (body: Record<string, unknown>): Promise<AskResult> => {
    const response = await fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    return (await response.json()) as AskResult;
  };
  const stop = async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
    store.close();
  };
  return { ask, stop, store };
}

describe('conversations over POST /api/ask', () => {
  it('continues a conversation across two turns with one conversationId, keeps it across a restart, and drops it once expired', async () => {
    const databasePath = join(answering.folder, 'restart.sqlite');
    let server = await serve(databasePath);

    const first = await server.ask({ question: 'Bí thư Đảng ủy phường Tân An (Hà Nội) là ai?', conversationId: 'khach-1' });
    expect(first).toMatchObject({ answered: true, conversationId: 'khach-1' });
    expect(first.answer).toContain('Trần Minh Khoa');

    const second = await server.ask({ question: 'còn phó bí thư thì sao?', conversationId: 'khach-1' });
    expect(second).toMatchObject({ answered: true, question: 'còn phó bí thư thì sao?', conversationId: 'khach-1', assumedPlace: HANOI });
    expect(second.answer).toContain('Lê Thu Hà');
    expect(second.answer.startsWith(`(${HANOI})`)).toBe(true);
    expect(second.citations[0]?.id).toBe('phuong-tan-an-ha-noi-2025');
    // The answer log keeps the standalone question, so staff reports make sense on their own.
    const logged = server.store.database.prepare('SELECT question FROM answers ORDER BY created_at, rowid').all() as Array<{ question: string }>;
    expect(logged.at(-1)?.question).toBe(second.standaloneQuestion);

    await server.stop();
    server = await serve(databasePath);
    const afterRestart = await server.ask({ question: 'tổng thu ngân sách năm 2025 ước đạt bao nhiêu?', conversationId: 'khach-1' });
    expect(afterRestart).toMatchObject({ answered: true, assumedPlace: HANOI });
    expect(afterRestart.answer).toContain('45,6 tỷ');

    // Another id is another conversation: nothing carries over to it.
    const stranger = await server.ask({ question: 'tổng thu ngân sách năm 2025 ước đạt bao nhiêu?', conversationId: 'khach-2' });
    expect(stranger.assumedPlace === HANOI && stranger.standaloneQuestion !== undefined).toBe(false);

    clock.set('2025-09-01T03:31:00.000Z');
    const expired = await server.ask({ question: 'còn phó bí thư thì sao?', conversationId: 'khach-1' });
    expect(expired.standaloneQuestion).toBeUndefined();
    expect(expired.assumedPlace).not.toBe(HANOI);
    await server.stop();
  });

  it('asks which ward with numbered choices, takes "2" as the answer, and starts over on "bắt đầu lại"', async () => {
    const server = await serve(join(answering.folder, 'choices.sqlite'));
    const asked = await server.ask({ question: 'Bí thư Đảng ủy phường Tân An là ai?', conversationId: 'khach-3' });
    expect(asked).toMatchObject({ answered: false, reason: 'ambiguous-place' });
    expect(asked.choices).toHaveLength(2);
    const second = asked.choices?.[1] as string;
    const picked = await server.ask({ question: '2', conversationId: 'khach-3' });
    expect(picked).toMatchObject({ answered: true, assumedPlace: second });
    expect(picked.answer).toContain(second.includes('Hà Nội') ? 'Trần Minh Khoa' : 'Huỳnh Văn Tấn');

    const reset = await server.ask({ question: 'bắt đầu lại', conversationId: 'khach-3' });
    expect(reset).toMatchObject({ answered: false, reason: 'conversation-reset' });
    expect(await server.store.conversations.load('web:khach-3')).toBeUndefined();
    expect(await server.store.conversations.load('http:khach-3')).toBeUndefined();
    await server.stop();
  });

  it('refuses a malformed conversationId with a 400', async () => {
    const store = SqliteStore.open({ path: ':memory:', pinMatchThreshold: 0.8 });
    const server = createHttpServer({ ask: conversationServices(answering, store), maxQuestionLength: 500, rateLimitPerMinute: 0, log: () => {} });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Bí thư là ai?', conversationId: 'có dấu cách' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('conversationId');
    server.close();
    store.close();
  });
});
