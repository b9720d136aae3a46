import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../src/core/types.js';

// A .txt about a ward beside a .md about the same ward: its front matter's place decides whether questions about
// that ward are answered or asked back ("which one?"). Runs the built CLI as a user would.
let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'hoiphuong-txt-place-'));
  await cp('test/fixtures/txt-place', join(workDir, 'with-place'), { recursive: true });
  await cp('test/fixtures/txt-place', join(workDir, 'without-place'), { recursive: true });
  const txt = join(workDir, 'without-place', 'lich-tiep-dan.txt');
  await writeFile(txt, (await readFile(txt, 'utf8')).replace(/^---[\s\S]*?---\n/, ''));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function ask(folder: string, question: string): Promise<AskResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['dist/src/cli/main.js', 'ask', '--json', '--data', join(workDir, folder), '--index', join(workDir, `${folder}-index`), question],
      { env: { PATH: process.env.PATH, DATABASE_PATH: join(workDir, `${folder}.sqlite`) } },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as AskResult)),
    );
  });
}

describe('a .txt article that states its place', () => {
  const question = 'Lịch tiếp công dân của xã Nậm Thử?';

  it('is answered from, with no "which ward?"', async () => {
    const result = await ask('with-place', question);
    expect(result).toMatchObject({ answered: true, citations: [{ id: 'lich-tiep-dan' }] });
    expect(result.answer).toContain('sáng thứ Năm');
  });

  it('without its place, makes the same question ambiguous (what the front matter fixes)', async () => {
    const result = await ask('without-place', question);
    expect(result).toMatchObject({ answered: false, reason: 'ambiguous-place' });
  });
});
