import { describe, expect, it } from 'vitest';
import { isChannelAllowed, messageQuestion, type IncomingMessage, type ListeningRules } from '../../../src/channels/discord/message-question.js';

const BOT = '42';
const rules: ListeningRules = { botUserId: BOT, allowedChannelIds: [], mentionOnly: true };
const message = (overrides: Partial<IncomingMessage>): IncomingMessage => ({
  content: 'Ai là Bí thư?',
  authorIsBot: false,
  isDirectMessage: false,
  mentionsBot: false,
  channelId: '1',
  ...overrides,
});

describe('messageQuestion', () => {
  it('answers a mention, without the mention itself', () => {
    expect(messageQuestion(message({ content: `<@${BOT}> Ai là Bí thư?`, mentionsBot: true }), rules)).toBe('Ai là Bí thư?');
    expect(messageQuestion(message({ content: `Cho hỏi <@!${BOT}>  giờ làm việc?`, mentionsBot: true }), rules)).toBe('Cho hỏi giờ làm việc?');
  });

  it('stays silent on server messages without a mention in mention-only mode', () => {
    expect(messageQuestion(message({}), rules)).toBeUndefined();
  });

  it('keeps @everyone in the question text: it is words, not a mention of the bot', () => {
    expect(messageQuestion(message({ content: `<@${BOT}> @everyone họp lúc mấy giờ?`, mentionsBot: true }), rules)).toBe('@everyone họp lúc mấy giờ?');
    expect(messageQuestion(message({ content: '@everyone họp lúc mấy giờ?' }), rules)).toBeUndefined();
  });

  it('always answers a direct message, whatever the channel list', () => {
    expect(messageQuestion(message({ isDirectMessage: true, channelId: '9' }), { ...rules, allowedChannelIds: ['1'] })).toBe('Ai là Bí thư?');
  });

  it('ignores bots, itself included', () => {
    expect(messageQuestion(message({ authorIsBot: true, mentionsBot: true, isDirectMessage: true }), rules)).toBeUndefined();
  });

  it('answers plain messages when mention-only mode is off, in allowed channels only', () => {
    const listening = { ...rules, mentionOnly: false, allowedChannelIds: ['1'] };
    expect(messageQuestion(message({}), listening)).toBe('Ai là Bí thư?');
    expect(messageQuestion(message({ channelId: '2' }), listening)).toBeUndefined();
    expect(messageQuestion(message({ channelId: '2', mentionsBot: true }), listening)).toBeUndefined();
  });

  it('returns an empty question for a bare mention, so the user gets an example', () => {
    expect(messageQuestion(message({ content: `<@${BOT}>`, mentionsBot: true }), rules)).toBe('');
  });

  it('ignores an empty plain message when listening without mentions', () => {
    expect(messageQuestion(message({ content: '   ' }), { ...rules, mentionOnly: false })).toBeUndefined();
  });

  it('returns the question in NFC', () => {
    const decomposed = 'Bi\u0301 thư'.normalize('NFD');
    expect(messageQuestion(message({ content: decomposed, isDirectMessage: true }), rules)).toBe('Bí thư');
  });
});

describe('isChannelAllowed', () => {
  it('allows every channel when the list is empty', () => {
    expect(isChannelAllowed('7', null, [])).toBe(true);
  });

  it('allows a thread whose parent channel is on the list', () => {
    expect(isChannelAllowed('thread', '1', ['1'])).toBe(true);
    expect(isChannelAllowed('thread', '2', ['1'])).toBe(false);
  });
});
