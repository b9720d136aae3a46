import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { SqliteStore, type SqliteStoreOptions } from '../../src/store/sqlite/sqlite-store.js';
import type { NewPin } from '../../src/core/ports.js';
import type { AskResult } from '../../src/core/types.js';

/** A clock that stands still until moved, so stored times are predictable. */
export class ManualClock {
  private current: Date;

  constructor(iso = '2025-09-01T03:00:00.000Z') {
    this.current = new Date(iso);
  }

  readonly now = (): Date => new Date(this.current);

  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/** Ids `prefix-1`, `prefix-2`, … */
export function sequentialIds(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}

/** A store on a throwaway in-memory database with a manual clock and sequential ids. */
export function memoryStore(options: Partial<SqliteStoreOptions> = {}): { store: SqliteStore; clock: ManualClock } {
  const clock = new ManualClock();
  const store = SqliteStore.open({
    path: ':memory:',
    pinMatchThreshold: 0.8,
    now: clock.now,
    newId: sequentialIds(),
    newSalt: () => 'test-salt',
    ...options,
  });
  return { store, clock };
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function temporaryFolder(): { folder: string; cleanup: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'hoiphuong-store-'));
  return { folder, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

/** A pin about the An Hải party secretary, with one citation. */
export function anHaiPin(overrides: Partial<NewPin> = {}): NewPin {
  return {
    question: 'Bí thư phường An Hải là ai?',
    answer: 'Đồng chí Chu Đức Anh là Bí thư Đảng ủy phường An Hải nhiệm kỳ 2025–2030.',
    citations: [{ id: 'phuong-an-hai-dai-hoi-2025', title: 'Đại hội Đảng bộ phường An Hải', url: 'https://example.org/an-hai', quote: '' }],
    pinnedBy: 'Chị Lan',
    channel: 'discord',
    channelRef: 'discord:1/2/3',
    ...overrides,
  };
}

/** An `AskResult` refusal for a question. */
export function refusal(question: string, reason: AskResult['reason'] = 'no-sources'): AskResult {
  return { question, answered: false, answer: 'Xin lỗi, các bài viết hiện có chưa nói về điều bạn hỏi.', citations: [], mode: 'extractive', language: 'vi', ...(reason ? { reason } : {}) };
}

/** An extractive `AskResult` answer for a question. */
export function answered(question: string, answer: string): AskResult {
  return {
    question,
    answered: true,
    answer,
    citations: [{ id: 'bai-1', title: 'Bài 1', url: 'https://example.org/bai-1', quote: answer }],
    mode: 'extractive',
    language: 'vi',
  };
}

/** A writable stream that keeps what is written, for running CLI commands in-process. */
export function textSink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
