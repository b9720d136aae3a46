import pg from 'pg';
import { ChatbotError } from '../../core/errors.js';
import { maskCredentials } from '../../config.js';
import { LATEST_POSTGRES_SCHEMA_VERSION, postgresMigrations } from './migrations.js';

/** A node-postgres pool. */
export type PostgresPool = pg.Pool;

/** Options of `openPostgresPool`. */
export interface OpenPostgresPoolOptions {
  /** Connections at most (DATABASE_POOL_SIZE). */
  poolSize?: number;
}

/** Any advisory-lock key of ours starts with this, so our locks never collide with another application's on the same server. */
const MIGRATION_LOCK = 'hoiphuong:migrate';

/**
 * Connects a pool to the database at `url` and brings its schema up to date, one process at a time (an advisory
 * lock), in one transaction. An acknowledged write is durable: node-postgres resolves after COMMIT, which PostgreSQL
 * acknowledges only once it is flushed to its write-ahead log (the default `synchronous_commit = on`).
 * @throws ChatbotError `store-too-new` when a newer Hỏi Phường wrote the schema (nothing is changed), `internal` when
 * the server cannot be reached — both naming DATABASE_URL without its password.
 */
export async function openPostgresPool(url: string, options: OpenPostgresPoolOptions = {}): Promise<PostgresPool> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000, keepAlive: true });
  // An idle connection the server dropped must not crash the process; the pool replaces it on next use.
  pool.on('error', () => {});
  try {
    await migrate(pool, url);
    return pool;
  } catch (error) {
    await pool.end().catch(() => {});
    if (error instanceof ChatbotError) throw error;
    throw new ChatbotError(
      'internal',
      `Could not open the PostgreSQL database ${maskCredentials(url)} (DATABASE_URL): ${error instanceof Error ? error.message : String(error)}. ` +
        'Check that the server runs and accepts this user and database, or unset DATABASE_URL to use SQLite (DATABASE_PATH).',
      { cause: error },
    );
  }
}

/** Applies the missing steps under a transaction-scoped advisory lock, re-reading the version once it holds the lock. */
async function migrate(pool: PostgresPool, url: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    const version = rows[0]?.version ?? 0;
    if (version > LATEST_POSTGRES_SCHEMA_VERSION) {
      await client.query('ROLLBACK');
      throw new ChatbotError(
        'store-too-new',
        `The PostgreSQL database ${maskCredentials(url)} has schema version ${version}, but this Hỏi Phường only knows versions up to ${LATEST_POSTGRES_SCHEMA_VERSION}. ` +
          'Upgrade Hỏi Phường to the version that wrote it (or point DATABASE_URL at another database); nothing was changed.',
      );
    }
    for (const step of postgresMigrations.slice(version)) await client.query(step);
    if (rows.length === 0) await client.query('INSERT INTO schema_version (version) VALUES ($1)', [LATEST_POSTGRES_SCHEMA_VERSION]);
    else await client.query('UPDATE schema_version SET version = $1', [LATEST_POSTGRES_SCHEMA_VERSION]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Runs `work` in a transaction on one pooled connection, committing when it resolves and rolling back when it throws. */
export async function inTransaction<T>(pool: PostgresPool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
