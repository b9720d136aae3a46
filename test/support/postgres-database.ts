import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the PostgreSQL tests use (TEST_DATABASE_URL, set by scripts/ci/start-postgres.sh); undefined skips them. */
export const testDatabaseUrl: string | undefined = process.env.TEST_DATABASE_URL || undefined;

/** Why PostgreSQL suites are skipped, printed once so a green run without them is not mistaken for a full one. */
export function announcePostgresSkipped(suite: string): void {
  if (!testDatabaseUrl) process.stderr.write(`[skipped] ${suite}: TEST_DATABASE_URL is not set (eval "$(scripts/ci/start-postgres.sh)" starts a server)\n`);
}

/** A new empty database on the test server, and how to drop it (ending every connection to it first). */
export async function createTestDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hoiphuong_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs one statement on the database at `url` over a connection of its own (as another client would) and returns its rows. */
export async function queryDatabase<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}
