import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_TIME_ZONE } from '../calendar-date.js';
import { reportSince, type StoreReport } from '../report.js';
import { SALT_KEY, SALT_SCOPE, SaltedUserKeys } from '../user-keys.js';
import { PostgresAnswerLog } from './answer-log.js';
import { PostgresConversationStore } from './conversation-store.js';
import { PostgresAdminStore } from './admin-store.js';
import { PostgresFactFlags } from './fact-flags.js';
import { PostgresFeedbackStore } from './feedback-store.js';
import { PostgresQuestionLog } from './question-log.js';
import { PostgresIndexPublications } from './index-publications.js';
import { openPostgresPool, type PostgresPool } from './open-pool.js';
import { PostgresPinStore } from './pin-store.js';
import { postgresReportQueries } from './report-queries.js';
import { PostgresSeenEvents } from './seen-events.js';
import { PostgresSettingsStore } from './settings-store.js';
import { PostgresRateLimit } from './shared-rate-limit.js';
import { PostgresSourceStore } from './source-store.js';
import { PostgresTokenStore } from './token-store.js';
import type { RateLimit } from '../../core/ports.js';
import type { Store, StoreReportOptions } from '../store.js';

/** Options of `PostgresStore.open`. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (DATABASE_URL). */
  url: string;
  /** Pool connections at most (DATABASE_POOL_SIZE). */
  poolSize?: number;
  pinMatchThreshold: number;
  userKeySalt?: string;
  placeOf?: (text: string) => string | undefined;
  now?: () => Date;
  newId?: () => string;
  newSalt?: () => string;
  /** Random session and CSRF tokens of the console (injected in tests). */
  newToken?: () => string;
  conversationTtlMinutes?: number;
  timeZone?: string;
  /** Where a warning about the server's durability settings goes. */
  log?: (line: string) => void;
}

/**
 * Everything Hỏi Phường keeps, in one PostgreSQL database that any number of replicas share: the same tables and
 * guarantees as `SqliteStore`, with pin changes announced to every replica and rate limits counted together.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly pins: PostgresPinStore;
  readonly answers: PostgresAnswerLog;
  readonly feedback: PostgresFeedbackStore;
  readonly userKeys: SaltedUserKeys;
  readonly settings: PostgresSettingsStore;
  readonly tokens: PostgresTokenStore;
  readonly conversations: PostgresConversationStore;
  readonly seenEvents: PostgresSeenEvents;
  readonly sources: PostgresSourceStore;
  readonly indexPublications: PostgresIndexPublications;
  readonly admin: PostgresAdminStore;
  readonly factFlags: PostgresFactFlags;
  readonly questions: PostgresQuestionLog;
  private readonly now: () => Date;
  private readonly timeZone: string;

  private constructor(
    private readonly pool: PostgresPool,
    salt: string,
    options: PostgresStoreOptions,
  ) {
    const now = options.now ?? (() => new Date());
    const newId = options.newId ?? (() => randomUUID());
    this.now = now;
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.pins = new PostgresPinStore(pool, {
      threshold: options.pinMatchThreshold,
      now,
      newId,
      timeZone: this.timeZone,
      ...(options.placeOf ? { placeOf: options.placeOf } : {}),
    });
    this.answers = new PostgresAnswerLog(pool, { now, newId, placeOf: options.placeOf });
    this.feedback = new PostgresFeedbackStore(pool, { now });
    this.userKeys = new SaltedUserKeys({ salt, loadSalt: () => salt });
    this.settings = new PostgresSettingsStore(pool);
    this.tokens = new PostgresTokenStore(pool, { now });
    this.conversations = new PostgresConversationStore(pool, { ttlMinutes: options.conversationTtlMinutes ?? 30, now });
    this.seenEvents = new PostgresSeenEvents(pool, { now });
    this.sources = new PostgresSourceStore(pool, { now });
    this.indexPublications = new PostgresIndexPublications(pool, now);
    this.admin = new PostgresAdminStore(pool, { now, newToken: options.newToken });
    this.factFlags = new PostgresFactFlags(pool, { now });
    this.questions = new PostgresQuestionLog(pool);
  }

  /**
   * Connects, migrates (refusing a newer schema) and reads the user-key salt (storing a new one when it is the first).
   * @throws ChatbotError `store-too-new`, or `internal` when the database cannot be reached.
   */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const pool = await openPostgresPool(options.url, options.poolSize === undefined ? {} : { poolSize: options.poolSize });
    try {
      const salt = options.userKeySalt ?? (await storedSalt(pool, options.newSalt ?? (() => randomBytes(32).toString('hex'))));
      await warnWhenNotDurable(pool, options.log);
      const store = new PostgresStore(pool, salt, options);
      // Conversations that expired while every replica was stopped go at once.
      await store.conversations.purgeExpired();
      return store;
    } catch (error) {
      await pool.end().catch(() => {});
      throw error;
    }
  }

  /** The time zone dates are shown in (TZ). */
  get zone(): string {
    return this.timeZone;
  }

  sharedRateLimit(scope: string, limitPerWindow: number, windowMs?: number): RateLimit {
    return new PostgresRateLimit(this.pool, { scope, limitPerWindow, ...(windowMs === undefined ? {} : { windowMs }) });
  }

  async report(options: StoreReportOptions): Promise<StoreReport> {
    return reportSince(postgresReportQueries(this.pool), options, this.now(), this.timeZone);
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => {});
  }
}

/** The stored salt; the first replica to need one stores it and every other replica reads the same. */
async function storedSalt(pool: PostgresPool, newSalt: () => string): Promise<string> {
  await pool.query('INSERT INTO settings (scope, key, value) VALUES ($1, $2, $3) ON CONFLICT (scope, key) DO NOTHING', [SALT_SCOPE, SALT_KEY, newSalt()]);
  const { rows } = await pool.query<{ value: string }>('SELECT value FROM settings WHERE scope = $1 AND key = $2', [SALT_SCOPE, SALT_KEY]);
  return (rows[0] as { value: string }).value;
}

/** Says so when the server acknowledges commits before they are on disk (then a crash can lose an acknowledged vote). */
async function warnWhenNotDurable(pool: PostgresPool, log: ((line: string) => void) | undefined): Promise<void> {
  if (!log) return;
  const { rows } = await pool.query<{ name: string; setting: string }>("SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit')");
  const off = rows.filter((row) => row.setting === 'off').map((row) => `${row.name} = off`);
  if (off.length > 0) log(`Warning: the PostgreSQL server runs with ${off.join(' and ')}: a crash of the server can lose writes it already acknowledged (pins, votes, tokens). Turn them on for production.`);
}
