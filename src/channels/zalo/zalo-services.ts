import type { Config } from '../../config.js';
import type { FactBook } from '../../facts/fact-book.js';
import type { ChannelStatus } from '../channel-status.js';
import type { AskService, FeedbackStore, RateLimit, SeenEvents, TokenStore, UserKeys } from '../../core/ports.js';

/** What the Zalo channels need from the rest of the bot. */
export interface ZaloServices {
  ask: AskService;
  feedback: FeedbackStore;
  userKeys: UserKeys;
  /** Keeps the OA token pair (`zalo-oa`), whose refresh token is single-use. */
  tokens: TokenStore;
  /** OA events already handled, so a redelivery (also after a restart) gets no second reply. */
  seenEvents: SeenEvents;
  /** Counts messages per user instead of an in-process `RateLimiter` (replicas share one in PostgreSQL). */
  rateLimit?: RateLimit;
  /** The facts read from the articles, for "thông tin phường X"; without it that message is asked as a question. */
  factBook?(): Promise<FactBook>;
}

/** Options shared by the Zalo OA webhook, the Zalo bot webhook and the Zalo bot poller. */
export interface ZaloChannelOptions {
  config: Readonly<Config>;
  services: ZaloServices;
  log: (line: string) => void;
  /** Clock in epoch milliseconds; injected so event-age checks and rate limits are testable. */
  now?: () => number;
  /** HTTP client for Zalo's APIs; injected for proxies and tests. */
  fetch?: typeof fetch;
  /** Waits before a rate-limited send is retried; injected so tests need no real waiting. */
  waitAfterRateLimit?: (milliseconds: number) => Promise<void>;
  /** Told when sending works or fails, for `/healthz`, the start banner and `/metrics`. */
  status?: ChannelStatus;
}
