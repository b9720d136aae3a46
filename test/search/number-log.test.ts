import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NumberLog } from '../../src/search/number-log.js';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'number-log-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** More than two 4 MB blocks, so some numbers are read back from the file and the last ones from memory. */
const COUNT = 2_500_000;

function filled(log: NumberLog): NumberLog {
  for (let index = 0; index < COUNT; index += 1) log.push((index * 2_654_435_761) >>> 0);
  return log;
}

function mismatches(log: NumberLog): number {
  let wrong = 0;
  for (let index = 0; index < COUNT; index += 1) if (log.at(index) !== (index * 2_654_435_761) >>> 0) wrong += 1;
  return wrong;
}

describe('NumberLog', () => {
  it('gives back every number in order when full blocks go to a file, and deletes the file when disposed', () => {
    const path = join(folder, 'pending.u32');
    const log = filled(new NumberLog(path));
    expect(existsSync(path)).toBe(true);
    expect(log.length).toBe(COUNT);
    expect(mismatches(log)).toBe(0);
    expect(log.at(5)).toBe((5 * 2_654_435_761) >>> 0);
    log.dispose();
    expect(existsSync(path)).toBe(false);
  });

  it('keeps every number in memory without a file', () => {
    const log = filled(new NumberLog());
    expect(mismatches(log)).toBe(0);
  });
});
