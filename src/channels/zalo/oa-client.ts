import { ChatbotError, ConfigError, toChatbotError } from '../../core/errors.js';
import { requestJson } from './request-json.js';
import type { Config } from '../../config.js';
import type { TokenPair, TokenStore } from '../../core/ports.js';

/** Name of the OA token pair in the token store. */
export const ZALO_OA_TOKEN_NAME = 'zalo-oa';
/** Zalo's error code for an expired or invalid access token. */
const TOKEN_EXPIRED = -216;

/** Options of `ZaloOaClient`. */
export interface ZaloOaClientOptions {
  config: Readonly<Config>;
  tokens: TokenStore;
  log: (line: string) => void;
  now?: () => number;
  fetch?: typeof fetch;
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
  private current: Promise<TokenPair> | undefined;
  private refreshing: Promise<TokenPair> | undefined;

  constructor(options: ZaloOaClientOptions) {
    this.config = options.config;
    this.tokens = options.tokens;
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** Sends one text (at most 2,000 characters) to a user who wrote to the OA; retries once after a token refresh. */
  async sendText(userId: string, text: string): Promise<void> {
    const tokens = await this.tokenPair();
    const first = await this.post(tokens.accessToken, userId, text);
    if (first.error === 0) return;
    if (first.error !== TOKEN_EXPIRED) throw sendFailure(first);
    const renewed = await this.renew(tokens.accessToken);
    const second = await this.post(renewed.accessToken, userId, text);
    if (second.error === 0) return;
    if (second.error === TOKEN_EXPIRED) {
      throw new ChatbotError(
        'upstream-failed',
        'Zalo rejected the freshly refreshed OA access token too (error -216), so the reply was not sent. Check ZALO_OA_APP_ID and ZALO_APP_SECRET_KEY, then authorise the OA again and set ZALO_OA_ACCESS_TOKEN and ZALO_OA_REFRESH_TOKEN.',
      );
    }
    throw sendFailure(second);
  }

  private tokenPair(): Promise<TokenPair> {
    this.current ??= this.loadTokens().catch((error: unknown) => {
      this.current = undefined;
      throw error;
    });
    return this.current;
  }

  private async loadTokens(): Promise<TokenPair> {
    const stored = await this.tokens.loadTokens(ZALO_OA_TOKEN_NAME);
    if (stored) return stored;
    const { accessToken, refreshToken } = this.config.zaloOa;
    if (!accessToken) {
      throw new ConfigError('No Zalo OA access token: set ZALO_OA_ACCESS_TOKEN (and ZALO_OA_REFRESH_TOKEN) from the OA authorisation in .env.');
    }
    return { accessToken, refreshToken: refreshToken ?? '' };
  }

  /** The pair to retry with: a refresh, unless another send already replaced the expired token. */
  private async renew(expiredAccessToken: string): Promise<TokenPair> {
    const current = await this.tokenPair();
    if (current.accessToken !== expiredAccessToken) return current;
    this.refreshing ??= this.refresh(current).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refresh(expired: TokenPair): Promise<TokenPair> {
    const { appId, appSecretKey, oauthBaseUrl } = this.config.zaloOa;
    if (!appId || !appSecretKey || !expired.refreshToken) {
      throw new ConfigError(
        'The Zalo OA access token expired (error -216) and cannot be refreshed: set ZALO_APP_SECRET_KEY and ZALO_OA_REFRESH_TOKEN (Zalo for Developers → your app), or put a fresh ZALO_OA_ACCESS_TOKEN in .env.',
      );
    }
    this.log('[zalo-oa] access token expired (-216); refreshing it');
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
        `Zalo refused to refresh the OA access token (${describeZaloError(body)}). The refresh token is single-use and lasts 3 months: authorise the OA again and set ZALO_OA_ACCESS_TOKEN and ZALO_OA_REFRESH_TOKEN.`,
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

  private async post(accessToken: string, userId: string, text: string): Promise<{ error: number; body: Record<string, unknown> }> {
    const body = await requestJson({
      fetch: this.fetch,
      url: `${this.config.zaloOa.apiBaseUrl}/v3.0/oa/message/cs`,
      init: {
        method: 'POST',
        headers: { access_token: accessToken, 'content-type': 'application/json' },
        body: JSON.stringify({ recipient: { user_id: userId }, message: { text } }),
      },
      purpose: 'send an OA message',
      secrets: [accessToken],
    });
    const error = Number(body.error);
    return { error: Number.isFinite(error) ? error : Number.NaN, body };
  }
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
