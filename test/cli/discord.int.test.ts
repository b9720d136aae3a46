import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordCommand, inviteUrl } from '../../src/cli/discord.js';
import type { CommandContext } from '../../src/cli/command-context.js';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/core/errors.js';
import { startDiscordStandIn, type DiscordStandIn } from '../support/discord-stand-in.js';

const APPLICATION = '900000000000000001';
const GUILD = '100000000000000001';
let standIn: DiscordStandIn;

beforeAll(async () => {
  standIn = await startDiscordStandIn({ applicationId: APPLICATION, bot: { id: '900000000000000002', username: 'hoiphuong' }, guild: { id: GUILD, name: 'G', channels: [] } });
});
afterAll(async () => {
  await standIn?.close();
});

function context(env: Record<string, string>): CommandContext & { output(): string } {
  const stdout = new PassThrough();
  const chunks: string[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { config: loadConfig(env), stdout, stderr: new PassThrough(), stdin: new PassThrough(), output: () => chunks.join('') };
}

describe('hoiphuong discord register', () => {
  it('registers the commands in the configured server when DISCORD_GUILD_ID is set', async () => {
    const from = standIn.calls.length;
    const run = context({ DISCORD_TOKEN: 'stand-in-token', DISCORD_APPLICATION_ID: APPLICATION, DISCORD_GUILD_ID: GUILD, DISCORD_API_URL: standIn.apiUrl });
    expect(await discordCommand(['register'], run)).toBe(0);
    const [call] = standIn.callsSince(from);
    expect(`${call?.method} ${call?.path}`).toBe(`PUT /applications/${APPLICATION}/guilds/${GUILD}/commands`);
    expect(call?.headers.authorization).toBe('Bot stand-in-token');
    expect(call?.body.map((command: { name: string }) => command.name)).toEqual(['hoi', 'ghim', 'bo-ghim', 'nguon', 'thongtin', 'caidat', 'themtin', 'phuong', 'Ghim câu trả lời']);
    expect(run.output()).toContain(`Registered 9 commands in server ${GUILD}`);
  });

  it('registers the commands globally when no server is set', async () => {
    const from = standIn.calls.length;
    const run = context({ DISCORD_TOKEN: 'stand-in-token', DISCORD_APPLICATION_ID: APPLICATION, DISCORD_API_URL: standIn.apiUrl });
    expect(await discordCommand(['register'], run)).toBe(0);
    expect(standIn.callsSince(from).map((call) => `${call.method} ${call.path}`)).toEqual([`PUT /applications/${APPLICATION}/commands`]);
    expect(run.output()).toContain(inviteUrl(APPLICATION));
  });

  it('says which settings are missing instead of calling Discord', async () => {
    await expect(discordCommand(['register'], context({}))).rejects.toThrow(ConfigError);
  });

  it('prints its usage for an unknown subcommand', async () => {
    expect(await discordCommand(['start'], context({}))).toBe(2);
  });
});

describe('inviteUrl', () => {
  it('asks for the bot and applications.commands scopes and the permissions the bot uses', () => {
    const url = new URL(inviteUrl(APPLICATION));
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    const permissions = BigInt(url.searchParams.get('permissions') ?? '0');
    // View Channel, Send Messages, Send Messages in Threads, Embed Links, Read Message History, Pin Messages.
    expect(permissions).toBe((1n << 10n) | (1n << 11n) | (1n << 38n) | (1n << 14n) | (1n << 16n) | (1n << 51n));
  });
});
