import { describe, expect, it } from 'vitest';
import { createConversationService } from '../../src/core/conversation-service.js';
import { MemoryConversationStore } from '../../src/core/memory-conversation-store.js';
import { PlaceGazetteer } from '../../src/search/place-gazetteer.js';
import type { ConversationStore } from '../../src/core/ports.js';
import type { AskResult, Question } from '../../src/core/types.js';

const places = PlaceGazetteer.fromArticles([
  { id: 'mau-son', title: 'Tin', url: '', place: 'phường Mẫu Sơn, TP Thử Nghiệm' },
  { id: 'dong-lam-a', title: 'Tin', url: '', place: 'xã Đông Lâm, tỉnh Một' },
  { id: 'dong-lam-b', title: 'Tin', url: '', place: 'xã Đông Lâm, tỉnh Hai' },
]);
const placeOfArticle = (id: string) => places.all().find((place) => place.articleIds.includes(id))?.label;

/** A scripted stateless answerer: answers from `mau-son` unless the question names Đông Lâm without its province. */
function scripted() {
  const asked: Question[] = [];
  const answers = {
    async ask(question: Question): Promise<AskResult> {
      asked.push(question);
      if (places.match(question.text).kind === 'ambiguous') {
        return { question: question.text, answered: false, answer: 'Có nhiều địa phương trùng tên…', citations: [], mode: 'extractive', language: 'vi', reason: 'ambiguous-place' };
      }
      return { question: question.text, answered: true, answer: 'Có 200 đại biểu.', citations: [{ id: 'mau-son', title: 'Tin', url: '', quote: 'Có 200 đại biểu.' }], mode: 'extractive', language: 'vi', answerId: 'a1' };
    },
  };
  return { answers, asked };
}

describe('createConversationService', () => {
  it('says which ward it assumed when a standalone question named none', async () => {
    const { answers } = scripted();
    const service = createConversationService({ answers, places, conversations: new MemoryConversationStore(60_000), placeOfArticle, log: () => {} });
    const result = await service.ask({ text: 'Đại hội có bao nhiêu đại biểu?', channel: 'web' });
    expect(result).toMatchObject({ answer: '(phường Mẫu Sơn, TP Thử Nghiệm) Có 200 đại biểu.', assumedPlace: 'phường Mẫu Sơn, TP Thử Nghiệm' });
    const named = await service.ask({ text: 'Đại hội phường Mẫu Sơn có bao nhiêu đại biểu?', channel: 'web' });
    expect(named.answer).toBe('Có 200 đại biểu.');
    expect(named.assumedPlace).toBeUndefined();
  });

  it('numbers the candidates of an ambiguous place, and asks the chosen one as a standalone question without the conversation id', async () => {
    const { answers, asked } = scripted();
    const service = createConversationService({ answers, places, conversations: new MemoryConversationStore(60_000), log: () => {} });
    const which = await service.ask({ text: 'Bí thư xã Đông Lâm là ai?', channel: 'web', conversationId: 'web:1' });
    expect(which.choices).toEqual(['xã Đông Lâm, tỉnh Một', 'xã Đông Lâm, tỉnh Hai']);
    const picked = await service.ask({ text: '2', channel: 'web', conversationId: 'web:1' });
    expect(asked.at(-1)).toEqual({ text: 'Bí thư xã Đông Lâm, tỉnh Hai là ai?', channel: 'web', language: 'vi' });
    expect(picked).toMatchObject({ question: '2', standaloneQuestion: 'Bí thư xã Đông Lâm, tỉnh Hai là ai?', assumedPlace: 'xã Đông Lâm, tỉnh Hai', conversationId: 'web:1' });
  });

  it('forgets the conversation on "/moi" without asking the answerer', async () => {
    const { answers, asked } = scripted();
    const conversations = new MemoryConversationStore(60_000);
    const service = createConversationService({ answers, places, conversations, log: () => {} });
    await service.ask({ text: 'Bí thư phường Mẫu Sơn là ai?', channel: 'zalo-bot', conversationId: 'zalo-bot:u' });
    const reset = await service.ask({ text: '/moi', channel: 'zalo-bot', conversationId: 'zalo-bot:u' });
    expect(reset).toMatchObject({ answered: false, reason: 'conversation-reset', answer: 'Đã bắt đầu cuộc trò chuyện mới. Bạn cứ hỏi, nhớ nêu tên phường/xã nhé.' });
    expect(asked).toHaveLength(1);
    expect(await conversations.load('zalo-bot:u')).toBeUndefined();
  });

  it('still answers, statelessly, when the conversation store fails, and logs it', async () => {
    const { answers } = scripted();
    const broken: ConversationStore = {
      load: async () => { throw new Error('disk I/O error'); },
      save: async () => { throw new Error('disk I/O error'); },
      clear: async () => { throw new Error('disk I/O error'); },
    };
    const logs: string[] = [];
    const service = createConversationService({ answers, places, conversations: broken, log: (line) => logs.push(line) });
    const result = await service.ask({ text: 'Bí thư phường Mẫu Sơn là ai?', channel: 'web', conversationId: 'web:2' });
    expect(result.answered).toBe(true);
    expect(logs).toEqual(['[conversation] could not load web:2: disk I/O error', '[conversation] could not save web:2: disk I/O error']);
  });
});

describe('createConversationService, what the answerer is asked', () => {
  it('passes a carried ward as the question\'s place, not as words in brackets, and keeps the resident\'s language', async () => {
    const { answers, asked } = scripted();
    const service = createConversationService({ answers, places, conversations: new MemoryConversationStore(60_000), log: () => {} });
    await service.ask({ text: 'Đại hội phường Mẫu Sơn có bao nhiêu đại biểu?', channel: 'web', conversationId: 'web:3' });
    const followUp = await service.ask({ text: 'diện tích bao nhiêu?', channel: 'web', conversationId: 'web:3' });
    expect(asked.at(-1)).toEqual({ text: 'diện tích bao nhiêu?', channel: 'web', defaultPlace: 'phường Mẫu Sơn, TP Thử Nghiệm', language: 'vi' });
    expect(followUp).toMatchObject({ standaloneQuestion: 'diện tích bao nhiêu (phường Mẫu Sơn, TP Thử Nghiệm)?', assumedPlace: 'phường Mẫu Sơn, TP Thử Nghiệm' });
    await service.ask({ text: 'and the population?', channel: 'web', conversationId: 'web:3' });
    expect(asked.at(-1)?.language).toBe('en');
  });
});
