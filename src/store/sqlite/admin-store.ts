import { createHash, randomBytes } from 'node:crypto';
import { nfc } from '../../ingest/normalize-vietnamese.js';
import type { SqliteDatabase } from './open-database.js';

/** Options of `SqliteAdminStore`. */
export interface SqliteAdminStoreOptions {
  now: () => Date;
  /** Random bytes for session and CSRF tokens (injected in tests). */
  newToken?: () => string;
  /** Failed logins allowed within `lockoutMinutes` before the name and the address are locked out. */
  maxFailures?: number;
  lockoutMinutes?: number;
}

/** A console account as stored: the name and its scrypt hash. */
export interface AdminAccount {
  name: string;
  passwordHash: string;
  createdAt: string;
}

/** A signed-in console session. */
export interface AdminSession {
  account: string;
  csrfToken: string;
  expiresAt: string;
}

/** One change made in the console (or by the CLI), with who made it. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: string;
}

/** Account names: letters (Vietnamese too), digits, `.`, `_`, `-`; 1–64 characters. */
const ACCOUNT_NAME = /^[\p{L}\p{N}._-]{1,64}$/u;

/** True when a name can be a console account. */
export function isAccountName(name: string): boolean {
  return ACCOUNT_NAME.test(nfc(name));
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The console's accounts, sessions (kept as hashes of their tokens, so a copy of the database logs nobody in), failed
 * logins with lockout, and the audit log, in SQLite.
 */
export class SqliteAdminStore {
  private readonly database: SqliteDatabase;
  private readonly options: Required<SqliteAdminStoreOptions>;

  constructor(database: SqliteDatabase, options: SqliteAdminStoreOptions) {
    this.database = database;
    this.options = { newToken: () => randomBytes(32).toString('base64url'), maxFailures: 5, lockoutMinutes: 15, ...options };
  }

  /** Adds an account or replaces its password; returns whether it already existed. */
  setAccount(name: string, passwordHash: string): 'added' | 'changed' {
    const account = nfc(name);
    const existed = Boolean(this.account(account));
    this.database
      .prepare('INSERT INTO admin_accounts (name, password_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash')
      .run(account, passwordHash, this.options.now().toISOString());
    // A new password signs out every session of the old one.
    if (existed) this.database.prepare('DELETE FROM admin_sessions WHERE account = ?').run(account);
    return existed ? 'changed' : 'added';
  }

  /** Removes an account and its sessions; false when there was none. */
  removeAccount(name: string): boolean {
    const account = nfc(name);
    this.database.prepare('DELETE FROM admin_sessions WHERE account = ?').run(account);
    return this.database.prepare('DELETE FROM admin_accounts WHERE name = ?').run(account).changes > 0;
  }

  /** The account of that name, if any. */
  account(name: string): AdminAccount | undefined {
    const row = this.database
      .prepare<[string], { name: string; password_hash: string; created_at: string }>('SELECT * FROM admin_accounts WHERE name = ?')
      .get(nfc(name));
    return row ? { name: row.name, passwordHash: row.password_hash, createdAt: row.created_at } : undefined;
  }

  /** Every account, by name. */
  accounts(): AdminAccount[] {
    return this.database
      .prepare<[], { name: string; password_hash: string; created_at: string }>('SELECT * FROM admin_accounts ORDER BY name')
      .all()
      .map((row) => ({ name: row.name, passwordHash: row.password_hash, createdAt: row.created_at }));
  }

  /** Starts a session for `account` lasting `hours`; returns the cookie token (only its hash is stored) and CSRF token. */
  startSession(account: string, hours: number): { token: string } & AdminSession {
    const now = this.options.now();
    const token = this.options.newToken();
    const csrfToken = this.options.newToken();
    const expiresAt = new Date(now.getTime() + hours * 3_600_000).toISOString();
    this.database.prepare('DELETE FROM admin_sessions WHERE expires_at <= ?').run(now.toISOString());
    this.database
      .prepare('INSERT INTO admin_sessions (token_hash, account, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(tokenHash(token), account, csrfToken, now.toISOString(), expiresAt);
    return { token, account, csrfToken, expiresAt };
  }

  /** The live session a cookie token belongs to; undefined when unknown or expired. */
  session(token: string): AdminSession | undefined {
    const row = this.database
      .prepare<[string, string], { account: string; csrf_token: string; expires_at: string }>(
        'SELECT account, csrf_token, expires_at FROM admin_sessions WHERE token_hash = ? AND expires_at > ?',
      )
      .get(tokenHash(token), this.options.now().toISOString());
    return row ? { account: row.account, csrfToken: row.csrf_token, expiresAt: row.expires_at } : undefined;
  }

  /** Ends a session (logout). */
  endSession(token: string): void {
    this.database.prepare('DELETE FROM admin_sessions WHERE token_hash = ?').run(tokenHash(token));
  }

  /** The time until which any of these keys (an account name, an address) is locked out, if one is. */
  lockedUntil(keys: readonly string[]): string | undefined {
    const now = this.options.now().toISOString();
    let until: string | undefined;
    for (const key of keys) {
      const row = this.database.prepare<[string], { locked_until: string | null }>('SELECT locked_until FROM admin_login_failures WHERE key = ?').get(key);
      if (row?.locked_until && row.locked_until > now && (!until || row.locked_until > until)) until = row.locked_until;
    }
    return until;
  }

  /** Counts a failed login against each key; the `maxFailures`-th within the window locks the key out. */
  recordFailure(keys: readonly string[]): void {
    const now = this.options.now();
    const windowStart = new Date(now.getTime() - this.options.lockoutMinutes * 60_000).toISOString();
    const lockEnd = new Date(now.getTime() + this.options.lockoutMinutes * 60_000).toISOString();
    this.database.transaction(() => {
      for (const key of keys) {
        const row = this.database
          .prepare<[string], { failures: number; first_failure_at: string }>('SELECT failures, first_failure_at FROM admin_login_failures WHERE key = ?')
          .get(key);
        const failures = row && row.first_failure_at > windowStart ? row.failures + 1 : 1;
        const first = row && row.first_failure_at > windowStart ? row.first_failure_at : now.toISOString();
        this.database
          .prepare(
            `INSERT INTO admin_login_failures (key, failures, first_failure_at, locked_until) VALUES (?, ?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, first_failure_at = excluded.first_failure_at, locked_until = excluded.locked_until`,
          )
          .run(key, failures, first, failures >= this.options.maxFailures ? lockEnd : null);
      }
    })();
  }

  /** Forgets the failures of these keys (after a successful login). */
  clearFailures(keys: readonly string[]): void {
    for (const key of keys) this.database.prepare('DELETE FROM admin_login_failures WHERE key = ?').run(key);
  }

  /** Appends one change to the audit log. */
  audit(actor: string, action: string, target: string, detail = ''): void {
    this.database
      .prepare('INSERT INTO admin_audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)')
      .run(this.options.now().toISOString(), actor, action, nfc(target).slice(0, 500), nfc(detail).slice(0, 2000));
  }

  /** The latest audit entries, newest first. */
  auditLog(limit: number, offset = 0): AuditEntry[] {
    return this.database.prepare<[number, number], AuditEntry>('SELECT id, at, actor, action, target, detail FROM admin_audit ORDER BY id DESC LIMIT ? OFFSET ?').all(limit, offset);
  }
}
