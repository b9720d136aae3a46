import { randomBytes } from 'node:crypto';
import { Client, Events, GatewayIntentBits, MessageFlags, Partials, type Interaction, type Message } from 'discord.js';
import { ChatbotError, ConfigError, toChatbotError } from '../../core/errors.js';
import { message } from '../../core/messages.js';
import { RateLimiter } from '../../core/rate-limiter.js';
import { detectLanguage } from '../../core/question-analysis.js';
import type { Config } from '../../config.js';
import type { AskResult } from '../../core/types.js';
import { BoundedMap } from '../../core/bounded-map.js';
import type { DiscordBotContext, DiscordBotServices } from './bot-context.js';
import { COMMAND_NAMES } from './commands.js';
import { formatNotice, noMentions } from './format-reply.js';
import { handleAskCommand, handleMessage, handlePlaceChoiceButton } from './handle-ask.js';
import { handleFactSheetCommand } from './handle-fact-sheet.js';
import { handleAddArticleCommand } from './handle-add-article.js';
import { handleFeedbackButton } from './handle-feedback.js';
import { handlePinCommand, handlePinMessageCommand, handleUnpinCommand } from './handle-pin.js';
import { handleSettingsCommand } from './handle-settings.js';
import { handlePassagesCommand, handleSourcesCommand } from './handle-sources.js';
import { interactionLanguage, respond } from './interaction-reply.js';
import { withApology } from './with-apology.js';

export type { DiscordBotServices } from './bot-context.js';

/** Options of `startDiscordBot`. */
export interface DiscordBotOptions {
  config: Readonly<Config>;
  services: DiscordBotServices;
  log: (line: string) => void;
  /** Reference ids for error reports; injected so tests are deterministic. */
  newId?: () => string;
  /** Clock in epoch milliseconds for the rate limit; injected so tests need no waiting. */
  now?: () => number;
  /** Called each time the gateway connection is lost and discord.js reconnects (for `/metrics`). */
  onReconnect?: () => void;
}

/** A running bot. */
export interface DiscordBot {
  client: Client;
  stop(): Promise<void>;
}

/** How many sent answers are remembered for pinning with their full text. */
const RECENT_ANSWERS = 1000;

/**
 * Logs the bot in (REST at `DISCORD_API_URL` when set) and answers slash commands, the pin context menu, feedback
 * buttons, mentions and direct messages until `stop`. Message Content is requested only when mention-free listening
 * is on (`DISCORD_MENTION_ONLY=false`). Resolves once Discord says the bot is ready.
 * @throws ConfigError when the token is missing or Discord refuses it or the requested intents; ChatbotError
 *   `upstream-failed` when Discord cannot be reached.
 */
export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const { config, log } = options;
  const token = config.discord.token;
  if (!token) throw new ConfigError('Discord is not configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env.');
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  if (!config.discord.mentionOnly) intents.push(GatewayIntentBits.MessageContent);
  const client = new Client({
    intents,
    // Direct-message channels are not cached ahead of their first message; without this those messages are dropped.
    partials: [Partials.Channel],
    allowedMentions: noMentions(),
    ...(config.discord.apiUrl ? { rest: { api: config.discord.apiUrl } } : {}),
  });
  client.on(Events.Error, (error) => log(`[discord] client error: ${error.message}`));
  client.on(Events.ShardError, (error) => log(`[discord] gateway error: ${error.message}`));
  client.on(Events.Warn, (warning) => log(`[discord] ${warning}`));
  client.on(Events.ShardReconnecting, () => {
    log('[discord] gateway connection lost; reconnecting');
    options.onReconnect?.();
  });

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(token);
  } catch (error) {
    await client.destroy();
    throw loginError(error, config);
  }
  const readyClient = await ready;
  const context: DiscordBotContext = {
    client: readyClient,
    config,
    services: options.services,
    log,
    newId: options.newId ?? (() => randomBytes(4).toString('hex')),
    limiter: options.services.rateLimit ?? new RateLimiter(config.rateLimitPerMinute, 60_000, options.now),
    recentAnswers: new BoundedMap<string, AskResult>(RECENT_ANSWERS),
  };
  client.on(Events.InteractionCreate, (interaction) => void onInteraction(interaction, context));
  client.on(Events.MessageCreate, (incoming) => void onMessage(incoming, context));
  log(`[discord] logged in as ${readyClient.user.tag} (${config.discord.mentionOnly ? 'answers mentions, direct messages and /hoi' : 'answers every message in its channels'})`);
  return {
    client,
    stop: async () => {
      await client.destroy();
    },
  };
}

/** Routes one interaction to its handler; a failure becomes an apology with a reference id, never a crash. */
async function onInteraction(interaction: Interaction, context: DiscordBotContext): Promise<void> {
  if (!interaction.isRepliable()) return;
  const what = interaction.isCommand() ? `/${interaction.commandName}` : interaction.isButton() ? `button ${interaction.customId}` : `interaction ${interaction.type}`;
  const target = {
    what,
    language: interactionLanguage(interaction),
    log: context.log,
    newId: context.newId,
    send: (reply: Parameters<typeof respond>[1]) => respond(interaction, reply, true),
  };
  await withApology(target, async () => {
    if (interaction.isChatInputCommand()) {
      const handler = {
        [COMMAND_NAMES.ask]: handleAskCommand,
        [COMMAND_NAMES.pin]: handlePinCommand,
        [COMMAND_NAMES.unpin]: handleUnpinCommand,
        [COMMAND_NAMES.sources]: handleSourcesCommand,
        [COMMAND_NAMES.passages]: handlePassagesCommand,
        [COMMAND_NAMES.settings]: handleSettingsCommand,
        [COMMAND_NAMES.addArticle]: handleAddArticleCommand,
        [COMMAND_NAMES.factSheet]: handleFactSheetCommand,
      }[interaction.commandName];
      if (handler) return void (await handler(interaction, context));
    } else if (interaction.isMessageContextMenuCommand() && interaction.commandName === COMMAND_NAMES.pinMessage) {
      return handlePinMessageCommand(interaction, context);
    } else if (interaction.isButton()) {
      if ((await handleFeedbackButton(interaction, context)) || (await handlePlaceChoiceButton(interaction, context))) return;
    }
    // A command or button this version does not know (registered by an older one): an answer, never "did not respond".
    context.log(`[discord] unknown ${what}; run "hoiphuong discord register" again if the commands changed`);
    await interaction.reply({ ...formatNotice(message('discord.unknown-interaction', target.language)), flags: MessageFlags.Ephemeral });
  });
}

/** Answers a message addressed to the bot; a failure becomes an apology in reply, never a crash. */
async function onMessage(incoming: Message, context: DiscordBotContext): Promise<void> {
  if (incoming.author.id === context.client.user.id) return;
  const target = {
    what: incoming.inGuild() ? `message in channel ${incoming.channelId}` : 'direct message',
    language: detectLanguage(incoming.content),
    log: context.log,
    newId: context.newId,
    send: (reply: Parameters<typeof respond>[1]) => incoming.reply(reply),
  };
  await withApology(target, () => handleMessage(incoming, context));
}

/** Says what to fix when Discord refuses the login. */
function loginError(error: unknown, config: Readonly<Config>): Error {
  const failure = toChatbotError(error);
  if (/disallowed intents/i.test(failure.message)) {
    return new ConfigError(
      'Discord refused the Message Content intent. Enable it in the Developer Portal (your application → Bot → Privileged Gateway Intents → Message Content Intent), or set DISCORD_MENTION_ONLY=true.',
      { cause: error },
    );
  }
  // Gateway close 4004 arrives as "Authentication failed"; REST's 401 as an invalid-token error.
  if (/token|authentication failed/i.test(failure.message) || /\b(401|4004)\b/.test(failure.message)) {
    return new ConfigError('Discord refused DISCORD_TOKEN. Copy the bot token again from the Developer Portal (your application → Bot → Reset Token).', { cause: error });
  }
  if (/sharding is required/i.test(failure.message)) {
    return new ConfigError('Discord closed the gateway with 4011 (sharding required): the bot is in more than 2,500 servers, which one Hỏi Phường process does not support; run it for fewer servers.', { cause: error });
  }
  if (/invalid intents|invalid api version|invalid shard/i.test(failure.message)) {
    return new ConfigError(`Discord refused the connection (${failure.message}); upgrade Hỏi Phường (its discord.js) and try again.`, { cause: error });
  }
  const where = config.discord.apiUrl ? ` at DISCORD_API_URL=${config.discord.apiUrl}` : '';
  return new ChatbotError('upstream-failed', `Could not log in to Discord${where}: ${failure.message}. Check the network and try again.`, { cause: error });
}
