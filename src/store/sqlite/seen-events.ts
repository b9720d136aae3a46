import type { SeenEvents } from '../../core/ports.js';
import type { SqliteDatabase } from './open-database.js';

/** Options of `SqliteSeenEvents`. */
export interface SqliteSeenEventsOptions {
  now: () => Date;
}

/** How long an event key is remembered; platforms stop redelivering long before (Zalo within hours). */
const RETENTION_MS = 30 * 24 * 60 * 60_000;

/** Event keys in SQLite: one insert decides "first", so two deliveries racing (or two processes) answer once. */
export class SqliteSeenEvents implements SeenEvents {
  private readonly database: SqliteDatabase;
  private readonly options: SqliteSeenEventsOptions;

  constructor(database: SqliteDatabase, options: SqliteSeenEventsOptions) {
    this.database = database;
    this.options = options;
  }

  async firstSighting(key: string): Promise<boolean> {
    const now = this.options.now();
    const inserted = this.database.prepare('INSERT OR IGNORE INTO seen_events (key, seen_at) VALUES (?, ?)').run(key, now.toISOString());
    if (inserted.changes === 0) return false;
    this.database.prepare('DELETE FROM seen_events WHERE seen_at < ?').run(new Date(now.getTime() - RETENTION_MS).toISOString());
    return true;
  }
}
