import type { SeenEvents } from '../../core/ports.js';
import type { PostgresPool } from './open-pool.js';

/** How long an event key is remembered, as in SQLite. */
const RETENTION_MS = 30 * 24 * 60 * 60_000;

/** Event keys in PostgreSQL: the primary key decides "first", so the same event delivered to two replicas is answered once. */
export class PostgresSeenEvents implements SeenEvents {
  constructor(
    private readonly pool: PostgresPool,
    private readonly options: { now: () => Date },
  ) {}

  async firstSighting(key: string): Promise<boolean> {
    const now = this.options.now();
    const inserted = await this.pool.query('INSERT INTO seen_events (key, seen_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, now.toISOString()]);
    if ((inserted.rowCount ?? 0) === 0) return false;
    await this.pool.query('DELETE FROM seen_events WHERE seen_at < $1', [new Date(now.getTime() - RETENTION_MS).toISOString()]);
    return true;
  }
}
