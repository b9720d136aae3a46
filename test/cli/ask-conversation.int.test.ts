import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAskLine } from '../../src/cli/ask.js';
import type { AskResult } from '../../src/core/types.js';

// Runs the built CLI (npm test builds first) over the similar-wards fixtures, with a private index and database.
let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'hoiphuong-cli-conversation-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function runCli(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['dist/src/cli/main.js', 'ask', '--json', '--data', 'test/fixtures/similar-wards', ...args],
      { env: { PATH: process.env.PATH, DATABASE_PATH: join(workDir, 'store.sqlite'), INDEX_DIR: join(workDir, 'index') } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}
const results = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as AskResult);

describe('hoiphuong ask with conversations', () => {
  it('continues the dialogue a JSON stdin line names, and leaves plain lines standing alone', async () => {
    const input = [
      JSON.stringify({ conversation: 'c01', question: 'Bí thư Đảng ủy phường Tân An (Hà Nội) là ai?' }),
      JSON.stringify({ conversation: 'c02', question: 'Bí thư Đảng ủy phường Tân An là ai?' }),
      JSON.stringify({ conversation: 'c01', question: 'còn phó bí thư thì sao?' }),
      JSON.stringify({ conversation: 'c02', question: 'bên Cần Thơ ạ' }),
      'còn phó bí thư thì sao?',
    ].join('\n');
    const { code, stdout } = await runCli([], input);
    expect(code).toBe(0);
    const [first, ambiguous, followUp, clarified, alone] = results(stdout);
    expect(first?.answer).toContain('Trần Minh Khoa');
    expect(ambiguous).toMatchObject({ answered: false, reason: 'ambiguous-place' });
    expect(followUp?.answer).toContain('Lê Thu Hà');
    expect(clarified?.answer).toContain('Huỳnh Văn Tấn');
    expect(alone?.standaloneQuestion).toBeUndefined();
  });

  it('keeps an --conversation dialogue in the database between runs', async () => {
    const first = await runCli(['--conversation', 'toi', 'Bí thư Đảng ủy phường Tân An (Cần Thơ) là ai?']);
    expect(results(first.stdout)[0]?.answer).toContain('Huỳnh Văn Tấn');
    const second = await runCli(['--conversation', 'toi', 'còn phó bí thư thì sao?']);
    expect(results(second.stdout)[0]?.answer).toContain('Võ Thị Mai');
    const bad = await runCli(['--conversation', 'có dấu cách', 'Bí thư là ai?']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--conversation takes letters');
  });
});

describe('parseAskLine', () => {
  it('reads a dialogue line, and takes anything else as a plain question', () => {
    expect(parseAskLine('{"conversation": "c01", "question": " còn phó bí thư? "}')).toEqual({ conversation: 'c01', question: 'còn phó bí thư?' });
    expect(parseAskLine('{"question": "Bí thư là ai?"}')).toEqual({ question: 'Bí thư là ai?' });
    expect(parseAskLine('{không phải JSON')).toEqual({ question: '{không phải JSON' });
    expect(parseAskLine('Bí thư là ai?')).toEqual({ question: 'Bí thư là ai?' });
  });
});
