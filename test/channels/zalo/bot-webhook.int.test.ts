import { afterEach, describe, expect, it } from 'vitest';
import { createZaloBotRoute } from '../../../src/channels/zalo/bot-webhook.js';
import { sendBotUpdate, startZaloStandIn } from '../../support/zalo-stand-in.js';
import { fakeServices, keys, serveRoutes, zaloConfig } from './zalo-test-kit.js';
import { FactBook } from '../../../src/facts/fact-book.js';
import { loadArticles } from '../../../src/ingest/load-articles.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function textUpdate(text: string, messageId: string, eventName = 'message.text.received') {
  return {
    event_name: eventName,
    message: { message_id: messageId, from: { id: '7700001', display_name: 'Cư dân', is_bot: false }, chat: { id: 'chat-77', chat_type: 'PRIVATE' }, date: 1_760_000_000_000, text },
  };
}

async function start() {
  const standIn = await startZaloStandIn({ appId: keys.appId, appSecretKey: keys.appSecretKey, accessToken: keys.accessToken, refreshToken: keys.refreshToken, botToken: keys.botToken });
  cleanups.push(() => standIn.close());
  const config = zaloConfig(standIn.baseUrl);
  const fakes = fakeServices();
  const log: string[] = [];
  const route = createZaloBotRoute({ config, services: fakes.services, log: (line) => log.push(line) });
  const http = await serveRoutes([route]);
  cleanups.push(() => http.close());
  const url = `${http.baseUrl}${config.zaloBot.webhookPath}`;
  return { standIn, route, url, log, ...fakes };
}

describe('Zalo Bot Platform webhook over real sockets', () => {
  it('answers a bare text update: typing first, then sendMessage with the answer and sources', async () => {
    const { standIn, route, url, asked } = await start();
    const response = await sendBotUpdate(url, textUpdate('Bí thư phường là ai?', 'm-1'), keys.botSecret);
    expect(response.status).toBe(200);
    await route.idle();
    expect(standIn.botCalls.map((call) => call.method)).toEqual(['sendChatAction', 'sendMessage']);
    expect(standIn.botCalls[0]!.body).toEqual({ chat_id: 'chat-77', action: 'typing' });
    expect(standIn.botCalls[1]!.body).toMatchObject({ chat_id: 'chat-77' });
    const text = String(standIn.botCalls[1]!.body.text);
    expect(text).toContain('đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường.');
    expect(text).toContain('Nguồn:\n1. Đại hội Đảng bộ phường nhiệm kỳ 2025–2030 (2025-08-15)\nhttps://example.org/bai-1');
    expect(standIn.calls.every((call) => call.path.startsWith(`/bot${keys.botToken}/`))).toBe(true);
    expect(asked).toEqual([{ text: 'Bí thư phường là ai?', channel: 'zalo-bot', userKey: 'zalo:7700001', conversationId: 'zalo-bot:zalo:7700001' }]);
  });

  it('sends the ward\'s fact sheet for "thông tin phường X" instead of an answer, and asks anything longer as a question', async () => {
    const { standIn, route, url, asked, services } = await start();
    const book = FactBook.fromArticles((await loadArticles('test/fixtures/facts-wards')).articles);
    services.factBook = async () => book;
    await sendBotUpdate(url, textUpdate('Thông tin phường Đông Hải, tỉnh Thanh Hóa', 'm-fact-1'), keys.botSecret);
    await route.idle();
    const sent = standIn.botCalls.filter((call) => call.method === 'sendMessage').map((call) => String(call.body.text));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^Phường Đông Hải, tỉnh Thanh Hóa\n\nLãnh đạo hiện nay \(theo bài mới nhất\):\n/);
    expect(sent[0]).toContain('- Chủ tịch UBND: Nguyễn Thị Hoa — theo bài ngày 13/02/2026\n  https://example.vn/dong-hai-chu-tich-moi');
    expect(sent[0]).toContain('Số liệu chính:\n- Dân số: 66.020 người — theo bài ngày 13/02/2026');
    expect(sent[0]).not.toContain('Lê Văn Tâm');
    expect(asked).toHaveLength(0);

    await sendBotUpdate(url, textUpdate('thông tin phường Đông Hải về tiêm chủng?', 'm-fact-2'), keys.botSecret);
    await route.idle();
    expect(asked.map((question) => question.text)).toEqual(['thông tin phường Đông Hải về tiêm chủng?']);
  });

  it('accepts an update wrapped in {ok, result}', async () => {
    const { standIn, route, url } = await start();
    expect((await sendBotUpdate(url, { ok: true, result: textUpdate('Bí thư phường là ai?', 'm-2') }, keys.botSecret)).status).toBe(200);
    await route.idle();
    expect(standIn.botCalls.filter((call) => call.method === 'sendMessage')).toHaveLength(1);
  });

  it('rejects a wrong or missing secret token with 401 and sends nothing', async () => {
    const { standIn, route, url, asked } = await start();
    expect((await sendBotUpdate(url, textUpdate('một', 'm-3'), 'wrong-secret-token')).status).toBe(401);
    expect((await sendBotUpdate(url, textUpdate('hai', 'm-4'), null)).status).toBe(401);
    await route.idle();
    expect(asked).toHaveLength(0);
    expect(standIn.botCalls).toHaveLength(0);
  });

  it('ignores stickers and images, and repeats of a message_id', async () => {
    const { standIn, route, url, asked } = await start();
    await sendBotUpdate(url, textUpdate('', 'm-5', 'message.sticker.received'), keys.botSecret);
    await sendBotUpdate(url, textUpdate('Bí thư phường là ai?', 'm-6'), keys.botSecret);
    await sendBotUpdate(url, textUpdate('Bí thư phường là ai?', 'm-6'), keys.botSecret);
    await route.idle();
    expect(asked).toHaveLength(1);
    expect(standIn.botCalls.filter((call) => call.method === 'sendMessage')).toHaveLength(1);
  });

  it('records a 👎 after an answer as feedback and thanks the user', async () => {
    const { standIn, route, url, feedback } = await start();
    await sendBotUpdate(url, textUpdate('Bí thư phường là ai?', 'm-7'), keys.botSecret);
    await route.idle();
    await sendBotUpdate(url, textUpdate('👎', 'm-8'), keys.botSecret);
    await route.idle();
    expect(feedback).toEqual([{ answerId: 'answer-1', vote: 'down', userKey: 'zalo:7700001', channel: 'zalo-bot' }]);
    expect(String(standIn.botCalls.at(-1)!.body.text)).toMatch(/^Cảm ơn bạn đã góp ý/);
  });
});
