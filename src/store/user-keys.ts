import { createHash } from 'node:crypto';
import type { UserKeys } from '../core/ports.js';

/** Where a generated salt is kept in the settings table; a scope no channel uses. */
export const SALT_SCOPE = 'hoiphuong:store';
/** The settings key of the generated salt. */
export const SALT_KEY = 'user-key-salt';

/** Options of `SaltedUserKeys`. */
export interface SaltedUserKeysOptions {
  /** config.store.userKeySalt, or a salt the store already read; when absent `loadSalt` is asked once, on first use. */
  salt?: string;
  /** Reads the stored salt, storing a new random one first when there is none (the first process to need one wins). */
  loadSalt: () => string;
}

/** Pseudonymous user keys: SHA-256 of a secret salt, the platform and the platform's user id, so stored data never holds the raw id. */
export class SaltedUserKeys implements UserKeys {
  private readonly options: SaltedUserKeysOptions;
  private salt: string | undefined;

  constructor(options: SaltedUserKeysOptions) {
    this.options = options;
    this.salt = options.salt;
  }

  /** The same platform and id always give the same 64-character hex key, across restarts and processes. */
  userKey(platform: string, rawId: string): string {
    this.salt ??= this.options.loadSalt();
    return createHash('sha256').update(this.salt).update('\0').update(platform).update('\0').update(rawId).digest('hex');
  }
}
