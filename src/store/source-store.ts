import type { SqliteDatabase } from './open-database.js';

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

interface SourceRow {
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

interface PageRow {
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

/** Sources and their fetched pages in SQLite. */
export class SqliteSourceStore {
  private readonly database: SqliteDatabase;
  private readonly now: () => Date;

  constructor(database: SqliteDatabase, options: { now: () => Date }) {
    this.database = database;
    this.now = options.now;
  }

  /** Adds a source, or updates the place and schedule of one with the same URL. */
  add(url: string, options: { place?: string | undefined; everyMinutes: number }): Source {
    this.database
      .prepare(
        `INSERT INTO sources (url, place, every_minutes, added_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (url) DO UPDATE SET place = excluded.place, every_minutes = excluded.every_minutes`,
      )
      .run(url, options.place ?? null, options.everyMinutes, this.now().toISOString());
    return this.find(url) as Source;
  }

  list(): Source[] {
    return (this.database.prepare('SELECT * FROM sources ORDER BY id').all() as SourceRow[]).map(toSource);
  }

  /** The source with this URL or numeric id. */
  find(urlOrId: string): Source | undefined {
    const row = (/^\d+$/.test(urlOrId)
      ? this.database.prepare('SELECT * FROM sources WHERE id = ?').get(Number(urlOrId))
      : this.database.prepare('SELECT * FROM sources WHERE url = ?').get(urlOrId)) as SourceRow | undefined;
    return row ? toSource(row) : undefined;
  }

  /** Forgets a source and its pages' records (the saved article files stay where staff can read them). */
  remove(id: number): boolean {
    return this.database.prepare('DELETE FROM sources WHERE id = ?').run(id).changes > 0;
  }

  /** Records how a sync of a source went. */
  recordSync(id: number, result: { error?: string | undefined; etag?: string | undefined; lastModified?: string | undefined }): void {
    const counts = this.database
      .prepare('SELECT COUNT(*) AS articles, COALESCE(SUM(has_place = 0), 0) AS no_place FROM source_pages WHERE source_id = ?')
      .get(id) as { articles: number; no_place: number };
    this.database
      .prepare(
        `UPDATE sources SET last_sync_at = ?, last_error = ?, article_count = ?, no_place_count = ?,
         etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified) WHERE id = ?`,
      )
      .run(this.now().toISOString(), result.error ?? null, counts.articles, counts.no_place, result.etag ?? null, result.lastModified ?? null, id);
  }

  page(url: string): SourcePage | undefined {
    const row = this.database.prepare('SELECT * FROM source_pages WHERE url = ?').get(url) as PageRow | undefined;
    return row ? toPage(row) : undefined;
  }

  /** Another page already saved with the same text (the same news syndicated on two sites), if any. */
  pageWithText(textHash: string, otherThan: string): SourcePage | undefined {
    const row = this.database.prepare('SELECT * FROM source_pages WHERE text_hash = ? AND url <> ? LIMIT 1').get(textHash, otherThan) as PageRow | undefined;
    return row ? toPage(row) : undefined;
  }

  /** The signatures of the pages saved from other URLs, to find the same news with small differences. */
  *pageSignatures(otherThan: string): Iterable<{ url: string; signature: string }> {
    const rows = this.database.prepare('SELECT url, text_signature FROM source_pages WHERE text_signature IS NOT NULL AND url <> ?').iterate(otherThan);
    for (const row of rows as Iterable<{ url: string; text_signature: string }>) yield { url: row.url, signature: row.text_signature };
  }

  savePage(page: SourcePage): void {
    this.database
      .prepare(
        `INSERT INTO source_pages (url, source_id, file, etag, last_modified, listed_date, text_hash, text_signature, has_place, fetched_at)
         VALUES (@url, @sourceId, @file, @etag, @lastModified, @listedDate, @textHash, @textSignature, @hasPlace, @fetchedAt)
         ON CONFLICT (url) DO UPDATE SET source_id = excluded.source_id, file = excluded.file, etag = excluded.etag,
           last_modified = excluded.last_modified, listed_date = excluded.listed_date, text_hash = excluded.text_hash,
           text_signature = COALESCE(excluded.text_signature, source_pages.text_signature), has_place = excluded.has_place, fetched_at = excluded.fetched_at`,
      )
      .run({
        ...page,
        etag: page.etag ?? null,
        lastModified: page.lastModified ?? null,
        listedDate: page.listedDate ?? null,
        textSignature: page.textSignature ?? null,
        hasPlace: page.hasPlace ? 1 : 0,
      });
  }

  /** Notes a page checked again (e.g. a 304) with its listing date, keeping the rest. */
  touchPage(url: string, listedDate: string | undefined): void {
    this.database.prepare('UPDATE source_pages SET listed_date = COALESCE(?, listed_date), fetched_at = ? WHERE url = ?').run(listedDate ?? null, this.now().toISOString(), url);
  }
}

function toSource(row: SourceRow): Source {
  const source: Source = { id: row.id, url: row.url, everyMinutes: row.every_minutes, addedAt: row.added_at, articleCount: row.article_count, noPlaceCount: row.no_place_count };
  if (row.place !== null) source.place = row.place;
  if (row.etag !== null) source.etag = row.etag;
  if (row.last_modified !== null) source.lastModified = row.last_modified;
  if (row.last_sync_at !== null) source.lastSyncAt = row.last_sync_at;
  if (row.last_error !== null) source.lastError = row.last_error;
  return source;
}

function toPage(row: PageRow): SourcePage {
  const page: SourcePage = { url: row.url, sourceId: row.source_id, file: row.file, textHash: row.text_hash, hasPlace: row.has_place === 1, fetchedAt: row.fetched_at };
  if (row.etag !== null) page.etag = row.etag;
  if (row.last_modified !== null) page.lastModified = row.last_modified;
  if (row.listed_date !== null) page.listedDate = row.listed_date;
  if (row.text_signature !== null) page.textSignature = row.text_signature;
  return page;
}
