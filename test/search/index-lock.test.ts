import { existsSync, readFileSync } from 'node:fs';
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
    expect(seen).toMatch(new RegExp(`^${process.pid} ${hostname()}( \\S+ \\d+)?\\n$`));
    await expect(withIndexLock(indexDir, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await readdir(indexDir)).toEqual([]);
  });

  it('waits for a running process to finish, saying who it waits for, then runs', async () => {
    // The parent process runs; a lock in the older two-field form cannot be checked further, so it is believed.
    await writeFile(join(indexDir, 'LOCK'), `${process.ppid} ${hostname()}\n`);
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
    expect(waits).toEqual([`pid ${process.ppid} on ${hostname()}`]);
    expect(pauses).toBe(2);
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    await writeFile(join(indexDir, 'LOCK'), `2147483646 ${hostname()}\n`);
    await expect(withIndexLock(indexDir, async () => 'done', { pause: () => Promise.reject(new Error('should not wait')) })).resolves.toBe('done');
  });

  it('gives up after the timeout, naming the lock file to delete', async () => {
    await writeFile(join(indexDir, 'LOCK'), `${process.ppid} ${hostname()}\n`);
    let now = 0;
    const waiting = withIndexLock(indexDir, async () => 'done', { timeoutMs: 1_000, now: () => now, pause: async () => void (now += 600) });
    await expect(waiting).rejects.toMatchObject({ code: 'index-busy', message: expect.stringContaining(join(indexDir, 'LOCK')) as string });
  });

  it('takes over an empty or garbled lock file instead of waiting on it', async () => {
    const noWaiting = { pause: () => Promise.reject(new Error('should not wait')), timeoutMs: 0 };
    await writeFile(join(indexDir, 'LOCK'), '');
    await expect(withIndexLock(indexDir, async () => 'done', noWaiting)).resolves.toBe('done');
    await writeFile(join(indexDir, 'LOCK'), 'garbage\n');
    await expect(withIndexLock(indexDir, async () => 'done', noWaiting)).resolves.toBe('done');
  });

  it('takes over a lock naming its own pid that it does not hold: a restarted PID 1 in a container', async () => {
    await writeFile(join(indexDir, 'LOCK'), `${process.pid} ${hostname()} old-boot 1\n`);
    await expect(withIndexLock(indexDir, async () => 'done', { pause: () => Promise.reject(new Error('should not wait')), timeoutMs: 0 })).resolves.toBe('done');
    await writeFile(join(indexDir, 'LOCK'), `${process.pid} ${hostname()}\n`);
    await expect(withIndexLock(indexDir, async () => 'done', { pause: () => Promise.reject(new Error('should not wait')), timeoutMs: 0 })).resolves.toBe('done');
  });

  it.runIf(existsSync('/proc/self/stat'))('takes over a live pid that started after the lock was written, and waits for the one that wrote it', async () => {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
    const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
    await writeFile(join(indexDir, 'LOCK'), `${process.ppid} ${hostname()} ${boot} ${Number(started) - 1}\n`);
    await expect(withIndexLock(indexDir, async () => 'done', { pause: () => Promise.reject(new Error('should not wait')), timeoutMs: 0 })).resolves.toBe('done');
    await writeFile(join(indexDir, 'LOCK'), `${process.ppid} ${hostname()} ${boot} ${started}\n`);
    await expect(withIndexLock(indexDir, async () => 'done', { timeoutMs: 0 })).rejects.toMatchObject({ code: 'index-busy' });
  });

  it('makes a second update in the same process wait for the first', async () => {
    const order: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let second: Promise<string> | undefined;
    const first = withIndexLock(indexDir, async () => {
      second = withIndexLock(indexDir, async () => (order.push('second'), 'second'), { pause: async () => release() });
      await released;
      order.push('first');
      return 'first';
    });
    expect(await first).toBe('first');
    expect(await second).toBe('second');
    expect(order).toEqual(['first', 'second']);
  });
});
