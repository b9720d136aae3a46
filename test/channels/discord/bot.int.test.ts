import { GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordBot, type DiscordBot } from '../../../src/channels/discord/bot.js';
import { DISCORD_LIMITS, embedLength, formatDiscordReply } from '../../../src/channels/discord/format-reply.js';
import { loadConfig } from '../../../src/config.js';
import type { ArticleMeta, AskResult, Citation, Question } from '../../../src/core/types.js';
import { FactBook } from '../../../src/facts/fact-book.js';
import { loadArticles } from '../../../src/ingest/load-articles.js';
import { fakeDiscordServices, type FakeDiscordServices } from '../../fakes/discord-services.js';
import { startDiscordStandIn, type DiscordStandIn, type RestCall } from '../../support/discord-stand-in.js';
import { buttonClick, member, messageCommand, nextSnowflake, slashCommand, user, userMessage } from './discord-payloads.js';

const APPLICATION = '900000000000000001';
const BOT = '900000000000000002';
const GUILD = '100000000000000001';
const CHANNEL = '100000000000000002';
const THREAD = '100000000000000003';
const OTHER_CHANNEL = '100000000000000004';
const DIRECT_CHANNEL = '100000000000000005';
const MODERATOR_ROLE = '100000000000000006';
const SEND = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;

const ARTICLES: ArticleMeta[] = [
  {
    id: 'phuong-mau-dai-hoi',
    title: 'Đại hội Đảng bộ phường Mẫu lần thứ Nhất',
    url: 'https://example.gov.vn/tin/dai-hoi-phuong-mau',
    published: '2025-08-15',
    place: 'phường Mẫu, TP Thử Nghiệm',
  },
  {
    id: 'phuong-mau-ho-so',
    title: 'Điểm tiếp nhận hồ sơ hành chính phường Mẫu',
    url: 'https://example.gov.vn/tin/ho-so-phuong-mau',
    published: '2025-07-01',
    place: 'phường Mẫu, TP Thử Nghiệm',
  },
];
const CITATION: Citation = {
  id: 'phuong-mau-dai-hoi',
  title: ARTICLES[0]!.title,
  url: ARTICLES[0]!.url,
  published: '2025-08-15',
  quote: 'Đồng chí Trần Văn Mẫu giữ chức Bí thư Đảng ủy phường.',
};

function answered(question: Question, answer: string, citations: Citation[] = [CITATION]): AskResult {
  return { question: question.text, answered: true, answer, citations, mode: 'extractive', language: 'vi' };
}

/** Canned answers by what the question contains; the protocol under test is Discord's, not the answering. */
function cannedAnswer(question: Question): AskResult {
  if (question.text.includes('hỏng')) throw new Error('retriever exploded');
  if (question.text.includes('dài')) {
    const sentence = 'Đại hội thống nhất triển khai 22 chỉ tiêu trên các lĩnh vực xây dựng Đảng, phát triển kinh tế – xã hội. ';
    const citations = Array.from({ length: 12 }, (_, index) => ({ ...CITATION, id: `bai-${index}`, url: `${CITATION.url}-${index}`, title: `${CITATION.title} (phần ${index + 1})` }));
    return answered(question, sentence.repeat(120), citations);
  }
  return answered(question, CITATION.quote);
}

let standIn: DiscordStandIn;
let bot: DiscordBot;
let services: FakeDiscordServices;
const logLines: string[] = [];
let references = 0;

function asker(name: string, permissions = SEND, roles: string[] = []): { guildId: string; channelId: string; member: Record<string, any> } {
  return { guildId: GUILD, channelId: CHANNEL, member: member(nextSnowflake(), name, permissions, roles) };
}

/** Dispatches an event and resolves with the REST calls it caused, once `done` holds for one of them. */
async function exchange(event: string, payload: Record<string, unknown>, done: (call: RestCall) => boolean): Promise<RestCall[]> {
  const from = standIn.calls.length;
  standIn.dispatch(event, payload);
  await standIn.waitFor(() => standIn.callsSince(from).find(done));
  return standIn.callsSince(from);
}

const isOriginalEdit = (token: string) => (call: RestCall) => call.method === 'PATCH' && call.path === `/webhooks/${APPLICATION}/${token}/messages/@original`;
const isCallback = (payload: Record<string, any>) => (call: RestCall) => call.path === `/interactions/${payload.id}/${payload.token}/callback`;
const feedbackOf = (call: RestCall) => call.body.data?.content as string;

beforeAll(async () => {
  standIn = await startDiscordStandIn({
    applicationId: APPLICATION,
    bot: { id: BOT, username: 'hoiphuong' },
    guild: {
      id: GUILD,
      name: 'Phường Mẫu',
      channels: [{ id: CHANNEL, name: 'hoi-dap' }, { id: OTHER_CHANNEL, name: 'tan-gau' }],
      threads: [{ id: THREAD, parent_id: CHANNEL }],
      roles: [{ id: MODERATOR_ROLE, name: 'Điều hành' }],
    },
  });
  const factBook = FactBook.fromArticles((await loadArticles('test/fixtures/facts-wards')).articles);
  services = fakeDiscordServices({ answer: cannedAnswer, articles: ARTICLES, factBook });
  const config = loadConfig({
    DISCORD_TOKEN: 'stand-in-token',
    DISCORD_APPLICATION_ID: APPLICATION,
    DISCORD_API_URL: standIn.apiUrl,
    DISCORD_MODERATOR_ROLE_IDS: MODERATOR_ROLE,
    MAX_QUESTION_LENGTH: '200',
    RATE_LIMIT_PER_MINUTE: '3',
  });
  bot = await startDiscordBot({ config, services, log: (line) => logLines.push(line), newId: () => `ref-${++references}`, now: () => 0 });
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.close();
});

describe('Discord bot against a local Discord stand-in', () => {
  it('logs in with only the Guilds, GuildMessages and DirectMessages intents in mention-only mode', () => {
    expect(standIn.identifies[0]).toMatchObject({
      token: 'stand-in-token',
      intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages,
    });
  });

  it('answers /hoi with a deferred reply, then edits in the answer with numbered source links and feedback buttons', async () => {
    const place = asker('cu-dan');
    const payload = slashCommand(place, 'hoi', { 'câu-hỏi': 'Bí thư Đảng ủy phường Mẫu là ai?' });
    const calls = await exchange('INTERACTION_CREATE', payload, isOriginalEdit(payload.token));

    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      `POST /interactions/${payload.id}/${payload.token}/callback`,
      `PATCH /webhooks/${APPLICATION}/${payload.token}/messages/@original`,
    ]);
    expect(calls[0]?.body).toMatchObject({ type: 5 });
    expect(calls[0]?.headers.authorization).toBeUndefined();
    const edit = calls[1]?.body;
    expect(edit.allowed_mentions).toEqual({ parse: [] });
    expect(edit.embeds[0]).toMatchObject({
      title: 'Bí thư Đảng ủy phường Mẫu là ai?',
      description: 'Đồng chí Trần Văn Mẫu giữ chức Bí thư Đảng ủy phường.',
      fields: [{ name: 'Nguồn', value: '1. [Đại hội Đảng bộ phường Mẫu lần thứ Nhất (2025-08-15)](https://example.gov.vn/tin/dai-hoi-phuong-mau)' }],
    });
    const answerId = services.results.at(-1)?.answerId;
    expect(edit.components[0].components.map((button: { custom_id: string }) => button.custom_id)).toEqual([`fb:up:${answerId}`, `fb:down:${answerId}`]);
    expect(services.questions.at(-1)).toEqual({
      text: 'Bí thư Đảng ủy phường Mẫu là ai?',
      channel: 'discord',
      userKey: expect.stringMatching(/^key:discord:/),
      conversationId: expect.stringMatching(new RegExp(`^discord:${GUILD}:${CHANNEL}:key:discord:`)),
    });
  });

  it('answers a mention in its channel without pinging anyone, even when the question contains @everyone', async () => {
    const incoming = userMessage({
      channelId: CHANNEL,
      guildId: GUILD,
      author: user(nextSnowflake(), 'cu-dan-2'),
      content: `<@${BOT}> @everyone giờ làm việc của UBND phường?`,
      mentions: [user(BOT, 'hoiphuong', true)],
      mentionEveryone: true,
    });
    const calls = await exchange('MESSAGE_CREATE', incoming, (call) => call.method === 'POST' && call.path === `/channels/${CHANNEL}/messages`);

    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers.authorization).toBe('Bot stand-in-token');
    expect(calls[0]?.body).toMatchObject({ allowed_mentions: { parse: [] }, message_reference: { message_id: incoming.id } });
    expect(calls[0]?.body.embeds[0].description).toBe(CITATION.quote);
    expect(services.questions.at(-1)?.text).toBe('@everyone giờ làm việc của UBND phường?');
  });

  it('answers in the thread when mentioned in a thread', async () => {
    const incoming = userMessage({ channelId: THREAD, guildId: GUILD, author: user(nextSnowflake(), 'cu-dan-3'), content: `<@${BOT}> Ai là Bí thư?`, mentions: [user(BOT, 'hoiphuong', true)] });
    const calls = await exchange('MESSAGE_CREATE', incoming, (call) => call.method === 'POST' && call.path.endsWith('/messages'));
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([`POST /channels/${THREAD}/messages`]);
  });

  it('answers a direct message', async () => {
    const incoming = userMessage({ channelId: DIRECT_CHANNEL, author: user(nextSnowflake(), 'cu-dan-4'), content: 'Nộp hồ sơ ở đâu?' });
    const calls = await exchange('MESSAGE_CREATE', incoming, (call) => call.method === 'POST' && call.path.endsWith('/messages'));
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([`POST /channels/${DIRECT_CHANNEL}/messages`]);
    expect(calls[0]?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('stays silent on server messages that do not mention it in mention-only mode', async () => {
    const author = user(nextSnowflake(), 'cu-dan-5');
    const asked = services.questions.length;
    standIn.dispatch('MESSAGE_CREATE', userMessage({ channelId: CHANNEL, guildId: GUILD, author, content: 'Chào cả nhà' }));
    const mention = userMessage({ channelId: CHANNEL, guildId: GUILD, author, content: `<@${BOT}> Ai là Bí thư?`, mentions: [user(BOT, 'hoiphuong', true)] });
    const calls = await exchange('MESSAGE_CREATE', mention, (call) => call.method === 'POST' && call.path.endsWith('/messages'));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body.message_reference.message_id).toBe(mention.id);
    expect(services.questions.slice(asked).map((question) => question.text)).toEqual(['Ai là Bí thư?']);
  });

  it('pins a bot answer from the message menu for a moderator role: stores the pin and pins the message in the channel', async () => {
    const ask = slashCommand(asker('cu-dan-6'), 'hoi', { 'câu-hỏi': 'Bí thư phường là ai?' });
    const [, edit] = await exchange('INTERACTION_CREATE', ask, isOriginalEdit(ask.token));
    const answerMessage = edit?.response;

    const pin = messageCommand(asker('dieu-hanh', SEND, [MODERATOR_ROLE]), 'Ghim câu trả lời', answerMessage);
    const calls = await exchange('INTERACTION_CREATE', pin, isOriginalEdit(pin.token));

    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      `POST /interactions/${pin.id}/${pin.token}/callback`,
      `PUT /channels/${CHANNEL}/messages/pins/${answerMessage.id}`,
      `PATCH /webhooks/${APPLICATION}/${pin.token}/messages/@original`,
    ]);
    expect(calls[0]?.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(calls[2]?.body.content).toContain('Đã ghim câu trả lời cho câu hỏi “Bí thư phường là ai?”');
    expect(services.pinned.at(-1)).toMatchObject({
      question: 'Bí thư phường là ai?',
      answer: CITATION.quote,
      citations: [CITATION],
      pinnedBy: 'dieu-hanh',
      channel: 'discord',
      channelRef: `discord:${GUILD}/${CHANNEL}/${answerMessage.id}`,
    });
  });

  it('pins an answer it no longer remembers by reading it back from the embed, sources matched to articles', async () => {
    const old = {
      ...userMessage({ channelId: CHANNEL, guildId: GUILD, author: user(BOT, 'hoiphuong', true), content: '' }),
      // What the bot wrote before a restart emptied its memory.
      embeds: formatDiscordReply({
        question: 'Ai là Bí thư?',
        answered: true,
        answer: 'Ông *Trần Văn Mẫu*.',
        citations: [{ ...CITATION, id: 'x', title: ARTICLES[1]!.title, url: ARTICLES[1]!.url, published: '2025-07-01' }],
        mode: 'extractive',
        language: 'vi',
      }).embeds,
    };
    const pin = messageCommand(asker('quan-ly', PermissionFlagsBits.PinMessages), 'Ghim câu trả lời', old);
    await exchange('INTERACTION_CREATE', pin, isOriginalEdit(pin.token));
    expect(services.pinned.at(-1)).toMatchObject({
      question: 'Ai là Bí thư?',
      answer: 'Ông *Trần Văn Mẫu*.',
      citations: [{ id: 'phuong-mau-ho-so', title: ARTICLES[1]!.title, url: ARTICLES[1]!.url, published: '2025-07-01' }],
    });
  });

  it('pins a moderator-written answer with /ghim, and notes when Discord refuses to pin the message', async () => {
    standIn.failNext('PUT', /\/messages\/pins\//, 403, { message: 'Missing Permissions', code: 50013 });
    const pin = slashCommand(asker('ghim-vien', PermissionFlagsBits.PinMessages), 'ghim', {
      'câu-hỏi': 'Giờ làm việc của bộ phận một cửa?',
      'câu-trả-lời': 'Từ 7 giờ 30 đến 17 giờ các ngày làm việc.',
      nguồn: ARTICLES[1]!.url,
    });
    const calls = await exchange('INTERACTION_CREATE', pin, (call) => call.method === 'POST' && call.path === `/webhooks/${APPLICATION}/${pin.token}`);

    const posted = calls.find(isOriginalEdit(pin.token));
    expect(posted?.body.embeds[0]).toMatchObject({ title: 'Giờ làm việc của bộ phận một cửa?', description: 'Từ 7 giờ 30 đến 17 giờ các ngày làm việc.' });
    expect(calls.find((call) => call.method === 'PUT')?.status).toBe(403);
    const notice = calls.at(-1)?.body;
    expect(notice.flags).toBe(64);
    expect(notice.content).toContain('chưa có quyền Ghim tin nhắn');
    expect(services.pinned.at(-1)).toMatchObject({
      question: 'Giờ làm việc của bộ phận một cửa?',
      citations: [{ id: 'phuong-mau-ho-so', url: ARTICLES[1]!.url }],
      channelRef: `discord:${GUILD}/${CHANNEL}/${posted?.response.id}`,
    });
    expect(logLines.some((line) => line.includes('could not pin'))).toBe(true);
  });

  it('refuses /ghim from a plain member with a private, polite reply and stores nothing', async () => {
    const pinned = services.pinned.length;
    const pin = slashCommand(asker('thanh-vien'), 'ghim', { 'câu-hỏi': 'Câu hỏi?', 'câu-trả-lời': 'Câu trả lời.' });
    const calls = await exchange('INTERACTION_CREATE', pin, isCallback(pin));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(feedbackOf(calls[0]!)).toContain('chỉ điều hành viên');
    expect(services.pinned).toHaveLength(pinned);
  });

  it('removes a pin with /bo-ghim and unpins its message', async () => {
    const stored = services.pinned.find((pin) => pin.question === 'Bí thư phường là ai?');
    const [, channelId, messageId] = /\/(\d+)\/(\d+)$/.exec(stored?.channelRef ?? '') ?? [];
    const unpin = slashCommand(asker('dieu-hanh-2', SEND, [MODERATOR_ROLE]), 'bo-ghim', { 'câu-hỏi': 'bi thu phuong la ai' });
    const calls = await exchange('INTERACTION_CREATE', unpin, isOriginalEdit(unpin.token));
    expect(calls.map((call) => `${call.method} ${call.path}`)).toContain(`DELETE /channels/${channelId}/messages/pins/${messageId}`);
    expect(calls.at(-1)?.body.content).toContain('Đã bỏ ghim câu trả lời “Bí thư phường là ai?”');
    expect(services.pinned.some((pin) => pin.id === stored?.id)).toBe(false);
  });

  it('records a feedback click privately, and a second click by the same user changes the vote', async () => {
    const place = asker('danh-gia');
    const answerMessage = { ...userMessage({ channelId: CHANNEL, guildId: GUILD, author: user(BOT, 'hoiphuong', true), content: '' }) };
    const first = buttonClick(place, 'fb:up:answer-1', answerMessage);
    const [up] = await exchange('INTERACTION_CREATE', first, isCallback(first));
    const second = buttonClick(place, 'fb:down:answer-1', answerMessage);
    const [down] = await exchange('INTERACTION_CREATE', second, isCallback(second));

    expect(up?.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(feedbackOf(up!)).toContain('Cảm ơn bạn đã đánh giá');
    expect(feedbackOf(down!)).toContain('Đã cập nhật đánh giá');
    const userKey = `key:discord:${String(place.member.user.id).split('').reverse().join('')}`;
    expect(services.votes.filter((vote) => vote.userKey === userKey)).toEqual([{ answerId: 'answer-1', vote: 'down', userKey, channel: 'discord' }]);
  });

  it('answers a command and a button it does not know privately, so the user never sees "did not respond"', async () => {
    const place = asker('cu');
    const command = slashCommand(place, 'lenh-cu');
    const [commandReply] = await exchange('INTERACTION_CREATE', command, isCallback(command));
    expect(commandReply?.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(feedbackOf(commandReply!)).toContain('không còn hỗ trợ lệnh hoặc nút này');
    const answerMessage = { ...userMessage({ channelId: CHANNEL, guildId: GUILD, author: user(BOT, 'hoiphuong', true), content: '' }) };
    const button = buttonClick(place, 'nut-cu:1', answerMessage);
    const [buttonReply] = await exchange('INTERACTION_CREATE', button, isCallback(button));
    expect(buttonReply?.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(logLines.join('\n')).toContain('unknown /lenh-cu');
  });

  it('fits an over-long answer with many sources within Discord limits, cut after a sentence', async () => {
    const ask = slashCommand(asker('hoi-dai'), 'hoi', { 'câu-hỏi': 'Kể chi tiết, thật dài về đại hội?' });
    const calls = await exchange('INTERACTION_CREATE', ask, isOriginalEdit(ask.token));
    const embed = calls.at(-1)?.body.embeds[0];
    expect(calls.at(-1)?.status).toBe(200);
    expect(embed.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(embed.description).toMatch(/xã hội\. …\n\(Câu trả lời đã được rút gọn/);
    for (const field of embed.fields) expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
  });

  it('apologises with a reference id when answering fails, logs the detail, and keeps answering', async () => {
    const broken = slashCommand(asker('gap-loi'), 'hoi', { 'câu-hỏi': 'Câu này làm hỏng bot?' });
    const calls = await exchange('INTERACTION_CREATE', broken, isOriginalEdit(broken.token));
    const reference = /mã tham chiếu (ref-\d+)/.exec(calls.at(-1)?.body.content ?? '')?.[1];
    expect(reference).toBeDefined();
    expect(logLines.find((line) => line.includes(`error ${reference} in /hoi`))).toContain('retriever exploded');

    const next = slashCommand(asker('sau-loi'), 'hoi', { 'câu-hỏi': 'Ai là Bí thư?' });
    const after = await exchange('INTERACTION_CREATE', next, isOriginalEdit(next.token));
    expect(after.at(-1)?.body.embeds[0].description).toBe(CITATION.quote);
  });

  it('apologises in the channel with a reference id when answering a mention fails', async () => {
    const incoming = userMessage({ channelId: CHANNEL, guildId: GUILD, author: user(nextSnowflake(), 'gap-loi-2'), content: `<@${BOT}> câu này làm hỏng bot`, mentions: [user(BOT, 'hoiphuong', true)] });
    const calls = await exchange('MESSAGE_CREATE', incoming, (call) => call.method === 'POST' && call.path === `/channels/${CHANNEL}/messages`);
    expect(calls[0]?.body).toMatchObject({ allowed_mentions: { parse: [] }, message_reference: { message_id: incoming.id } });
    const reference = /mã tham chiếu (ref-\d+)/.exec(calls[0]?.body.content ?? '')?.[1];
    expect(logLines.find((line) => line.includes(`error ${reference} in message in channel ${CHANNEL}`))).toContain('retriever exploded');
  });

  it('asks a user over the rate limit to wait, privately, without asking', async () => {
    const place = asker('hoi-nhieu');
    for (let count = 0; count < 3; count += 1) {
      const ask = slashCommand(place, 'hoi', { 'câu-hỏi': `Câu hỏi số ${count}?` });
      await exchange('INTERACTION_CREATE', ask, isOriginalEdit(ask.token));
    }
    const asked = services.questions.length;
    const over = slashCommand(place, 'hoi', { 'câu-hỏi': 'Câu hỏi thứ tư?' });
    const calls = await exchange('INTERACTION_CREATE', over, isCallback(over));
    expect(calls[0]?.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(feedbackOf(calls[0]!)).toContain('Bạn hỏi nhanh quá');
    expect(services.questions).toHaveLength(asked);
  });

  it('asks for a shorter question when it is over the maximum length', async () => {
    const long = slashCommand(asker('hoi-dai-qua'), 'hoi', { 'câu-hỏi': `${'Xin hỏi về thủ tục hành chính '.repeat(10)}?` });
    const calls = await exchange('INTERACTION_CREATE', long, isCallback(long));
    expect(feedbackOf(calls[0]!)).toContain('tối đa 200 ký tự');
    expect(calls[0]?.body.data.flags).toBe(64);
  });

  it('lists indexed articles with dates and links for /nguon', async () => {
    const sources = slashCommand(asker('can-bo'), 'nguon');
    const [reply] = await exchange('INTERACTION_CREATE', sources, isCallback(sources));
    expect(reply?.body.data.embeds[0].description).toBe(
      [
        `1. [${ARTICLES[0]!.title} (2025-08-15)](${ARTICLES[0]!.url})`,
        `2. [${ARTICLES[1]!.title} (2025-07-01)](${ARTICLES[1]!.url})`,
      ].join('\n'),
    );
  });

  it('fetches one article now with /themtin for a moderator and replies privately with its title, ward and date', async () => {
    const add = slashCommand(asker('dieu-hanh-tin', SEND, [MODERATOR_ROLE]), 'themtin', { 'đường-dẫn': 'https://phuong.example.gov.vn/y-te/tiem-vac-xin-soi.html' });
    const calls = await exchange('INTERACTION_CREATE', add, isOriginalEdit(add.token));
    expect(calls[0]?.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(services.addedArticles.at(-1)?.url).toBe('https://phuong.example.gov.vn/y-te/tiem-vac-xin-soi.html');
    expect(calls.at(-1)?.body.content).toContain('Đã thêm bài “Tiêm vắc xin phòng sởi cho trẻ em”');
    expect(calls.at(-1)?.body.content).toContain('ngày 02/09/2025');

    const missing = slashCommand(asker('dieu-hanh-tin-2', SEND, [MODERATOR_ROLE]), 'themtin', { 'đường-dẫn': 'https://phuong.example.gov.vn/khong-co/bai.html' });
    const failed = await exchange('INTERACTION_CREATE', missing, isOriginalEdit(missing.token));
    expect(failed.at(-1)?.body.content).toContain('Chưa lấy được bài viết: https://phuong.example.gov.vn/khong-co/bai.html: HTTP 404');
  });

  it('refuses /themtin from a plain member, and a link that is not http(s), privately and without fetching', async () => {
    const before = services.addedArticles.length;
    const plain = slashCommand(asker('thanh-vien-tin'), 'themtin', { 'đường-dẫn': 'https://phuong.example.gov.vn/bai.html' });
    const [refused] = await exchange('INTERACTION_CREATE', plain, isCallback(plain));
    expect(feedbackOf(refused!)).toContain('chỉ điều hành viên');
    expect(refused?.body.data.flags).toBe(64);
    const bad = slashCommand(asker('dieu-hanh-tin-3', SEND, [MODERATOR_ROLE]), 'themtin', { 'đường-dẫn': 'ftp://x' });
    const [rejected] = await exchange('INTERACTION_CREATE', bad, isCallback(bad));
    expect(feedbackOf(rejected!)).toContain('không phải đường dẫn http(s)');
    expect(services.addedArticles).toHaveLength(before);
  });

  it('shows a ward\'s fact sheet with /phuong: holders now and figures, each dated and linked, one embed per same-named ward', async () => {
    const sheet = slashCommand(asker('can-bo-3'), 'phuong', { 'địa-phương': 'Đông Hải' });
    const calls = await exchange('INTERACTION_CREATE', sheet, isOriginalEdit(sheet.token));
    const embeds = calls.at(-1)?.body.embeds as Array<{ title: string; description: string }>;
    expect(embeds.map((embed) => embed.title)).toEqual(['Phường Đông Hải, tỉnh Nghệ An', 'Phường Đông Hải, tỉnh Thanh Hóa']);
    const thanhHoa = embeds[1]!.description;
    expect(thanhHoa).toContain('• Chủ tịch UBND: Nguyễn Thị Hoa — [theo bài ngày 13/02/2026](https://example.vn/dong-hai-chu-tich-moi)');
    expect(thanhHoa).toContain('• Dân số: 66.020 người — [theo bài ngày 13/02/2026](https://example.vn/dong-hai-chu-tich-moi)');
    expect(thanhHoa).not.toContain('Chủ tịch UBND: Phạm Văn Cường');
    expect(thanhHoa).not.toContain('Lê Văn Tâm');
    expect(services.questions.at(-1)?.text).not.toContain('Đông Hải');
  });

  it('says which wards have facts when /phuong names one without', async () => {
    const sheet = slashCommand(asker('can-bo-4'), 'phuong', { 'địa-phương': 'phường Không Có' });
    const calls = await exchange('INTERACTION_CREATE', sheet, isOriginalEdit(sheet.token));
    expect(calls.at(-1)?.body.content).toBe('Chưa có thông tin về “phường Không Có” trong các bài viết. Có thông tin về: phường Đông Hải, tỉnh Nghệ An; phường Đông Hải, tỉnh Thanh Hóa; xã Quảng Minh, tỉnh Thanh Hóa');
  });

  it('shows the passages found for a keyword with /thongtin, without composing an answer', async () => {
    const asked = services.questions.length;
    const lookup = slashCommand(asker('can-bo-2'), 'thongtin', { 'từ-khóa': 'bí thư' });
    const calls = await exchange('INTERACTION_CREATE', lookup, isOriginalEdit(lookup.token));
    expect(calls[0]?.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(services.retrieved.at(-1)).toBe('bí thư');
    expect(services.questions).toHaveLength(asked);
  });

  it('lets a server manager set the default place, language and channels with /caidat, applied to the next question', async () => {
    const manager = asker('quan-tri', PermissionFlagsBits.ManageGuild);
    const change = slashCommand(manager, 'caidat', { 'địa-phương': 'phường Mẫu', 'ngôn-ngữ': 'vi', kênh: `<#${CHANNEL}>` });
    const [saved] = await exchange('INTERACTION_CREATE', change, isCallback(change));
    expect(feedbackOf(saved!)).toContain('Địa phương mặc định: phường Mẫu');
    expect(services.settingsByScope.get(`discord:guild:${GUILD}`)).toEqual({ defaultPlace: 'phường Mẫu', language: 'vi', channelIds: CHANNEL });

    const ask = slashCommand(asker('cu-dan-7'), 'hoi', { 'câu-hỏi': 'Ai là Bí thư?' });
    await exchange('INTERACTION_CREATE', ask, isOriginalEdit(ask.token));
    expect(services.questions.at(-1)).toMatchObject({ defaultPlace: 'phường Mẫu', language: 'vi' });

    const elsewhere = slashCommand({ ...asker('cu-dan-8'), channelId: OTHER_CHANNEL }, 'hoi', { 'câu-hỏi': 'Ai là Bí thư?' });
    const [refused] = await exchange('INTERACTION_CREATE', elsewhere, isCallback(elsewhere));
    expect(feedbackOf(refused!)).toContain(`bot chỉ trả lời trong các kênh: <#${CHANNEL}>`);

    const reset = slashCommand(manager, 'caidat', { 'địa-phương': '-', 'ngôn-ngữ': 'auto', kênh: '-' });
    await exchange('INTERACTION_CREATE', reset, isCallback(reset));
    expect(services.settingsByScope.get(`discord:guild:${GUILD}`)).toEqual({});
  });

  it('refuses /caidat from a member without Manage Server', async () => {
    const change = slashCommand(asker('thanh-vien-2'), 'caidat', { 'địa-phương': 'phường Khác' });
    const [refused] = await exchange('INTERACTION_CREATE', change, isCallback(change));
    expect(feedbackOf(refused!)).toContain('cần quyền Quản lý máy chủ');
    expect(services.settingsByScope.get(`discord:guild:${GUILD}`)?.defaultPlace).toBeUndefined();
  });
});

describe('Discord bot listening without mentions', () => {
  let quietStandIn: DiscordStandIn;
  let listeningBot: DiscordBot;
  let listeningServices: FakeDiscordServices;

  beforeAll(async () => {
    quietStandIn = await startDiscordStandIn({
      applicationId: APPLICATION,
      bot: { id: BOT, username: 'hoiphuong' },
      guild: { id: GUILD, name: 'Phường Mẫu', channels: [{ id: CHANNEL }, { id: OTHER_CHANNEL }] },
    });
    listeningServices = fakeDiscordServices({ answer: cannedAnswer, articles: ARTICLES });
    const config = loadConfig({
      DISCORD_TOKEN: 'stand-in-token',
      DISCORD_APPLICATION_ID: APPLICATION,
      DISCORD_API_URL: quietStandIn.apiUrl,
      DISCORD_MENTION_ONLY: 'false',
      DISCORD_CHANNEL_IDS: CHANNEL,
    });
    listeningBot = await startDiscordBot({ config, services: listeningServices, log: () => undefined });
  });

  afterAll(async () => {
    await listeningBot?.stop();
    await quietStandIn?.close();
  });

  it('requests the Message Content intent and answers plain messages only in the allowed channels', async () => {
    expect(quietStandIn.identifies[0]?.intents & GatewayIntentBits.MessageContent).toBe(GatewayIntentBits.MessageContent);
    const author = user(nextSnowflake(), 'cu-dan');
    quietStandIn.dispatch('MESSAGE_CREATE', userMessage({ channelId: OTHER_CHANNEL, guildId: GUILD, author, content: 'Ở kênh khác thì sao?' }));
    const from = quietStandIn.calls.length;
    const plain = userMessage({ channelId: CHANNEL, guildId: GUILD, author, content: 'Nộp hồ sơ ở đâu?' });
    quietStandIn.dispatch('MESSAGE_CREATE', plain);
    await quietStandIn.waitFor(() => quietStandIn.callsSince(from).find((call) => call.method === 'POST'));
    expect(quietStandIn.callsSince(from).map((call) => `${call.method} ${call.path}`)).toEqual([`POST /channels/${CHANNEL}/messages`]);
    expect(listeningServices.questions.map((question) => question.text)).toEqual(['Nộp hồ sơ ở đâu?']);
  });
});
