import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_TOKEN } from '../../src/core/answer-prompt.js';
import { startOpenAIStandIn, type OpenAIStandIn, type StandInReply, type StandInRequestBody } from '../support/openai-stand-in.js';
import type { AskResult } from '../../src/core/types.js';

// Runs the built CLI (npm test builds first) against the stand-in, as `npx hoiphuong ask --json` would run against a
// self-hosted OpenAI-compatible server, one question per stdin line and one scripted model reply per question.
let standIn: OpenAIStandIn;
let workDir: string;
beforeAll(async () => {
  standIn = await startOpenAIStandIn();
  workDir = await mkdtemp(join(tmpdir(), 'hoiphuong-cli-llm-'));
});
afterAll(async () => {
  await standIn.close();
  await rm(workDir, { recursive: true, force: true });
});

function runCli(args: string[], input: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['dist/src/cli/main.js', ...args],
      {
        env: {
          PATH: process.env.PATH,
          DATABASE_PATH: join(workDir, 'store.sqlite'),
          // Set (even empty) so a developer's .env cannot switch on a real key or embedding model.
          OPENAI_API_KEY: '',
          OPENAI_EMBEDDING_MODEL: '',
          OPENAI_BASE_URL: standIn.baseURL,
          // Generous, so a slow first request on a busy machine is not retried into the next question's reply.
          OPENAI_TIMEOUT_MS: '10000',
          OPENAI_MAX_RETRIES: '1',
          ...env,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

/** A reply citing whichever numbered passage of the prompt holds `fact` (retrieval decides the numbering). */
function citing(fact: string, answer: (passage: string) => string): StandInReply {
  return {
    respond: (body: StandInRequestBody) => {
      const prompt = body.messages?.find((message) => message.role === 'user')?.content ?? '';
      const passage = [...prompt.matchAll(/<passage id="(\d+)"[^>]*>([\s\S]*?)<\/passage>/g)].find((match) => match[2]?.includes(fact))?.[1];
      return { content: answer(passage ?? '99') };
    },
  };
}

// Each question names the term ("nhiệm kỳ 2025-2030"), so the fact sheet leaves it to the model: what is tested here is
// the model's answer and the grounding gate.
const CASES: Array<{ name: string; question: string; reply: StandInReply | StandInReply[] }> = [
  { name: 'correct', question: 'Bí thư Đảng ủy phường An Hải nhiệm kỳ 2025-2030 là ai?', reply: citing('Chu Đức Anh', (n) => `Bí thư Đảng ủy phường An Hải là đồng chí Chu Đức Anh [${n}].`) },
  { name: 'missing passage', question: 'Ai là Bí thư Đảng ủy phường An Hải nhiệm kỳ 2025-2030?', reply: { content: 'Bí thư là đồng chí Chu Đức Anh [42].' } },
  { name: 'changed number', question: 'Đảng bộ phường An Hải nhiệm kỳ 2025-2030 có bao nhiêu đảng viên?', reply: citing('2.883', (n) => `Đảng bộ phường An Hải có 2.833 đảng viên [${n}].`) },
  {
    name: 'wrong language',
    question: 'Đảng bộ phường An Hải nhiệm kỳ 2025-2030 có bao nhiêu đảng viên?',
    reply: citing('2.883', (n) => `The Party Committee of the ward has 2.883 members, according to the article [${n}].`),
  },
  { name: 'refusal', question: 'Phường An Hải có bao nhiêu trường mầm non?', reply: { content: REFUSAL_TOKEN } },
  {
    name: '429 then success',
    question: 'Bí thư phường An Hải nhiệm kỳ 2025-2030 là ai?',
    reply: [{ status: 429, headers: { 'retry-after': '0' } }, citing('Chu Đức Anh', (n) => `Đồng chí Chu Đức Anh là Bí thư Đảng ủy phường An Hải [${n}].`)],
  },
  { name: '500', question: 'bi thu phuong an hai nhiem ky 2025-2030 la ai', reply: [{ status: 500, headers: { 'retry-after-ms': '0' } }, { status: 500, headers: { 'retry-after-ms': '0' } }] },
  { name: 'malformed JSON', question: 'Ai giữ chức Bí thư Đảng ủy phường An Hải nhiệm kỳ 2025-2030?', reply: { raw: '{"choices": [{"message": ' } },
];
const INDEX_ARGS = () => ['ask', '--json', '--data', 'data/articles', '--index', join(workDir, 'index')];

describe('npx hoiphuong ask --json in LLM mode', () => {
  it('shows mode and grounding for each scripted reply of the model', async () => {
    for (const testCase of CASES) standIn.replyToChat(...[testCase.reply].flat());
    const { code, stdout, stderr } = await runCli(INDEX_ARGS(), CASES.map((testCase) => testCase.question).join('\n'));
    expect(code, stderr).toBe(0);
    const results = stdout.trim().split('\n').map((line) => JSON.parse(line) as AskResult);
    const byName = Object.fromEntries(CASES.map((testCase, index) => [testCase.name, results[index]]));
    const summary = Object.fromEntries(
      Object.entries(byName).map(([name, result]) => [name, { answered: result?.answered, mode: result?.mode, grounding: result?.grounding?.status }]),
    );
    expect(summary).toEqual({
      correct: { answered: true, mode: 'generated', grounding: 'passed' },
      'missing passage': { answered: true, mode: 'extractive', grounding: 'failed' },
      'changed number': { answered: true, mode: 'extractive', grounding: 'failed' },
      'wrong language': { answered: true, mode: 'extractive', grounding: 'failed' },
      refusal: { answered: false, mode: 'generated', grounding: 'skipped' },
      '429 then success': { answered: true, mode: 'generated', grounding: 'passed' },
      '500': { answered: true, mode: 'extractive', grounding: 'error' },
      'malformed JSON': { answered: true, mode: 'extractive', grounding: 'error' },
    });
    expect(byName.correct).toMatchObject({ answer: 'Bí thư Đảng ủy phường An Hải là đồng chí Chu Đức Anh.', citations: [{ id: 'phuong-an-hai-dai-hoi-2025' }] });
    expect(byName['changed number']?.grounding?.unsupported).toEqual(['2.833']);
    expect(byName['changed number']?.answer).toContain('2.883');
    expect(byName['missing passage']?.grounding?.detail).toContain('[42]');
    expect(byName['wrong language']?.grounding?.detail).toMatch(/English/);
    expect(byName.refusal).toMatchObject({ reason: 'no-sources' });
    expect(byName['500']?.grounding).toMatchObject({ reason: 'upstream-server-error' });
    expect(byName['malformed JSON']?.grounding).toMatchObject({ reason: 'upstream-bad-reply' });
    expect(stderr).toMatch(/^\[llm\] .*status 500/m);
    expect(stderr).toMatch(/^\[llm\] .*not valid JSON/m);
    // One log line per failure on stderr, never a stack trace.
    expect(stderr.split('\n').filter((line) => line.startsWith('[llm]'))).toHaveLength(5);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('gives the offline answer when the model server holds its reply past OPENAI_TIMEOUT_MS', async () => {
    standIn.replyToChat({ hang: true });
    const { code, stdout, stderr } = await runCli(INDEX_ARGS(), 'Bí thư Đảng ủy phường An Hải nhiệm kỳ 2025-2030 tên gì?\n', { OPENAI_TIMEOUT_MS: '300', OPENAI_MAX_RETRIES: '0' });
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as AskResult;
    expect(result).toMatchObject({ answered: true, mode: 'extractive', grounding: { status: 'error' } });
    expect(result.answer).toContain('Chu Đức Anh');
    expect(result.grounding).toMatchObject({ reason: 'upstream-timeout' });
    expect(stderr).toMatch(/^\[llm\] .*within 300 ms/m);
  });
});
