import { describe, expect, it } from 'vitest';
import { createConversation } from '../../../src/channels/zalo/conversation.js';
import { answeredResult, fakeServices, zaloConfig } from './zalo-test-kit.js';

function conversationWith(env: Record<string, string> = {}) {
  const fakes = fakeServices();
  const log: string[] = [];
  const config = zaloConfig('http://127.0.0.1:9', env);
  const conversation = createConversation({ config, services: fakes.services, channel: 'zalo-oa', log: (line) => log.push(line), now: () => 0 });
  return { conversation, log, ...fakes };
}

describe('Zalo conversation', () => {
  it('tells a user who asks too often to wait, once per window, without asking the core', async () => {
    const { conversation, asked } = conversationWith({ RATE_LIMIT_PER_MINUTE: '1' });
    expect(await conversation.reply('u1', 'Bí thư phường là ai?')).toHaveLength(1);
    expect(await conversation.reply('u1', 'Hỏi lần hai')).toEqual(['Bạn hỏi nhanh quá, vui lòng đợi một chút rồi hỏi tiếp nhé.']);
    expect(await conversation.reply('u1', 'Hỏi lần ba')).toEqual([]);
    expect(await conversation.reply('u2', 'Người khác hỏi')).toHaveLength(1);
    expect(asked.map((question) => question.text)).toEqual(['Bí thư phường là ai?', 'Người khác hỏi']);
  });

  it('answers an over-long question politely with the limit, in the question language', async () => {
    const { conversation, asked } = conversationWith({ MAX_QUESTION_LENGTH: '20' });
    expect(await conversation.reply('u1', 'Bí thư Đảng ủy phường An Hải là ai vậy?')).toEqual(['Câu hỏi dài quá, bạn vui lòng hỏi ngắn gọn hơn (tối đa 20 ký tự).']);
    expect(await conversation.reply('u1', 'Who is the party secretary of the ward?')).toEqual(['Your question is too long; please keep it under 20 characters.']);
    expect(asked).toHaveLength(0);
  });

  it('treats 👍 as a question when there is no answer to rate yet, and asks the core', async () => {
    const { conversation, asked, feedback } = conversationWith();
    await conversation.reply('u1', '👍');
    expect(asked).toHaveLength(1);
    expect(feedback).toHaveLength(0);
  });

  it('says so when the rated answer is no longer known', async () => {
    const fakes = fakeServices((question) => answeredResult(question.text, { answerId: 'gone-1' }));
    const conversation = createConversation({ config: zaloConfig('http://127.0.0.1:9'), services: fakes.services, channel: 'zalo-bot', log: () => {} });
    await conversation.reply('u1', 'Bí thư phường là ai?');
    expect(await conversation.reply('u1', '0')).toEqual(['Xin lỗi, không còn tìm thấy câu trả lời đó để ghi nhận góp ý. Bạn cứ tiếp tục đặt câu hỏi nhé.']);
  });

  it('greets with the default place when one is set, and on /start', async () => {
    const { conversation } = conversationWith({ DEFAULT_PLACE: 'phường Mẫu Sơn, tỉnh Thử Nghiệm' });
    expect(conversation.welcome()[0]).toContain('về phường Mẫu Sơn, tỉnh Thử Nghiệm dựa trên');
    expect(await conversation.reply('u1', '/start')).toEqual(conversation.welcome());
    expect(conversationWith().conversation.welcome()[0]).toContain('về phường/xã của bạn');
  });

  it('calls the before-asking hook only when the core is asked', async () => {
    const { conversation } = conversationWith({ MAX_QUESTION_LENGTH: '20' });
    let typing = 0;
    await conversation.reply('u1', 'x'.repeat(30), { beforeAsking: () => typing++ });
    await conversation.reply('u1', 'Ngắn thôi', { beforeAsking: () => typing++ });
    expect(typing).toBe(1);
  });
});
