import { DiscordAPIError, REST } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordStandIn, type DiscordStandIn } from '../../support/discord-stand-in.js';

// The stand-in must refuse what Discord refuses, or a reply that breaks a limit would pass every bot test and fail live.
let standIn: DiscordStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function start(now?: () => number) {
  standIn = await startDiscordStandIn({
    applicationId: '900000000000000001',
    bot: { id: '900000000000000002', username: 'hoiphuong' },
    guild: { id: '1', name: 'G', channels: [{ id: '10' }] },
    ...(now ? { now } : {}),
  });
  const rest = new REST({ version: '10', api: standIn.apiUrl, retries: 0 }).setToken('stand-in-token');
  return { standIn, rest };
}

async function discordError(request: Promise<unknown>): Promise<{ status: number; code: number | string }> {
  try {
    await request;
  } catch (error) {
    if (error instanceof DiscordAPIError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error('expected Discord to refuse the request');
}

const button = (customId: string, label = 'Có') => ({ type: 2, style: 1, custom_id: customId, label });

describe('the Discord stand-in enforces Discord’s rules', () => {
  it('refuses a message over 2,000 characters, embeds over their field limits or 6,000 in all, with 400 Invalid Form Body', async () => {
    const { rest } = await start();
    const post = (body: unknown) => rest.post('/channels/10/messages', { body });
    expect(await post({ content: 'a'.repeat(2000) })).toMatchObject({ content: 'a'.repeat(2000) });
    expect(await discordError(post({ content: 'a'.repeat(2001) }))).toEqual({ status: 400, code: 50035 });
    expect(await discordError(post({ embeds: [{ title: 't'.repeat(257) }] }))).toEqual({ status: 400, code: 50035 });
    expect(await discordError(post({ embeds: [{ description: 'd'.repeat(4097) }] }))).toEqual({ status: 400, code: 50035 });
    expect(await discordError(post({ embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] }))).toEqual({ status: 400, code: 50035 });
    expect(await discordError(post({ embeds: [{ fields: [{ name: '', value: 'v' }] }] }))).toEqual({ status: 400, code: 50035 });
    const twoBig = [{ description: 'd'.repeat(3500) }, { description: 'd'.repeat(3500) }];
    expect(await discordError(post({ embeds: twoBig }))).toEqual({ status: 400, code: 50035 });
  });

  it('refuses a custom_id over 100 characters, a label over 80, six buttons in a row, six rows and duplicate ids', async () => {
    const { rest } = await start();
    const post = (components: unknown) => rest.post('/channels/10/messages', { body: { content: 'x', components } });
    expect(await post([{ type: 1, components: [button('i'.repeat(100), 'l'.repeat(80))] }])).toBeTruthy();
    expect(await discordError(post([{ type: 1, components: [button('i'.repeat(101))] }]))).toEqual({ status: 400, code: 50035 });
    expect(await discordError(post([{ type: 1, components: [button('a', 'l'.repeat(81))] }]))).toEqual({ status: 400, code: 50035 });
    expect(await discordError(post([{ type: 1, components: ['1', '2', '3', '4', '5', '6'].map((id) => button(id)) }]))).toEqual({ status: 400, code: 50035 });
    expect(await discordError(post(['1', '2', '3', '4', '5', '6'].map((id) => ({ type: 1, components: [button(id)] }))))).toEqual({ status: 400, code: 50035 });
    expect(await discordError(post([{ type: 1, components: [button('same'), button('same')] }]))).toEqual({ status: 400, code: 50035 });
  });

  it('takes one first response per interaction, within 3 s of it: a late one gets 10062 Unknown interaction, a second 40060', async () => {
    let clock = 1_000_000;
    const { standIn, rest } = await start(() => clock);
    const interaction = (id: string, token: string) => ({ id, token, type: 2, application_id: '900000000000000001', channel: { id: '10', type: 0 }, data: { id: '5', name: 'hoi', type: 1 } });
    standIn.dispatch('INTERACTION_CREATE', interaction('21', 'token-on-time'));
    clock += 2_900;
    await rest.post('/interactions/21/token-on-time/callback', { body: { type: 5 }, auth: false });
    expect(await discordError(rest.post('/interactions/21/token-on-time/callback', { body: { type: 4, data: { content: 'x' } }, auth: false }))).toEqual({ status: 400, code: 40060 });

    standIn.dispatch('INTERACTION_CREATE', interaction('22', 'token-late'));
    clock += 3_100;
    expect(await discordError(rest.post('/interactions/22/token-late/callback', { body: { type: 5 }, auth: false }))).toEqual({ status: 404, code: 10062 });
  });

  it('refuses a deferred response that carries a message, which Discord allows only flags', async () => {
    const { standIn, rest } = await start();
    standIn.dispatch('INTERACTION_CREATE', { id: '23', token: 'token-defer', type: 2, application_id: '900000000000000001', channel: { id: '10', type: 0 }, data: { id: '5', name: 'hoi', type: 1 } });
    expect(await discordError(rest.post('/interactions/23/token-defer/callback', { body: { type: 5, data: { content: 'đang trả lời' } }, auth: false }))).toEqual({ status: 400, code: 50035 });
  });
});
