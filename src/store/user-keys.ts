import { createHash } from 'node:crypto';
import type { UserKeys } from '../core/ports.js';
import type { SqliteDatabase } from './open-database.js';

/** Where the generated salt is kept in the settings table; a scope no channel uses. */
const SALT_SCOPE = 'hoiphuong:store';
const SALT_KEY = 'user-key-salt';

/** Options of `SaltedUserKeys`. */
export interface SaltedUserKeysOptions {
  /** config.store.userKeySalt; when absent a salt is generated once and kept in the database. */
  salt?: string;
  /** Makes a new random salt (injected so tests are deterministic). */
  newSalt: () => string;
}

/** Pseudonymous user keys: SHA-256 of a secret salt, the platform and the platform's user id, so stored data never holds the raw id. */
export class SaltedUserKeys implements UserKeys {
  private readonly database: SqliteDatabase;
  private readonly options: SaltedUserKeysOptions;
  private salt: string | undefined;

  constructor(database: SqliteDatabase, options: SaltedUserKeysOptions) {
    this.database = database;
    this.options = options;
    this.salt = options.salt;
  }

  /** The same platform and id always give the same 64-character hex key, across restarts and processes. */
  userKey(platform: string, rawId: string): string {
    return createHash('sha256').update(this.currentSalt()).update('\0').update(platform).update('\0').update(rawId).digest('hex');
  }

  /** The configured salt, or the stored one; the first process to need one stores it and every other process reads it. */
  private currentSalt(): string {
    this.salt ??= this.database
      .transaction((): string => {
        this.database.prepare('INSERT OR IGNORE INTO settings (scope, key, value) VALUES (?, ?, ?)').run(SALT_SCOPE, SALT_KEY, this.options.newSalt());
        return this.database.prepare<[string, string], { value: string }>('SELECT value FROM settings WHERE scope = ? AND key = ?').get(SALT_SCOPE, SALT_KEY)!.value;
      })
      .immediate();
    return this.salt;
  }
}
