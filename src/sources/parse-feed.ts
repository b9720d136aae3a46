import { XMLParser } from 'fast-xml-parser';

/** One article a feed or sitemap points at. */
export interface FeedEntry {
  url: string;
  title?: string;
  /** As the feed wrote it (RFC 822 or ISO 8601); the page's own date is preferred. */
  published?: string;
}

/** What an XML source is: a list of articles, or a sitemap index pointing at further sitemaps. */
export type ParsedFeed =
  | { kind: 'rss' | 'atom' | 'sitemap'; entries: FeedEntry[] }
  | { kind: 'sitemap-index'; sitemaps: string[] };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ['item', 'entry', 'url', 'sitemap', 'link'].includes(name),
});

/** Reads an RSS 2.0 feed, an Atom feed, a sitemap (news sitemaps too) or a sitemap index; undefined for anything else. */
export function parseFeed(xml: string, baseUrl: string): ParsedFeed | undefined {
  if (!/^\s*(?:\uFEFF)?(?:<\?xml|<rss|<feed|<urlset|<sitemapindex|<!--)/i.test(xml)) return undefined;
  let document: Record<string, unknown>;
  try {
    document = parser.parse(xml) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const absolute = (href: unknown): string | undefined => {
    const text = textOf(href);
    if (!text) return undefined;
    try {
      return new URL(text, baseUrl).href;
    } catch {
      return undefined;
    }
  };
  const rss = record(document.rss);
  if (rss) {
    const items = list(record(rss.channel)?.item);
    return { kind: 'rss', entries: compact(items.map((item) => entry(absolute(list(item.link)[0] ?? item.guid), item.title, item.pubDate ?? item.date))) };
  }
  const feed = record(document.feed);
  if (feed) {
    return {
      kind: 'atom',
      entries: compact(list(feed.entry).map((item) => {
        const links = list(item.link);
        const link = links.find((candidate) => candidate['@rel'] === undefined || candidate['@rel'] === 'alternate') ?? links[0];
        return entry(absolute(link?.['@href']), item.title, item.published ?? item.updated);
      })),
    };
  }
  const index = record(document.sitemapindex);
  if (index) return { kind: 'sitemap-index', sitemaps: compact(list(index.sitemap).map((item) => absolute(item.loc))) };
  const urlset = record(document.urlset);
  if (urlset) {
    return {
      kind: 'sitemap',
      entries: compact(list(urlset.url).map((item) => {
        const news = record(item.news);
        return entry(absolute(item.loc), news?.title, news?.publication_date ?? item.lastmod);
      })),
    };
  }
  return undefined;
}

function entry(url: string | undefined, title: unknown, published: unknown): FeedEntry | undefined {
  if (url === undefined) return undefined;
  const result: FeedEntry = { url };
  const titleText = textOf(title);
  const publishedText = textOf(published);
  if (titleText) result.title = titleText.normalize('NFC');
  if (publishedText) result.published = publishedText;
  return result;
}

/** Text of an element that may carry attributes (`{ '#text': …, '@type': … }`). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  const object = record(value);
  return object ? textOf(object['#text']) : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function list(value: unknown): Array<Record<string, unknown>> {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.map((item) => record(item) ?? { '#text': item });
}

function compact<T>(values: Array<T | undefined>): T[] {
  return values.filter((value): value is T => value !== undefined);
}
