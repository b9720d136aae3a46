import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZaloOaRoute } from '../../../src/channels/zalo/oa-webhook.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { sendOaEvent, startZaloStandIn } from '../../support/zalo-stand-in.js';
import { conversationServices, indexFixtures, type FixtureAnswering } from '../../support/conversation-services.js';
import { keys, MemoryTokenStore, serveRoutes, zaloConfig } from './zalo-test-kit.js';

const NOW = 1_760_000_000_000;
let answering: FixtureAnswering;
beforeAll(async () => {
  answering = await indexFixtures();
});
afterAll(async () => {
  await answering.close();
});

function textEvent(text: string, messageId: string, userId = '8411001') {
  return {
    app_id: keys.appId,
    user_id_by_app: '5522001',
    event_name: 'user_send_text',
    sender: { id: userId },
    recipient: { id: '1199001' },
    message: { text, msg_id: messageId },
    timestamp: String(NOW),
  };
}

describe('Zalo OA conversation over real sockets', () => {
  it('lists the same-named wards by number, answers "2" for the second, then carries that ward to a follow-up', async () => {
    const standIn = await startZaloStandIn({ appId: keys.appId, appSecretKey: keys.appSecretKey, accessToken: keys.accessToken, refreshToken: keys.refreshToken, botToken: keys.botToken });
    const store = SqliteStore.open({ path: ':memory:', pinMatchThreshold: 0.8, newSalt: () => 'salt' });
    const config = zaloConfig(standIn.baseUrl);
    const services = { ask: conversationServices(answering, store), feedback: store.feedback, userKeys: store.userKeys, tokens: new MemoryTokenStore(), seenEvents: store.seenEvents };
    const route = createZaloOaRoute({ config, services, log: () => {}, now: () => NOW });
    const http = await serveRoutes([route]);
    const url = `${http.baseUrl}${config.zaloOa.webhookPath}`;
    const send = async (text: string, id: string, userId = '8411001') => {
      expect((await sendOaEvent(url, textEvent(text, id, userId), { appId: keys.appId, oaSecretKey: keys.oaSecretKey })).status).toBe(200);
      await route.idle();
      return standIn.oaMessages.at(-1)?.text ?? '';
    };
    try {
      const question = await send('Bí thư Đảng ủy phường Tân An là ai?', 'msg-1');
      expect(question).toContain('Nhắn số thứ tự nơi bạn hỏi:');
      const second = /\n2\. (.+)/.exec(question)?.[1] as string;
      expect(second).toMatch(/^phường Tân An, TP (Hà Nội|Cần Thơ)$/);
      const hanoi = second.includes('Hà Nội');

      // "2" picks the second ward; it is not taken as a vote on an earlier answer.
      const answer = await send('2', 'msg-2');
      expect(answer).toContain(hanoi ? 'Trần Minh Khoa' : 'Huỳnh Văn Tấn');
      expect(answer.startsWith(`(${second})`)).toBe(true);

      const followUp = await send('còn phó bí thư thì sao?', 'msg-3');
      expect(followUp).toContain(hanoi ? 'Lê Thu Hà' : 'Võ Thị Mai');

      // Another user has a conversation of their own: their "2" picks nothing.
      const stranger = await send('2', 'msg-4', '8411002');
      expect(standIn.oaMessages.at(-1)?.messageId).toBe('msg-4');
      expect(stranger).not.toMatch(/Trần Minh Khoa|Huỳnh Văn Tấn/);
    } finally {
      await http.close();
      await standIn.close();
      store.close();
    }
  });
});
