import { afterEach, describe, expect, it } from 'vitest';
import { anHaiPin, answered, refusal } from './store-test-kit.js';
import { storesOnNewDatabase, type StoreDatabase, type StoreFactoryOptions } from './describe-store.js';

const AN_HAI = 'phường An Hải, TP Hải Phòng';

/**
 * The staff console's part of the Store contract (accounts, sessions, lockout, audit log, facts marked wrong, the
 * answer log as the console reads it, pin editing), run against SQLite and PostgreSQL alike: the console works the
 * same on one process and on replicas, and a login made through one replica holds on another.
 */
export function describeConsoleStore(name: string, newDatabase: () => Promise<StoreDatabase>): void {
  describe(`${name} (Store contract: the staff console)`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length > 0) await cleanups.pop()?.();
    });

    const setUp = (options: Partial<StoreFactoryOptions> = {}) => storesOnNewDatabase(newDatabase, cleanups, options);

    it('locks a key out at the fifth failure within 15 minutes, on every process, and forgets failures older than that', async () => {
      const { store, clock, open } = await setUp();
      const other = await open('b');
      clock.set('2026-01-01T00:00:00.000Z');
      for (let failure = 0; failure < 4; failure += 1) await store.admin.recordFailure(['account:lan']);
      expect(await store.admin.lockedUntil(['account:lan'])).toBeUndefined();
      clock.set('2026-01-01T00:16:00.000Z');
      await store.admin.recordFailure(['account:lan']);
      expect(await store.admin.lockedUntil(['account:lan'])).toBeUndefined();
      for (let failure = 0; failure < 4; failure += 1) await (failure % 2 ? other : store).admin.recordFailure(['account:lan', 'visitor:1.2.3.4']);
      expect(await other.admin.lockedUntil(['account:lan'])).toBe('2026-01-01T00:31:00.000Z');
      expect(await store.admin.lockedUntil(['visitor:1.2.3.4', 'account:lan'])).toBe('2026-01-01T00:31:00.000Z');
      expect(await store.admin.lockedUntil(['visitor:1.2.3.4'])).toBeUndefined();
      await store.admin.clearFailures(['visitor:1.2.3.4']);
      clock.set('2026-01-01T00:31:00.000Z');
      expect(await store.admin.lockedUntil(['account:lan'])).toBeUndefined();
    });

    it('keeps a session on every process sharing the database, and ends it when it expires, on logout and when the password changes', async () => {
      const { store, clock, open } = await setUp();
      const other = await open('b');
      clock.set('2026-01-01T00:00:00.000Z');
      expect(await store.admin.setAccount('lan', 'scrypt$hash-1')).toBe('added');
      expect((await other.admin.account('lan'))?.passwordHash).toBe('scrypt$hash-1');
      const first = await store.admin.startSession('lan', 1);
      expect(await other.admin.session(first.token)).toMatchObject({ account: 'lan', csrfToken: first.csrfToken });
      clock.set('2026-01-01T01:00:00.000Z');
      expect(await store.admin.session(first.token)).toBeUndefined();
      const second = await store.admin.startSession('lan', 1);
      await other.admin.endSession(second.token);
      expect(await store.admin.session(second.token)).toBeUndefined();
      const third = await store.admin.startSession('lan', 1);
      expect(await other.admin.setAccount('lan', 'scrypt$hash-2')).toBe('changed');
      expect(await store.admin.session(third.token)).toBeUndefined();
      expect((await store.admin.accounts()).map((account) => account.name)).toEqual(['lan']);
      const fourth = await store.admin.startSession('lan', 1);
      expect(await store.admin.removeAccount('lan')).toBe(true);
      expect(await store.admin.removeAccount('lan')).toBe(false);
      expect(await store.admin.session(fourth.token)).toBeUndefined();
    });

    it('keeps the audit log newest first, whichever process wrote it', async () => {
      const { store, open } = await setUp();
      const other = await open('b');
      await store.admin.audit('lan', 'pin.add', 'Câu hỏi 1');
      await other.admin.audit('minh', 'pin.remove', 'Câu hỏi 1', 'id a-1');
      expect((await store.admin.auditLog(10)).map((entry) => [entry.actor, entry.action, entry.detail])).toEqual([
        ['minh', 'pin.remove', 'id a-1'],
        ['lan', 'pin.add', ''],
      ]);
      expect((await store.admin.auditLog(1, 1)).map((entry) => entry.actor)).toEqual(['lan']);
    });

    it('keeps facts marked wrong by key until shown again, on every process', async () => {
      const { store, open } = await setUp();
      const other = await open('b');
      const key = 'office|p|Bí thư Đảng ủy|A';
      await store.factFlags.flag({ factKey: key, place: 'p', summary: 'Bí thư Đảng ủy: A', flaggedBy: 'lan', note: 'đã nghỉ hưu' });
      expect([...(await other.factFlags.keys())]).toEqual([key]);
      expect((await other.factFlags.list())[0]).toMatchObject({ factKey: key, flaggedBy: 'lan', note: 'đã nghỉ hưu' });
      expect(await other.factFlags.unflag(key)).toBe(true);
      expect(await store.factFlags.unflag(key)).toBe(false);
      expect((await store.factFlags.keys()).size).toBe(0);
    });

    async function seeded() {
      const kit = await setUp({ placeOf: (text) => (/an hải/i.test(text) ? AN_HAI : undefined) });
      const { store, clock } = kit;
      clock.set('2025-09-01T16:30:00.000Z'); // 23:30 on 01/09 in Vietnam
      const first = await store.answers.record({ text: 'Bí thư phường An Hải là ai?', channel: 'web' }, answered('Bí thư phường An Hải là ai?', 'Đồng chí Chu Đức Anh.'));
      clock.set('2025-09-01T17:30:00.000Z'); // 00:30 on 02/09 in Vietnam
      const second = await store.answers.record({ text: 'Phí đỗ xe là bao nhiêu?', channel: 'discord' }, refusal('Phí đỗ xe là bao nhiêu?', 'low-score'));
      await store.answers.record({ text: ' ', channel: 'web' }, refusal(' ', 'empty-question'));
      await store.feedback.recordFeedback({ answerId: first, vote: 'down', comment: 'Đã có bí thư mới', userKey: 'u1', channel: 'web' });
      await store.feedback.recordFeedback({ answerId: first, vote: 'up', userKey: 'u2', channel: 'web' });
      return { ...kit, first, second };
    }

    it('lists logged questions newest first with the ward, votes and comments, leaving out empty messages', async () => {
      const { store, first, second } = await seeded();
      const list = await store.questions.list({}, 10);
      expect(list.map((entry) => entry.id)).toEqual([second, first]);
      expect(list[1]).toMatchObject({ place: AN_HAI, upVotes: 1, downVotes: 1, comments: ['Đã có bí thư mới'], answered: true });
      expect(list[0]).toMatchObject({ place: undefined, answered: false, reason: 'low-score', comments: [] });
      expect(await store.questions.count({})).toBe(2);
      expect(await store.questions.get(first)).toMatchObject({ question: 'Bí thư phường An Hải là ai?', answered: true });
      expect(await store.questions.get('missing')).toBeUndefined();
      expect((await store.questions.list({}, 1, 1)).map((entry) => entry.id)).toEqual([first]);
    });

    it('filters logged questions by words without diacritics, channel, ward, outcome, reason and vote', async () => {
      const { store, first, second } = await seeded();
      const ids = async (filter: Parameters<typeof store.questions.list>[0]) => (await store.questions.list(filter, 10)).map((entry) => entry.id);
      expect(await ids({ search: 'phi do xe' })).toEqual([second]);
      expect(await ids({ search: 'Bí thư' })).toEqual([first]);
      expect(await ids({ search: '100%' })).toEqual([]);
      expect(await ids({ channel: 'discord' })).toEqual([second]);
      expect(await ids({ place: 'An Hải' })).toEqual([first]);
      expect(await ids({ outcome: 'answered' })).toEqual([first]);
      expect(await ids({ outcome: 'refused' })).toEqual([second]);
      expect(await ids({ outcome: 'low-score' })).toEqual([second]);
      expect(await ids({ outcome: 'no-sources' })).toEqual([]);
      expect(await ids({ vote: 'down' })).toEqual([first]);
      expect(await ids({ vote: 'rated' })).toEqual([first]);
      expect(await ids({ vote: 'none' })).toEqual([second]);
      expect(await store.questions.count({ channel: 'discord' })).toBe(1);
      expect(await store.questions.choices()).toEqual({ places: [AN_HAI], channels: ['discord', 'web'] });
    });

    it('counts questions per day in the ward time zone and per channel', async () => {
      const { store } = await seeded();
      const activity = await store.questions.activity(new Date('2025-09-02T05:00:00.000Z'), 3, 'Asia/Ho_Chi_Minh');
      expect(activity.days).toEqual([
        { date: '2025-08-31', questions: 0, answered: 0 },
        { date: '2025-09-01', questions: 1, answered: 1 },
        { date: '2025-09-02', questions: 1, answered: 0 },
      ]);
      expect(activity.channels).toEqual([
        { channel: 'web', questions: 1, answered: 1 },
        { channel: 'discord', questions: 1, answered: 0 },
      ]);
      expect((await store.questions.activity(new Date('2025-09-02T05:00:00.000Z'), 3, 'UTC')).days.map((day) => day.questions)).toEqual([0, 2, 0]);
    });

    it('logs the ward a question names, else the place the channel asked about', async () => {
      const { store } = await setUp({ placeOf: (text) => (/an hải/i.test(text) ? AN_HAI : undefined) });
      await store.answers.record({ text: 'Giờ làm việc?', channel: 'web', defaultPlace: 'phường An Hải' }, refusal('Giờ làm việc?'));
      await store.answers.record({ text: 'Giờ làm việc?', channel: 'web' }, refusal('Giờ làm việc?'));
      expect((await store.questions.list({}, 10)).map((entry) => entry.place)).toEqual([undefined, AN_HAI]);
    });

    it('edits a pin in place, keeping its id, time and hits, and gets it by id', async () => {
      const { store, open } = await setUp();
      const other = await open('b');
      const pin = await store.pins.add(anHaiPin());
      await store.pins.match('Bí thư phường An Hải là ai?');
      const edited = await other.pins.edit(pin.id, { ...anHaiPin(), answer: 'Đồng chí Chu Đức Anh (từ 15/8/2025).' });
      expect(edited).toMatchObject({ id: pin.id, createdAt: pin.createdAt, hits: 1, answer: 'Đồng chí Chu Đức Anh (từ 15/8/2025).' });
      expect(await store.pins.get(pin.id)).toMatchObject({ answer: 'Đồng chí Chu Đức Anh (từ 15/8/2025).' });
      expect((await store.pins.match('bi thu phuong an hai la ai'))?.answer).toBe('Đồng chí Chu Đức Anh (từ 15/8/2025).');
      expect(await store.pins.edit('missing', anHaiPin())).toBeUndefined();
      expect(await store.pins.get('missing')).toBeUndefined();
      expect(store.zone).toBe('Asia/Ho_Chi_Minh');
    });
  });
}
