/** A website staff pointed the bot at, with how its last sync went. */
export interface Source {
  id: number;
  url: string;
  place?: string;
  everyMinutes: number;
  addedAt: string;
  etag?: string;
  lastModified?: string;
  lastSyncAt?: string;
  lastError?: string;
  articleCount: number;
  /** Articles of this source whose ward is unknown: kept, and shown to staff to fix. */
  noPlaceCount: number;
}

/** One page fetched from a source and the file it was saved as. */
export interface SourcePage {
  url: string;
  sourceId: number;
  file: string;
  etag?: string;
  lastModified?: string;
  /** The date the feed or sitemap listed the page with, so an unchanged listing is not fetched again. */
  listedDate?: string;
  /** Hash of the page's normalised text: unchanged text leaves a staff edit of the file alone; equal text is a duplicate. */
  textHash: string;
  /** Near-duplicate signature of the text (see `sources/near-duplicates.ts`); absent for pages saved before it existed. */
  textSignature?: string;
  hasPlace: boolean;
  fetchedAt: string;
}

/** How a sync of one source went. */
export interface SyncRecord {
  error?: string | undefined;
  etag?: string | undefined;
  lastModified?: string | undefined;
}

/**
 * Sources and the pages fetched from them.
 * @example
 * const source = await sources.add('https://phuong.example.gov.vn/rss', { place: 'phường X, tỉnh Y', everyMinutes: 360 });
 */
export interface SourceStore {
  /** Adds a source, or updates the place and schedule of one with the same URL. */
  add(url: string, options: { place?: string | undefined; everyMinutes: number }): Promise<Source>;
  list(): Promise<Source[]>;
  /** The source with this URL or numeric id. */
  find(urlOrId: string): Promise<Source | undefined>;
  /** Forgets a source and its pages' records (the saved article files stay where staff can read them). */
  remove(id: number): Promise<boolean>;
  /** Records how a sync of a source went, with its page counts. */
  recordSync(id: number, result: SyncRecord): Promise<void>;
  page(url: string): Promise<SourcePage | undefined>;
  /** Another page already saved with the same text (the same news syndicated on two sites), if any. */
  pageWithText(textHash: string, otherThan: string): Promise<SourcePage | undefined>;
  /** The signatures of the pages saved from other URLs, to find the same news with small differences. */
  pageSignatures(otherThan: string): Promise<Array<{ url: string; signature: string }>>;
  savePage(page: SourcePage): Promise<void>;
  /** Notes a page checked again (e.g. a 304) with its listing date, keeping the rest. */
  touchPage(url: string, listedDate: string | undefined): Promise<void>;
}

/** A row of the `sources` table, the same in every store. */
export interface SourceRow {
  id: number;
  url: string;
  place: string | null;
  every_minutes: number;
  added_at: string;
  etag: string | null;
  last_modified: string | null;
  last_sync_at: string | null;
  last_error: string | null;
  article_count: number;
  no_place_count: number;
}

/** A row of the `source_pages` table, the same in every store. */
export interface PageRow {
  url: string;
  source_id: number;
  file: string;
  etag: string | null;
  last_modified: string | null;
  listed_date: string | null;
  text_hash: string;
  text_signature: string | null;
  has_place: number;
  fetched_at: string;
}

/** A stored row as a source. */
export function toSource(row: SourceRow): Source {
  const source: Source = {
    id: Number(row.id),
    url: row.url,
    everyMinutes: Number(row.every_minutes),
    addedAt: row.added_at,
    articleCount: Number(row.article_count),
    noPlaceCount: Number(row.no_place_count),
  };
  if (row.place !== null) source.place = row.place;
  if (row.etag !== null) source.etag = row.etag;
  if (row.last_modified !== null) source.lastModified = row.last_modified;
  if (row.last_sync_at !== null) source.lastSyncAt = row.last_sync_at;
  if (row.last_error !== null) source.lastError = row.last_error;
  return source;
}

/** A stored row as a page. */
export function toPage(row: PageRow): SourcePage {
  const page: SourcePage = { url: row.url, sourceId: Number(row.source_id), file: row.file, textHash: row.text_hash, hasPlace: Number(row.has_place) === 1, fetchedAt: row.fetched_at };
  if (row.etag !== null) page.etag = row.etag;
  if (row.last_modified !== null) page.lastModified = row.last_modified;
  if (row.listed_date !== null) page.listedDate = row.listed_date;
  if (row.text_signature !== null) page.textSignature = row.text_signature;
  return page;
}
