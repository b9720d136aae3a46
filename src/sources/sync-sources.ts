import { relative } from 'node:path';
import type { Source, SourceStore } from '../store/source-records.js';
import { articleFilePath, textHash, writeArticleFile } from './article-file.js';
import { decodeText } from './decode-text.js';
import { parseHTML } from 'linkedom';
import { ArticleError } from '../core/errors.js';
import { documentText, type DocumentExtension } from '../ingest/document-text.js';
import { extractPage, linksOf, type ExtractedPage } from './extract-page.js';
import { isNearDuplicate, parseSignature, serialiseSignature, textSignature } from './near-duplicates.js';
import { parseFeed, type FeedEntry } from './parse-feed.js';
import type { FetchOutcome, PoliteFetcher, Validators } from './polite-fetcher.js';

/** Options of `syncSources`. */
export interface SyncOptions {
  articlesDir: string;
  fetcher: Pick<PoliteFetcher, 'fetch'>;
  store: SourceStore;
  /** Only list what would be fetched: no article is fetched or written, nothing is recorded. */
  dryRun?: boolean;
  /** Only these sources (default: all). */
  sources?: Source[];
  now?: () => Date;
  /** The ward a text names, when exactly one known ward (the gazetteer's); used when neither --place nor the page says. */
  placeOf?: (text: string) => string | undefined;
  /** Called with one line per event worth telling staff (added, changed, skipped). */
  log?: (line: string) => void;
}

/** What one sync of one source did. */
export interface SourceSyncResult {
  source: Source;
  added: string[];
  changed: string[];
  unchanged: number;
  duplicates: number;
  /** Each article saved (added or changed): what staff would check. */
  saved: Array<{ url: string; title: string; published?: string | undefined; place?: string | undefined }>;
  /** URLs a dry run would fetch. */
  wouldFetch: string[];
  /** One line per page or feed that could not be used. */
  problems: string[];
}

/** Pages looked at per source and sync, at most; the rest wait for the next sync. */
const MAX_PAGES_PER_SYNC = 200;
/** Sitemaps of a sitemap index followed, at most. */
const MAX_CHILD_SITEMAPS = 20;

/**
 * Fetches each source (a feed, a sitemap or sitemap index, a listing page, or one article), then each new or changed
 * article it lists, and saves them as `.md` files under `<articlesDir>/<host>/`. A page whose text did not change
 * leaves its file alone, so staff edits are kept; the same news already saved from another URL (equal text, or nearly:
 * another byline or intro line, the same numbers) is kept once.
 */
export async function syncSources(options: SyncOptions): Promise<SourceSyncResult[]> {
  const results: SourceSyncResult[] = [];
  for (const source of options.sources ?? (await options.store.list())) results.push(await syncSource(source, options));
  return results;
}

async function syncSource(source: Source, options: SyncOptions): Promise<SourceSyncResult> {
  const result: SourceSyncResult = { source, added: [], changed: [], unchanged: 0, duplicates: 0, saved: [], wouldFetch: [], problems: [] };
  const log = options.log ?? (() => {});
  const validators: Validators = options.dryRun ? {} : { etag: source.etag, lastModified: source.lastModified };
  const outcome = await options.fetcher.fetch(source.url, validators);
  if (outcome.kind === 'skipped') {
    result.problems.push(`${source.url}: ${outcome.reason}`);
    if (!options.dryRun) await options.store.recordSync(source.id, { error: outcome.reason });
    return result;
  }
  if (outcome.kind === 'not-modified') {
    if (!options.dryRun) await options.store.recordSync(source.id, {});
    return result;
  }

  const entries = await entriesOf(outcome, options, result);
  for (const entry of entries.slice(0, MAX_PAGES_PER_SYNC)) {
    if (entry.page !== undefined) {
      await saveArticle(source, entry.url, entry.page, entry.listedDate, options, result, log);
      continue;
    }
    const known = await options.store.page(entry.url);
    if (known !== undefined && entry.listedDate !== undefined && known.listedDate === entry.listedDate) {
      result.unchanged++;
      continue;
    }
    if (options.dryRun) {
      result.wouldFetch.push(entry.url);
      continue;
    }
    const page = await options.fetcher.fetch(entry.url, known ? { etag: known.etag, lastModified: known.lastModified } : {});
    if (page.kind === 'skipped') {
      result.problems.push(`${entry.url}: ${page.reason}`);
      log(`  bỏ qua / skipped ${entry.url}: ${page.reason}`);
      continue;
    }
    if (page.kind === 'not-modified') {
      await options.store.touchPage(entry.url, entry.listedDate);
      result.unchanged++;
      continue;
    }
    await saveArticle(source, entry.url, page, entry.listedDate, options, result, log, entry.fromListing);
  }
  if (!options.dryRun) {
    const error = result.problems.length > 0 ? `${result.problems.length} problem(s); first: ${result.problems[0]}` : undefined;
    await options.store.recordSync(source.id, { error, etag: outcome.etag, lastModified: outcome.lastModified });
  }
  return result;
}

/** What fetching one article now did (Discord's /themtin): saved, already there, or why not. */
export type ArticleFetchOutcome =
  | { kind: 'saved'; title: string; published?: string | undefined; place?: string | undefined; changed: boolean }
  | { kind: 'unchanged' | 'duplicate' }
  | { kind: 'failed'; reason: string };

/**
 * Fetches one article URL now: it is kept as a source of its own (checked monthly, listed by `sources list`), synced,
 * and the outcome said in one value.
 */
export async function fetchArticleNow(url: string, place: string | undefined, options: Omit<SyncOptions, 'sources' | 'dryRun'>): Promise<ArticleFetchOutcome> {
  const known = await options.store.find(url);
  const source = known ?? (await options.store.add(url, { place, everyMinutes: 30 * 24 * 60 }));
  const [result] = await syncSources({ ...options, sources: [source] });
  const saved = result?.saved[0];
  if (saved) return { kind: 'saved', title: saved.title, published: saved.published, place: saved.place, changed: (result?.changed.length ?? 0) > 0 };
  if (result && result.duplicates > 0) return { kind: 'duplicate' };
  if (result && result.problems.length > 0) return { kind: 'failed', reason: result.problems[0] as string };
  // Nothing new: the page's text is unchanged, or the server said 304 for a page fetched before.
  if (result && (result.unchanged > 0 || known?.lastSyncAt !== undefined)) return { kind: 'unchanged' };
  return { kind: 'failed', reason: 'no article found at that address (a listing page or feed? add it with hoiphuong sources add)' };
}

interface Entry {
  url: string;
  listedDate?: string | undefined;
  /** The source itself was the article: its page is already fetched. */
  page?: Extract<FetchOutcome, { kind: 'fetched' }>;
  /** Found as a link on a listing page: a page without an article there is no problem, just not news. */
  fromListing?: boolean;
}

/** The articles a fetched source points at. */
async function entriesOf(outcome: Extract<FetchOutcome, { kind: 'fetched' }>, options: SyncOptions, result: SourceSyncResult): Promise<Entry[]> {
  const text = decodeText(outcome.body, outcome.contentType);
  const feed = parseFeed(text, outcome.url);
  if (feed?.kind === 'sitemap-index') {
    const entries: Entry[] = [];
    for (const sitemap of feed.sitemaps.slice(0, MAX_CHILD_SITEMAPS)) {
      const child = await options.fetcher.fetch(sitemap);
      if (child.kind !== 'fetched') {
        if (child.kind === 'skipped') result.problems.push(`${sitemap}: ${child.reason}`);
        continue;
      }
      const parsed = parseFeed(decodeText(child.body, child.contentType), child.url);
      if (parsed && parsed.kind !== 'sitemap-index') entries.push(...parsed.entries.map(toEntry));
    }
    return entries;
  }
  if (feed) return feed.entries.map(toEntry);
  const page = extractPage(text, outcome.url);
  if (page) return [{ url: outcome.url, page: outcome }];
  // A listing page: the same site's links, each fetched and kept when it holds an article.
  const { document } = parseHTML(text);
  return linksOf(document, outcome.url).map((url) => ({ url, fromListing: true }));
}

function toEntry(entry: FeedEntry): Entry {
  return { url: entry.url, listedDate: entry.published };
}

async function saveArticle(
  source: Source,
  url: string,
  page: Extract<FetchOutcome, { kind: 'fetched' }>,
  listedDate: string | undefined,
  options: SyncOptions,
  result: SourceSyncResult,
  log: (line: string) => void,
  fromListing = false,
): Promise<void> {
  if (options.dryRun) {
    result.wouldFetch.push(url);
    return;
  }
  const document = documentKind(page.contentType, page.url);
  let extracted: Omit<ExtractedPage, 'sameSiteLinks'> | undefined;
  try {
    extracted = document ? await documentArticle(url, document, page.body) : extractPage(decodeText(page.body, page.contentType), page.url);
  } catch (error) {
    if (!(error instanceof ArticleError)) throw error;
    result.problems.push(`${url}: ${error.message.replace(`${url}: `, '')}`);
    return;
  }
  if (extracted === undefined) {
    if (!fromListing) result.problems.push(`${url}: no article text found on the page`);
    return;
  }
  const hash = textHash(extracted.text);
  const signature = textSignature(extracted.text);
  const known = await options.store.page(url);
  const place = source.place ?? extracted.place ?? options.placeOf?.(extracted.title) ?? options.placeOf?.(extracted.text.slice(0, 600));
  const file = articleFilePath(options.articlesDir, url);
  const record = {
    url,
    sourceId: source.id,
    file: relative(options.articlesDir, file),
    textHash: hash,
    textSignature: serialiseSignature(signature),
    hasPlace: place !== undefined,
    fetchedAt: (options.now ?? (() => new Date()))().toISOString(),
    etag: page.etag,
    lastModified: page.lastModified,
    listedDate,
  };
  if (known?.textHash === hash) {
    // The page says what it said: the file (and any staff edit of it) stays as it is.
    await options.store.savePage({ ...record, file: known.file });
    result.unchanged++;
    return;
  }
  const twin = known === undefined ? ((await options.store.pageWithText(hash, url)) ?? (await nearDuplicateOf(signature, url, options.store))) : undefined;
  if (twin !== undefined) {
    log(`  trùng / duplicate of ${twin.url}: ${url}`);
    result.duplicates++;
    return;
  }
  await writeArticleFile(file, { url, title: extracted.title, text: extracted.text, published: extracted.published, place });
  await options.store.savePage(record);
  (known ? result.changed : result.added).push(extracted.title);
  result.saved.push({ url, title: extracted.title, published: extracted.published, place });
  const flag = place === undefined ? ' — chưa rõ phường (no ward): add --place to the source or place: to the file' : '';
  log(`  ${known ? 'cập nhật / changed' : 'thêm / added'}: ${extracted.title} (${extracted.published ?? 'no date'})${flag}`);
}

/** A PDF or DOCX by its Content-Type (or, when a server says only octet-stream, by the URL's extension). */
function documentKind(contentType: string, url: string): DocumentExtension | undefined {
  const type = contentType.toLowerCase();
  if (type.includes('application/pdf')) return 'pdf';
  if (type.includes('wordprocessingml')) return 'docx';
  if (type === '' || type.includes('octet-stream')) {
    const path = new URL(url).pathname.toLowerCase();
    if (path.endsWith('.pdf')) return 'pdf';
    if (path.endsWith('.docx')) return 'docx';
  }
  return undefined;
}

/** A PDF or DOCX as an article: its first line the title, the rest the text. */
async function documentArticle(url: string, kind: DocumentExtension, body: Buffer): Promise<Omit<ExtractedPage, 'sameSiteLinks'> | undefined> {
  const lines = (await documentText(url, kind, body)).split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== '');
  const [title, ...text] = lines;
  return title === undefined || text.length === 0 ? undefined : { title, text: text.join('\n') };
}

/** A page saved from another URL with nearly the same text (a linear scan: a ward's sources hold thousands of pages, not millions). */
async function nearDuplicateOf(signature: ReturnType<typeof textSignature>, url: string, store: SourceStore): Promise<{ url: string } | undefined> {
  for (const page of await store.pageSignatures(url)) {
    const other = parseSignature(page.signature);
    if (other && isNearDuplicate(signature, other)) return { url: page.url };
  }
  return undefined;
}
