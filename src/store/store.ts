import type {
  AnswerRecorder,
  NewPin,
  IndexPublications,
  ConversationStore,
  FeedbackStore,
  Pin,
  PinStore,
  RateLimit,
  SeenEvents,
  SettingsStore,
  TokenStore,
  UserKeys,
} from '../core/ports.js';
import type { AdminStore, FactFlagStore, QuestionLog } from './console-records.js';
import type { PinImportSummary } from './pin-records.js';
import type { StoreReport } from './report.js';
import type { SourceStore } from './source-records.js';

/** Pinned answers with what moderators and the CLI need beyond matching. */
export interface ModeratedPins extends PinStore {
  /** Imports exported pins in one transaction: re-importing the same pins adds nothing. */
  importPins(pins: readonly Pin[]): Promise<PinImportSummary>;
  /** The pin with this id, if any. */
  get(id: string): Promise<Pin | undefined>;
  /** Replaces a pin's question, answer and the rest, keeping its id, time and hits; undefined when there is no such pin. */
  edit(id: string, changed: NewPin): Promise<Pin | undefined>;
  /** True when the pin's review-by date has passed (in the store's time zone). */
  isReviewOverdue(pin: Pick<Pin, 'reviewBy'>): boolean;
}

/** The answer log: records every answer, and forgets the old ones (ANSWER_LOG_DAYS). */
export interface AnswerLog extends AnswerRecorder {
  /** Deletes answers logged before `before` (with their votes) a few hundred per transaction; returns how many went. */
  prune(before: Date): Promise<number>;
}

/** Options of `Store.report`. */
export interface StoreReportOptions {
  limit: number;
  /** A `YYYY-MM-DD` day (from its start in the store's time zone) or an ISO instant. */
  since?: string;
}

/**
 * Everything Hỏi Phường keeps between restarts — pins, the answer log, feedback, user keys, settings, tokens,
 * conversations, handled platform events and sources — each exposed as the port it implements. SQLite
 * (`sqlite/`, one process or several on one machine) and PostgreSQL (`postgres/`, any number of replicas) implement it;
 * one contract suite runs against both.
 */
export interface Store {
  /** `sqlite` or `postgres`, for /healthz and messages. */
  readonly kind: 'sqlite' | 'postgres';
  readonly pins: ModeratedPins;
  readonly answers: AnswerLog;
  readonly feedback: FeedbackStore;
  readonly userKeys: UserKeys;
  readonly settings: SettingsStore;
  readonly tokens: TokenStore;
  readonly conversations: ConversationStore;
  readonly seenEvents: SeenEvents;
  readonly sources: SourceStore;
  /** The staff console's accounts, sessions, failed logins and audit log. */
  readonly admin: AdminStore;
  /** Facts staff marked wrong in the console. */
  readonly factFlags: FactFlagStore;
  /** The answer log as the console reads it (filtered, with votes and comments). */
  readonly questions: QuestionLog;
  /** The time zone dates are shown in (TZ). */
  readonly zone: string;
  /** The index versions the leader publishes for every replica (PostgreSQL); undefined for SQLite, whose processes share INDEX_DIR. */
  readonly indexPublications?: IndexPublications;
  /**
   * A rate limit every replica counts together, when the store is shared (PostgreSQL); undefined for SQLite, whose
   * single process uses the in-process `RateLimiter`. `scope` keeps channels' counts apart.
   */
  sharedRateLimit?(scope: string, limitPerWindow: number, windowMs?: number): RateLimit;
  /** The staff report: most asked unanswered questions, worst-rated answers and overdue pins. */
  report(options: StoreReportOptions): Promise<StoreReport>;
  /** Closes the connections; acknowledged writes are already durable. */
  close(): Promise<void>;
}
