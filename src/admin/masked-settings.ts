import { maskCredentials, type Config } from '../config.js';

/** One setting as the console shows it: its variable and its value, secrets masked. */
export interface ShownSetting {
  name: string;
  value: string;
  secret: boolean;
}

/**
 * The settings as the console's read-only page shows them: every secret (keys, tokens, salts, the admin password)
 * only as set or not set, never its value; URLs without credentials.
 */
export function maskedSettings(config: Readonly<Config>): ShownSetting[] {
  const plain = (name: string, value: string | number | boolean | readonly string[] | undefined): ShownSetting => ({
    name,
    value: value === undefined || value === '' ? '–' : Array.isArray(value) ? (value.length ? value.join(', ') : '–') : maskCredentials(String(value)),
    secret: false,
  });
  const secret = (name: string, value: string | undefined): ShownSetting => ({ name, value: value ? '••••••' : '–', secret: true });
  return [
    plain('DATA_DIR', config.dataDir),
    plain('INDEX_DIR', config.indexDir),
    plain('HOST', config.host),
    plain('PORT', config.port),
    plain('DEFAULT_PLACE', config.defaultPlace),
    plain('TZ', config.timeZone),
    plain('ALLOWED_ORIGINS', config.allowedOrigins),
    secret('ADMIN_PASSWORD', config.admin.password),
    plain('ADMIN_SESSION_HOURS', config.admin.sessionHours),
    plain('MAX_QUESTION_LENGTH', config.maxQuestionLength),
    plain('RATE_LIMIT_PER_MINUTE', config.rateLimitPerMinute),
    plain('TRUST_PROXY', config.trustProxy),
    plain('MAX_CONCURRENT_ANSWERS', config.maxConcurrentAnswers),
    plain('MAX_CONNECTIONS', config.maxConnections),
    plain('MAX_ARTICLE_BYTES', config.maxArticleBytes),
    plain('OFFLINE_EMBEDDER', config.offlineEmbedder),
    secret('OPENAI_API_KEY', config.openai.apiKey),
    plain('OPENAI_BASE_URL', config.openai.baseUrl),
    plain('OPENAI_CHAT_MODEL', config.openai.chatModel),
    plain('OPENAI_EMBEDDING_MODEL', config.openai.embeddingModel),
    plain('SYNC_INTERVAL_MINUTES', config.sync.intervalMinutes),
    plain('BOT_INFO_URL', config.sync.infoUrl),
    plain('DATABASE_PATH', config.store.databasePath),
    plain('PIN_MATCH_THRESHOLD', config.store.pinMatchThreshold),
    plain('CONVERSATION_TTL_MINUTES', config.store.conversationTtlMinutes),
    secret('USER_KEY_SALT', config.store.userKeySalt),
    plain('ANSWER_LOG_DAYS', config.store.answerLogDays),
    secret('DISCORD_TOKEN', config.discord.token),
    plain('DISCORD_APPLICATION_ID', config.discord.applicationId),
    plain('DISCORD_GUILD_ID', config.discord.guildId),
    plain('DISCORD_CHANNEL_IDS', config.discord.channelIds),
    plain('DISCORD_MENTION_ONLY', config.discord.mentionOnly),
    plain('DISCORD_MODERATOR_ROLE_IDS', config.discord.moderatorRoleIds),
    plain('ZALO_OA_APP_ID', config.zaloOa.appId),
    secret('ZALO_OA_SECRET_KEY', config.zaloOa.oaSecretKey),
    secret('ZALO_APP_SECRET_KEY', config.zaloOa.appSecretKey),
    secret('ZALO_OA_ACCESS_TOKEN', config.zaloOa.accessToken),
    secret('ZALO_OA_REFRESH_TOKEN', config.zaloOa.refreshToken),
    plain('ZALO_OA_WEBHOOK_PATH', config.zaloOa.webhookPath),
    secret('ZALO_BOT_TOKEN', config.zaloBot.token),
    secret('ZALO_BOT_SECRET_TOKEN', config.zaloBot.secretToken),
    plain('ZALO_BOT_MODE', config.zaloBot.mode),
  ];
}
