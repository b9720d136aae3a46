import { nfc } from '../../ingest/normalize-vietnamese.js';
import { inTransaction, type PostgresPool } from './open-pool.js';
import type { SettingsStore } from '../../core/ports.js';

/** Per-scope key/value settings in PostgreSQL (e.g. a Discord server's default place), the same on every replica. */
export class PostgresSettingsStore implements SettingsStore {
  constructor(private readonly pool: PostgresPool) {}

  async getSettings(scope: string): Promise<Record<string, string>> {
    const { rows } = await this.pool.query<{ key: string; value: string }>('SELECT key, value FROM settings WHERE scope = $1 ORDER BY key', [scope]);
    return Object.fromEntries(rows.map((row) => [row.key, row.value]));
  }

  async setSettings(scope: string, values: Record<string, string | null>): Promise<Record<string, string>> {
    return inTransaction(this.pool, async (client) => {
      for (const [key, value] of Object.entries(values)) {
        if (value === null) await client.query('DELETE FROM settings WHERE scope = $1 AND key = $2', [scope, key]);
        else {
          await client.query('INSERT INTO settings (scope, key, value) VALUES ($1, $2, $3) ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value', [scope, key, nfc(value)]);
        }
      }
      const { rows } = await client.query<{ key: string; value: string }>('SELECT key, value FROM settings WHERE scope = $1 ORDER BY key', [scope]);
      return Object.fromEntries(rows.map((row) => [row.key, row.value]));
    });
  }
}
