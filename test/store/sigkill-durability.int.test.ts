import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { createTestDatabase, testDatabaseUrl } from '../support/postgres-database.js';
import { temporaryFolder } from './store-test-kit.js';

// Runs the built CLI (npm test builds first), as a moderator would, and kills it the moment it acknowledges.
const CLI = 'dist/src/cli/main.js';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** Starts `hoiphuong pins add`, SIGKILLs it as soon as it prints its acknowledgement, and resolves with what it printed. */
function addPinAndKill(database: { DATABASE_PATH: string } | { DATABASE_URL: string }, question: string): Promise<{ acknowledged: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'pins', 'add', '--question', question, '--answer', 'Đồng chí Chu Đức Anh.', '--by', 'Chị Lan'], {
      env: { PATH: process.env.PATH, ...database, DATA_DIR: 'data/articles' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let acknowledged = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('Pinned '));
      if (line && !acknowledged) {
        acknowledged = line;
        child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (!acknowledged) reject(new Error(`pins add exited (${code ?? signal}) without acknowledging: ${stderr}`));
      else resolve({ acknowledged, signal });
    });
  });
}

describe('durability of acknowledged pins', () => {
  it('keeps a pin acknowledged by a process that was SIGKILLed right after', async () => {
    expect(existsSync(CLI), `${CLI} is missing: run npm run build (npm test does it first)`).toBe(true);
    const { folder, cleanup } = temporaryFolder();
    cleanups.push(cleanup);
    const databasePath = join(folder, 'data', 'store.sqlite');
    const questions = ['Bí thư phường An Hải là ai?', 'Chủ tịch phường An Hải là ai?', 'Giờ tiếp dân của phường An Hải?'];
    for (const question of questions) {
      const { acknowledged } = await addPinAndKill({ DATABASE_PATH: databasePath }, question);
      expect(acknowledged).toMatch(new RegExp(`^Pinned \\S+: ${question.replace(/[?]/g, '\\?')}$`));
    }
    const store = SqliteStore.open({ path: databasePath, pinMatchThreshold: 0.8 });
    cleanups.push(() => store.close());
    expect((await store.pins.list()).map((pin) => pin.question).sort()).toEqual([...questions].sort());
    expect((await store.pins.match('bi thu phuong an hai la ai'))?.answer).toBe('Đồng chí Chu Đức Anh.');
  });

  it.skipIf(!testDatabaseUrl)('keeps a pin acknowledged by a process that was SIGKILLed right after, in PostgreSQL (DATABASE_URL)', async () => {
    const database = await createTestDatabase(testDatabaseUrl as string);
    cleanups.push(() => database.drop());
    const questions = ['Bí thư phường An Hải là ai?', 'Chủ tịch phường An Hải là ai?'];
    for (const question of questions) expect((await addPinAndKill({ DATABASE_URL: database.url }, question)).acknowledged).toContain(question);
    const store = await PostgresStore.open({ url: database.url, pinMatchThreshold: 0.8 });
    cleanups.push(() => store.close());
    expect((await store.pins.list()).map((pin) => pin.question).sort()).toEqual([...questions].sort());
  });
});
