/** Gateway payloads as Discord sends them (API v10), reduced to what discord.js reads. */

/** Every permission bit, as the bot's own `app_permissions`. */
const ALL_PERMISSIONS = String((1n << 53n) - 1n);

let counter = 0;
/** A fresh snowflake-like id; interaction ids and tokens must differ between events. */
export function nextSnowflake(): string {
  counter += 1;
  return String(1_200_000_000_000_000_000n + BigInt(counter));
}

/** A Discord user. */
export function user(id: string, username: string, bot = false): Record<string, unknown> {
  return { id, username, discriminator: '0', global_name: username, avatar: null, bot, flags: 0 };
}

/** A guild member as interactions carry it: `permissions` are the member's in the channel, overwrites applied. */
export function member(id: string, username: string, permissions: bigint, roles: string[] = []): Record<string, unknown> {
  return {
    user: user(id, username),
    roles,
    permissions: String(permissions),
    joined_at: '2025-01-01T00:00:00.000+00:00',
    nick: null,
    avatar: null,
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
  };
}

/** Where an interaction happens: a guild channel (or thread) with the member, or a direct message with the user. */
export type Place =
  | { guildId: string; channelId: string; member: Record<string, unknown>; parentId?: string }
  | { channelId: string; user: Record<string, unknown> };

function interaction(place: Place, type: number, data: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, any> {
  const inGuild = 'guildId' in place;
  return {
    id: nextSnowflake(),
    application_id: '900000000000000001',
    type,
    token: `token-${nextSnowflake()}`,
    version: 1,
    locale: 'vi',
    app_permissions: ALL_PERMISSIONS,
    entitlements: [],
    attachment_size_limit: 10_485_760,
    ...(inGuild
      ? {
          guild_id: place.guildId,
          guild_locale: 'vi',
          channel_id: place.channelId,
          channel: place.parentId
            ? { id: place.channelId, type: 11, guild_id: place.guildId, parent_id: place.parentId, name: 'luồng' }
            : { id: place.channelId, type: 0, guild_id: place.guildId, name: 'chung' },
          member: place.member,
          authorizing_integration_owners: { '0': place.guildId },
          context: 0,
        }
      : {
          channel_id: place.channelId,
          channel: { id: place.channelId, type: 1, recipients: [place.user] },
          user: place.user,
          authorizing_integration_owners: { '0': '1' },
          context: 1,
        }),
    data,
    ...extra,
  };
}

/** `INTERACTION_CREATE` for a slash command with string options. */
export function slashCommand(place: Place, name: string, options: Record<string, string> = {}): Record<string, any> {
  return interaction(place, 2, {
    id: nextSnowflake(),
    name,
    type: 1,
    options: Object.entries(options).map(([optionName, value]) => ({ name: optionName, type: 3, value })),
  });
}

/** `INTERACTION_CREATE` for a message context-menu command on `target`. */
export function messageCommand(place: Place, name: string, target: Record<string, any>): Record<string, any> {
  return interaction(place, 2, { id: nextSnowflake(), name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: target } } });
}

/** `INTERACTION_CREATE` for a click on a button of `message`. */
export function buttonClick(place: Place, customId: string, message: Record<string, any>): Record<string, any> {
  return interaction(place, 3, { custom_id: customId, component_type: 2 }, { message });
}

/** `MESSAGE_CREATE` for a user's message; `mentions` are the users it mentions, `channel_type` 1 marks a direct message. */
export function userMessage(options: {
  channelId: string;
  guildId?: string;
  author: Record<string, any>;
  content: string;
  mentions?: Array<Record<string, unknown>>;
  mentionEveryone?: boolean;
}): Record<string, any> {
  return {
    id: nextSnowflake(),
    channel_id: options.channelId,
    channel_type: options.guildId ? 0 : 1,
    ...(options.guildId ? { guild_id: options.guildId, member: { roles: [], joined_at: '2025-01-01T00:00:00.000+00:00', deaf: false, mute: false, flags: 0 } } : {}),
    author: options.author,
    content: options.content,
    timestamp: '2025-06-01T08:00:00.000+00:00',
    edited_timestamp: null,
    tts: false,
    mention_everyone: options.mentionEveryone ?? false,
    mentions: options.mentions ?? [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0,
    flags: 0,
  };
}
