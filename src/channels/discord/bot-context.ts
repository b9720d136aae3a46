import type { Client } from 'discord.js';
import type { Config } from '../../config.js';
import type { AskService, FeedbackStore, PinStore, RateLimit, Retriever, SettingsStore, UserKeys } from '../../core/ports.js';
import type { ArticleMeta, AskResult } from '../../core/types.js';
import type { BoundedMap } from '../../core/bounded-map.js';
import type { ArticleFetchOutcome } from '../../sources/sync-sources.js';
import type { FactBook } from '../../facts/fact-book.js';

/** What the Discord bot needs from the rest of Hỏi Phường. */
export interface DiscordBotServices {
  ask: AskService;
  pins: PinStore;
  feedback: FeedbackStore;
  userKeys: UserKeys;
  settings: SettingsStore;
  /** Articles indexed (for /nguon), optionally filtered by place. */
  listArticles(place?: string): ArticleMeta[];
  /** Retrieval only (for /thongtin). */
  retriever: Retriever;
  /** The facts read from the articles (for /phuong); absent when the server has none. */
  factBook?(): Promise<FactBook>;
  /** Fetches one article URL now and brings it into the index (for /themtin); absent when the server has no store. */
  addArticle?(url: string, place: string | undefined): Promise<ArticleFetchOutcome>;
  /** Counts questions per user instead of an in-process `RateLimiter` (replicas share one in PostgreSQL). */
  rateLimit?: RateLimit;
}

/** Everything a handler of one interaction or message may use, shared for the life of the bot. */
export interface DiscordBotContext {
  client: Client<true>;
  config: Readonly<Config>;
  services: DiscordBotServices;
  log: (line: string) => void;
  /** Reference ids for error reports. */
  newId: () => string;
  /** One limit per Discord user across /hoi, mentions, direct messages and /thongtin. */
  limiter: RateLimit;
  /** The answers the bot sent lately, by message id, so pinning one keeps its full text and sources. */
  recentAnswers: BoundedMap<string, AskResult>;
}
