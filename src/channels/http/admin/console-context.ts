import type { Config } from '../../../config.js';
import type { ArticleMeta } from '../../../core/types.js';
import type { FactBook } from '../../../facts/fact-book.js';
import type { ArticleFetchOutcome } from '../../../sources/sync-sources.js';
import type { Store } from '../../../store/store.js';
import type { HttpRequest } from '../http-route.js';
import type { ConsoleView } from './console-html.js';
import { consoleText, type ConsoleTextKey } from './console-text.js';

/** What the console works on: the store, the settings, and the index's articles and facts as the server has them. */
export interface AdminConsoleOptions {
  store: Store;
  config: Readonly<Config>;
  /** The scrypt hash of ADMIN_PASSWORD (the `admin` account), when set. */
  builtInPasswordHash?: string;
  /** The indexed articles. */
  articles: () => ArticleMeta[];
  /** An article's file (relative to the articles folder) and text, for *open*. */
  readArticle?: (id: string) => Promise<{ file: string; text: string } | undefined>;
  /** Takes an article out of the articles folder (kept aside, not deleted) and refreshes the index. */
  removeArticle?: (id: string) => Promise<boolean>;
  /** Fetches one article by URL now (the sources feature) and refreshes the index. */
  addArticle?: (url: string, place: string | undefined) => Promise<ArticleFetchOutcome>;
  /** Every fact read from the articles (before staff hid any). */
  facts?: () => FactBook;
  /** Called after a fact is marked wrong or shown again, so the API's sheets follow. */
  factsChanged?: () => Promise<void>;
  /** Adds `Secure` to the session cookie (set when the console is served over HTTPS). */
  secureCookies?: boolean;
  now?: () => Date;
}

/** One console request as a page handler sees it. */
export interface ConsoleRequest {
  view: ConsoleView;
  request: HttpRequest;
  /** The posted form (empty for GET). */
  form: URLSearchParams;
  options: AdminConsoleOptions;
  t: (key: ConsoleTextKey) => string;
}

/** The helpers a page needs for one view. */
export function consoleRequest(view: ConsoleView, request: HttpRequest, form: URLSearchParams, options: AdminConsoleOptions): ConsoleRequest {
  return { view, request, form, options, t: (key) => consoleText(key, view.language) };
}
