import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createReportCommand, reportCommand } from '../../src/cli/report.js';
import { loadConfig } from '../../src/config.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { answered, ManualClock, refusal, sequentialIds, temporaryFolder, textSink } from '../store/store-test-kit.js';
import type { StoreReport } from '../../src/store/report.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

const clock = new ManualClock('2025-09-10T03:00:00.000Z');

/** A database with two refusals of one question, one of another, and a 👎 on an answer. */
async function seededDatabase(): Promise<string> {
  const temporary = temporaryFolder();
  cleanups.push(temporary.cleanup);
  const path = join(temporary.folder, 'store.sqlite');
  const store = SqliteStore.open({ path, pinMatchThreshold: 0.8, now: clock.now, newId: sequentialIds('answer') });
  for (const question of ['Phí đỗ xe là bao nhiêu?', 'phi do xe la bao nhieu', 'Lịch cắt điện?']) {
    await store.answers.record({ text: question, channel: 'http' }, refusal(question));
  }
  const answerId = await store.answers.record({ text: 'Nộp hồ sơ ở đâu?', channel: 'discord' }, answered('Nộp hồ sơ ở đâu?', 'Tại nhà văn hóa.'));
  await store.feedback.recordFeedback({ answerId, vote: 'down', comment: 'Sai địa chỉ', userKey: 'user-a', channel: 'discord' });
  store.close();
  return path;
}

async function report(path: string, args: string[], environment: Record<string, string> = {}) {
  const stdout = textSink();
  const stderr = textSink();
  const command = createReportCommand({
    openStore: (config) => SqliteStore.open({ path: config.store.databasePath, pinMatchThreshold: 0.8, now: clock.now, timeZone: config.timeZone }),
  });
  const code = await command(args, { config: loadConfig({ DATABASE_PATH: path, ...environment }), stdout: stdout.stream, stderr: stderr.stream, stdin: Readable.from([]) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('hoiphuong report', () => {
  it('prints the refusals grouped by question and the 👎 answers as readable text', async () => {
    const { code, stdout } = await report(await seededDatabase(), []);
    expect(code).toBe(0);
    expect(stdout).toContain('Báo cáo Hỏi Phường — 10/09/2025 10:00 (Asia/Ho_Chi_Minh)');
    expect(stdout).toContain('1. phi do xe la bao nhieu\n   ×2 · lần cuối 10/09/2025 10:00');
    expect(stdout).toContain('cũng hỏi: “Phí đỗ xe là bao nhiêu?”');
    expect(stdout).toContain('2. Lịch cắt điện?\n   ×1');
    expect(stdout).toContain('👎 1 · 👍 0 · trích từ bài viết · Nộp hồ sơ ở đâu?');
    expect(stdout).toContain('💬 Sai địa chỉ');
  });

  it('prints JSON for machines, limited to --limit rows per section', async () => {
    const { code, stdout } = await report(await seededDatabase(), ['--json', '--limit', '1']);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as StoreReport;
    expect(parsed.unanswered).toEqual([expect.objectContaining({ normalizedQuestion: 'quantity: phi do xe', count: 2 })]);
    expect(parsed.totals).toMatchObject({ questions: 4, answered: 1, refused: 3, answerRate: 0.25 });
    expect(parsed.worstRated).toEqual([expect.objectContaining({ question: 'Nộp hồ sơ ở đâu?', downVotes: 1, upVotes: 0 })]);
    expect(parsed.overduePins).toEqual([]);
  });

  it('shows times in the time zone TZ names', async () => {
    const { stdout } = await report(await seededDatabase(), ['--lang', 'en'], { TZ: 'Europe/Paris' });
    expect(stdout).toContain('Hỏi Phường report — 10/09/2025 05:00 (Europe/Paris)');
  });

  it('prints English headings with --lang en', async () => {
    const { stdout } = await report(await seededDatabase(), ['--lang', 'en']);
    expect(stdout).toContain('Most asked questions the articles could not answer:');
  });

  it.each([
    [['--limit', '0'], '--limit "0" must be a whole number'],
    [['--limit', 'ten'], '--limit "ten" must be a whole number'],
    [['--since', 'yesterday'], '--since "yesterday" is not a date'],
    [['--lang', 'fr'], '--lang "fr" must be vi or en'],
    [['--verbose'], "Unknown option '--verbose'"],
  ])('rejects %j with one clear message and exit code 2', async (args, text) => {
    const { code, stderr, stdout } = await report(await seededDatabase(), args);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toContain(text);
    expect(stdout).toBe('');
  });

  it('is exported ready to use as the report command', () => {
    expect(typeof reportCommand).toBe('function');
  });
});
