import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import type { SeenEvents } from '../../../src/core/ports.js';
import { createZaloOaRoute } from '../../../src/channels/zalo/oa-webhook.js';
import { ChannelStatus } from '../../../src/channels/channel-status.js';
import { createZaloCommand } from '../../../src/cli/zalo.js';
import { Readable } from 'node:stream';
import { sendOaEvent, startZaloStandIn, zaloOaSignature, type ZaloStandIn, type ZaloStandInOptions } from '../../support/zalo-stand-in.js';
import { answeredResult, fakeServices, keys, MemoryTokenStore, serveRoutes, zaloConfig } from './zalo-test-kit.js';
import type { AskResult, Question } from '../../../src/core/types.js';

const NOW = 1_760_000_000_000;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function textEvent(text: string, messageId: string, userId = '8411001', timestamp = String(NOW)) {
  return {
    app_id: keys.appId,
    user_id_by_app: '5522001',
    event_name: 'user_send_text',
    sender: { id: userId },
    recipient: { id: '1199001' },
    message: { text, msg_id: messageId },
    timestamp,
  };
}

async function start(
  options: {
    answer?: (question: Question) => AskResult;
    tokens?: MemoryTokenStore;
    standIn?: Partial<ZaloStandInOptions>;
    env?: Record<string, string>;
    now?: number;
    seenEvents?: SeenEvents;
  } = {},
) {
  const standIn: ZaloStandIn = await startZaloStandIn({
    appId: keys.appId,
    appSecretKey: keys.appSecretKey,
    accessToken: keys.accessToken,
    refreshToken: keys.refreshToken,
    botToken: keys.botToken,
    ...options.standIn,
  });
  cleanups.push(() => standIn.close());
  const config = zaloConfig(standIn.baseUrl, options.env);
  const fakes = fakeServices(options.answer, options.tokens, options.seenEvents);
  const log: string[] = [];
  const waits: number[] = [];
  const status = new ChannelStatus();
  const sleep = async (milliseconds: number) => void waits.push(milliseconds);
  const route = createZaloOaRoute({ config, services: fakes.services, log: (line) => log.push(line), now: () => options.now ?? NOW, waitAfterRateLimit: sleep, status });
  const http = await serveRoutes([route]);
  cleanups.push(() => http.close());
  const url = `${http.baseUrl}${config.zaloOa.webhookPath}`;
  const post = (event: Record<string, unknown> & { timestamp: string }, signature?: string | null) =>
    sendOaEvent(url, event, { appId: keys.appId, oaSecretKey: keys.oaSecretKey, ...(signature !== undefined ? { signature } : {}) });
  return { standIn, route, post, log, waits, status, ...fakes };
}

describe('Zalo OA webhook over real sockets', () => {
  it('answers a signed user_send_text as a reply to its msg_id (recipient.message_id) with the answer and a numbered list of sources, via /v3.0/oa/message/cs', async () => {
    const { standIn, route, post, asked } = await start();
    const response = await post(textEvent('Bí thư phường là ai?', 'msg-1'));
    expect(response.status).toBe(200);
    await route.idle();

    expect(standIn.oaMessages).toHaveLength(1);
    const sent = standIn.oaMessages[0]!;
    expect(sent).toMatchObject({ messageId: 'msg-1', accessToken: keys.accessToken });
    expect(sent.text).toContain('đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường.');
    expect(sent.text).toContain('Nguồn:\n1. Đại hội Đảng bộ phường nhiệm kỳ 2025–2030 (2025-08-15)\nhttps://example.org/bai-1\n2. Điểm tiếp nhận hồ sơ\nhttps://example.org/bai-2');
    const call = standIn.calls.find((entry) => entry.path === '/v3.0/oa/message/cs')!;
    expect(call.headers['content-type']).toContain('application/json');
    expect(JSON.parse(call.body)).toEqual({ recipient: { message_id: 'msg-1' }, message: { text: sent.text } });
    expect(asked).toEqual([{ text: 'Bí thư phường là ai?', channel: 'zalo-oa', userKey: 'zalo:8411001', conversationId: 'zalo-oa:zalo:8411001' }]);
  });

  it('rejects a wrong or missing signature with 401 and processes nothing', async () => {
    const { standIn, route, post, asked } = await start();
    expect((await post(textEvent('một', 'msg-a'), `mac=${'0'.repeat(64)}`)).status).toBe(401);
    expect((await post(textEvent('hai', 'msg-b'), null)).status).toBe(401);
    expect((await post(textEvent('ba', 'msg-c'), 'garbage')).status).toBe(401);
    await route.idle();
    expect(asked).toHaveLength(0);
    expect(standIn.oaMessages).toHaveLength(0);
  });

  it('rejects an event signed with another key and an event whose body was changed after signing', async () => {
    const { standIn, route, post, asked } = await start();
    const event = textEvent('Bí thư phường là ai?', 'msg-1');
    const otherKey = zaloOaSignature(keys.appId, JSON.stringify(event, null, 2), event.timestamp, 'another-oa-secret');
    expect((await post(event, otherKey)).status).toBe(401);
    const signedOriginal = zaloOaSignature(keys.appId, JSON.stringify(event, null, 2), event.timestamp, keys.oaSecretKey);
    expect((await post({ ...event, message: { ...event.message, text: 'Câu hỏi khác' } }, signedOriginal)).status).toBe(401);
    await route.idle();
    expect(asked).toHaveLength(0);
    expect(standIn.oaMessages).toHaveLength(0);
  });

  it('acknowledges a correctly signed event older than ZALO_OA_MAX_EVENT_AGE_SECONDS with 200 and drops it (a late retry after an outage)', async () => {
    const { standIn, route, post, asked, log } = await start({ env: { ZALO_OA_MAX_EVENT_AGE_SECONDS: '300' }, now: NOW + 301_000 });
    expect((await post(textEvent('Bí thư phường là ai?', 'msg-old'))).status).toBe(200);
    await route.idle();
    expect(asked).toHaveLength(0);
    expect(standIn.oaMessages).toHaveLength(0);
    expect(log.join('\n')).toContain('dropped a signed event older than 300 s');
  });

  it('answers an event redelivered after a restart only once, the handled events being kept in the store', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'hoiphuong-seen-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const path = join(folder, 'store.sqlite');
    const event = textEvent('Bí thư phường là ai?', 'msg-before-restart');
    const withoutId = { ...textEvent('Giờ làm việc?', ''), message: { text: 'Giờ làm việc?' } };
    for (const run of ['before', 'after']) {
      const store = SqliteStore.open({ path, pinMatchThreshold: 0.8 });
      const tokens = new MemoryTokenStore();
      const { standIn, route, post, asked } = await start({ tokens, seenEvents: store.seenEvents });
      expect((await post(event)).status).toBe(200);
      expect((await post(withoutId)).status).toBe(200);
      expect((await post(withoutId)).status).toBe(200);
      await route.idle();
      expect(asked.map((question) => question.text)).toEqual(run === 'before' ? ['Bí thư phường là ai?', 'Giờ làm việc?'] : []);
      expect(standIn.oaMessages).toHaveLength(run === 'before' ? 2 : 0);
      store.close();
    }
  });

  it('replies to a text without msg_id by user_id, once per sender, timestamp and text', async () => {
    const { standIn, route, post, asked } = await start();
    const withoutId = { ...textEvent('Giờ làm việc?', ''), message: { text: 'Giờ làm việc?' } };
    await post(withoutId);
    await post(withoutId);
    await post({ ...withoutId, timestamp: String(NOW + 1000) });
    await route.idle();
    expect(asked).toHaveLength(2);
    expect(standIn.oaMessages.map((sent) => sent.userId)).toEqual(['8411001', '8411001']);
  });

  it('answers a duplicated msg_id only once when Zalo retries the delivery', async () => {
    const { standIn, route, post, asked } = await start();
    const event = textEvent('Bí thư phường là ai?', 'msg-dup');
    expect((await post(event)).status).toBe(200);
    expect((await post(event)).status).toBe(200);
    await route.idle();
    expect(asked).toHaveLength(1);
    expect(standIn.oaMessages).toHaveLength(1);
  });

  it('welcomes a new follower and ignores other events without error', async () => {
    const { standIn, route, post, asked } = await start();
    const follow = { app_id: keys.appId, oa_id: '1199001', event_name: 'follow', follower: { id: '8411002' }, timestamp: String(NOW) };
    expect((await post(follow)).status).toBe(200);
    const seen = { app_id: keys.appId, event_name: 'user_seen_message', sender: { id: '1199001' }, recipient: { id: '8411002' }, message: { msg_ids: ['x'] }, timestamp: String(NOW) };
    expect((await post(seen)).status).toBe(200);
    const image = { ...textEvent('', 'msg-img'), event_name: 'user_send_image' };
    expect((await post(image)).status).toBe(200);
    await route.idle();
    expect(asked).toHaveLength(0);
    expect(standIn.oaMessages).toHaveLength(1);
    expect(standIn.oaMessages[0]).toMatchObject({ userId: '8411002' });
    expect(standIn.oaMessages[0]!.text).toMatch(/^Xin chào! Tôi là Hỏi Phường/);
    expect(standIn.oaMessages[0]!.text).toContain('👍');
  });

  it('refreshes the token on -216, saves the new pair before using it, and retries the send with the new token', async () => {
    const tokens = new MemoryTokenStore();
    const sendsAtSave: number[] = [];
    const save = tokens.saveTokens.bind(tokens);
    tokens.saveTokens = async (name, pair) => {
      if (name === 'zalo-oa') sendsAtSave.push(standIn.oaSendAttempts.length);
      await save(name, pair);
    };
    const started = await start({ tokens, standIn: { accessToken: 'access-token-issued-elsewhere' } });
    const { route, post, log } = started;
    const standIn = started.standIn;

    expect((await post(textEvent('Bí thư phường là ai?', 'msg-1'))).status).toBe(200);
    await route.idle();

    expect(standIn.refreshes).toEqual([
      { secretKey: keys.appSecretKey, form: { refresh_token: keys.refreshToken, app_id: keys.appId, grant_type: 'refresh_token' } },
    ]);
    expect(tokens.saved.filter((entry) => entry.name === 'zalo-oa')).toEqual([
      { name: 'zalo-oa', tokens: { accessToken: 'access-token-2', refreshToken: 'refresh-token-2', expiresAt: new Date(NOW + 90_000_000).toISOString() } },
    ]);
    expect(sendsAtSave).toEqual([1]);
    expect(standIn.oaSendAttempts).toEqual([
      { accessToken: keys.accessToken, accepted: false },
      { accessToken: 'access-token-2', accepted: true },
    ]);

    expect((await post(textEvent('Hỏi tiếp', 'msg-2'))).status).toBe(200);
    await route.idle();
    expect(standIn.refreshes).toHaveLength(1);
    expect(standIn.oaMessages.map((sent) => sent.accessToken)).toEqual(['access-token-2', 'access-token-2']);
    const secrets = [keys.accessToken, keys.refreshToken, keys.appSecretKey, keys.oaSecretKey, 'access-token-2', 'refresh-token-2'];
    for (const line of log) for (const secret of secrets) expect(line).not.toContain(secret);
  });

  it('shares one refresh between replies that hit -216 at the same time (the refresh token is single-use)', async () => {
    const { standIn, route, post, tokens } = await start({ standIn: { accessToken: 'access-token-issued-elsewhere' } });
    await Promise.all([post(textEvent('một', 'msg-1', 'u1')), post(textEvent('hai', 'msg-2', 'u2')), post(textEvent('ba', 'msg-3', 'u3'))]);
    await route.idle();
    expect(standIn.refreshes).toHaveLength(1);
    expect(tokens.saved.filter((entry) => entry.name === 'zalo-oa')).toHaveLength(1);
    expect(standIn.oaMessages.map((sent) => sent.messageId).sort()).toEqual(['msg-1', 'msg-2', 'msg-3']);
  });

  it('retries only once and logs a clear line when the refreshed token is rejected too', async () => {
    const { standIn, route, post, log } = await start({ standIn: { rejectAllAccessTokens: true } });
    expect((await post(textEvent('Bí thư phường là ai?', 'msg-1'))).status).toBe(200);
    await route.idle();
    expect(standIn.oaSendAttempts).toHaveLength(2);
    expect(standIn.refreshes).toHaveLength(1);
    expect(log.join('\n')).toMatch(/reply not sent: Zalo rejected the freshly refreshed OA access token too \(error -216\)/);
  });

  it('logs why when Zalo refuses the refresh (a spent refresh token), and sends nothing', async () => {
    const { standIn, route, post, log, tokens } = await start({ standIn: { accessToken: 'access-token-issued-elsewhere', refreshToken: 'refresh-token-spent-elsewhere' } });
    await post(textEvent('Bí thư phường là ai?', 'msg-1'));
    await route.idle();
    expect(standIn.oaMessages).toHaveLength(0);
    expect(tokens.saved.filter((entry) => entry.name === 'zalo-oa')).toHaveLength(0);
    expect(log.join('\n')).toContain('reply not sent: Zalo refused to refresh the OA access token (error -14014: Invalid refresh token)');
  });

  it('resumes replies, in the running server, after `hoiphuong zalo tokens set` installs a new pair into a broken chain', async () => {
    const { standIn, route, post, log, tokens } = await start({ standIn: { accessToken: 'access-reauthorised', refreshToken: 'refresh-reauthorised' } });
    await post(textEvent('Bí thư phường là ai?', 'msg-1'));
    await route.idle();
    expect(standIn.oaMessages).toHaveLength(0);
    expect(log.join('\n')).toContain('Zalo refused to refresh the OA access token');

    const out: string[] = [];
    const command = createZaloCommand({ openStore: () => ({ tokens, close: () => {} }), now: () => NOW });
    const code = await command(['tokens', 'set'], {
      config: zaloConfig(standIn.baseUrl),
      stdout: { write: (text: string) => out.push(text) } as unknown as NodeJS.WritableStream,
      stderr: process.stderr,
      stdin: Readable.from(['access-reauthorised\nrefresh-reauthorised\n']),
    });
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/Installed the new Zalo OA token pair \(access …ised \(19 characters\)\)/);
    expect(out.join('')).not.toContain('access-reauthorised');

    await post(textEvent('Chủ tịch phường là ai?', 'msg-2'));
    await route.idle();
    expect(standIn.oaMessages.map((sent) => [sent.messageId, sent.accessToken])).toEqual([['msg-2', 'access-reauthorised']]);
    expect(standIn.refreshes).toHaveLength(1);
    expect(await tokens.loadTokens('zalo-oa')).toEqual({ accessToken: 'access-reauthorised', refreshToken: 'refresh-reauthorised', expiresAt: new Date(NOW + 90_000_000).toISOString() });
  });

  it('starts from the stored token pair rather than the configured one', async () => {
    const tokens = new MemoryTokenStore({ 'zalo-oa': { accessToken: 'stored-access', refreshToken: 'stored-refresh' } });
    const { standIn, route, post } = await start({ tokens, standIn: { accessToken: 'stored-access', refreshToken: 'stored-refresh' } });
    await post(textEvent('Bí thư phường là ai?', 'msg-1'));
    await route.idle();
    expect(standIn.oaMessages.map((sent) => sent.accessToken)).toEqual(['stored-access']);
    expect(standIn.refreshes).toHaveLength(0);
  });

  it('resumes replies with new tokens put in .env after the stored chain broke, without spending a refresh', async () => {
    // The stored pair is dead (its refresh token was spent by a staging copy); the operator re-authorised the OA and
    // put the new pair in .env, as the error message says.
    const tokens = new MemoryTokenStore({
      'zalo-oa': { accessToken: 'dead-access', refreshToken: 'spent-refresh' },
      'zalo-oa:env': { accessToken: 'first-env-access', refreshToken: 'first-env-refresh' },
    });
    const { standIn, route, post, log } = await start({ tokens, standIn: { accessToken: 'new-env-access', refreshToken: 'new-env-refresh' } , env: { ZALO_OA_ACCESS_TOKEN: 'new-env-access', ZALO_OA_REFRESH_TOKEN: 'new-env-refresh' } });
    await post(textEvent('Bí thư phường là ai?', 'msg-1'));
    await route.idle();
    expect(standIn.oaMessages.map((sent) => sent.accessToken)).toEqual(['new-env-access']);
    expect(standIn.refreshes).toHaveLength(0);
    expect(await tokens.loadTokens('zalo-oa')).toEqual({ accessToken: 'new-env-access', refreshToken: 'new-env-refresh' });
    expect(log.join('\n')).toContain('in .env changed: using the new pair');
  });

  it('keeps the stored pair while .env still holds the pair it was seeded from', async () => {
    const tokens = new MemoryTokenStore({
      'zalo-oa': { accessToken: 'stored-access', refreshToken: 'stored-refresh' },
      'zalo-oa:env': { accessToken: keys.accessToken, refreshToken: keys.refreshToken },
    });
    const { standIn, route, post } = await start({ tokens, standIn: { accessToken: 'stored-access', refreshToken: 'stored-refresh' } });
    await post(textEvent('Bí thư phường là ai?', 'msg-1'));
    await route.idle();
    expect(standIn.oaMessages.map((sent) => sent.accessToken)).toEqual(['stored-access']);
  });

  it('refreshes ahead of the stored expiry instead of waiting for Zalo to reject the token', async () => {
    const tokens = new MemoryTokenStore({
      'zalo-oa': { accessToken: keys.accessToken, refreshToken: keys.refreshToken, expiresAt: new Date(NOW + 60_000).toISOString() },
      'zalo-oa:env': { accessToken: keys.accessToken, refreshToken: keys.refreshToken },
    });
    const { standIn, route, post } = await start({ tokens });
    await post(textEvent('Bí thư phường là ai?', 'msg-1'));
    await route.idle();
    expect(standIn.refreshes).toHaveLength(1);
    expect(standIn.oaSendAttempts).toEqual([{ accessToken: 'access-token-2', accepted: true }]);
  });

  it('refreshes on error -220 (access token expired or removed) as on -216', async () => {
    const { standIn, route, post } = await start({ standIn: { accessToken: 'access-token-issued-elsewhere', staleTokenError: -220 } });
    await post(textEvent('Bí thư phường là ai?', 'msg-1'));
    await route.idle();
    expect(standIn.refreshes).toHaveLength(1);
    expect(standIn.oaMessages.map((sent) => sent.accessToken)).toEqual(['access-token-2']);
  });

  it('drops a reply Zalo refuses with -230 (user silent for 7 days), explaining the code once, not at every reply', async () => {
    const { standIn, route, post, log } = await start();
    standIn.failNextSends(-230, -230);
    await post(textEvent('Bí thư phường là ai?', 'msg-1'));
    await post(textEvent('Chủ tịch phường là ai?', 'msg-2'));
    await route.idle();
    expect(standIn.oaMessages).toHaveLength(0);
    expect(standIn.refreshes).toHaveLength(0);
    const explained = log.filter((line) => line.includes('-230'));
    expect(explained).toEqual([expect.stringMatching(/not messaged the OA in the last 7 days/)]);
    expect(log.filter((line) => line.includes('reply not sent'))).toEqual([]);
  });

  it('waits and retries a send Zalo rate-limits (-32), with doubling waits, saying once what the code means', async () => {
    const { standIn, route, post, log, waits, status } = await start();
    standIn.failNextSends(-32, -32);
    await post(textEvent('Bí thư phường là ai?', 'msg-1'));
    await route.idle();
    expect(waits).toEqual([30_000, 60_000]);
    expect(standIn.oaMessages.map((sent) => sent.messageId)).toEqual(['msg-1']);
    expect(log.filter((line) => /rate-limiting/.test(line))).toHaveLength(1);
    expect(status.state()).toBe('on');
  });

  it('reports the channel failing, with the reason, when a reply cannot be sent, and on again once one is', async () => {
    const { standIn, route, post, status } = await start();
    standIn.failNextSends(-32, -32, -32);
    await post(textEvent('Bí thư phường là ai?', 'msg-1'));
    await route.idle();
    expect(status.state()).toMatch(/^failing: Zalo did not accept the OA message \(error -32: Request exceeded limit\)/);
    await post(textEvent('Chủ tịch phường là ai?', 'msg-2'));
    await route.idle();
    expect(status.state()).toBe('on');
    expect(status.reconnects()).toBe(1);
  });

  it('splits a long answer into texts of at most 2,000 characters at sentence boundaries', async () => {
    const sentences = Array.from({ length: 60 }, (_, index) => `Câu số ${index + 1} nói về thủ tục hành chính tại phường, theo đúng nội dung bài viết đã đăng tải.`);
    const { standIn, route, post } = await start({ answer: (question) => answeredResult(question.text, { answer: sentences.join(' ') }) });
    await post(textEvent('Thủ tục thế nào?', 'msg-long'));
    await route.idle();
    const texts = standIn.oaMessages.map((sent) => sent.text);
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(2000);
    for (const text of texts.slice(0, -1)) expect(text.endsWith('đăng tải.')).toBe(true);
    expect(texts.join(' ')).toContain(sentences.join(' '));
    expect(texts.at(-1)).toContain('Nguồn:\n1. Đại hội Đảng bộ phường');
  });

  it('records a 👍 sent right after an answer as feedback on that answer, and thanks the user', async () => {
    const { standIn, route, post, feedback, asked } = await start();
    await post(textEvent('Bí thư phường là ai?', 'msg-1'));
    await route.idle();
    await post(textEvent('👍', 'msg-2'));
    await route.idle();
    expect(asked).toHaveLength(1);
    expect(feedback).toEqual([{ answerId: 'answer-1', vote: 'up', userKey: 'zalo:8411001', channel: 'zalo-oa' }]);
    expect(standIn.oaMessages.at(-1)!.text).toMatch(/^Cảm ơn bạn đã góp ý/);
  });
});

describe('Zalo OA webhook on two replicas sharing one token store', () => {
  it('uses the pair another replica refreshed instead of spending the single-use refresh token again', async () => {
    const standIn = await startZaloStandIn({ appId: keys.appId, appSecretKey: keys.appSecretKey, accessToken: keys.accessToken, refreshToken: keys.refreshToken, botToken: keys.botToken });
    cleanups.push(() => standIn.close());
    const config = zaloConfig(standIn.baseUrl);
    // The stored pair expires soon: the replica whose clock says so refreshes it ahead of time.
    const tokens = new MemoryTokenStore({ 'zalo-oa': { accessToken: keys.accessToken, refreshToken: keys.refreshToken, expiresAt: new Date(NOW + 3_600_000).toISOString() } });
    const replica = async (now: number) => {
      const route = createZaloOaRoute({ config, services: fakeServices(undefined, tokens).services, log: () => {}, now: () => now });
      const http = await serveRoutes([route]);
      cleanups.push(() => http.close());
      const post = (event: Record<string, unknown> & { timestamp: string }) =>
        sendOaEvent(`${http.baseUrl}${config.zaloOa.webhookPath}`, event, { appId: keys.appId, oaSecretKey: keys.oaSecretKey });
      return { route, post };
    };
    const first = await replica(NOW);
    const second = await replica(NOW + 3_590_000);
    await first.post(textEvent('một', 'msg-1', 'u1'));
    await first.route.idle();
    await second.post(textEvent('hai', 'msg-2', 'u2', String(NOW + 3_590_000)));
    await second.route.idle();
    await first.post(textEvent('ba', 'msg-3', 'u3'));
    await first.route.idle();
    expect(standIn.refreshes).toHaveLength(1);
    expect(standIn.oaMessages.map((sent) => [sent.messageId, sent.accessToken])).toEqual([
      ['msg-1', keys.accessToken],
      ['msg-2', 'access-token-2'],
      ['msg-3', 'access-token-2'],
    ]);
  });
});
