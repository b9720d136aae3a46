import type { SettingsStore } from '../../core/ports.js';
import type { Language } from '../../core/types.js';

/** A Discord server's own settings; anything unset falls back to the deployment's. */
export interface GuildSettings {
  /** Place assumed when a question names none (`Question.defaultPlace`). */
  defaultPlace?: string;
  /** Forces the answer language; otherwise it follows the question. */
  language?: Language;
  /** Channels the bot answers in; empty means the deployment's `DISCORD_CHANNEL_IDS`. */
  channelIds: string[];
}

/** A change to a server's settings: a value sets, `null` clears, an absent key keeps. */
export interface GuildSettingsChange {
  defaultPlace?: string | null;
  language?: Language | null;
  channelIds?: string[] | null;
}

/** The settings-store scope of a server, `discord:guild:<id>`. */
export function guildSettingsScope(guildId: string): string {
  return `discord:guild:${guildId}`;
}

/** Reads a server's settings; a direct message (no server) has none. */
export async function loadGuildSettings(store: SettingsStore, guildId: string | null): Promise<GuildSettings> {
  if (!guildId) return { channelIds: [] };
  return parseGuildSettings(await store.getSettings(guildSettingsScope(guildId)));
}

/** Applies a change to a server's settings and returns them as stored. */
export async function saveGuildSettings(store: SettingsStore, guildId: string, change: GuildSettingsChange): Promise<GuildSettings> {
  const values: Record<string, string | null> = {};
  if (change.defaultPlace !== undefined) values.defaultPlace = change.defaultPlace?.normalize('NFC').trim() || null;
  if (change.language !== undefined) values.language = change.language;
  if (change.channelIds !== undefined) values.channelIds = change.channelIds?.length ? change.channelIds.join(',') : null;
  return parseGuildSettings(await store.setSettings(guildSettingsScope(guildId), values));
}

/** Turns stored strings back into settings, ignoring values this version does not understand. */
export function parseGuildSettings(values: Record<string, string>): GuildSettings {
  const settings: GuildSettings = { channelIds: (values.channelIds ?? '').split(',').map((id) => id.trim()).filter(Boolean) };
  if (values.defaultPlace) settings.defaultPlace = values.defaultPlace;
  if (values.language === 'vi' || values.language === 'en') settings.language = values.language;
  return settings;
}
