import type { RateLimit } from '../../core/ports.js';
import type { PostgresPool } from './open-pool.js';

/** Events between two sweeps of keys idle for a whole window. */
const SWEEP_EVERY = 1_000;

/** Options of `PostgresRateLimit`. */
export interface PostgresRateLimitOptions {
  /** Keeps one channel's counts apart from another's (`http`, `zalo-oa`…). */
  scope: string;
  /** Events allowed per key and window; 0 = unlimited. */
  limitPerWindow: number;
  windowMs?: number;
  now?: () => number;
}

/**
 * The sliding-window limit of `RateLimiter`, counted in PostgreSQL so every replica sees the same count: one row per
 * key holds its recent event times, and one upsert (which locks that row) drops the expired times, decides, and
 * records the event when allowed — so two replicas racing on one key never both take the last slot.
 */
export class PostgresRateLimit implements RateLimit {
  private readonly windowMs: number;
  private readonly now: () => number;
  private calls = 0;

  constructor(
    private readonly pool: PostgresPool,
    private readonly options: PostgresRateLimitOptions,
  ) {
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async tryAcquire(key: string): Promise<boolean> {
    if (this.options.limitPerWindow <= 0) return true;
    const now = this.now();
    const recent = 'ARRAY(SELECT t FROM unnest(limits.times) AS t WHERE t > $2::bigint - $3::bigint)';
    const { rows } = await this.pool.query<{ allowed: number }>(
      `INSERT INTO rate_limits AS limits (key, times, allowed, updated_at) VALUES ($1, ARRAY[$2::bigint], 1, $2::bigint)
       ON CONFLICT (key) DO UPDATE SET
         times = CASE WHEN cardinality(${recent}) < $4::int THEN ${recent} || $2::bigint ELSE ${recent} END,
         allowed = CASE WHEN cardinality(${recent}) < $4::int THEN 1 ELSE 0 END,
         updated_at = $2::bigint
       RETURNING allowed`,
      [`${this.options.scope}:${key}`, now, this.windowMs, this.options.limitPerWindow],
    );
    this.calls += 1;
    if (this.calls % SWEEP_EVERY === 0) await this.pool.query('DELETE FROM rate_limits WHERE updated_at < $1', [now - this.windowMs]);
    return rows[0]?.allowed === 1;
  }
}
