import type { Config } from '../config.js';
import { packageVersion } from '../cli/version.js';
import { DEFAULT_FETCH_OPTIONS, PoliteFetcher } from './polite-fetcher.js';

/** The User-Agent: the bot's name and version, and where a site owner reads what it is (BOT_INFO_URL). */
export function userAgent(config: Readonly<Config>): string {
  const about = config.sync.infoUrl ?? 'civic Q&A bot reading ward news; see the hoiphuong README';
  return `HoiPhuongBot/${packageVersion()} (+${about})`;
}

/** The fetcher `sync` and the server use, with the defaults for ward portals. */
export function createSourceFetcher(config: Readonly<Config>): PoliteFetcher {
  return new PoliteFetcher({ ...DEFAULT_FETCH_OPTIONS, userAgent: userAgent(config) });
}
