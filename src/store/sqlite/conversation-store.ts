import type { ConversationState } from '../../core/conversation.js';
import type { ConversationStore } from '../../core/ports.js';
import { parseConversationState } from '../stored-conversation.js';
import type { SqliteDatabase } from './open-database.js';

/** Options of `SqliteConversationStore`. */
export interface SqliteConversationStoreOptions {
  /** How long a conversation lasts after its last turn (CONVERSATION_TTL_MINUTES). */
  ttlMinutes: number;
  now: () => Date;
}

/**
 * Conversations in SQLite, so they survive a restart and can be shared by replicas. Expired ones are deleted whenever
 * any conversation is saved (and when one is looked up), so nothing of a chat outlives its expiry for long.
 */
export class SqliteConversationStore implements ConversationStore {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly options: SqliteConversationStoreOptions,
  ) {}

  async load(id: string): Promise<ConversationState | undefined> {
    const now = this.options.now().getTime();
    const row = this.database.prepare<[string], { state: string; expires_at: number }>('SELECT state, expires_at FROM conversations WHERE id = ?').get(id);
    if (!row) return undefined;
    if (row.expires_at <= now) {
      this.database.prepare('DELETE FROM conversations WHERE id = ?').run(id);
      return undefined;
    }
    return parseConversationState(row.state);
  }

  async save(id: string, state: ConversationState): Promise<void> {
    const now = this.options.now();
    const expiresAt = now.getTime() + this.options.ttlMinutes * 60_000;
    this.database
      .transaction(() => {
        this.purgeExpired(now.getTime());
        this.database
          .prepare(
            'INSERT INTO conversations (id, state, updated_at, expires_at) VALUES (?, ?, ?, ?) ' +
              'ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, expires_at = excluded.expires_at',
          )
          .run(id, JSON.stringify(state), now.toISOString(), expiresAt);
      })
      .immediate();
  }

  async clear(id: string): Promise<void> {
    this.database.prepare('DELETE FROM conversations WHERE id = ?').run(id);
  }

  /** Deletes every expired conversation; returns how many. */
  purgeExpired(now = this.options.now().getTime()): number {
    return this.database.prepare('DELETE FROM conversations WHERE expires_at <= ?').run(now).changes;
  }
}
