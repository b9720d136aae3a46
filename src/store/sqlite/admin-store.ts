import { randomBytes } from 'node:crypto';
import { nfc } from '../../ingest/normalize-vietnamese.js';
import { nextFailure, tokenHash, type AdminAccount, type AdminSession, type AdminStore, type AuditEntry } from '../console-records.js';
import type { SqliteDatabase } from './open-database.js';

/** Options of `SqliteAdminStore`. */
export interface SqliteAdminStoreOptions {
  now: () => Date;
  /** Random bytes for session and CSRF tokens (injected in tests). */
  newToken?: () => string;
}

/** The console's accounts, sessions, failed logins with lockout, and the audit log, in SQLite. */
export class SqliteAdminStore implements AdminStore {
  private readonly database: SqliteDatabase;
  private readonly now: () => Date;
  private readonly newToken: () => string;

  constructor(database: SqliteDatabase, options: SqliteAdminStoreOptions) {
    this.database = database;
    this.now = options.now;
    this.newToken = options.newToken ?? (() => randomBytes(32).toString('base64url'));
  }

  async setAccount(name: string, passwordHash: string): Promise<'added' | 'changed'> {
    const account = nfc(name);
    const existed = Boolean(await this.account(account));
    this.database
      .prepare('INSERT INTO admin_accounts (name, password_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash')
      .run(account, passwordHash, this.now().toISOString());
    // A new password signs out every session of the old one.
    if (existed) this.database.prepare('DELETE FROM admin_sessions WHERE account = ?').run(account);
    return existed ? 'changed' : 'added';
  }

  async removeAccount(name: string): Promise<boolean> {
    const account = nfc(name);
    this.database.prepare('DELETE FROM admin_sessions WHERE account = ?').run(account);
    return this.database.prepare('DELETE FROM admin_accounts WHERE name = ?').run(account).changes > 0;
  }

  async account(name: string): Promise<AdminAccount | undefined> {
    const row = this.database
      .prepare<[string], { name: string; password_hash: string; created_at: string }>('SELECT * FROM admin_accounts WHERE name = ?')
      .get(nfc(name));
    return row ? { name: row.name, passwordHash: row.password_hash, createdAt: row.created_at } : undefined;
  }

  async accounts(): Promise<AdminAccount[]> {
    return this.database
      .prepare<[], { name: string; password_hash: string; created_at: string }>('SELECT * FROM admin_accounts ORDER BY name')
      .all()
      .map((row) => ({ name: row.name, passwordHash: row.password_hash, createdAt: row.created_at }));
  }

  async startSession(account: string, hours: number): Promise<{ token: string } & AdminSession> {
    const now = this.now();
    const token = this.newToken();
    const csrfToken = this.newToken();
    const expiresAt = new Date(now.getTime() + hours * 3_600_000).toISOString();
    this.database.prepare('DELETE FROM admin_sessions WHERE expires_at <= ?').run(now.toISOString());
    this.database
      .prepare('INSERT INTO admin_sessions (token_hash, account, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(tokenHash(token), account, csrfToken, now.toISOString(), expiresAt);
    return { token, account, csrfToken, expiresAt };
  }

  async session(token: string): Promise<AdminSession | undefined> {
    const row = this.database
      .prepare<[string, string], { account: string; csrf_token: string; expires_at: string }>(
        'SELECT account, csrf_token, expires_at FROM admin_sessions WHERE token_hash = ? AND expires_at > ?',
      )
      .get(tokenHash(token), this.now().toISOString());
    return row ? { account: row.account, csrfToken: row.csrf_token, expiresAt: row.expires_at } : undefined;
  }

  async endSession(token: string): Promise<void> {
    this.database.prepare('DELETE FROM admin_sessions WHERE token_hash = ?').run(tokenHash(token));
  }

  async lockedUntil(keys: readonly string[]): Promise<string | undefined> {
    const now = this.now().toISOString();
    let until: string | undefined;
    for (const key of keys) {
      const row = this.database.prepare<[string], { locked_until: string | null }>('SELECT locked_until FROM admin_login_failures WHERE key = ?').get(key);
      if (row?.locked_until && row.locked_until > now && (!until || row.locked_until > until)) until = row.locked_until;
    }
    return until;
  }

  async recordFailure(keys: readonly string[]): Promise<void> {
    const now = this.now();
    this.database.transaction(() => {
      for (const key of keys) {
        const row = this.database
          .prepare<[string], { failures: number; first_failure_at: string }>('SELECT failures, first_failure_at FROM admin_login_failures WHERE key = ?')
          .get(key);
        const next = nextFailure(row && { failures: row.failures, firstFailureAt: row.first_failure_at }, now);
        this.database
          .prepare(
            `INSERT INTO admin_login_failures (key, failures, first_failure_at, locked_until) VALUES (?, ?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, first_failure_at = excluded.first_failure_at, locked_until = excluded.locked_until`,
          )
          .run(key, next.failures, next.firstFailureAt, next.lockedUntil);
      }
    })();
  }

  async clearFailures(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.database.prepare('DELETE FROM admin_login_failures WHERE key = ?').run(key);
  }

  async audit(actor: string, action: string, target: string, detail = ''): Promise<void> {
    this.database
      .prepare('INSERT INTO admin_audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)')
      .run(this.now().toISOString(), actor, action, nfc(target).slice(0, 500), nfc(detail).slice(0, 2000));
  }

  async auditLog(limit: number, offset = 0): Promise<AuditEntry[]> {
    return this.database.prepare<[number, number], AuditEntry>('SELECT id, at, actor, action, target, detail FROM admin_audit ORDER BY id DESC LIMIT ? OFFSET ?').all(limit, offset);
  }
}
