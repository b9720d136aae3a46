import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordBot, type DiscordBot } from '../../../src/channels/discord/bot.js';
import { loadConfig } from '../../../src/config.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { fakeDiscordServices } from '../../fakes/discord-services.js';
import { conversationServices, indexFixtures, type FixtureAnswering } from '../../support/conversation-services.js';
import { startDiscordStandIn, type DiscordStandIn, type RestCall } from '../../support/discord-stand-in.js';
import { buttonClick, member, nextSnowflake, slashCommand } from './discord-payloads.js';

// discord-payloads stamps this application id on every interaction.
const APPLICATION = '900000000000000001';
const BOT = '910000000000000002';
const GUILD = '110000000000000001';
const CHANNEL = '110000000000000002';
const SEND = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;

let answering: FixtureAnswering;
let store: SqliteStore;
let standIn: DiscordStandIn;
let bot: DiscordBot;

beforeAll(async () => {
  answering = await indexFixtures();
  store = SqliteStore.open({ path: ':memory:', pinMatchThreshold: 0.8, newSalt: () => 'salt' });
  standIn = await startDiscordStandIn({ applicationId: APPLICATION, bot: { id: BOT, username: 'hoiphuong' }, guild: { id: GUILD, name: 'Phường', channels: [{ id: CHANNEL, name: 'hoi-dap' }] } });
  // Fakes for pins and settings; the answering and the conversations are the real ones.
  const services = { ...fakeDiscordServices({ answer: () => { throw new Error('unused'); } }), ask: conversationServices(answering, store), userKeys: store.userKeys };
  const config = loadConfig({ DISCORD_TOKEN: 'stand-in-token', DISCORD_APPLICATION_ID: APPLICATION, DISCORD_API_URL: standIn.apiUrl, RATE_LIMIT_PER_MINUTE: '0' });
  bot = await startDiscordBot({ config, services, log: () => {}, newId: () => 'ref', now: () => 0 });
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.close();
  store?.close();
  await answering?.close();
});

async function exchange(payload: Record<string, any>): Promise<RestCall[]> {
  const from = standIn.calls.length;
  standIn.dispatch('INTERACTION_CREATE', payload);
  const done = (call: RestCall) =>
    (call.method === 'PATCH' && call.path === `/webhooks/${APPLICATION}/${payload.token}/messages/@original`) ||
    (call.method === 'POST' && call.path === `/interactions/${payload.id}/${payload.token}/callback` && call.body?.type === 4);
  await standIn.waitFor(() => standIn.callsSince(from).find(done));
  return standIn.callsSince(from);
}

describe('Discord conversation against a local Discord stand-in', () => {
  it('offers a button per same-named ward, and a click answers for that ward in the asker’s conversation', async () => {
    const asker = { guildId: GUILD, channelId: CHANNEL, member: member(nextSnowflake(), 'cu-dan', SEND) };
    const ask = slashCommand(asker, 'hoi', { 'câu-hỏi': 'Bí thư Đảng ủy phường Tân An là ai?' });
    const [, edit] = await exchange(ask);
    const rows = edit?.body.components as Array<{ components: Array<{ custom_id: string; label: string }> }>;
    const buttons = rows.flatMap((row) => row.components).filter((button) => button.custom_id.startsWith('place:'));
    expect(buttons.map((button) => button.label)).toEqual([expect.stringMatching(/^1\. phường Tân An, TP /), expect.stringMatching(/^2\. phường Tân An, TP /)]);

    // Someone else's click only gets a private hint.
    const other = { guildId: GUILD, channelId: CHANNEL, member: member(nextSnowflake(), 'nguoi-khac', SEND) };
    const [hint] = await exchange(buttonClick(other, buttons[1]!.custom_id, edit?.response));
    expect(hint?.body).toMatchObject({ type: 4, data: { flags: 64 } });

    const click = buttonClick(asker, buttons[1]!.custom_id, edit?.response);
    const calls = await exchange(click);
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      `POST /interactions/${click.id}/${click.token}/callback`,
      `PATCH /webhooks/${APPLICATION}/${click.token}/messages/@original`,
    ]);
    const chosen = buttons[1]!.label.replace(/^2\. /, '');
    const description = calls[1]?.body.embeds[0].description as string;
    expect(description).toContain(chosen.includes('Hà Nội') ? 'Trần Minh Khoa' : 'Huỳnh Văn Tấn');
    expect(description.startsWith(`(${chosen})`)).toBe(true);

    // The conversation goes on in that ward.
    const [, followUp] = await exchange(slashCommand(asker, 'hoi', { 'câu-hỏi': 'còn phó bí thư thì sao?' }));
    expect(followUp?.body.embeds[0].description).toContain(chosen.includes('Hà Nội') ? 'Lê Thu Hà' : 'Võ Thị Mai');
  });
});
