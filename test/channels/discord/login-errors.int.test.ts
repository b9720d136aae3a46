import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordBot } from '../../../src/channels/discord/bot.js';
import { loadConfig } from '../../../src/config.js';
import { ConfigError } from '../../../src/core/errors.js';
import { fakeDiscordServices } from '../../fakes/discord-services.js';
import { startDiscordStandIn, type DiscordStandIn } from '../../support/discord-stand-in.js';

const APPLICATION = '900000000000000001';
let standIn: DiscordStandIn;
beforeAll(async () => {
  standIn = await startDiscordStandIn({ applicationId: APPLICATION, bot: { id: '900000000000000002', username: 'hoiphuong' }, guild: { id: '100000000000000001', name: 'G', channels: [] } });
});
afterAll(async () => {
  await standIn?.close();
});

function start(env: Record<string, string> = {}) {
  const config = loadConfig({ DISCORD_TOKEN: 'stand-in-token', DISCORD_APPLICATION_ID: APPLICATION, DISCORD_API_URL: standIn.apiUrl, ...env });
  return startDiscordBot({ config, services: fakeDiscordServices({ answer: () => { throw new Error('not asked'); } }), log: () => {} });
}

describe('Discord gateway refusals at login', () => {
  it('names DISCORD_TOKEN when the gateway closes with 4004 (authentication failed), not a network problem', async () => {
    standIn.closeNextIdentify(4004, 'x');
    const failure = await start().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(/^Discord refused DISCORD_TOKEN\./);
  });

  it('names the Message Content intent when the gateway closes with 4014 (disallowed intents)', async () => {
    standIn.closeNextIdentify(4014, 'x');
    const failure = await start({ DISCORD_MENTION_ONLY: 'false' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(/Message Content intent/);
  });

  it('says the bot is in too many servers when the gateway closes with 4011 (sharding required)', async () => {
    standIn.closeNextIdentify(4011, 'x');
    const failure = await start().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(/4011 \(sharding required\)/);
  });
});
