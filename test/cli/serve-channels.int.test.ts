import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordStandIn } from '../support/discord-stand-in.js';
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
