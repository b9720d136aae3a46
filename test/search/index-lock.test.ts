import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withIndexLock } from '../../src/search/index-lock.js';

let indexDir: string;

beforeEach(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'index-lock-'));
});

afterEach(async () => {
  await rm(indexDir, { recursive: true, force: true });
});

describe('withIndexLock', () => {
  it('holds the lock file while the work runs and removes it afterwards, even when the work fails', async () => {
    const seen = await withIndexLock(indexDir, async () => readFile(join(indexDir, 'LOCK'), 'utf8'));
    expect(seen).toBe(`${process.pid} ${hostname()}\n`);
    await expect(withIndexLock(indexDir, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await readdir(indexDir)).toEqual([]);
  });

  it('waits for a running process to finish, saying who it waits for, then runs', async () => {
    await writeFile(join(indexDir, 'LOCK'), `${process.pid} ${hostname()}\n`);
    const waits: string[] = [];
    let pauses = 0;
    const result = await withIndexLock(indexDir, async () => 'done', {
      onWait: (holder) => waits.push(holder),
      // The other process finishes during the second pause.
      pause: async () => {
        pauses += 1;
        if (pauses === 2) await rm(join(indexDir, 'LOCK'));
      },
    });
    expect(result).toBe('done');
    expect(waits).toEqual([`pid ${process.pid} on ${hostname()}`]);
    expect(pauses).toBe(2);
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    await writeFile(join(indexDir, 'LOCK'), `2147483646 ${hostname()}\n`);
    await expect(withIndexLock(indexDir, async () => 'done', { pause: () => Promise.reject(new Error('should not wait')) })).resolves.toBe('done');
  });

  it('gives up after the timeout, naming the lock file to delete', async () => {
    await writeFile(join(indexDir, 'LOCK'), `${process.pid} ${hostname()}\n`);
    let now = 0;
    const waiting = withIndexLock(indexDir, async () => 'done', { timeoutMs: 1_000, now: () => now, pause: async () => void (now += 600) });
    await expect(waiting).rejects.toMatchObject({ code: 'index-busy', message: expect.stringContaining(join(indexDir, 'LOCK')) as string });
  });
});
