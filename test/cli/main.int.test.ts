import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../src/core/types.js';
import { startDiscordStandIn } from '../support/discord-stand-in.js';

// The built CLI (npm test builds first), run as a child process the way a user runs it: exit codes, stdout, stderr, pipes.
const CLI = 'dist/src/cli/main.js';
const DATA = 'test/fixtures/cli-ward';
const COMMANDS = ['serve', 'ask', 'eval', 'ingest', 'pins', 'report', 'discord', 'zalo'];

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'hoiphuong-main-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, DATABASE_PATH: join(workDir, 'store.sqlite'), INDEX_DIR: join(workDir, 'index'), DATA_DIR: DATA, ...extra };
}

function runCli(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env: environment(options.env) }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? '');
  });
}

/** Runs a shell pipeline, with `hoiphuong` standing for the built CLI. */
function runPipeline(pipeline: string, env: Record<string, string> = {}): Promise<Run> {
  const command = pipeline.replaceAll('hoiphuong', `"${process.execPath}" ${CLI}`);
  return new Promise((resolve) => {
    execFile('sh', ['-c', command], { env: environment(env) }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at |Unexpected error|place it at the end/);

describe('hoiphuong --help and --version', () => {
  it.each(COMMANDS)('%s --help prints usage, options and an example with exit code 0', async (command) => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await runCli([command, flag]);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^Usage:/);
      expect(stdout).toContain('--help');
      expect(stdout).toMatch(/Example:\n {2}\S/);
    }
  });

  it('answers --help even after other options, and "help COMMAND" too', async () => {
    expect(await runCli(['report', '--json', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('--since DATE') });
    expect(await runCli(['help', 'pins'])).toMatchObject({ code: 0, stdout: expect.stringContaining('--review-by') });
  });

  it('lists every command and option in the top-level help', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const command of COMMANDS) expect(stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
    for (const option of ['--json', '--place', '--data', '--index', '--port', '--limit', '--since', '--lang', '--review-by', '--alt', '--source', '--by', '--version']) {
      expect(stdout).toContain(option);
    }
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(await runCli([flag])).toEqual({ code: 0, stdout: `hoiphuong ${version}\n`, stderr: '' });
  });

  it('shows the help on stderr with exit code 2 when no command is given, and one line for an unknown command', async () => {
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain('Usage: hoiphuong <command>');
    const unknown = await runCli(['serch']);
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: 'Không có lệnh "serch" (unknown command) — xem / see: hoiphuong --help\n' });
  });
});

describe('hoiphuong errors a user can cause', () => {
  it('says a QA file does not exist and points at the sample that ships with the repository', async () => {
    const { code, stdout, stderr } = await runCli(['eval', '../khong-co/qa-dev.jsonl']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `Không tìm thấy tệp ../khong-co/qa-dev.jsonl (file not found; looked for ${resolve('../khong-co/qa-dev.jsonl')}) — kiểm tra đường dẫn; tệp mẫu / a sample: hoiphuong eval data/qa-sample.jsonl\n`,
    );
  });

  it('names an unknown option and the help to read, in one line', async () => {
    for (const command of ['eval', 'serve', 'ask', 'ingest']) {
      const { code, stderr } = await runCli([command, '--bogus']);
      expect(code).toBe(2);
      expect(stderr).toBe(`Unknown option '--bogus' — xem / see: hoiphuong ${command} --help\n`);
    }
  });

  it('stops only the commands that use a malformed setting: PORT=abc stops serve, not ask', async () => {
    const asked = await runCli(['ask', 'Bí thư Đảng ủy xã Nậm Thử là ai?'], { env: { PORT: 'abc' } });
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain('Lò Văn Sơn');
    expect(asked.stderr).not.toContain('PORT');
    const served = await runCli(['serve'], { env: { PORT: 'abc' } });
    expect(served.code).toBe(2);
    expect(served.stderr).toContain('PORT="abc" must be a number from 0 to 65535, e.g. PORT=3000');
    noStackTrace(served.stderr);
    const reported = await runCli(['report'], { env: { TZ: 'Mars/Olympus' } });
    expect(reported.code).toBe(2);
    expect(reported.stderr).toContain('TZ="Mars/Olympus" is not a time zone');
    expect((await runCli(['ingest'], { env: { TZ: 'Mars/Olympus' } })).code).toBe(0);
  });

  it('says which port is in use and how to choose another', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as AddressInfo;
    try {
      const { code, stderr } = await runCli(['serve'], { env: { PORT: String(port) } });
      expect(code).toBe(2);
      expect(stderr).toContain(`Cổng ${port} đang bận (port ${port} is in use) — đặt PORT=${port + 1} trong .env hoặc chạy hoiphuong serve --port ${port + 1}`);
      noStackTrace(stderr);
    } finally {
      blocker.close();
    }
  });

  it('refuses a --port that is not a port', async () => {
    const { code, stderr } = await runCli(['serve', '--port', 'abc']);
    expect(code).toBe(2);
    expect(stderr).toBe('--port "abc" không phải số cổng (not a port) — dùng số từ 0 đến 65535, ví dụ --port 3000\n');
  });

  it('warns at start-up when DEFAULT_PLACE names no indexed place, listing the places it knows', async () => {
    const { code, stderr } = await runCli(['ask', 'Bí thư là ai?'], { env: { DEFAULT_PLACE: 'xã Không Có, tỉnh Mẫu Sơn' } });
    expect(code).toBe(0);
    expect(stderr).toContain('Cảnh báo: DEFAULT_PLACE="xã Không Có, tỉnh Mẫu Sơn" không khớp địa phương nào trong các bài viết (names no indexed place)');
    expect(stderr).toContain('Các địa phương đã có (known places): xã Nậm Thử, tỉnh Mẫu Sơn.');
    const known = await runCli(['ask', 'Bí thư là ai?'], { env: { DEFAULT_PLACE: 'xã Nậm Thử' } });
    expect(known.stderr).not.toContain('Cảnh báo');
  });
});

describe('hoiphuong zalo tokens', () => {
  it('installs a new OA token pair read from stdin, shows it masked, and refuses a pair with one token missing', async () => {
    const env = { DATABASE_PATH: join(workDir, 'zalo-tokens.sqlite') };
    const none = await runCli(['zalo', 'tokens', 'show'], { env });
    expect(none).toMatchObject({ code: 0, stdout: expect.stringMatching(/^No Zalo OA tokens stored/) });

    const set = await runCli(['zalo', 'tokens', 'set', '--expires-in', '3600'], { env, input: 'AT-new-access-token-1234\nRT-new-refresh-token-5678\n' });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('Installed the new Zalo OA token pair (access …1234 (24 characters))');

    const shown = await runCli(['zalo', 'tokens', 'show'], { env });
    expect(shown.stdout).toMatch(/access …1234 \(24 characters\), refresh …5678 \(25 characters\), access token expires \d{4}-/);
    expect(shown.stdout + set.stdout).not.toContain('new-access-token');

    const half = await runCli(['zalo', 'tokens', 'set', '--access-token', 'only-one'], { env });
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/^Give both tokens of the new pair/);
    const unknown = await runCli(['zalo', 'token'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Không có lệnh "zalo token"/);
  });
});

describe('hoiphuong and credentials an upstream echoes', () => {
  it('prints Discord’s refusal without the token it echoed', async () => {
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.echoed-token-abcdefghijklmnop';
    const discord = await startDiscordStandIn({ applicationId: '900000000000000001', bot: { id: '900000000000000002', username: 'hoiphuong' }, guild: { id: '1', name: 'G', channels: [] } });
    try {
      discord.failNext('PUT', /commands$/, 403, { message: `Missing Access for Bot ${token}`, code: 50001 });
      const run = await runCli(['discord', 'register'], { env: { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: '900000000000000001', DISCORD_API_URL: discord.apiUrl } });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^Discord refused the commands: Missing Access for Bot \*\*\*/);
      expect(run.stderr + run.stdout).not.toContain('echoed-token');
      noStackTrace(run.stderr);
    } finally {
      await discord.close();
    }
  });
});

describe('hoiphuong as a Unix tool', () => {
  it('ends quietly when the reader of its output goes away (pins list | head)', async () => {
    const lines = Array.from({ length: 1500 }, (_, index) =>
      JSON.stringify({ id: `pin-${index}`, question: `Câu hỏi số ${index} về lịch tiếp công dân của xã?`, answer: 'Sáng thứ Năm hằng tuần tại trụ sở.'.repeat(4), citations: [] }),
    );
    const file = join(workDir, 'many-pins.jsonl');
    await writeFile(file, `${lines.join('\n')}\n`);
    const database = { DATABASE_PATH: join(workDir, 'pipe.sqlite') };
    expect((await runCli(['pins', 'import', file], { env: database })).code).toBe(0);
    const piped = await runPipeline('hoiphuong pins list | head -n 1', database);
    expect(piped.stdout).toMatch(/^pin-\d+ · 0 hits\n$/);
    expect(piped.stderr).toBe('');
    const jsonPiped = await runPipeline('hoiphuong pins list --json | head -c 10', database);
    expect(jsonPiped.stderr).toBe('');
  });

  it('eval runs a QA file and prints the scores', async () => {
    const { code, stdout } = await runCli(['eval', 'test/fixtures/cli-qa.jsonl']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^3 questions · /);
    expect(stdout).toMatch(/answerable 100\.0%/);
  });
});

describe('the answer a resident reads', () => {
  // Asked about the appointment, so the reader quotes the article (asked only "who is", the facts would answer).
  const question = 'Ai được chỉ định giữ chức Bí thư Đảng ủy xã Nậm Thử?';

  it('reads as a sentence on the command line and in JSON, while the quote stays verbatim', async () => {
    const json = JSON.parse((await runCli(['ask', '--json', question])).stdout) as AskResult;
    expect(json.citations[0]?.quote).toMatch(/^trong đó, đồng chí Lò Văn Sơn/);
    const article = readFileSync(join(DATA, 'xa-nam-thu-dai-hoi.md'), 'utf8');
    expect(article).toContain(json.citations[0]?.quote);
    expect(json.answer).toMatch(/^Đồng chí Lò Văn Sơn giữ chức Bí thư Đảng ủy xã.*\.$/);
    const text = await runCli(['ask', question]);
    expect(text.stdout).toMatch(/^Đồng chí Lò Văn Sơn/);
    expect(text.stdout).toContain('(20/08/2025)');
  });

  it('reads the same through the HTTP API of a running server', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { env: environment({ DATABASE_PATH: join(workDir, 'serve.sqlite') }) });
    try {
      let output = '';
      child.stdout.setEncoding('utf8');
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: string) => {
          output += chunk;
          const match = /is running at (http:\/\/\S+)/.exec(output);
          if (match) resolve(match[1] as string);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
      });
      expect(output).toContain('Index: 1 article, ');
      const response = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
      const result = (await response.json()) as AskResult;
      expect(result.answer).toMatch(/^Đồng chí Lò Văn Sơn/);
      expect(result.citations[0]?.quote).toMatch(/^trong đó, /);
    } finally {
      child.kill('SIGINT');
      await once(child, 'exit');
    }
  });
});

describe('the README', () => {
  it("names an eval example file that ships with the repository, and every line of it is a question", () => {
    const readme = readFileSync('README.md', 'utf8');
    const match = /npx hoiphuong eval (\S+\.jsonl)/.exec(readme);
    expect(match).not.toBeNull();
    const file = (match as RegExpExecArray)[1] as string;
    expect(existsSync(file)).toBe(true);
    for (const line of readFileSync(file, 'utf8').trim().split('\n')) expect(JSON.parse(line)).toHaveProperty('question');
  });
});
