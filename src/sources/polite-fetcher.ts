import { createRequire } from 'node:module';

/** The parts of robots-parser used here (its typings do not describe its CommonJS export for ESM importers). */
interface RobotsRules {
  isDisallowed(url: string, userAgent?: string): boolean | undefined;
  getCrawlDelay(userAgent?: string): number | undefined;
}
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, text: string) => RobotsRules;

/** What a fetch brought back: a body, "unchanged since last time", or a reason it was not fetched. */
export type FetchOutcome =
  | { kind: 'fetched'; url: string; body: Buffer; contentType: string; etag?: string; lastModified?: string }
  | { kind: 'not-modified'; url: string }
  | { kind: 'skipped'; url: string; reason: string };

/** Validators from the previous fetch of a URL, sent back so an unchanged page costs no body. */
export interface Validators {
  etag?: string | undefined;
  lastModified?: string | undefined;
}

/** Options of `PoliteFetcher`. */
export interface PoliteFetcherOptions {
  userAgent: string;
  /** Per attempt, headers and body together. */
  timeoutMs: number;
  /** Larger bodies are skipped with a message, never buffered whole. */
  maxBytes: number;
  maxRedirects: number;
  /** Further attempts after a 5xx or a timeout. */
  retries: number;
  /** Delay before the first retry; doubled for each further one. */
  retryDelayMs: number;
  /** Least delay between two requests to one host; a robots.txt Crawl-delay that is longer wins. */
  hostDelayMs: number;
  /** Waits; injected so tests see the delays asked for without waiting them out. */
  wait?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** The defaults for a ward portal: slow government servers, small pages. */
export const DEFAULT_FETCH_OPTIONS: Omit<PoliteFetcherOptions, 'userAgent'> = {
  timeoutMs: 15_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  retries: 2,
  retryDelayMs: 2_000,
  hostDelayMs: 1_000,
};

/** The longest Crawl-delay honoured; a site asking for more is still fetched, this slowly. */
const MAX_CRAWL_DELAY_MS = 60_000;

type Robots = RobotsRules | undefined;

/**
 * Fetches pages the way a site owner would want: robots.txt honoured (with Crawl-delay), one request at a time per
 * host with a delay between them, a User-Agent naming the bot, a timeout, a size cap, a bounded number of redirects,
 * conditional GET, and retries with backoff on 5xx and timeouts. Compressed bodies are decoded by fetch itself.
 */
export class PoliteFetcher {
  private readonly options: PoliteFetcherOptions;
  private readonly wait: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly robotsByOrigin = new Map<string, Promise<Robots>>();
  /** Per host: the tail of its request queue, and when its last request ended. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly lastRequestAt = new Map<string, number>();
  /** Delays this fetcher waited (or would have) between requests, for the curious and for tests. */
  readonly waits: number[] = [];

  constructor(options: PoliteFetcherOptions) {
    this.options = options;
    this.wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? (() => Date.now());
  }

  /** Fetches url (following redirects), sending the validators of its previous fetch. Never throws for HTTP trouble. */
  async fetch(url: string, validators: Validators = {}): Promise<FetchOutcome> {
    let current = url;
    for (let hop = 0; hop <= this.options.maxRedirects; hop++) {
      let parsed: URL;
      try {
        parsed = new URL(current);
      } catch {
        return { kind: 'skipped', url: current, reason: 'not a valid URL' };
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        return { kind: 'skipped', url: current, reason: `only http and https are fetched (got ${parsed.protocol})` };
      }
      const robots = await this.robotsFor(parsed);
      if (robots?.isDisallowed(current, this.options.userAgent) === true) {
        return { kind: 'skipped', url: current, reason: 'robots.txt disallows this path' };
      }
      const response = await this.request(parsed, robots, validators);
      if (response.kind !== 'redirect') return response;
      current = response.location;
    }
    return { kind: 'skipped', url: current, reason: `more than ${this.options.maxRedirects} redirects` };
  }

  private async request(url: URL, robots: Robots, validators: Validators): Promise<FetchOutcome | { kind: 'redirect'; location: string }> {
    let lastProblem = '';
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      if (attempt > 0) await this.wait(this.options.retryDelayMs * 2 ** (attempt - 1));
      const result = await this.inTurn(url, robots, () => this.attempt(url, validators));
      if (result.kind !== 'retry') return result;
      lastProblem = result.reason;
    }
    return { kind: 'skipped', url: url.href, reason: `${lastProblem} (after ${this.options.retries + 1} attempts)` };
  }

  private async attempt(url: URL, validators: Validators): Promise<FetchOutcome | { kind: 'redirect'; location: string } | { kind: 'retry'; reason: string }> {
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: 'text/html,application/xhtml+xml,application/xml,application/rss+xml,application/atom+xml;q=0.9,*/*;q=0.5',
      'accept-language': 'vi,en;q=0.5',
      // Node's fetch asks only for gzip and deflate by itself, but decodes brotli too.
      'accept-encoding': 'gzip, deflate, br',
    };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await fetch(url, { headers, redirect: 'manual', signal: controller.signal });
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location) return { kind: 'skipped', url: url.href, reason: `HTTP ${response.status} without a Location` };
        return { kind: 'redirect', location: new URL(location, url).href };
      }
      if (response.status === 304) return { kind: 'not-modified', url: url.href };
      if (response.status >= 500) {
        await response.body?.cancel();
        return { kind: 'retry', reason: `HTTP ${response.status}` };
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        return { kind: 'skipped', url: url.href, reason: `HTTP ${response.status}` };
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > this.options.maxBytes) {
        await response.body?.cancel();
        return { kind: 'skipped', url: url.href, reason: tooLarge(declared, this.options.maxBytes) };
      }
      const body = await readCapped(response, this.options.maxBytes);
      if (body === undefined) return { kind: 'skipped', url: url.href, reason: tooLarge(undefined, this.options.maxBytes) };
      const outcome: FetchOutcome = { kind: 'fetched', url: url.href, body, contentType: response.headers.get('content-type') ?? '' };
      const etag = response.headers.get('etag');
      const lastModified = response.headers.get('last-modified');
      if (etag) outcome.etag = etag;
      if (lastModified) outcome.lastModified = lastModified;
      return outcome;
    } catch (error) {
      if (controller.signal.aborted) return { kind: 'retry', reason: `no answer within ${Math.round(this.options.timeoutMs / 100) / 10} s` };
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
      return { kind: 'retry', reason: `could not connect${cause ? ` (${cause})` : ''}` };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs one request when its host's turn comes: after the host's previous request and its delay. */
  private async inTurn<T>(url: URL, robots: Robots, request: () => Promise<T>): Promise<T> {
    const host = url.host;
    const previous = this.queues.get(host) ?? Promise.resolve();
    const turn = previous.then(async () => {
      const last = this.lastRequestAt.get(host);
      if (last !== undefined) {
        const crawlDelay = robots?.getCrawlDelay(this.options.userAgent);
        const delay = Math.max(this.options.hostDelayMs, Math.min(MAX_CRAWL_DELAY_MS, (crawlDelay ?? 0) * 1000));
        const remaining = last + delay - this.now();
        if (remaining > 0) {
          this.waits.push(remaining);
          await this.wait(remaining);
        }
      }
      try {
        return await request();
      } finally {
        this.lastRequestAt.set(host, this.now());
      }
    });
    this.queues.set(host, turn.catch(() => {}));
    return turn;
  }

  private robotsFor(url: URL): Promise<Robots> {
    const origin = url.origin;
    let robots = this.robotsByOrigin.get(origin);
    if (robots === undefined) {
      const robotsUrl = new URL('/robots.txt', origin);
      robots = this.inTurn(robotsUrl, undefined, () => this.attempt(robotsUrl, {})).then((outcome) =>
        // No robots.txt (or one that cannot be read) allows everything, as the robots exclusion standard says.
        outcome.kind === 'fetched' ? robotsParser(robotsUrl.href, outcome.body.toString('utf8')) : undefined,
      );
      this.robotsByOrigin.set(origin, robots);
    }
    return robots;
  }
}

/** The body, or undefined once it passes maxBytes (the rest is not downloaded). */
async function readCapped(response: Response, maxBytes: number): Promise<Buffer | undefined> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

function tooLarge(size: number | undefined, maxBytes: number): string {
  const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  return size === undefined ? `larger than the ${megabytes(maxBytes)} cap` : `${megabytes(size)}, larger than the ${megabytes(maxBytes)} cap`;
}
