import type { ConversationState } from '../../core/conversation.js';
import type { ConversationStore } from '../../core/ports.js';
import { parseConversationState } from '../stored-conversation.js';
import type { PostgresPool } from './open-pool.js';

/**
 * Conversations in PostgreSQL, so a follow-up reaching another replica continues the same chat. Expired ones are
 * deleted whenever any conversation is saved (and when one is looked up).
 */
export class PostgresConversationStore implements ConversationStore {
  constructor(
    private readonly pool: PostgresPool,
    private readonly options: { ttlMinutes: number; now: () => Date },
  ) {}

  async load(id: string): Promise<ConversationState | undefined> {
    const { rows } = await this.pool.query<{ state: string; expires_at: string }>('SELECT state, expires_at FROM conversations WHERE id = $1', [id]);
    const row = rows[0];
    if (!row) return undefined;
    if (Number(row.expires_at) <= this.options.now().getTime()) {
      await this.pool.query('DELETE FROM conversations WHERE id = $1', [id]);
      return undefined;
    }
    return parseConversationState(row.state);
  }

  async save(id: string, state: ConversationState): Promise<void> {
    const now = this.options.now();
    await this.purgeExpired(now.getTime());
    await this.pool.query(
      `INSERT INTO conversations (id, state, updated_at, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
      [id, JSON.stringify(state), now.toISOString(), now.getTime() + this.options.ttlMinutes * 60_000],
    );
  }

  async clear(id: string): Promise<void> {
    await this.pool.query('DELETE FROM conversations WHERE id = $1', [id]);
  }

  /** Deletes every expired conversation; returns how many. */
  async purgeExpired(now = this.options.now().getTime()): Promise<number> {
    return (await this.pool.query('DELETE FROM conversations WHERE expires_at <= $1', [now])).rowCount ?? 0;
  }
}
