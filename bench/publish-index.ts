import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { currentVersionFolder } from '../src/search/index-files.js';
import { installPublication, publishVersion } from '../src/search/published-index.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import { isEntryPoint } from './entry-point.js';
import { withThrowawayDatabase } from './throwaway-database.js';

/**
 * `node dist/bench/publish-index.js --index DIR --postgres URL`: how long the leader takes to publish an index version
 * into PostgreSQL (first, and again with every part already stored), how long a follower takes to copy it into its own
 * folder, and how many bytes the database then holds. Uses a throwaway database on the server the URL names.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { index: { type: 'string' }, postgres: { type: 'string' } } });
  if (!values.index || !values.postgres) throw new Error('Usage: node dist/bench/publish-index.js --index DIR --postgres postgres://…');
  const folder = await currentVersionFolder(values.index);
  if (!folder) throw new Error(`There is no index version in ${values.index}; run \`hoiphuong ingest --index ${values.index}\` first.`);
  const follower = mkdtempSync(join(tmpdir(), 'hoiphuong-publish-bench-'));
  try {
    await withThrowawayDatabase(values.postgres, async (url) => {
      const store = await PostgresStore.open({ url, pinMatchThreshold: 0.8 });
      const seconds = async (work: () => Promise<unknown>) => {
        const started = performance.now();
        await work();
        return Math.round(performance.now() - started) / 1_000;
      };
      const publications = store.indexPublications;
      const firstPublish = await seconds(() => publishVersion(values.index!, folder, publications));
      const again = await seconds(() => publishVersion(values.index!, folder, publications));
      const latest = (await publications.latest())!;
      const install = await seconds(() => installPublication(follower, latest, publications));
      const bytes = latest.files.reduce((sum, file) => sum + file.bytes, 0);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const stored = Number((await client.query<{ size: string }>("SELECT pg_total_relation_size('index_parts') AS size")).rows[0]?.size ?? 0);
      await client.end();
      await store.close();
      const megabytes = (value: number) => Math.round(value / 1e5) / 10;
      process.stdout.write(
        `| version MB | publish s (first) | publish s (parts already stored) | follower copy s | index_parts MB after two publications |\n|---:|---:|---:|---:|---:|\n| ${megabytes(bytes)} | ${firstPublish} | ${again} | ${install} | ${megabytes(stored)} |\n`,
      );
    });
  } finally {
    rmSync(follower, { recursive: true, force: true });
  }
}

if (isEntryPoint(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
