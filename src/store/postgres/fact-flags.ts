import { nfc } from '../../ingest/normalize-vietnamese.js';
import type { FactFlag, FactFlagStore } from '../console-records.js';
import type { PostgresPool } from './open-pool.js';

/** Facts marked wrong in the console, in PostgreSQL: hidden on every replica. */
export class PostgresFactFlags implements FactFlagStore {
  constructor(
    private readonly pool: PostgresPool,
    private readonly options: { now: () => Date },
  ) {}

  async flag(flag: Omit<FactFlag, 'flaggedAt'>): Promise<void> {
    await this.pool.query(
      `INSERT INTO fact_flags (fact_key, place, summary, flagged_by, note, flagged_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (fact_key) DO UPDATE SET flagged_by = excluded.flagged_by, note = excluded.note, flagged_at = excluded.flagged_at`,
      [flag.factKey, nfc(flag.place), nfc(flag.summary), flag.flaggedBy, nfc(flag.note).slice(0, 1000), this.options.now().toISOString()],
    );
  }

  async unflag(factKey: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM fact_flags WHERE fact_key = $1', [factKey])).rowCount ?? 0) > 0;
  }

  async list(): Promise<FactFlag[]> {
    const { rows } = await this.pool.query<{ fact_key: string; place: string; summary: string; flagged_by: string; note: string; flagged_at: string }>(
      'SELECT * FROM fact_flags ORDER BY flagged_at DESC, fact_key',
    );
    return rows.map((row) => ({ factKey: row.fact_key, place: row.place, summary: row.summary, flaggedBy: row.flagged_by, note: row.note, flaggedAt: row.flagged_at }));
  }

  async keys(): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ fact_key: string }>('SELECT fact_key FROM fact_flags');
    return new Set(rows.map((row) => row.fact_key));
  }
}
