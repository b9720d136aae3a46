import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ChatbotError, ConfigError } from '../../core/errors.js';
import { LATEST_SCHEMA_VERSION, migrations } from '../migrations.js';
import { questionKey } from '../question-similarity.js';

/** A better-sqlite3 connection. */
export type SqliteDatabase = Database.Database;

/** Options for `openDatabase`. */
export interface OpenDatabaseOptions {
  /** How long a write waits for another process's write to finish before failing. */
  busyTimeoutMs?: number;
  /**
   * False for a further connection of a process that opened (and so checked and migrated) the file already: reading
   * every page again would only cost time.
   */
  check?: boolean;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const CORRUPTION_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/**
 * Opens (creating it and its folder if needed) and migrates the database at `path` (`:memory:` for tests), in WAL mode
 * with `synchronous=FULL` so an acknowledged write survives the process being killed.
 * @throws ChatbotError `store-corrupt` when the file is not an intact SQLite database, `store-too-new` when a newer
 * Hỏi Phường wrote it; in both cases the file is left untouched.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) prepareFile(path);
  let database: SqliteDatabase;
  try {
    database = new Database(path, { timeout: options.busyTimeoutMs ?? 5_000 });
  } catch (error) {
    throw storeError(path, error);
  }
  try {
    const version = userVersion(database);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new ChatbotError(
        'store-too-new',
        `The database ${path} has schema version ${version}, but this Hỏi Phường only knows versions up to ${LATEST_SCHEMA_VERSION}. ` +
          'Upgrade Hỏi Phường to the version that wrote it (or set DATABASE_PATH to another file); the file was left untouched.',
      );
    }
    if (options.check !== false) assertIntact(database, path);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    database.function('question_key', { deterministic: true }, (text: unknown) => questionKey(String(text ?? '')));
    if (version < LATEST_SCHEMA_VERSION) migrate(database);
    return database;
  } catch (error) {
    database.close();
    throw error instanceof ChatbotError ? error : storeError(path, error);
  }
}

/** Applies the missing steps in one transaction, re-reading the version under the write lock in case another process migrated first. */
function migrate(database: SqliteDatabase): void {
  database
    .transaction(() => {
      const current = userVersion(database);
      for (const step of migrations.slice(current)) database.exec(step);
      database.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
    })
    .immediate();
}

/** Reads every page once (`quick_check`), so damage is reported at start-up rather than by a later failing query. */
function assertIntact(database: SqliteDatabase, path: string): void {
  const problems = (database.pragma('quick_check(5)', { simple: false }) as Array<Record<string, unknown>>).map((row) => String(Object.values(row)[0]));
  if (problems.length !== 1 || problems[0] !== 'ok') throw corruptError(path, `integrity check: ${problems.join('; ')}`);
}

function userVersion(database: SqliteDatabase): number {
  return Number(database.pragma('user_version', { simple: true }));
}

/**
 * Creates the folder (0700) and an empty file (0600) when they are missing — the file holds tokens and the user-key
 * salt, so only its owner may read it (SQLite gives the -wal and -shm files the same mode) — and refuses a folder or a
 * file that is not a SQLite database, naming the path and the setting.
 */
function prepareFile(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const existing = statSync(path, { throwIfNoEntry: false });
    if (existing?.isDirectory()) {
      throw new ConfigError(`DATABASE_PATH=${path} is a folder, not a database file; set DATABASE_PATH to a file such as ${path}/hoiphuong.sqlite.`);
    }
    if (!existing) closeSync(openSync(path, 'wx', 0o600));
    assertSqliteHeader(path);
  } catch (error) {
    if (error instanceof ChatbotError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return prepareFile(path);
    throw storeError(path, error);
  }
}

/** Refuses a non-empty file that doesn't start like a SQLite database before SQLite gets a chance to write to it. */
function assertSqliteHeader(path: string): void {
  if (!existsSync(path) || statSync(path).size === 0) return;
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const descriptor = openSync(path, 'r');
  try {
    readSync(descriptor, header, 0, header.length, 0);
  } finally {
    closeSync(descriptor);
  }
  if (!header.equals(SQLITE_HEADER)) throw corruptError(path, 'it does not start with the SQLite header');
}

function corruptError(path: string, detail: string, cause?: unknown): ChatbotError {
  return new ChatbotError(
    'store-corrupt',
    `The database ${path} is not a readable SQLite database (${detail}); it was left untouched. ` +
      `Restore it from a backup (copy the backup over ${path} and delete any ${path}-wal and ${path}-shm beside it), ` +
      'or move it aside to start with an empty database.',
    cause === undefined ? undefined : { cause },
  );
}

function storeError(path: string, error: unknown): ChatbotError {
  const code = (error as { code?: unknown }).code;
  const detail = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && CORRUPTION_CODES.has(code)) return corruptError(path, detail, error);
  return new ChatbotError('internal', `Could not open the database ${path} (DATABASE_PATH): ${detail}. Check that the folder exists and is writable.`, { cause: error });
}
