import { randomBytes, randomUUID } from 'node:crypto';
import { SqliteAdminStore } from './admin-store.js';
import { SqliteAnswerLog } from './answer-log.js';
import { SqliteFactFlags } from './fact-flags.js';
import { SqliteQuestionLog } from './question-log.js';
import { SqliteConversationStore } from './conversation-store.js';
import { DEFAULT_TIME_ZONE } from '../calendar-date.js';
import { SqliteFeedbackStore } from './feedback-store.js';
import { openDatabase, type SqliteDatabase } from './open-database.js';
import { SqlitePinStore } from './pin-store.js';
import { reportSince, type StoreReport } from '../report.js';
import { sqliteReportQueries } from './report-queries.js';
import { SqliteSettingsStore } from './settings-store.js';
import { SqliteSeenEvents } from './seen-events.js';
import { SqliteSourceStore } from './source-store.js';
import { SqliteTokenStore } from './token-store.js';
import { SALT_KEY, SALT_SCOPE, SaltedUserKeys } from '../user-keys.js';
import type { Config } from '../../config.js';
import type { Store, StoreReportOptions } from '../store.js';

/** Options of `SqliteStore.open`. */
export interface SqliteStoreOptions {
  /** File to open or create (its folder too); `:memory:` for a throwaway database. */
  path: string;
  /** Lowest similarity that serves a pin (config.store.pinMatchThreshold). */
  pinMatchThreshold: number;
  /** config.store.userKeySalt; when absent the store generates one and keeps it. */
  userKeySalt?: string;
  /** Names the place a text is about, so a pin about one ward never answers a question about another. */
  placeOf?: (text: string) => string | undefined;
  now?: () => Date;
  newId?: () => string;
  newSalt?: () => string;
  /** Session and CSRF tokens of the console (random by default). */
  newToken?: () => string;
  /** Minutes a conversation lasts after its last turn (config.store.conversationTtlMinutes); 30 by default. */
  conversationTtlMinutes?: number;
  /** Time zone whose date decides when a review-by date has passed; Vietnam's by default. */
  timeZone?: string;
  busyTimeoutMs?: number;
}

/**
 * Everything Hỏi Phường keeps between restarts, in one SQLite file: pins, the answer log, feedback, user keys,
 * settings, tokens and handled platform events, each exposed as the port it implements.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly database: SqliteDatabase;
  readonly pins: SqlitePinStore;
  readonly answers: SqliteAnswerLog;
  readonly feedback: SqliteFeedbackStore;
  readonly userKeys: SaltedUserKeys;
  readonly settings: SqliteSettingsStore;
  readonly tokens: SqliteTokenStore;
  readonly conversations: SqliteConversationStore;
  readonly seenEvents: SqliteSeenEvents;
  readonly sources: SqliteSourceStore;
  /** The staff console's accounts, sessions, lockouts and audit log. */
  readonly admin: SqliteAdminStore;
  /** The answer log as the console reads it. */
  readonly questions: SqliteQuestionLog;
  readonly factFlags: SqliteFactFlags;
  private readonly now: () => Date;
  private readonly timeZone: string;

  private constructor(database: SqliteDatabase, options: SqliteStoreOptions) {
    const now = options.now ?? (() => new Date());
    const newId = options.newId ?? (() => randomUUID());
    this.database = database;
    this.now = now;
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.pins = new SqlitePinStore(database, {
      threshold: options.pinMatchThreshold,
      now,
      newId,
      timeZone: this.timeZone,
      ...(options.placeOf ? { placeOf: options.placeOf } : {}),
    });
    this.answers = new SqliteAnswerLog(database, { now, newId, ...(options.placeOf ? { placeOf: options.placeOf } : {}) });
    this.feedback = new SqliteFeedbackStore(database, { now });
    const newSalt = options.newSalt ?? (() => randomBytes(32).toString('hex'));
    this.userKeys = new SaltedUserKeys({
      ...(options.userKeySalt ? { salt: options.userKeySalt } : {}),
      // The first process to need a salt stores it and every other process reads it.
      loadSalt: () =>
        database
          .transaction((): string => {
            database.prepare('INSERT OR IGNORE INTO settings (scope, key, value) VALUES (?, ?, ?)').run(SALT_SCOPE, SALT_KEY, newSalt());
            return database.prepare<[string, string], { value: string }>('SELECT value FROM settings WHERE scope = ? AND key = ?').get(SALT_SCOPE, SALT_KEY)!.value;
          })
          .immediate(),
    });
    this.settings = new SqliteSettingsStore(database);
    this.tokens = new SqliteTokenStore(database, { now });
    this.conversations = new SqliteConversationStore(database, { ttlMinutes: options.conversationTtlMinutes ?? 30, now });
    // Conversations that expired while the bot was stopped go at once.
    this.conversations.purgeExpired();
    this.seenEvents = new SqliteSeenEvents(database, { now });
    this.sources = new SqliteSourceStore(database, { now });
    this.admin = new SqliteAdminStore(database, { now, ...(options.newToken ? { newToken: options.newToken } : {}) });
    this.questions = new SqliteQuestionLog(database);
    this.factFlags = new SqliteFactFlags(database, { now });
  }

  /**
   * Opens (creating and migrating as needed) the database.
   * @throws ChatbotError `store-corrupt` or `store-too-new`, leaving the file untouched.
   */
  static open(options: SqliteStoreOptions): SqliteStore {
    const database = openDatabase(options.path, options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs });
    return new SqliteStore(database, options);
  }

  /** Opens the database the settings name (DATABASE_PATH, PIN_MATCH_THRESHOLD, USER_KEY_SALT, CONVERSATION_TTL_MINUTES, TZ). */
  static fromConfig(config: Readonly<Config>, options: Partial<SqliteStoreOptions> = {}): SqliteStore {
    return SqliteStore.open({
      path: config.store.databasePath,
      pinMatchThreshold: config.store.pinMatchThreshold,
      timeZone: config.timeZone,
      ...(config.store.userKeySalt ? { userKeySalt: config.store.userKeySalt } : {}),
      conversationTtlMinutes: config.store.conversationTtlMinutes,
      ...options,
    });
  }

  /** The time zone dates are shown in (TZ). */
  get zone(): string {
    return this.timeZone;
  }

  /** The staff report: most asked unanswered questions, worst-rated answers and overdue pins. */
  async report(options: StoreReportOptions): Promise<StoreReport> {
    return reportSince(sqliteReportQueries(this.database), options, this.now(), this.timeZone);
  }

  /** Closes the database; acknowledged writes are already on disk. */
  async close(): Promise<void> {
    this.closeNow();
  }

  /** Closes the database at once (for code that cannot wait); acknowledged writes are already on disk. */
  closeNow(): void {
    if (this.database.open) this.database.close();
  }
}
