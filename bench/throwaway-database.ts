import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Runs `work` on a new database on the PostgreSQL server `serverUrl` names, and drops it afterwards (also on failure). */
export async function withThrowawayDatabase<T>(serverUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `hoiphuong_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      return await work(url.toString());
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
