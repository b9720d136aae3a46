import { ChatbotError, ConfigError, toChatbotError } from '../../core/errors.js';
import { requestJson } from './request-json.js';
import type { Config } from '../../config.js';
import type { TokenPair, TokenStore } from '../../core/ports.js';

/** Name of the OA token pair in the token store. */
export const ZALO_OA_TOKEN_NAME = 'zalo-oa';
/** Name of the pair last read from `.env`: a different pair in `.env` is a new authorisation and wins. */
export const ZALO_OA_ENV_TOKEN_NAME = 'zalo-oa:env';
/** Zalo's error codes that mean "refresh the access token": -216 invalid, -220 expired or removed. */
const TOKEN_EXPIRED = new Set([-216, -220]);
/** -230: the user has not messaged the OA within 7 days, so Zalo refuses any reply until they write again. */
const USER_SILENT = -230;
/** Zalo's "request exceeded limit" code (common to its APIs) and HTTP 429 mean: slow down. */
const RATE_LIMITED = new Set([-32, 429]);
/** Waits after a rate-limit answer before the send is tried again (twice), doubling from the first. */
const RATE_LIMIT_WAIT_MS = 30_000;
const RATE_LIMIT_RETRIES = 2;
/** An access token this close to its expiry is refreshed before use, not after Zalo rejects it. */
const REFRESH_AHEAD_MS = 10 * 60_000;

/** Whom an OA message goes to: the message it answers, or (for a notice) the user. */
export type OaRecipient = { messageId: string } | { userId: string };

/** Options of `ZaloOaClient`. */
export interface ZaloOaClientOptions {
  config: Readonly<Config>;
  tokens: TokenStore;
  log: (line: string) => void;
  now?: () => number;
  fetch?: typeof fetch;
  /** Waits before a rate-limited send is retried; injected so tests need no real waiting. */
  sleep?: (milliseconds: number) => Promise<void>;
}

/**
 * Sends Official Account messages with the OA Open API v3, refreshing the access token when Zalo reports it expired.
 * The refresh token is single-use, so a new pair is saved before it is used and concurrent sends share one refresh.
 */
export class ZaloOaClient {
  private readonly config: Readonly<Config>;
  private readonly tokens: TokenStore;
  private readonly log: (line: string) => void;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;
  private readonly sleep: (milliseconds: number) => Promise<void>;
  /** Error codes whose meaning was logged already: each is explained once, not at every send. */
  private readonly explained = new Set<number>();
  private current: Promise<TokenPair> | undefined;
  private refreshing: Promise<TokenPair> | undefined;

  constructor(options: ZaloOaClientOptions) {
    this.config = options.config;
    this.tokens = options.tokens;
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)));
  }

  /**
   * Sends one text (at most 2,000 characters); retries once after a token refresh. A reply names the user's message
   * (`messageId`), so Zalo counts it as a reply rather than a quota-limited proactive message; a notice nobody asked
   * for (a welcome) names the user.
   */
  async sendText(recipient: OaRecipient, text: string): Promise<void> {
    let tokens = await this.tokenPair();
    if (tokens.expiresAt && Date.parse(tokens.expiresAt) - this.now() <= REFRESH_AHEAD_MS) {
      tokens = await this.renew(tokens.accessToken, `expires at ${tokens.expiresAt}`).catch((error: unknown) => {
        this.log(`[zalo-oa] could not refresh the access token ahead of its expiry (${toChatbotError(error).message}); sending with the current one`);
        return tokens;
      });
    }
    let first = await this.post(tokens.accessToken, recipient, text);
    for (let attempt = 1; RATE_LIMITED.has(first.error) && attempt <= RATE_LIMIT_RETRIES; attempt += 1) {
      const wait = RATE_LIMIT_WAIT_MS * 2 ** (attempt - 1);
      this.explainOnce(first.error, `Zalo is rate-limiting this OA's messages (error ${first.error}); sends wait ${wait / 1000} s and retry, doubling, ${RATE_LIMIT_RETRIES} times. Lots of answers in a short time can cause it.`);
      await this.sleep(wait);
      first = await this.post(tokens.accessToken, recipient, text);
    }
    if (first.error === 0) return;
    if (first.error === USER_SILENT) {
      this.explainOnce(USER_SILENT, 'Zalo refused a reply with error -230: the user has not messaged the OA in the last 7 days, so the OA may not write to them until they do. Such replies are dropped (logged only this once).');
      return;
    }
    if (!TOKEN_EXPIRED.has(first.error)) throw sendFailure(first);
    const renewed = await this.renew(tokens.accessToken, `error ${first.error}`);
    const second = await this.post(renewed.accessToken, recipient, text);
    if (second.error === 0) return;
    if (TOKEN_EXPIRED.has(second.error)) {
      throw new ChatbotError(
        'upstream-failed',
        `Zalo rejected the freshly refreshed OA access token too (error ${second.error}), so the reply was not sent. Check ZALO_OA_APP_ID and ZALO_APP_SECRET_KEY, then authorise the OA again and set ZALO_OA_ACCESS_TOKEN and ZALO_OA_REFRESH_TOKEN.`,
      );
    }
    throw sendFailure(second);
  }

  private explainOnce(code: number, line: string): void {
    if (this.explained.has(code)) return;
    this.explained.add(code);
    this.log(`[zalo-oa] ${line}`);
  }

  private tokenPair(): Promise<TokenPair> {
    this.current ??= this.loadTokens().catch((error: unknown) => {
      this.current = undefined;
      throw error;
    });
    return this.current;
  }

  /**
   * The pair to send with: the stored one (it carries every refresh), unless `.env` holds a pair other than the one
   * last read from it — a new authorisation put there to repair a broken chain, which then replaces the stored pair.
   */
  private async loadTokens(): Promise<TokenPair> {
    const { accessToken, refreshToken } = this.config.zaloOa;
    const fromEnv = accessToken ? { accessToken, refreshToken: refreshToken ?? '' } : undefined;
    const stored = await this.tokens.loadTokens(ZALO_OA_TOKEN_NAME);
    if (!fromEnv) {
      if (stored) return stored;
      throw new ConfigError('No Zalo OA access token: set ZALO_OA_ACCESS_TOKEN (and ZALO_OA_REFRESH_TOKEN) from the OA authorisation in .env.');
    }
    const lastFromEnv = await this.tokens.loadTokens(ZALO_OA_ENV_TOKEN_NAME);
    const envIsNew = lastFromEnv !== undefined && !samePair(lastFromEnv, fromEnv);
    // A database from before the `.env` pair was remembered: its stored pair descends from the `.env` one.
    if (stored && !envIsNew) {
      if (!lastFromEnv) await this.tokens.saveTokens(ZALO_OA_ENV_TOKEN_NAME, fromEnv);
      return stored;
    }
    await this.tokens.saveTokens(ZALO_OA_ENV_TOKEN_NAME, fromEnv);
    if (stored) {
      await this.tokens.saveTokens(ZALO_OA_TOKEN_NAME, fromEnv);
      this.log('[zalo-oa] ZALO_OA_ACCESS_TOKEN / ZALO_OA_REFRESH_TOKEN in .env changed: using the new pair instead of the stored one');
    }
    return fromEnv;
  }

  /** The pair to retry with: a refresh, unless another send (here or on another replica) already replaced the expired token. */
  private async renew(expiredAccessToken: string, why: string): Promise<TokenPair> {
    const current = await this.tokenPair();
    if (current.accessToken !== expiredAccessToken) return current;
    // A pair installed meanwhile (`hoiphuong zalo tokens set`, another replica's refresh) is used rather than refreshed.
    const stored = await this.tokens.loadTokens(ZALO_OA_TOKEN_NAME).catch(() => undefined);
    if (stored && stored.accessToken !== expiredAccessToken) {
      this.log('[zalo-oa] using the token pair installed in the database meanwhile');
      this.current = Promise.resolve(stored);
      return stored;
    }
    this.refreshing ??= this.refresh(current, why).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refresh(expired: TokenPair, why: string): Promise<TokenPair> {
    const { appId, appSecretKey, oauthBaseUrl } = this.config.zaloOa;
    if (!appId || !appSecretKey || !expired.refreshToken) {
      throw new ConfigError(
        `The Zalo OA access token needs refreshing (${why}) and cannot be refreshed: set ZALO_APP_SECRET_KEY and ZALO_OA_REFRESH_TOKEN (Zalo for Developers → your app), or put a fresh ZALO_OA_ACCESS_TOKEN in .env.`,
      );
    }
    this.log(`[zalo-oa] refreshing the access token (${why})`);
    const body = await requestJson({
      fetch: this.fetch,
      url: `${oauthBaseUrl}/v4/oa/access_token`,
      init: {
        method: 'POST',
        headers: { secret_key: appSecretKey, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ refresh_token: expired.refreshToken, app_id: appId, grant_type: 'refresh_token' }).toString(),
      },
      purpose: 'refresh the OA access token',
      secrets: [appSecretKey, expired.refreshToken, expired.accessToken],
    });
    const accessToken = body.access_token;
    const refreshToken = body.refresh_token;
    if (typeof accessToken !== 'string' || !accessToken || typeof refreshToken !== 'string' || !refreshToken) {
      throw new ChatbotError(
        'upstream-failed',
        `Zalo refused to refresh the OA access token (${describeZaloError(body)}). The refresh token is single-use and lasts 3 months: authorise the OA again and set the new ZALO_OA_ACCESS_TOKEN and ZALO_OA_REFRESH_TOKEN in .env (a pair that differs from the last one there replaces the stored pair on restart).`,
      );
    }
    const expiresInSeconds = Number(body.expires_in);
    const renewed: TokenPair = {
      accessToken,
      refreshToken,
      ...(Number.isFinite(expiresInSeconds) && expiresInSeconds > 0 ? { expiresAt: new Date(this.now() + expiresInSeconds * 1000).toISOString() } : {}),
    };
    try {
      await this.tokens.saveTokens(ZALO_OA_TOKEN_NAME, renewed);
      this.log('[zalo-oa] access token refreshed and the new pair saved');
    } catch (error) {
      this.log(
        `[zalo-oa] access token refreshed but the new pair could not be saved (${toChatbotError(error).message}); it is used from memory, and after a restart the OA must be authorised again.`,
      );
    }
    this.current = Promise.resolve(renewed);
    return renewed;
  }

  private async post(accessToken: string, recipient: OaRecipient, text: string): Promise<{ error: number; body: Record<string, unknown> }> {
    const body = await requestJson({
      fetch: this.fetch,
      url: `${this.config.zaloOa.apiBaseUrl}/v3.0/oa/message/cs`,
      init: {
        method: 'POST',
        headers: { access_token: accessToken, 'content-type': 'application/json' },
        body: JSON.stringify({ recipient: 'messageId' in recipient ? { message_id: recipient.messageId } : { user_id: recipient.userId }, message: { text } }),
      },
      purpose: 'send an OA message',
      secrets: [accessToken],
    });
    const error = Number(body.error);
    return { error: Number.isFinite(error) ? error : Number.NaN, body };
  }
}

function samePair(a: TokenPair, b: TokenPair): boolean {
  return a.accessToken === b.accessToken && a.refreshToken === b.refreshToken;
}

function sendFailure(response: { body: Record<string, unknown> }): ChatbotError {
  return new ChatbotError('upstream-failed', `Zalo did not accept the OA message (${describeZaloError(response.body)}).`);
}

/** Zalo's error code and message, which carry no secrets. */
function describeZaloError(body: Record<string, unknown>): string {
  const code = body.error ?? body.error_code ?? 'no error code';
  const detail = [body.error_name, body.message, body.error_description].find((value) => typeof value === 'string' && value);
  return `error ${String(code)}${detail ? `: ${String(detail)}` : ''}`;
}
