import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordStandIn } from '../support/discord-stand-in.js';
import { startOpenAIStandIn } from '../support/openai-stand-in.js';
import { sendOaEvent, startZaloStandIn } from '../support/zalo-stand-in.js';
import { keys } from '../channels/zalo/zalo-test-kit.js';

// Runs the built CLI (npm test builds first) as a deployment would, with Discord failing at start-up.
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A served process whose output can be awaited line by line. */
interface Served {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once `pattern` has appeared in stdout + stderr; rejects if the process exits first. */
  until(pattern: RegExp): Promise<void>;
}

async function serve(env: Record<string, string>): Promise<Served> {
  const workDir = await mkdtemp(join(tmpdir(), 'hoiphuong-serve-'));
  const child = spawn(process.execPath, ['dist/src/cli/main.js', 'serve', '--port', '0', '--data', 'test/fixtures/articles-mixed'], {
    env: { PATH: process.env.PATH, DATABASE_PATH: join(workDir, 'store.sqlite'), INDEX_DIR: join(workDir, 'index'), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(workDir, { recursive: true, force: true });
  });
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  const notify = () => waiters.splice(0).forEach((wake) => wake());
  child.stdout!.on('data', (chunk: Buffer) => ((out += chunk.toString('utf8')), notify()));
  child.stderr!.on('data', (chunk: Buffer) => ((err += chunk.toString('utf8')), notify()));
  child.on('exit', notify);
  const until = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(out + err)) return resolve();
        if (child.exitCode !== null) return reject(new Error(`serve exited with ${child.exitCode} before ${pattern}:\n${out}\n${err}`));
        waiters.push(check);
      };
      check();
    });
  return { child, stdout: () => out, stderr: () => err, until };
}

async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
}

async function zaloStandIn() {
  const standIn = await startZaloStandIn({ appId: keys.appId, appSecretKey: keys.appSecretKey, accessToken: keys.accessToken, refreshToken: keys.refreshToken, botToken: keys.botToken });
  cleanups.push(() => standIn.close());
  return {
    standIn,
    env: {
      ZALO_OA_APP_ID: keys.appId,
      ZALO_OA_SECRET_KEY: keys.oaSecretKey,
      ZALO_APP_SECRET_KEY: keys.appSecretKey,
      ZALO_OA_ACCESS_TOKEN: keys.accessToken,
      ZALO_OA_REFRESH_TOKEN: keys.refreshToken,
      ZALO_OA_API_BASE_URL: standIn.baseUrl,
      ZALO_OAUTH_BASE_URL: standIn.baseUrl,
    },
  };
}

const failures = {
  'Discord refuses the token': {
    api: async () => {
      const discord = await startDiscordStandIn({ applicationId: '900000000000000001', bot: { id: '900000000000000002', username: 'hoiphuong' }, guild: { id: '1', name: 'G', channels: [] } });
      cleanups.push(() => discord.close());
      discord.failNext('GET', /^\/gateway\/bot$/, 401, { message: '401: Unauthorized', code: 0 });
      return discord.apiUrl;
    },
    healthz: /^retrying: Discord refused DISCORD_TOKEN\./,
  },
  'Discord cannot be reached': {
    api: async () => `http://127.0.0.1:${await closedPort()}`,
    healthz: /^retrying: Could not log in to Discord at DISCORD_API_URL=/,
  },
};

describe('hoiphuong serve when Discord fails at start-up', () => {
  for (const [name, failure] of Object.entries(failures)) {
    it(`keeps the web API and the Zalo webhook answering when ${name}, and /healthz says why`, async () => {
      const zalo = await zaloStandIn();
      const served = await serve({ ...zalo.env, DISCORD_TOKEN: 'bad-token', DISCORD_APPLICATION_ID: '900000000000000001', DISCORD_API_URL: await failure.api() });
      await served.until(/Press Ctrl\+C to stop\./);
      await served.until(/\[discord\] not started: .*Retrying in the background/);
      const url = /Hỏi Phường is running at (http:\/\/\S+)/.exec(served.stdout())![1]!;

      const health = (await (await fetch(`${url}/healthz`)).json()) as { ok: boolean; discord: string };
      expect(health.ok).toBe(true);
      expect(health.discord).toMatch(failure.healthz);
      expect(served.stderr().match(/\[discord\] not started/g)).toHaveLength(1);

      const ask = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Lịch tiếp dân thế nào?' }) });
      expect(ask.status).toBe(200);

      const timestamp = String(Date.now());
      const event = { app_id: keys.appId, event_name: 'user_send_text', sender: { id: '8411001' }, recipient: { id: '1199001' }, message: { text: 'Lịch tiếp dân thế nào?', msg_id: 'msg-1' }, timestamp };
      expect((await sendOaEvent(`${url}/webhooks/zalo-oa`, event, { appId: keys.appId, oaSecretKey: keys.oaSecretKey })).status).toBe(200);
      await zalo.standIn.waitFor(() => zalo.standIn.oaMessages.length > 0);
      expect(zalo.standIn.oaMessages[0]).toMatchObject({ messageId: 'msg-1' });

      const after = (await (await fetch(`${url}/healthz`)).json()) as Record<string, string>;
      expect(after['zalo-oa']).toBe('on');
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toContain('hoiphuong_channel_up{channel="discord"} 0');
      expect(metrics).toContain('hoiphuong_channel_state{channel="discord",state="retrying"} 1');
      expect(metrics).toContain('hoiphuong_channel_up{channel="zalo-oa"} 1');
      expect(metrics).toMatch(/^hoiphuong_channel_reconnects_total\{channel="discord"\} [1-9]/m);
    });
  }
});

describe('hoiphuong serve with ZALO_DOMAIN_VERIFICATION', () => {
  it('serves the Zalo domain-verification file named by ZALO_DOMAIN_VERIFICATION', async () => {
    const served = await serve({ ZALO_DOMAIN_VERIFICATION: 'AbC123_x-9' });
    await served.until(/Press Ctrl\+C to stop\./);
    const url = /Hỏi Phường is running at (http:\/\/\S+)/.exec(served.stdout())![1]!;
    const file = await fetch(`${url}/zalo_verifierAbC123_x-9.html`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/html');
    expect(await file.text()).toContain('<meta property="zalo-platform-site-verification" content="AbC123_x-9" />');
    expect((await fetch(`${url}/zalo_verifierOTHER.html`)).status).toBe(404);
  });
});

describe('hoiphuong serve: logs, metrics and upstream errors', () => {
  const apiKey = 'sk-live-Ab3dEf6hIj9kLm2nOp5q';
  const internalUrl = 'http://admin:hunter2-internal@10.0.0.5:8000/v1';

  it('keeps a credential an upstream echoes out of every response and log line, and logs JSON lines with the channel and answer id', async () => {
    const openai = await startOpenAIStandIn();
    cleanups.push(() => openai.close());
    openai.replyToChat({ status: 500, body: { error: { message: `backend ${internalUrl} refused key ${apiKey} (Authorization: Bearer ${apiKey})`, type: 'server_error' } } });
    const served = await serve({ OPENAI_BASE_URL: openai.baseURL, OPENAI_API_KEY: apiKey, OPENAI_MAX_RETRIES: '0' });
    await served.until(/Press Ctrl\+C to stop\./);
    const url = /Hỏi Phường is running at (http:\/\/\S+)/.exec(served.stdout())![1]!;

    const response = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Phường Tổ Hợp Dấu thu được bao nhiêu tiền thuế?' }) });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(openai.requests.length).toBeGreaterThan(0);
    const answer = JSON.parse(text) as { answerId: string; grounding: { status: string; reason: string } };
    expect(answer.grounding).toMatchObject({ status: 'error', reason: 'upstream-server-error' });
    await served.until(/"msg":"answered"/);

    for (const output of [text, served.stdout(), served.stderr()]) {
      expect(output).not.toContain(apiKey);
      expect(output).not.toContain('hunter2-internal');
    }
    // The public answer names no upstream address either; the log may (the operator's own network).
    expect(text).not.toContain('10.0.0.5');
    expect(text).not.toContain('127.0.0.1');
    const lines = served.stderr().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.every((line) => typeof line.time === 'string' && typeof line.level === 'string' && typeof line.msg === 'string')).toBe(true);
    const failure = lines.find((line) => String(line.msg).startsWith('[llm]'));
    expect(failure).toMatchObject({ level: 'warn', component: 'llm', channel: 'http' });
    expect(String(failure?.msg)).toMatch(/status 500: 500 backend http:\/\/\*\*\*@10\.0\.0\.5/);
    expect(lines.find((line) => line.msg === 'answered')).toMatchObject({ channel: 'http', answerId: answer.answerId, mode: 'extractive', grounding: 'error' });
  });

  it('serves Prometheus metrics: requests by route and status, answers by mode and channel, refusals by reason, answer latency', async () => {
    const served = await serve({ LOG_FORMAT: 'text' });
    await served.until(/Press Ctrl\+C to stop\./);
    const url = /Hỏi Phường is running at (http:\/\/\S+)/.exec(served.stdout())![1]!;
    const ask = (question: string) => fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
    expect((await ask('Phường Tổ Hợp Dấu thu được bao nhiêu tiền thuế?')).status).toBe(200);
    expect((await ask('   ')).status).toBe(400);
    const refused = (await (await ask('Sân bay quốc tế gần nhất ở đâu?')).json()) as { answered: boolean; reason: string };
    expect(refused.answered).toBe(false);
    await fetch(`${url}/no-such-page-${'x'.repeat(50)}`);

    const response = await fetch(`${url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = await response.text();
    expect(metrics).toContain('hoiphuong_http_requests_total{method="POST",route="/api/ask",status="200"} 2');
    expect(metrics).toContain('hoiphuong_http_requests_total{method="POST",route="/api/ask",status="400"} 1');
    expect(metrics).toContain('hoiphuong_http_requests_total{method="GET",route="other",status="404"} 1');
    expect(metrics).not.toContain('no-such-page');
    expect(metrics).toMatch(/^hoiphuong_answers_total\{channel="http",mode="extractive"\} 1$/m);
    expect(metrics).toContain(`hoiphuong_refusals_total{channel="http",reason="${refused.reason}"} 1`);
    expect(metrics).toMatch(/^hoiphuong_answer_duration_seconds_count\{channel="http"\} 2$/m);
    expect(metrics).toMatch(/^hoiphuong_process_resident_memory_bytes \d+/m);
    // LOG_FORMAT=text: the answer line is plain, with its fields.
    expect(served.stderr()).toMatch(/^answered channel=http answerId=\S+ mode=extractive/m);
  });
});
