import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, migrations } from '../../src/store/migrations.js';
import { openDatabase } from '../../src/store/sqlite/open-database.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { ManualClock, temporaryFolder } from './store-test-kit.js';

const FIXTURE_V1 = new URL('../fixtures/store-v1.sqlite', import.meta.url).pathname;
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function folder(): string {
  const temporary = temporaryFolder();
  cleanups.push(temporary.cleanup);
  return temporary.folder;
}

function digest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function schema(database: Database.Database): string[] {
  return database
    .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((row) => row.sql.replace(/\s+/g, ' '));
}

describe('openDatabase', () => {
  it('creates the file and its folders at the latest version, in WAL mode with full sync and foreign keys', () => {
    const path = join(folder(), 'nested', 'deeper', 'store.sqlite');
    const database = openDatabase(path);
    cleanups.push(() => database.close());
    expect(existsSync(path)).toBe(true);
    expect(database.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.pragma('synchronous', { simple: true })).toBe(2);
    expect(database.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('has a v1 fixture whose schema is exactly what migration step 1 creates', () => {
    const fixture = new Database(FIXTURE_V1, { readonly: true });
    const stepOne = new Database(':memory:');
    stepOne.exec(migrations[0]!);
    try {
      expect(fixture.pragma('user_version', { simple: true })).toBe(1);
      expect(schema(fixture)).toEqual(schema(stepOne));
    } finally {
      fixture.close();
      stepOne.close();
    }
  });

  it('migrates a v1 file to the latest schema, keeping its pins, answers and settings', async () => {
    const path = join(folder(), 'store.sqlite');
    copyFileSync(FIXTURE_V1, path);
    const store = SqliteStore.open({ path, pinMatchThreshold: 0.8, now: new ManualClock('2025-09-01T00:00:00Z').now });
    cleanups.push(() => store.close());
    expect(store.database.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const pins = await store.pins.list();
    expect(pins.map((pin) => [pin.id, pin.question, pin.pinnedBy, pin.hits, pin.alternatives])).toEqual([
      ['pin-v1-giay-to', 'Làm căn cước công dân cần giấy tờ gì?', 'Chị Lan', 0, []],
      ['pin-v1-gio-tiep-dan', 'Giờ tiếp dân vậy?', 'Anh Minh', 0, []],
    ]);
    expect(pins[0]?.citations[0]).toMatchObject({ id: 'huong-dan-can-cuoc', url: 'https://example.org/can-cuoc' });
    // v1 keyed questions by lower-casing; the migration re-keys them so diacritic-free questions find them.
    expect((await store.pins.match('lam can cuoc cong dan can giay to gi'))?.id).toBe('pin-v1-giay-to');
    expect(await store.pins.remove('gio tiep dan')).toBe(true);
    expect(await store.settings.getSettings('discord:guild:1')).toEqual({ defaultPlace: 'phường Hòa Bình, TP Hải Phòng' });
    const report = (await store.report({ limit: 10 }));
    expect(report.unanswered).toEqual([
      expect.objectContaining({ normalizedQuestion: 'quantity: phi do xe', count: 2, example: 'phi do xe la bao nhieu' }),
    ]);
    expect(await store.feedback.recordFeedback({ answerId: 'answer-v1-3', vote: 'down', userKey: 'k2', channel: 'discord' })).toBe('recorded');
  });

  it('refuses a file from a newer version without touching it', () => {
    const path = join(folder(), 'store.sqlite');
    const newer = new Database(path);
    newer.exec('CREATE TABLE future (x)');
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    newer.close();
    const before = digest(path);
    let failure: unknown;
    try {
      openDatabase(path);
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({ code: 'store-too-new' });
    const text = (failure as Error).message;
    expect(text).toContain(path);
    expect(text).toContain(`version ${LATEST_SCHEMA_VERSION + 1}`);
    expect(text).toContain(`up to ${LATEST_SCHEMA_VERSION}`);
    expect(text).toMatch(/Upgrade Hỏi Phường/);
    expect(digest(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a file that is not SQLite, naming it and how to restore it, without overwriting it', () => {
    const path = join(folder(), 'store.sqlite');
    writeFileSync(path, 'these are not the pins you are looking for\n'.repeat(100));
    const before = digest(path);
    expect(() => openDatabase(path)).toThrowError(expect.objectContaining({ code: 'store-corrupt', message: expect.stringContaining(path) }));
    expect(() => openDatabase(path)).toThrowError(/backup/);
    expect(digest(path)).toBe(before);
  });

  it('refuses a SQLite file whose pages are damaged, without overwriting it', () => {
    const path = join(folder(), 'store.sqlite');
    const database = new Database(path);
    database.exec('CREATE TABLE filler (x); INSERT INTO filler VALUES (randomblob(9000));');
    database.close();
    const bytes = readFileSync(path);
    bytes.fill(0xff, 100, 4096); // the schema page, after the file header
    writeFileSync(path, bytes);
    const before = digest(path);
    expect(() => openDatabase(path)).toThrowError(expect.objectContaining({ code: 'store-corrupt' }));
    expect(digest(path)).toBe(before);
  });

  it('opens an empty file as a new database', () => {
    const path = join(folder(), 'store.sqlite');
    writeFileSync(path, '');
    const database = openDatabase(path);
    cleanups.push(() => database.close());
    expect(database.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
  });
});

describe('openDatabase on a damaged table', () => {
  it('reports damage inside a table at start-up rather than on a later query', () => {
    const temporary = temporaryFolder();
    try {
      const path = join(temporary.folder, 'store.sqlite');
      const database = new Database(path);
      database.pragma('page_size = 4096');
      database.exec('CREATE TABLE filler (x); INSERT INTO filler SELECT randomblob(3000) FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4);');
      database.close();
      const bytes = readFileSync(path);
      bytes.fill(0x7f, 2 * 4096 + 8, 2 * 4096 + 64); // inside the table's first leaf page, past the schema page
      writeFileSync(path, bytes);
      const before = digest(path);
      expect(() => openDatabase(path)).toThrowError(expect.objectContaining({ code: 'store-corrupt' }));
      expect(digest(path)).toBe(before);
    } finally {
      temporary.cleanup();
    }
  });
});
