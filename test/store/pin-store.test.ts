import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { anHaiPin, memoryStore, sequentialIds, temporaryFolder, ManualClock } from './store-test-kit.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function store(options: Parameters<typeof memoryStore>[0] = {}) {
  const opened = memoryStore(options);
  cleanups.push(() => opened.store.close());
  return opened;
}

describe('SqlitePinStore', () => {
  it('answers the same question typed without diacritics with the pinned answer and its sources', async () => {
    const { store: { pins } } = store();
    const pin = await pins.add(anHaiPin());
    const match = await pins.match('bi thu phuong an hai la ai');
    expect(match).toMatchObject({ id: pin.id, answer: pin.answer, citations: pin.citations, pinnedBy: 'Chị Lan', reviewOverdue: false });
    expect(match?.similarity).toBe(1);
  });

  it('matches a small wording change', async () => {
    const { store: { pins } } = store();
    await pins.add(anHaiPin());
    expect(await pins.match('Cho mình hỏi ai là bí thư của phường An Hải vậy ạ?')).toBeDefined();
  });

  it('does not answer a question about another ward', async () => {
    const { store: { pins } } = store();
    await pins.add(anHaiPin());
    expect(await pins.match('Bí thư phường An Lão là ai?')).toBeUndefined();
    expect(await pins.match('Bí thư phường Hòa Bình là ai?')).toBeUndefined();
    expect(await pins.match('bi thu xa an lao la ai')).toBeUndefined();
  });

  it('never matches across places the place resolver tells apart, whatever the threshold', async () => {
    const placeOf = (text: string) => (/an h[aả]i/i.test(text) ? 'phường An Hải' : /an l[aã]o/i.test(text) ? 'xã An Lão' : undefined);
    const { store: { pins } } = store({ pinMatchThreshold: 0, placeOf });
    await pins.add(anHaiPin());
    expect(await pins.match('Bí thư xã An Lão là ai?')).toBeUndefined();
    expect(await pins.match('Bí thư là ai?')).toBeDefined();
  });

  it('matches any of the alternative phrasings', async () => {
    const { store: { pins } } = store();
    await pins.add(anHaiPin({ alternatives: ['Ai đứng đầu Đảng ủy phường An Hải?'] }));
    expect(await pins.match('ai dung dau dang uy phuong an hai')).toBeDefined();
  });

  it('takes the threshold from its options', async () => {
    const { store: { pins } } = store({ pinMatchThreshold: 1 });
    await pins.add(anHaiPin());
    expect(await pins.match('Ai là bí thư phường An Hải?')).toBeUndefined();
    expect(await pins.match('bí thư phường an hải là ai')).toBeDefined();
  });

  it('counts a hit each time it serves a pin', async () => {
    const { store: { pins } } = store();
    await pins.add(anHaiPin());
    await pins.match('bi thu phuong an hai la ai');
    await pins.match('Bí thư phường An Hải là ai?');
    await pins.match('Bí thư phường An Lão là ai?');
    expect((await pins.list())[0]?.hits).toBe(2);
  });

  it('still serves a pin past its review-by date, flagged as overdue', async () => {
    const { store: { pins }, clock } = store();
    await pins.add(anHaiPin({ reviewBy: '2025-12-31' }));
    clock.set('2025-12-31T16:00:00.000Z'); // 23:00 on 31 December in Vietnam: not yet past
    expect((await pins.match('Bí thư phường An Hải là ai?'))?.reviewOverdue).toBe(false);
    clock.set('2025-12-31T17:00:00.000Z'); // midnight, 1 January in Vietnam
    expect((await pins.match('Bí thư phường An Hải là ai?'))?.reviewOverdue).toBe(true);
  });

  it('unpins by id or by question, after which the question is no longer answered from the pin', async () => {
    const { store: { pins } } = store();
    const first = await pins.add(anHaiPin());
    await pins.add(anHaiPin({ question: 'Chủ tịch phường An Hải là ai?', answer: 'Ông Nguyễn Văn B.' }));
    expect(await pins.remove(first.id)).toBe(true);
    expect(await pins.match('Bí thư phường An Hải là ai?')).toBeUndefined();
    expect(await pins.remove('chu tich phuong an hai la ai vay')).toBe(true);
    expect(await pins.list()).toEqual([]);
    expect(await pins.remove('Chủ tịch phường An Hải là ai?')).toBe(false);
  });

  it('replaces the answer when the same question is pinned again, keeping one pin', async () => {
    const { store: { pins } } = store();
    const first = await pins.add(anHaiPin());
    const second = await pins.add(anHaiPin({ question: 'bí thư phường an hải là ai vậy', answer: 'Câu trả lời mới.' }));
    expect(second.id).toBe(first.id);
    expect((await pins.list()).map((pin) => pin.answer)).toEqual(['Câu trả lời mới.']);
  });

  it('lists pins with every field it was given', async () => {
    const { store: { pins } } = store();
    await pins.add(anHaiPin({ alternatives: ['Ai là bí thư An Hải?'], reviewBy: '2026-06-30' }));
    expect(await pins.list()).toEqual([
      {
        id: 'id-1',
        question: 'Bí thư phường An Hải là ai?',
        alternatives: ['Ai là bí thư An Hải?'],
        answer: anHaiPin().answer,
        citations: anHaiPin().citations,
        pinnedBy: 'Chị Lan',
        channel: 'discord',
        channelRef: 'discord:1/2/3',
        createdAt: '2025-09-01T03:00:00.000Z',
        reviewBy: '2026-06-30',
        hits: 0,
      },
    ]);
  });

  it('rejects a pin without an answer or with an impossible review date', async () => {
    const { store: { pins } } = store();
    await expect(pins.add(anHaiPin({ answer: '  ' }))).rejects.toMatchObject({ code: 'input-invalid' });
    await expect(pins.add(anHaiPin({ reviewBy: '2026-02-30' }))).rejects.toMatchObject({ code: 'input-invalid' });
    await expect(pins.add(anHaiPin({ question: '?!' }))).rejects.toMatchObject({ code: 'input-invalid' });
  });

  it('sees a pin another process added to the same file', async () => {
    const { folder, cleanup } = temporaryFolder();
    cleanups.push(cleanup);
    const path = `${folder}/store.sqlite`;
    const options = { path, pinMatchThreshold: 0.8, now: new ManualClock().now, newSalt: () => 'salt' };
    const server = SqliteStore.open({ ...options, newId: sequentialIds('server') });
    const cli = SqliteStore.open({ ...options, newId: sequentialIds('cli') });
    cleanups.push(() => server.close(), () => cli.close());
    expect(await server.pins.match('Bí thư phường An Hải là ai?')).toBeUndefined();
    await cli.pins.add(anHaiPin());
    expect((await server.pins.match('Bí thư phường An Hải là ai?'))?.id).toBe('cli-1');
    await cli.pins.remove('cli-1');
    expect(await server.pins.match('Bí thư phường An Hải là ai?')).toBeUndefined();
  });

  it('imports exported pins into a fresh database as they were, and a second import adds nothing', async () => {
    const { store: source } = store();
    await source.pins.add(anHaiPin({ alternatives: ['Ai là bí thư An Hải?'], reviewBy: '2026-06-30' }));
    await source.pins.add(anHaiPin({ question: 'Giờ tiếp dân?', answer: 'Sáng thứ Năm.', citations: [] }));
    await source.pins.match('Giờ tiếp dân?');
    const exported = await source.pins.list();
    const { store: target } = store({ newId: sequentialIds('other') });
    expect(await target.pins.importPins(exported)).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(await target.pins.list()).toEqual(exported);
    expect(await target.pins.importPins(exported)).toEqual({ added: 0, updated: 0, unchanged: 2 });
    expect(await target.pins.list()).toEqual(exported);
  });
});
