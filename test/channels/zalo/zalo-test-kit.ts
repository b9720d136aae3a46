import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../../../src/channels/http/server.js';
import { loadConfig, type Config } from '../../../src/config.js';
import type { ZaloServices } from '../../../src/channels/zalo/zalo-services.js';
import type { HttpRoute } from '../../../src/channels/http/http-route.js';
import type { Feedback, SeenEvents, TokenPair, TokenStore } from '../../../src/core/ports.js';
import type { AskResult, Question } from '../../../src/core/types.js';

/** Keys and tokens of the pretend OA app and bot used across the Zalo tests. */
export const keys = {
  appId: '2553000000000000001',
  oaSecretKey: 'oa-secret-key-XYZ',
  appSecretKey: 'app-secret-key-ABC',
  accessToken: 'access-token-1',
  refreshToken: 'refresh-token-1',
  botToken: '12345689:abc-xyz',
  botSecret: 'bot-secret-token-123',
};

/** A canned answered result with two sources, in the shape the ask service returns. */
export function answeredResult(question: string, overrides: Partial<AskResult> = {}): AskResult {
  return {
    question,
    answered: true,
    answer: 'Theo bài viết, đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường.',
    citations: [
      { id: 'bai-1', title: 'Đại hội Đảng bộ phường nhiệm kỳ 2025–2030', url: 'https://example.org/bai-1', quote: 'q', published: '2025-08-15' },
      { id: 'bai-2', title: 'Điểm tiếp nhận hồ sơ', url: 'https://example.org/bai-2', quote: 'q' },
    ],
    mode: 'extractive',
    language: 'vi',
    answerId: 'answer-1',
    ...overrides,
  };
}

/** A token store in memory that remembers every save. */
export class MemoryTokenStore implements TokenStore {
  readonly saved: Array<{ name: string; tokens: TokenPair }> = [];
  private readonly pairs = new Map<string, TokenPair>();

  constructor(initial?: Record<string, TokenPair>) {
    for (const [name, tokens] of Object.entries(initial ?? {})) this.pairs.set(name, tokens);
  }

  async loadTokens(name: string): Promise<TokenPair | undefined> {
    return this.pairs.get(name);
  }

  async saveTokens(name: string, tokens: TokenPair): Promise<void> {
    this.saved.push({ name, tokens });
    this.pairs.set(name, tokens);
  }
}

/** Handled-event keys in memory (the SQLite implementation has its own tests). */
export function memorySeenEvents(): SeenEvents {
  const seen = new Set<string>();
  return { firstSighting: async (key) => !seen.has(key) && Boolean(seen.add(key)) };
}

/** Zalo services backed by fakes: a scripted ask service, recorded feedback, readable user keys and in-memory tokens. */
export function fakeServices(
  answer: (question: Question) => AskResult = (question) => answeredResult(question.text),
  tokens = new MemoryTokenStore(),
  seenEvents = memorySeenEvents(),
) {
  const asked: Question[] = [];
  const feedback: Feedback[] = [];
  const services: ZaloServices = {
    ask: { ask: async (question) => (asked.push(question), answer(question)) },
    feedback: {
      recordFeedback: async (entry) => (feedback.push(entry), entry.answerId.startsWith('answer-') ? 'recorded' : 'unknown-answer'),
    },
    userKeys: { userKey: (platform, rawId) => `${platform}:${rawId}` },
    tokens,
    seenEvents,
  };
  return { services, asked, feedback, tokens };
}

/** A config pointing every Zalo base URL at the stand-in. */
export function zaloConfig(baseUrl: string, extra: Record<string, string> = {}): Readonly<Config> {
  return loadConfig({
    ZALO_OA_APP_ID: keys.appId,
    ZALO_OA_SECRET_KEY: keys.oaSecretKey,
    ZALO_APP_SECRET_KEY: keys.appSecretKey,
    ZALO_OA_ACCESS_TOKEN: keys.accessToken,
    ZALO_OA_REFRESH_TOKEN: keys.refreshToken,
    ZALO_OA_API_BASE_URL: baseUrl,
    ZALO_OAUTH_BASE_URL: baseUrl,
    ZALO_BOT_TOKEN: keys.botToken,
    ZALO_BOT_SECRET_TOKEN: keys.botSecret,
    ZALO_BOT_API_BASE_URL: baseUrl,
    RATE_LIMIT_PER_MINUTE: '0',
    ...extra,
  });
}

/** Serves routes on the real HTTP server of the bot, on 127.0.0.1 at a free port. */
export async function serveRoutes(routes: HttpRoute[]): Promise<{ baseUrl: string; server: Server; close(): Promise<void> }> {
  const server = createHttpServer({
    ask: { ask: async () => answeredResult('unused') },
    routes,
    maxQuestionLength: 500,
    rateLimitPerMinute: 0,
    log: () => {},
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
