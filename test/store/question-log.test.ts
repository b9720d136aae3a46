import { describe, expect, it } from 'vitest';
import { answered, memoryStore, refusal } from './store-test-kit.js';

describe('SqliteQuestionLog', () => {
  async function seeded() {
    const kit = memoryStore({ placeOf: (text) => (/an hải/i.test(text) ? 'phường An Hải, TP Hải Phòng' : undefined) });
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

  it('lists questions newest first with the ward, votes and comments, leaving out empty messages', async () => {
    const { store, first, second } = await seeded();
    const list = store.questions.list({}, 10);
    expect(list.map((entry) => entry.id)).toEqual([second, first]);
    expect(list[1]).toMatchObject({ place: 'phường An Hải, TP Hải Phòng', upVotes: 1, downVotes: 1, comments: ['Đã có bí thư mới'], answered: true });
    expect(list[0]).toMatchObject({ place: undefined, answered: false, reason: 'low-score' });
    expect(store.questions.count({})).toBe(2);
    store.close();
  });

  it('filters by words without diacritics, channel, ward, outcome, reason and vote', async () => {
    const { store, first, second } = await seeded();
    const ids = (filter: Parameters<typeof store.questions.list>[0]) => store.questions.list(filter, 10).map((entry) => entry.id);
    expect(ids({ search: 'phi do xe' })).toEqual([second]);
    expect(ids({ search: 'Bí thư' })).toEqual([first]);
    expect(ids({ search: '100%' })).toEqual([]);
    expect(ids({ channel: 'discord' })).toEqual([second]);
    expect(ids({ place: 'An Hải' })).toEqual([first]);
    expect(ids({ outcome: 'answered' })).toEqual([first]);
    expect(ids({ outcome: 'refused' })).toEqual([second]);
    expect(ids({ outcome: 'low-score' })).toEqual([second]);
    expect(ids({ outcome: 'no-sources' })).toEqual([]);
    expect(ids({ vote: 'down' })).toEqual([first]);
    expect(ids({ vote: 'none' })).toEqual([second]);
    expect(store.questions.choices()).toEqual({ places: ['phường An Hải, TP Hải Phòng'], channels: ['discord', 'web'] });
    store.close();
  });

  it('counts questions per day in the ward time zone and per channel', async () => {
    const { store } = await seeded();
    const activity = store.questions.activity(new Date('2025-09-02T05:00:00.000Z'), 3, 'Asia/Ho_Chi_Minh');
    expect(activity.days).toEqual([
      { date: '2025-08-31', questions: 0, answered: 0 },
      { date: '2025-09-01', questions: 1, answered: 1 },
      { date: '2025-09-02', questions: 1, answered: 0 },
    ]);
    expect(activity.channels).toEqual([
      { channel: 'web', questions: 1, answered: 1 },
      { channel: 'discord', questions: 1, answered: 0 },
    ]);
    expect(store.questions.activity(new Date('2025-09-02T05:00:00.000Z'), 3, 'UTC').days.map((day) => day.questions)).toEqual([0, 2, 0]);
    store.close();
  });
});

describe('the ward of a logged question', () => {
  it('is the one the question names, else the place the channel asked about', async () => {
    const { store } = memoryStore({ placeOf: (text) => (/an hải/i.test(text) ? 'phường An Hải, TP Hải Phòng' : undefined) });
    await store.answers.record({ text: 'Giờ làm việc?', channel: 'web', defaultPlace: 'phường An Hải' }, refusal('Giờ làm việc?'));
    await store.answers.record({ text: 'Giờ làm việc?', channel: 'web' }, refusal('Giờ làm việc?'));
    expect(store.questions.list({}, 10).map((entry) => entry.place)).toEqual([undefined, 'phường An Hải, TP Hải Phòng']);
    store.close();
  });
});
