import { afterEach, describe, expect, it } from 'vitest';
import { startZaloBotPolling } from '../../../src/channels/zalo/bot-polling.js';
import { startZaloStandIn } from '../../support/zalo-stand-in.js';
import { fakeServices, keys, zaloConfig } from './zalo-test-kit.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function textUpdate(text: string, messageId: string) {
  return {
    event_name: 'message.text.received',
    message: { message_id: messageId, from: { id: '7700001', is_bot: false }, chat: { id: 'chat-77', chat_type: 'PRIVATE' }, date: 1, text },
  };
}

async function start(now: () => number = () => 0) {
  const standIn = await startZaloStandIn({ appId: keys.appId, appSecretKey: keys.appSecretKey, accessToken: keys.accessToken, refreshToken: keys.refreshToken, botToken: keys.botToken });
  cleanups.push(() => standIn.close());
  const config = zaloConfig(standIn.baseUrl, { ZALO_BOT_MODE: 'polling' });
  const fakes = fakeServices();
  const log: string[] = [];
  const sleeps: number[] = [];
  const controller = new AbortController();
  const polling = startZaloBotPolling({
    config,
    services: fakes.services,
    log: (line) => log.push(line),
    signal: controller.signal,
    now,
    sleep: async (milliseconds) => {
      sleeps.push(milliseconds);
    },
  });
  cleanups.push(async () => {
    controller.abort();
    await polling;
  });
  const sentMessages = () => standIn.botCalls.filter((call) => call.method === 'sendMessage');
  return { standIn, controller, polling, log, sleeps, sentMessages, ...fakes };
}

describe('Zalo Bot Platform polling over real sockets', () => {
  it('long-polls getUpdates with timeout "30" and answers the update it returns wrapped in {ok, result}', async () => {
    const { standIn, sentMessages, controller, polling, asked } = await start();
    standIn.queuePoll({ ok: true, result: textUpdate('Bí thư phường là ai?', 'p-1') });
    await standIn.waitFor(() => sentMessages().length === 1);
    controller.abort();
    await polling;
    expect(standIn.botCalls[0]).toEqual({ method: 'getUpdates', body: { timeout: '30' } });
    expect(standIn.botCalls.find((call) => call.method === 'sendChatAction')?.body).toEqual({ chat_id: 'chat-77', action: 'typing' });
    expect(String(sentMessages()[0]!.body.text)).toContain('Nguồn:\n1. Đại hội Đảng bộ phường');
    expect(asked).toEqual([{ text: 'Bí thư phường là ai?', channel: 'zalo-bot', userKey: 'zalo:7700001', conversationId: 'zalo-bot:zalo:7700001' }]);
  });

  it('accepts a bare update from getUpdates too', async () => {
    const { standIn, sentMessages } = await start();
    standIn.queuePoll(textUpdate('Bí thư phường là ai?', 'p-2'));
    await standIn.waitFor(() => sentMessages().length === 1);
    expect(sentMessages()[0]!.body).toMatchObject({ chat_id: 'chat-77' });
  });

  it('treats a 408 as "no update yet": no error, no back-off, only a short pause when it came back at once', async () => {
    const { standIn, sentMessages, sleeps, log } = await start();
    standIn.queuePoll({ ok: false, error_code: 408, description: 'Request timeout' });
    standIn.queuePoll({ ok: true, result: textUpdate('Bí thư phường là ai?', 'p-3') });
    await standIn.waitFor(() => sentMessages().length === 1);
    expect(sleeps).toEqual([1000]);
    expect(log.some((line) => line.includes('failed'))).toBe(false);
  });

  it('does not pause after a 408 that came back after a real long poll', async () => {
    let clock = 0;
    const { standIn, sentMessages, sleeps } = await start(() => (clock += 30_000));
    standIn.queuePoll({ ok: false, error_code: 408, description: 'Request timeout' });
    standIn.queuePoll({ ok: true, result: textUpdate('Bí thư phường là ai?', 'p-5') });
    await standIn.waitFor(() => sentMessages().length === 1);
    expect(sleeps).toEqual([]);
  });

  it('backs off with doubling waits after errors instead of hot-looping, then resumes', async () => {
    const { standIn, sentMessages, sleeps, log } = await start();
    standIn.queuePoll({ httpStatus: 502, text: 'Bad Gateway' });
    standIn.queuePoll({ ok: false, error_code: 500, description: 'Internal error' });
    standIn.queuePoll({ httpStatus: 502, text: 'Bad Gateway' });
    standIn.queuePoll({ ok: true, result: textUpdate('Bí thư phường là ai?', 'p-4') });
    await standIn.waitFor(() => sentMessages().length === 1);
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(log.filter((line) => line.includes('getUpdates failed'))).toHaveLength(3);
    for (const line of log) expect(line).not.toContain(keys.botToken);
  });

  it('stops when aborted while a long poll is waiting, after finishing replies in flight', async () => {
    const { standIn, controller, polling, log } = await start();
    await standIn.waitFor(() => standIn.botCalls.some((call) => call.method === 'getUpdates'));
    controller.abort();
    await polling;
    expect(log.at(-1)).toBe('[zalo-bot] polling stopped');
  });
});
