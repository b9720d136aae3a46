import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { isEntryPoint } from './entry-point.js';
import { withThrowawayDatabase } from './throwaway-database.js';
import { summarizeLatencies, timeEach, type LatencySummary } from './latency-summary.js';
import type { Store } from '../src/store/store.js';
import type { AskResult } from '../src/core/types.js';

/** The latencies one store showed, per operation. */
export interface StoreLatencyRow {
  store: string;
  operation: string;
  summary: LatencySummary;
}

const PINS = 50;

/** Times pin lookups (a hit, which also counts it, and a miss) and answer logging, one call at a time, on one store. */
export async function measureStore(name: string, store: Store, calls: number): Promise<StoreLatencyRow[]> {
  for (let index = 0; index < PINS; index++) {
    await store.pins.add({ question: `Thủ tục số ${index} của phường An Hải làm ở đâu?`, answer: `Tại bộ phận một cửa, quầy ${index}.`, citations: [], pinnedBy: 'bench', channel: 'cli' });
  }
  const items = Array.from({ length: calls }, (_, index) => index);
  const hit = await timeEach(items, (index) => store.pins.match(`thu tuc so ${index % PINS} cua phuong an hai lam o dau`));
  const miss = await timeEach(items, () => store.pins.match('Bí thư phường Hòa Bình là ai?'));
  const result: AskResult = { question: 'Lịch tiếp dân thế nào?', answered: true, answer: 'Chủ tịch UBND phường tiếp công dân sáng thứ Năm.', citations: [{ id: 'bai-1', title: 'Lịch tiếp dân', url: 'https://example.org/bai-1', quote: 'Chủ tịch UBND phường tiếp công dân sáng thứ Năm.' }], mode: 'extractive', language: 'vi' };
  const logged = await timeEach(items, (index) => store.answers.record({ text: `Lịch tiếp dân thế nào? ${index}`, channel: 'http', userKey: 'bench' }, result));
  if (hit.results.some((match) => match === undefined) || miss.results.some((match) => match !== undefined)) throw new Error(`${name}: pins did not match as expected`);
  return [
    { store: name, operation: 'pin lookup (hit, counts the hit)', summary: summarizeLatencies(hit.milliseconds) },
    { store: name, operation: 'pin lookup (miss)', summary: summarizeLatencies(miss.milliseconds) },
    { store: name, operation: 'answer logging', summary: summarizeLatencies(logged.milliseconds) },
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { postgres: { type: 'string' }, calls: { type: 'string', default: '2000' } } });
  const calls = Number(values.calls);
  const rows: StoreLatencyRow[] = [];
  const folder = mkdtempSync(join(tmpdir(), 'hoiphuong-store-bench-'));
  try {
    const sqlite = SqliteStore.open({ path: join(folder, 'bench.sqlite'), pinMatchThreshold: 0.8 });
    rows.push(...(await measureStore('SQLite (file, WAL, synchronous=FULL)', sqlite, calls)));
    await sqlite.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  if (values.postgres) {
    await withThrowawayDatabase(values.postgres, async (url) => {
      const postgres = await PostgresStore.open({ url, pinMatchThreshold: 0.8 });
      rows.push(...(await measureStore('PostgreSQL (loopback, pool of 10)', postgres, calls)));
      await postgres.close();
    });
  } else {
    process.stderr.write('PostgreSQL skipped: pass --postgres postgres://… (e.g. the URL scripts/ci/start-postgres.sh prints).\n');
  }
  process.stdout.write(`| store | operation | calls | p50 ms | p95 ms | p99 ms | mean ms |\n|---|---|---:|---:|---:|---:|---:|\n`);
  for (const row of rows) {
    const { summary } = row;
    process.stdout.write(`| ${row.store} | ${row.operation} | ${summary.count} | ${summary.p50} | ${summary.p95} | ${summary.p99} | ${summary.mean} |\n`);
  }
}

if (isEntryPoint(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
