import { InProcessLeaderLock } from '../core/in-process-leader-lock.js';
import { AdvisoryLeaderLock } from './postgres/advisory-leader-lock.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Config } from '../config.js';
import type { Store } from './store.js';
import type { LeaderLock } from '../core/ports.js';

/** What `openStore` may add to the settings. */
export interface OpenStoreOptions {
  placeOf?: (text: string) => string | undefined;
  log?: (line: string) => void;
}

/**
 * Opens the store the settings name: PostgreSQL when DATABASE_URL is set (shared by replicas), else the SQLite file
 * at DATABASE_PATH; with PIN_MATCH_THRESHOLD, USER_KEY_SALT, CONVERSATION_TTL_MINUTES and TZ.
 * @throws ChatbotError `store-corrupt`, `store-too-new` or `internal`, leaving the data untouched.
 */
export async function openStore(config: Readonly<Config>, options: OpenStoreOptions = {}): Promise<Store> {
  const common = {
    pinMatchThreshold: config.store.pinMatchThreshold,
    timeZone: config.timeZone,
    conversationTtlMinutes: config.store.conversationTtlMinutes,
    ...(config.store.userKeySalt ? { userKeySalt: config.store.userKeySalt } : {}),
    ...(options.placeOf ? { placeOf: options.placeOf } : {}),
  };
  if (config.store.databaseUrl) {
    return PostgresStore.open({ url: config.store.databaseUrl, poolSize: config.store.databasePoolSize, ...common, ...(options.log ? { log: options.log } : {}) });
  }
  return SqliteStore.open({ path: config.store.databasePath, ...common });
}

/** The leader lock for the settings: an advisory lock in PostgreSQL when DATABASE_URL is set, else this process alone. */
export function openLeaderLock(config: Readonly<Config>, log: (line: string) => void): LeaderLock {
  return config.store.databaseUrl ? new AdvisoryLeaderLock({ url: config.store.databaseUrl, log }) : new InProcessLeaderLock();
}
