import { nfc } from '../../ingest/normalize-vietnamese.js';
import type { FactFlag, FactFlagStore } from '../console-records.js';
import type { SqliteDatabase } from './open-database.js';

/** Facts marked wrong in the console, in SQLite. */
export class SqliteFactFlags implements FactFlagStore {
  private readonly database: SqliteDatabase;
  private readonly now: () => Date;

  constructor(database: SqliteDatabase, options: { now: () => Date }) {
    this.database = database;
    this.now = options.now;
  }

  async flag(flag: Omit<FactFlag, 'flaggedAt'>): Promise<void> {
    this.database
      .prepare(
        `INSERT INTO fact_flags (fact_key, place, summary, flagged_by, note, flagged_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (fact_key) DO UPDATE SET flagged_by = excluded.flagged_by, note = excluded.note, flagged_at = excluded.flagged_at`,
      )
      .run(flag.factKey, nfc(flag.place), nfc(flag.summary), flag.flaggedBy, nfc(flag.note).slice(0, 1000), this.now().toISOString());
  }

  async unflag(factKey: string): Promise<boolean> {
    return this.database.prepare('DELETE FROM fact_flags WHERE fact_key = ?').run(factKey).changes > 0;
  }

  async list(): Promise<FactFlag[]> {
    return this.database
      .prepare<[], { fact_key: string; place: string; summary: string; flagged_by: string; note: string; flagged_at: string }>(
        'SELECT * FROM fact_flags ORDER BY flagged_at DESC, fact_key',
      )
      .all()
      .map((row) => ({ factKey: row.fact_key, place: row.place, summary: row.summary, flaggedBy: row.flagged_by, note: row.note, flaggedAt: row.flagged_at }));
  }

  async keys(): Promise<Set<string>> {
    return new Set(this.database.prepare<[], { fact_key: string }>('SELECT fact_key FROM fact_flags').all().map((row) => row.fact_key));
  }
}
