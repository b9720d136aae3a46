import { afterEach, describe, expect, it } from 'vitest';
import { anHaiPin, answered, ManualClock, refusal, sequentialIds } from './store-test-kit.js';
import type { Store } from '../../src/store/store.js';
import type { ConversationState } from '../../src/core/conversation.js';

/** What a contract test may ask of an implementation. */
export interface StoreFactoryOptions {
  now: () => Date;
  newId: () => string;
  pinMatchThreshold?: number;
  conversationTtlMinutes?: number;
  placeOf?: (text: string) => string | undefined;
}

/** A fresh, empty database: `open` opens a store on it (call it twice for two processes sharing it), `dispose` removes it. */
export interface StoreDatabase {
  open(options: StoreFactoryOptions): Promise<Store>;
  dispose(): Promise<void>;
}

/** Opens stores on one new database (as processes sharing it, with one clock), closing and removing all in `cleanups`. */
export async function storesOnNewDatabase(newDatabase: () => Promise<StoreDatabase>, cleanups: Array<() => Promise<void>>, options: Partial<StoreFactoryOptions> = {}) {
  const database = await newDatabase();
  cleanups.push(() => database.dispose());
  const clock = new ManualClock();
  const open = async (prefix: string) => {
    const store = await database.open({ now: clock.now, newId: sequentialIds(prefix), ...options });
    cleanups.push(() => store.close());
    return store;
  };
  return { clock, open, store: await open('a') };
}

/**
 * The Store contract: what every implementation (SQLite, PostgreSQL) must do the same, checked through the ports only,
 * including what two processes sharing one database see.
 */
export function describeStore(name: string, newDatabase: () => Promise<StoreDatabase>): void {
  describe(`${name} (Store contract)`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length > 0) await cleanups.pop()?.();
    });

    /** Two handles on one new database (as two replicas), sharing a clock. */
    const setUp = (options: Partial<StoreFactoryOptions> = {}) => storesOnNewDatabase(newDatabase, cleanups, options);

    it('serves a pinned answer to the same question typed without diacritics, and counts the hit', async () => {
      const { store } = await setUp();
      const pin = await store.pins.add(anHaiPin());
      expect(await store.pins.match('bi thu phuong an hai la ai')).toMatchObject({ id: pin.id, answer: pin.answer, pinnedBy: 'Chị Lan', reviewOverdue: false });
      expect((await store.pins.list())[0]?.hits).toBe(1);
      expect(await store.pins.match('Chủ tịch UBND xã Nậm Thử là ai?')).toBeUndefined();
    });

    it('serves a pin added through one process to another sharing the database', async () => {
      const { store, open } = await setUp();
      const other = await open('b');
      expect(await other.pins.match('Bí thư phường An Hải là ai?')).toBeUndefined();
      await store.pins.add(anHaiPin());
      expect((await other.pins.match('Bí thư phường An Hải là ai?'))?.answer).toBe(anHaiPin().answer);
      await store.pins.remove('Bí thư phường An Hải là ai?');
      expect(await other.pins.match('Bí thư phường An Hải là ai?')).toBeUndefined();
    });

    it('replaces the answer when the same question is pinned again, keeping one pin', async () => {
      const { store } = await setUp();
      const first = await store.pins.add(anHaiPin());
      const second = await store.pins.add(anHaiPin({ question: 'bí thư phường an hải là ai', answer: 'Câu trả lời mới.' }));
      expect(second.id).toBe(first.id);
      expect((await store.pins.list()).map((pin) => pin.answer)).toEqual(['Câu trả lời mới.']);
    });

    it('imports exported pins once: importing them again adds nothing', async () => {
      const { store, open } = await setUp();
      await store.pins.add(anHaiPin());
      await store.pins.add(anHaiPin({ question: 'Chủ tịch UBND phường An Hải là ai?', answer: 'Ông A.' }));
      const exported = await store.pins.list();
      const other = await open('b');
      expect(await other.pins.importPins([])).toEqual({ added: 0, updated: 0, unchanged: 0 });
      const fresh = await (await setUp()).store.pins.importPins(exported);
      expect(fresh).toEqual({ added: 2, updated: 0, unchanged: 0 });
      expect(await store.pins.importPins(exported)).toEqual({ added: 0, updated: 0, unchanged: 2 });
    });

    it('refuses a pin without an answer, saying which pin', async () => {
      const { store } = await setUp();
      await expect(store.pins.add(anHaiPin({ answer: '  ' }))).rejects.toThrow(/needs an answer/);
      expect(await store.pins.list()).toEqual([]);
    });

    it('flags a pin past its review date as overdue in the report', async () => {
      const { store, clock } = await setUp();
      await store.pins.add(anHaiPin({ reviewBy: '2025-10-01' }));
      clock.set('2025-10-03T03:00:00Z');
      expect((await store.report({ limit: 10 })).overduePins).toMatchObject([{ question: 'Bí thư phường An Hải là ai?', reviewBy: '2025-10-01' }]);
    });

    it('counts a vote once per user and answer, even when two processes receive it at once; voting again changes it', async () => {
      const { store, open } = await setUp();
      const other = await open('b');
      const answerId = await store.answers.record({ text: 'Bí thư là ai?', channel: 'web' }, answered('Bí thư là ai?', 'Ông A.'));
      const vote = { answerId, vote: 'down' as const, userKey: 'u1', channel: 'web' as const, comment: 'sai rồi' };
      const outcomes = await Promise.all([store.feedback.recordFeedback(vote), other.feedback.recordFeedback(vote)]);
      expect(outcomes.sort()).toEqual(['changed', 'recorded']);
      expect(await store.feedback.recordFeedback({ ...vote, vote: 'up', comment: undefined as unknown as string })).toBe('changed');
      const report = await store.report({ limit: 10 });
      expect(report.totals).toMatchObject({ upVotes: 1, downVotes: 0 });
      expect(await store.feedback.recordFeedback({ ...vote, answerId: 'no-such-answer' })).toBe('unknown-answer');
    });

    it('keeps the earlier comment when the same vote comes again without one', async () => {
      const { store } = await setUp();
      const answerId = await store.answers.record({ text: 'Bí thư là ai?', channel: 'web' }, answered('Bí thư là ai?', 'Ông A.'));
      await store.feedback.recordFeedback({ answerId, vote: 'down', userKey: 'u1', channel: 'web', comment: 'thiếu nguồn' });
      await store.feedback.recordFeedback({ answerId, vote: 'down', userKey: 'u1', channel: 'web' });
      expect((await store.report({ limit: 10 })).worstRated[0]?.comments).toEqual(['thiếu nguồn']);
    });

    it('reports the most asked unanswered questions and the answer rate', async () => {
      const { store, clock } = await setUp();
      for (const question of ['Lịch tiếp dân phường An Hải?', 'lich tiep dan phuong an hai', 'Giá đất ở An Hải?']) {
        await store.answers.record({ text: question, channel: 'web' }, refusal(question));
        clock.set(new Date(clock.now().getTime() + 60_000).toISOString());
      }
      await store.answers.record({ text: 'Bí thư là ai?', channel: 'web' }, answered('Bí thư là ai?', 'Ông A.'));
      const report = await store.report({ limit: 10 });
      expect(report.totals).toMatchObject({ questions: 4, answered: 1, refused: 3, answerRate: 0.25 });
      expect(report.unanswered.map((row) => [row.example, row.count])).toEqual([
        ['lich tiep dan phuong an hai', 2],
        ['Giá đất ở An Hải?', 1],
      ]);
    });

    it('forgets answers older than the retention period, with their votes', async () => {
      const { store, clock } = await setUp();
      const old = await store.answers.record({ text: 'Cũ?', channel: 'web' }, answered('Cũ?', 'Cũ.'));
      await store.feedback.recordFeedback({ answerId: old, vote: 'up', userKey: 'u1', channel: 'web' });
      clock.set('2025-12-01T00:00:00Z');
      await store.answers.record({ text: 'Mới?', channel: 'web' }, answered('Mới?', 'Mới.'));
      expect(await store.answers.prune(new Date('2025-11-01T00:00:00Z'))).toBe(1);
      const report = await store.report({ limit: 10 });
      expect(report.totals).toMatchObject({ questions: 1, upVotes: 0 });
    });

    it('keeps settings per scope; null deletes one', async () => {
      const { store, open } = await setUp();
      await store.settings.setSettings('discord:guild:1', { defaultPlace: 'phường An Hải', language: 'vi' });
      expect(await store.settings.setSettings('discord:guild:1', { language: null })).toEqual({ defaultPlace: 'phường An Hải' });
      expect(await (await open('b')).settings.getSettings('discord:guild:1')).toEqual({ defaultPlace: 'phường An Hải' });
      expect(await store.settings.getSettings('discord:guild:2')).toEqual({});
    });

    it('keeps a token pair so another process loads exactly the pair saved last', async () => {
      const { store, open } = await setUp();
      await store.tokens.saveTokens('zalo-oa', { accessToken: 'a1', refreshToken: 'r1' });
      await store.tokens.saveTokens('zalo-oa', { accessToken: 'a2', refreshToken: 'r2', expiresAt: '2025-09-01T04:00:00.000Z' });
      expect(await (await open('b')).tokens.loadTokens('zalo-oa')).toEqual({ accessToken: 'a2', refreshToken: 'r2', expiresAt: '2025-09-01T04:00:00.000Z' });
      expect(await store.tokens.loadTokens('nothing')).toBeUndefined();
    });

    it('continues a conversation in another process until it expires', async () => {
      const { store, open, clock } = await setUp({ conversationTtlMinutes: 30 });
      const state = { turns: [{ question: 'Bí thư phường An Hải là ai?', answer: 'Ông A.' }] } as unknown as ConversationState;
      await store.conversations.save('zalo-oa:u1', state);
      const other = await open('b');
      expect(await other.conversations.load('zalo-oa:u1')).toEqual(state);
      clock.set(new Date(clock.now().getTime() + 31 * 60_000).toISOString());
      expect(await other.conversations.load('zalo-oa:u1')).toBeUndefined();
      await store.conversations.save('zalo-oa:u2', state);
      await store.conversations.clear('zalo-oa:u2');
      expect(await store.conversations.load('zalo-oa:u2')).toBeUndefined();
    });

    it('says "first" once for an event offered to two processes at the same time', async () => {
      const { store, open } = await setUp();
      const other = await open('b');
      const sightings = await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? store : other).seenEvents.firstSighting('zalo-oa:msg:42')));
      expect(sightings.filter(Boolean)).toHaveLength(1);
      expect(await store.seenEvents.firstSighting('zalo-oa:msg:43')).toBe(true);
    });

    it('gives a user the same key in every process, and different keys on different platforms', async () => {
      const { store, open } = await setUp();
      const key = store.userKeys.userKey('zalo', '123');
      expect((await open('b')).userKeys.userKey('zalo', '123')).toBe(key);
      expect(store.userKeys.userKey('discord', '123')).not.toBe(key);
      expect(key).toMatch(/^[0-9a-f]{64}$/);
    });

    it('keeps sources with their pages and sync counts', async () => {
      const { store } = await setUp();
      const source = await store.sources.add('https://phuong.example.vn/rss', { place: 'phường An Hải', everyMinutes: 360 });
      expect((await store.sources.add('https://phuong.example.vn/rss', { everyMinutes: 60 })).id).toBe(source.id);
      const page = { url: 'https://phuong.example.vn/a', sourceId: source.id, file: 'phuong.example.vn/a.md', textHash: 'h1', hasPlace: false, fetchedAt: '2025-09-01T03:00:00.000Z' };
      await store.sources.savePage(page);
      await store.sources.savePage({ ...page, url: 'https://phuong.example.vn/b', file: 'b.md', textHash: 'h2', hasPlace: true, etag: '"x"', textSignature: 'sig-b' });
      expect(await store.sources.pageSignatures(page.url)).toEqual([{ url: 'https://phuong.example.vn/b', signature: 'sig-b' }]);
      expect(await store.sources.pageSignatures('https://phuong.example.vn/b')).toEqual([]);
      await store.sources.touchPage(page.url, '2025-09-02');
      await store.sources.recordSync(source.id, { etag: '"feed"' });
      expect(await store.sources.find(String(source.id))).toMatchObject({ url: source.url, everyMinutes: 60, articleCount: 2, noPlaceCount: 1, etag: '"feed"', lastSyncAt: '2025-09-01T03:00:00.000Z' });
      expect(await store.sources.page(page.url)).toMatchObject({ listedDate: '2025-09-02', hasPlace: false });
      expect((await store.sources.pageWithText('h2', page.url))?.url).toBe('https://phuong.example.vn/b');
      expect(await store.sources.pageWithText('h2', 'https://phuong.example.vn/b')).toBeUndefined();
      expect(await store.sources.remove(source.id)).toBe(true);
      expect(await store.sources.list()).toEqual([]);
      expect(await store.sources.page(page.url)).toBeUndefined();
    });
  });
}
