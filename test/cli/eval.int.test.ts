import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the built CLI (npm test builds first) from test/fixtures, so every path on the command line is relative to the
// current directory as a user would type it, with a private index.
const MAIN = resolve('dist/src/cli/main.js');
const FIXTURES = resolve('test/fixtures');
const REFERENCE = resolve('test/support/reference-score.mjs');
const SHARED_REFERENCE = resolve('../shared/eval/score.mjs');

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'hoiphuong-eval-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd: FIXTURES, env: { PATH: process.env.PATH, INDEX_DIR: join(workDir, 'index'), DATABASE_PATH: join(workDir, 'store.sqlite') } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('hoiphuong eval', () => {
  it('gives the same figures as the reference scorer on the answers it got, per kind, per variant and overall', async () => {
    const answers = join(workDir, 'answers.jsonl');
    const ours = await run(MAIN, ['eval', 'eval/qa-similar-wards.jsonl', '--data', 'similar-wards', '--answers', answers, '--json']);
    expect(ours.code).toBe(0);
    const reference = await run(REFERENCE, ['eval/qa-similar-wards.jsonl', answers, '--json']);
    expect(reference.code).toBe(0);
    const expected = (JSON.parse(reference.stdout) as { summary: Record<string, unknown> }).summary;
    expect((JSON.parse(ours.stdout) as { summary: Record<string, unknown> }).summary).toEqual(expected);
    expect(expected).toMatchObject({ questions: 11, by_kind: { ambiguous: '2/2' } });
    expect((await readFile(answers, 'utf8')).trim().split('\n')).toHaveLength(11);
  });

  it('prints the reference scorer’s line, then per kind (ambiguous apart), per variant and the failures', async () => {
    const answers = join(workDir, 'answers-readable.jsonl');
    const { code, stdout } = await run(MAIN, ['eval', 'eval/qa-similar-wards.jsonl', '--data', 'similar-wards', '--answers', answers]);
    expect(code).toBe(0);
    const referenceLine = (await run(REFERENCE, ['eval/qa-similar-wards.jsonl', answers])).stdout.trim().split('\n').at(-1);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`11 questions · ${referenceLine}`);
    expect(lines[0]).toContain('ambiguous asked back');
    expect(stdout).toMatch(/By kind:\n(  .+\n)*  ambiguous +\d+\/2 /);
    expect(stdout).toContain('By variant (answerable questions):\n');
    expect(stdout).toMatch(/Failures:\n  tanan-hn-02-expects-another-figure \[number\/plain\]/);
  });

  it('says in one line that a QA file does not exist', async () => {
    const { code, stdout, stderr } = await run(MAIN, ['eval', 'eval/missing.jsonl', '--data', 'similar-wards']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `Không tìm thấy tệp eval/missing.jsonl (file not found; looked for ${join(FIXTURES, 'eval/missing.jsonl')}) — kiểm tra đường dẫn; tệp mẫu / a sample: hoiphuong eval data/qa-sample.jsonl\n`,
    );
  });

  it.skipIf(!existsSync(SHARED_REFERENCE))('tests against an unchanged copy of the shared reference scorer', async () => {
    const copy = (await readFile(REFERENCE, 'utf8')).split('\n').slice(2).join('\n');
    expect(copy).toBe(await readFile(SHARED_REFERENCE, 'utf8'));
  });
});
