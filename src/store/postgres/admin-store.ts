import { randomBytes } from 'node:crypto';
import { nfc } from '../../ingest/normalize-vietnamese.js';
import { nextFailure, tokenHash, type AdminAccount, type AdminSession, type AdminStore, type AuditEntry } from '../console-records.js';
import { inTransaction, type PostgresPool } from './open-pool.js';

/** The console's accounts, sessions, failed logins with lockout and audit log in PostgreSQL: one login works on every replica. */
export class PostgresAdminStore implements AdminStore {
  private readonly newToken: () => string;

  constructor(
    private readonly pool: PostgresPool,
    private readonly options: { now: () => Date; newToken?: (() => string) | undefined },
  ) {
    this.newToken = options.newToken ?? (() => randomBytes(32).toString('base64url'));
  }

  async setAccount(name: string, passwordHash: string): Promise<'added' | 'changed'> {
    const account = nfc(name);
    return inTransaction(this.pool, async (client) => {
      const existed = (await client.query('SELECT 1 FROM admin_accounts WHERE name = $1 FOR UPDATE', [account])).rowCount !== 0;
      await client.query(
        'INSERT INTO admin_accounts (name, password_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash',
        [account, passwordHash, this.options.now().toISOString()],
      );
      // A new password signs out every session of the old one.
      if (existed) await client.query('DELETE FROM admin_sessions WHERE account = $1', [account]);
      return existed ? 'changed' : 'added';
    });
  }

  async removeAccount(name: string): Promise<boolean> {
    const account = nfc(name);
    return inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM admin_sessions WHERE account = $1', [account]);
      return ((await client.query('DELETE FROM admin_accounts WHERE name = $1', [account])).rowCount ?? 0) > 0;
    });
  }

  async account(name: string): Promise<AdminAccount | undefined> {
    const { rows } = await this.pool.query<{ name: string; password_hash: string; created_at: string }>('SELECT * FROM admin_accounts WHERE name = $1', [nfc(name)]);
    const row = rows[0];
    return row ? { name: row.name, passwordHash: row.password_hash, createdAt: row.created_at } : undefined;
  }

  async accounts(): Promise<AdminAccount[]> {
    const { rows } = await this.pool.query<{ name: string; password_hash: string; created_at: string }>('SELECT * FROM admin_accounts ORDER BY name');
    return rows.map((row) => ({ name: row.name, passwordHash: row.password_hash, createdAt: row.created_at }));
  }

  async startSession(account: string, hours: number): Promise<{ token: string } & AdminSession> {
    const now = this.options.now();
    const token = this.newToken();
    const csrfToken = this.newToken();
    const expiresAt = new Date(now.getTime() + hours * 3_600_000).toISOString();
    await this.pool.query('DELETE FROM admin_sessions WHERE expires_at <= $1', [now.toISOString()]);
    await this.pool.query('INSERT INTO admin_sessions (token_hash, account, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      tokenHash(token),
      account,
      csrfToken,
      now.toISOString(),
      expiresAt,
    ]);
    return { token, account, csrfToken, expiresAt };
  }

  async session(token: string): Promise<AdminSession | undefined> {
    const { rows } = await this.pool.query<{ account: string; csrf_token: string; expires_at: string }>(
      'SELECT account, csrf_token, expires_at FROM admin_sessions WHERE token_hash = $1 AND expires_at > $2',
      [tokenHash(token), this.options.now().toISOString()],
    );
    const row = rows[0];
    return row ? { account: row.account, csrfToken: row.csrf_token, expiresAt: row.expires_at } : undefined;
  }

  async endSession(token: string): Promise<void> {
    await this.pool.query('DELETE FROM admin_sessions WHERE token_hash = $1', [tokenHash(token)]);
  }

  async lockedUntil(keys: readonly string[]): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ until: string | null }>('SELECT max(locked_until) AS until FROM admin_login_failures WHERE key = ANY($1) AND locked_until > $2', [
      [...keys],
      this.options.now().toISOString(),
    ]);
    return rows[0]?.until ?? undefined;
  }

  async recordFailure(keys: readonly string[]): Promise<void> {
    const now = this.options.now();
    await inTransaction(this.pool, async (client) => {
      for (const key of keys) {
        // Failures posted to two replicas at once are counted one after the other.
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`hoiphuong:login:${key}`]);
        const { rows } = await client.query<{ failures: number; first_failure_at: string }>('SELECT failures, first_failure_at FROM admin_login_failures WHERE key = $1', [key]);
        const row = rows[0];
        const next = nextFailure(row && { failures: row.failures, firstFailureAt: row.first_failure_at }, now);
        await client.query(
          `INSERT INTO admin_login_failures (key, failures, first_failure_at, locked_until) VALUES ($1, $2, $3, $4)
           ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, first_failure_at = excluded.first_failure_at, locked_until = excluded.locked_until`,
          [key, next.failures, next.firstFailureAt, next.lockedUntil],
        );
      }
    });
  }

  async clearFailures(keys: readonly string[]): Promise<void> {
    await this.pool.query('DELETE FROM admin_login_failures WHERE key = ANY($1)', [[...keys]]);
  }

  async audit(actor: string, action: string, target: string, detail = ''): Promise<void> {
    await this.pool.query('INSERT INTO admin_audit (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)', [
      this.options.now().toISOString(),
      actor,
      action,
      nfc(target).slice(0, 500),
      nfc(detail).slice(0, 2000),
    ]);
  }

  async auditLog(limit: number, offset = 0): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<AuditEntry & { id: string | number }>('SELECT id, at, actor, action, target, detail FROM admin_audit ORDER BY id DESC LIMIT $1 OFFSET $2', [limit, offset]);
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }
}
