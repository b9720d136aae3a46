import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../src/core/types.js';

// Runs the built CLI (npm test builds first) as a user would, with a private index and database.
let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'hoiphuong-cli-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function runCli(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['dist/src/cli/main.js', ...args],
      { env: { PATH: process.env.PATH, DATABASE_PATH: join(workDir, 'store.sqlite'), INDEX_DIR: join(workDir, 'index') } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

describe('hoiphuong ask --json', () => {
  it('answers one question as one JSON object with a citation', async () => {
    const { code, stdout } = await runCli(['ask', '--json', '--data', 'data/articles', 'Bí thư phường An Hải là ai?']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as AskResult;
    expect(result).toMatchObject({ question: 'Bí thư phường An Hải là ai?', answered: true, mode: 'extractive' });
    expect(result.answer).toContain('Chu Đức Anh');
    expect(result.citations[0]).toMatchObject({ id: 'phuong-an-hai-dai-hoi-2025', published: '2025-08-15' });
    expect(result.citations[0]?.url).toMatch(/^https?:\/\//);
  });

  it('reads questions from stdin and prints one JSON line each, in order', async () => {
    const questions = ['bi thu phuong an hai la ai', 'Ai là chủ tịch nước Pháp?', 'dan so phuong hoa binh hai phong la bao nhieu'];
    const { code, stdout } = await runCli(['ask', '--json'], `${questions.join('\n')}\n`);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as AskResult);
    expect(lines.map((line) => line.question)).toEqual(questions);
    expect(lines[0]?.answered).toBe(true);
    expect(lines[1]?.answered).toBe(false);
    expect(lines[2]?.answer).toContain('47.168');
  });

  it('prints a readable answer with numbered sources without --json', async () => {
    const { stdout } = await runCli(['ask', 'Đảng bộ phường An Hải có bao nhiêu đảng viên?']);
    expect(stdout).toContain('2.883');
    expect(stdout).toMatch(/Nguồn:\n\s+\[1\] /);
  });

  it('says what is wrong with a bad flag instead of a stack trace', async () => {
    const { code, stderr } = await runCli(['ask', '--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain('hoiphuong ask --help');
    expect(stderr).not.toContain('    at ');
  });
});
