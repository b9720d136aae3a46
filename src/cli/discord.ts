import { PermissionFlagsBits, REST, Routes } from 'discord.js';
import { discordCommands } from '../channels/discord/commands.js';
import { ChatbotError, ConfigError } from '../core/errors.js';
import { COMMAND_HELP } from './command-help.js';
import type { Command } from './command-context.js';


/** What the bot needs in a channel: see it, answer (also in threads), show embeds, read replies, pin answers. */
const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.PinMessages;

/** The URL that adds the bot to a server with the scopes and permissions it needs. */
export function inviteUrl(applicationId: string): string {
  const query = new URLSearchParams({ client_id: applicationId, scope: 'bot applications.commands', permissions: BOT_PERMISSIONS.toString() });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}

/** `hoiphuong discord register`: registers the slash commands per server (DISCORD_GUILD_ID) or globally. */
export const discordCommand: Command = async (args, context) => {
  const [subcommand] = args;
  if (subcommand !== 'register') {
    context.stderr.write(`${subcommand ? `Không có lệnh "discord ${subcommand}" (unknown subcommand)` : 'discord cần một lệnh con (needs a subcommand)'} — dùng: hoiphuong discord register\n\n${COMMAND_HELP.discord}\n`);
    return 2;
  }
  const { token, applicationId, guildId, apiUrl } = context.config.discord;
  if (!token || !applicationId) {
    throw new ConfigError('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env (Developer Portal → your application) before registering commands.');
  }
  const rest = new REST({ version: '10', ...(apiUrl ? { api: apiUrl } : {}) }).setToken(token);
  const commands = discordCommands();
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  try {
    await rest.put(route, { body: commands });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ChatbotError('upstream-failed', `Discord refused the commands: ${detail}. Check DISCORD_TOKEN, DISCORD_APPLICATION_ID${guildId ? ' and DISCORD_GUILD_ID (is the bot in that server?)' : ''}.`, { cause: error });
  }
  const names = commands.map((command) => (command.type === undefined || command.type === 1 ? `/${command.name}` : `"${command.name}"`));
  context.stdout.write(
    `Registered ${commands.length} commands ${guildId ? `in server ${guildId} (available now)` : 'globally (they can take a few minutes to appear)'}: ${names.join(', ')}.\n` +
      `Invite the bot with: ${inviteUrl(applicationId)}\n`,
  );
  return 0;
};
