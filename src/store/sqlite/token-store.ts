import type { TokenPair, TokenStore } from '../../core/ports.js';
import type { SqliteDatabase } from './open-database.js';

/** Options of `SqliteTokenStore`. */
export interface SqliteTokenStoreOptions {
  now: () => Date;
}

interface TokenRow {
  access_token: string;
  refresh_token: string;
  expires_at: string | null;
}

/** OAuth token pairs in SQLite; both tokens of a pair are written in one transaction, since Zalo's refresh token is single-use. */
export class SqliteTokenStore implements TokenStore {
  private readonly database: SqliteDatabase;
  private readonly options: SqliteTokenStoreOptions;

  constructor(database: SqliteDatabase, options: SqliteTokenStoreOptions) {
    this.database = database;
    this.options = options;
  }

  /** The saved pair, or undefined when none was saved under that name. */
  async loadTokens(name: string): Promise<TokenPair | undefined> {
    const row = this.database.prepare<[string], TokenRow>('SELECT access_token, refresh_token, expires_at FROM tokens WHERE name = ?').get(name);
    if (!row) return undefined;
    return { accessToken: row.access_token, refreshToken: row.refresh_token, ...(row.expires_at ? { expiresAt: row.expires_at } : {}) };
  }

  /** Replaces the pair durably; when this resolves, a restart will load exactly this pair. */
  async saveTokens(name: string, tokens: TokenPair): Promise<void> {
    this.database
      .transaction(() => {
        this.database
          .prepare(
            `INSERT INTO tokens (name, access_token, refresh_token, expires_at, updated_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (name) DO UPDATE SET access_token = excluded.access_token, refresh_token = excluded.refresh_token,
               expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
          )
          .run(name, tokens.accessToken, tokens.refreshToken, tokens.expiresAt ?? null, this.options.now().toISOString());
      })
      .immediate();
  }
}
