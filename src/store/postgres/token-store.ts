import type { TokenPair, TokenStore } from '../../core/ports.js';
import type { PostgresPool } from './open-pool.js';

/** OAuth token pairs in PostgreSQL: both tokens of a pair in one row, written by one statement (Zalo's refresh token is single-use). */
export class PostgresTokenStore implements TokenStore {
  constructor(
    private readonly pool: PostgresPool,
    private readonly options: { now: () => Date },
  ) {}

  async loadTokens(name: string): Promise<TokenPair | undefined> {
    const { rows } = await this.pool.query<{ access_token: string; refresh_token: string; expires_at: string | null }>(
      'SELECT access_token, refresh_token, expires_at FROM tokens WHERE name = $1',
      [name],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { accessToken: row.access_token, refreshToken: row.refresh_token, ...(row.expires_at ? { expiresAt: row.expires_at } : {}) };
  }

  async saveTokens(name: string, tokens: TokenPair): Promise<void> {
    await this.pool.query(
      `INSERT INTO tokens (name, access_token, refresh_token, expires_at, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (name) DO UPDATE SET access_token = excluded.access_token, refresh_token = excluded.refresh_token,
         expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
      [name, tokens.accessToken, tokens.refreshToken, tokens.expiresAt ?? null, this.options.now().toISOString()],
    );
  }
}
