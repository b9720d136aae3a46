import { nfc } from '../../ingest/normalize-vietnamese.js';
import type { SettingsStore } from '../../core/ports.js';
import type { SqliteDatabase } from './open-database.js';

interface SettingRow {
  key: string;
  value: string;
}

/** Per-scope key/value settings in SQLite (e.g. a Discord server's default place). */
export class SqliteSettingsStore implements SettingsStore {
  private readonly database: SqliteDatabase;

  constructor(database: SqliteDatabase) {
    this.database = database;
  }

  /** Every setting of a scope; empty when it has none. */
  async getSettings(scope: string): Promise<Record<string, string>> {
    return this.read(scope);
  }

  /** Sets the given keys (null deletes one) in one transaction and returns the scope's settings afterwards. */
  async setSettings(scope: string, values: Record<string, string | null>): Promise<Record<string, string>> {
    return this.database
      .transaction(() => {
        for (const [key, value] of Object.entries(values)) {
          if (value === null) {
            this.database.prepare('DELETE FROM settings WHERE scope = ? AND key = ?').run(scope, key);
          } else {
            this.database
              .prepare('INSERT INTO settings (scope, key, value) VALUES (?, ?, ?) ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value')
              .run(scope, key, nfc(value));
          }
        }
        return this.read(scope);
      })
      .immediate();
  }

  private read(scope: string): Record<string, string> {
    const rows = this.database.prepare<[string], SettingRow>('SELECT key, value FROM settings WHERE scope = ? ORDER BY key').all(scope);
    return Object.fromEntries(rows.map((row) => [row.key, row.value]));
  }
}
