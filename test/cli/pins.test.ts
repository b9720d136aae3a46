import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createPinsCommand, pinsCommand } from '../../src/cli/pins.js';
import { loadConfig } from '../../src/config.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { ManualClock, sequentialIds, temporaryFolder, textSink } from '../store/store-test-kit.js';
import type { Pin } from '../../src/core/ports.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function databasePath(): string {
  const temporary = temporaryFolder();
  cleanups.push(temporary.cleanup);
  return join(temporary.folder, 'store.sqlite');
}

const idsByPath = new Map<string, () => string>();

/** Runs `hoiphuong pins …` in-process against a database file, with a fixed clock and ids. */
async function pins(path: string, args: string[], stdin = '') {
  const stdout = textSink();
  const stderr = textSink();
  const clock = new ManualClock();
  const newId = idsByPath.get(path) ?? sequentialIds('pin');
  idsByPath.set(path, newId);
  const command = createPinsCommand({
    now: clock.now,
    newId,
    openStore: (config) => SqliteStore.open({ path: config.store.databasePath, pinMatchThreshold: config.store.pinMatchThreshold, now: clock.now, newId }),
  });
  const config = loadConfig({ DATABASE_PATH: path, DATA_DIR: 'data/articles' });
  const code = await command(args, { config, stdout: stdout.stream, stderr: stderr.stream, stdin: Readable.from([stdin]) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

async function listed(path: string): Promise<Pin[]> {
  const { stdout } = await pins(path, ['list', '--json']);
  return JSON.parse(stdout) as Pin[];
}

const ADD = ['add', '--question', 'Bí thư phường An Hải là ai?', '--answer', 'Đồng chí Chu Đức Anh.', '--by', 'Chị Lan'];

describe('hoiphuong pins', () => {
  it('adds a pin, acknowledges it and lists it', async () => {
    const path = databasePath();
    const added = await pins(path, [...ADD, '--alt', 'Ai là bí thư An Hải?', '--review-by', '2026-06-30']);
    expect(added).toMatchObject({ code: 0, stdout: 'Pinned pin-1: Bí thư phường An Hải là ai?\n' });
    expect(await listed(path)).toEqual([
      expect.objectContaining({ id: 'pin-1', alternatives: ['Ai là bí thư An Hải?'], pinnedBy: 'Chị Lan', channel: 'cli', reviewBy: '2026-06-30', reviewOverdue: false, hits: 0 }),
    ]);
    const text = await pins(path, ['list']);
    expect(text.stdout).toContain('pin-1 · 0 hits · review by 30/06/2026');
    expect(text.stdout).toContain('by Chị Lan (cli) at 01/09/2025 10:00');
    expect(text.stdout).toContain('  Q: Bí thư phường An Hải là ai?\n  also: Ai là bí thư An Hải?\n  A: Đồng chí Chu Đức Anh.');
  });

  it('fills a cited article title and link from the articles folder, and cites unknown sources as given', async () => {
    const path = databasePath();
    const added = await pins(path, [...ADD, '--source', 'phuong-an-hai-dai-hoi-2025', '--source', 'https://example.org/khac']);
    expect(added.code).toBe(0);
    expect(added.stderr).toContain('"https://example.org/khac" is not the id or URL of a known article');
    const [pin] = await listed(path);
    expect(pin?.citations[0]).toMatchObject({ id: 'phuong-an-hai-dai-hoi-2025', quote: '' });
    expect(pin?.citations[0]?.title).not.toBe('');
    expect(pin?.citations[0]?.url).toMatch(/^https?:\/\//);
    expect(pin?.citations[1]).toEqual({ id: 'https://example.org/khac', title: '', url: 'https://example.org/khac', quote: '' });
  });

  it('uses the resolver it was given for sources', async () => {
    const path = databasePath();
    const command = createPinsCommand({ resolveSource: (idOrUrl) => ({ id: idOrUrl, title: 'Tiêu đề', url: 'https://example.org/x', quote: '' }) });
    const stderr = textSink();
    const config = loadConfig({ DATABASE_PATH: path });
    const code = await command([...ADD, '--source', 'bai-x'], { config, stdout: textSink().stream, stderr: stderr.stream, stdin: Readable.from([]) });
    expect(code).toBe(0);
    expect((await listed(path))[0]?.citations).toEqual([{ id: 'bai-x', title: 'Tiêu đề', url: 'https://example.org/x', quote: '' }]);
  });

  it.each([
    [['add', '--answer', 'A'], 'pins add cần --question'],
    [['add', '--question', 'Q?'], 'pins add cần --answer'],
    [[...ADD, '--review-by', '30/06/2026'], '--review-by "30/06/2026" không phải ngày (not a date)'],
    [[...ADD, '--review-by', '2026-02-30'], 'not a date'],
    [[...ADD, '--review-by', '2025-08-31'], '--review-by 2025-08-31 đã qua (is in the past): hôm nay là 01/09/2025 (Asia/Ho_Chi_Minh)'],
    [[...ADD, '--colour', 'red'], "Unknown option '--colour'"],
    [['frobnicate'], 'Không có thao tác pins "frobnicate" (unknown pins action)'],
    [[], 'pins cần một thao tác (needs an action)'],
    [['import'], 'pins import cần một tệp JSON lines'],
    [['import', 'khong-co.jsonl'], 'Không tìm thấy tệp khong-co.jsonl (file not found; looked for '],
  ])('rejects %j with one clear message and exit code 2', async (args, text) => {
    const path = databasePath();
    const result = await pins(path, args);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(text);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('accepts a review date of today in the ward time zone, which is already tomorrow in UTC late in the evening', async () => {
    const path = databasePath();
    const command = createPinsCommand({ now: () => new Date('2025-09-01T18:00:00.000Z') });
    const stderr = textSink();
    const config = loadConfig({ DATABASE_PATH: path });
    const code = await command([...ADD, '--review-by', '2025-09-02'], { config, stdout: textSink().stream, stderr: stderr.stream, stdin: Readable.from([]) });
    expect(stderr.text()).toBe('');
    expect(code).toBe(0);
  });

  it('counts pins in the singular and plural', async () => {
    const path = databasePath();
    await pins(path, ADD);
    const file = join(path, '..', 'one.jsonl');
    expect((await pins(path, ['export', file])).stderr).toBe(`Exported 1 pin to ${file}.\n`);
  });

  it('removes a pin by id or by question, and says so when nothing matched', async () => {
    const path = databasePath();
    await pins(path, ADD);
    await pins(path, ['add', '--question', 'Giờ tiếp dân?', '--answer', 'Sáng thứ Năm.']);
    expect(await pins(path, ['remove', 'pin-1'])).toMatchObject({ code: 0 });
    expect(await pins(path, ['remove', 'gio', 'tiep', 'dan'])).toMatchObject({ code: 0 });
    expect(await listed(path)).toEqual([]);
    const missing = await pins(path, ['remove', 'pin-1']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No pin has the id or question "pin-1"');
  });

  it('exports pins as JSON lines and imports them into a fresh database unchanged; importing again adds nothing', async () => {
    const source = databasePath();
    await pins(source, [...ADD, '--alt', 'Ai là bí thư An Hải?', '--review-by', '2026-06-30', '--source', 'phuong-an-hai-dai-hoi-2025']);
    await pins(source, ['add', '--question', 'Giờ tiếp dân?', '--answer', 'Sáng thứ Năm.']);
    const file = join(databasePath(), '..', 'pins.jsonl');
    expect(await pins(source, ['export', file])).toMatchObject({ code: 0, stderr: `Exported 2 pins to ${file}.\n` });
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);

    const target = databasePath();
    expect(await pins(target, ['import', file])).toMatchObject({ code: 0, stdout: 'Imported pins: 2 added, 0 updated, 0 unchanged.\n' });
    expect(await listed(target)).toEqual(await listed(source));
    expect(await pins(target, ['import', file])).toMatchObject({ code: 0, stdout: 'Imported pins: 0 added, 0 updated, 2 unchanged.\n' });
    expect(await listed(target)).toHaveLength(2);
  });

  it('exports to stdout and imports from stdin', async () => {
    const source = databasePath();
    await pins(source, ADD);
    const exported = await pins(source, ['export']);
    expect(JSON.parse(exported.stdout)).toMatchObject({ id: 'pin-1', question: 'Bí thư phường An Hải là ai?' });
    const target = databasePath();
    expect(await pins(target, ['import', '-'], exported.stdout)).toMatchObject({ code: 0 });
    expect(await listed(target)).toEqual(await listed(source));
  });

  it('imports the good lines of a file and reports each bad line by number', async () => {
    const path = databasePath();
    const file = join(path, '..', 'pins.jsonl');
    writeFileSync(
      file,
      ['{"question":"Giờ tiếp dân?","answer":"Sáng thứ Năm."}', 'not json', '', '{"question":"Q?","answer":"A","reviewBy":"2026-13-01"}', '{"question":"Phí đỗ xe?","answer":"Miễn phí."}'].join('\n'),
    );
    const result = await pins(path, ['import', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('Imported pins: 2 added, 0 updated, 0 unchanged.\n');
    expect(result.stderr).toBe('Skipped 2 bad lines:\n  line 2: not valid JSON\n  line 4: "reviewBy" must be a date written YYYY-MM-DD\n');
    expect((await listed(path)).map((pin) => pin.question)).toEqual(['Giờ tiếp dân?', 'Phí đỗ xe?']);
  });

  it('is exported ready to use as the pins command', () => {
    expect(typeof pinsCommand).toBe('function');
  });
});
