import { toPage, toSource, type PageRow, type Source, type SourceRow, type SourcePage, type SourceStore, type SyncRecord } from '../source-records.js';
import type { SqliteDatabase } from './open-database.js';

/** Sources and their fetched pages in SQLite. */
export class SqliteSourceStore implements SourceStore {
  private readonly database: SqliteDatabase;
  private readonly now: () => Date;

  constructor(database: SqliteDatabase, options: { now: () => Date }) {
    this.database = database;
    this.now = options.now;
  }

  /** Adds a source, or updates the place and schedule of one with the same URL. */
  async add(url: string, options: { place?: string | undefined; everyMinutes: number }): Promise<Source> {
    this.database
      .prepare(
        `INSERT INTO sources (url, place, every_minutes, added_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (url) DO UPDATE SET place = excluded.place, every_minutes = excluded.every_minutes`,
      )
      .run(url, options.place ?? null, options.everyMinutes, this.now().toISOString());
    return (await this.find(url)) as Source;
  }

  async list(): Promise<Source[]> {
    return (this.database.prepare('SELECT * FROM sources ORDER BY id').all() as SourceRow[]).map(toSource);
  }

  /** The source with this URL or numeric id. */
  async find(urlOrId: string): Promise<Source | undefined> {
    const row = (/^\d+$/.test(urlOrId)
      ? this.database.prepare('SELECT * FROM sources WHERE id = ?').get(Number(urlOrId))
      : this.database.prepare('SELECT * FROM sources WHERE url = ?').get(urlOrId)) as SourceRow | undefined;
    return row ? toSource(row) : undefined;
  }

  /** Forgets a source and its pages' records (the saved article files stay where staff can read them). */
  async remove(id: number): Promise<boolean> {
    return this.database.prepare('DELETE FROM sources WHERE id = ?').run(id).changes > 0;
  }

  /** Records how a sync of a source went. */
  async recordSync(id: number, result: SyncRecord): Promise<void> {
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

  async page(url: string): Promise<SourcePage | undefined> {
    const row = this.database.prepare('SELECT * FROM source_pages WHERE url = ?').get(url) as PageRow | undefined;
    return row ? toPage(row) : undefined;
  }

  /** Another page already saved with the same text (the same news syndicated on two sites), if any. */
  async pageWithText(textHash: string, otherThan: string): Promise<SourcePage | undefined> {
    const row = this.database.prepare('SELECT * FROM source_pages WHERE text_hash = ? AND url <> ? LIMIT 1').get(textHash, otherThan) as PageRow | undefined;
    return row ? toPage(row) : undefined;
  }

  /** The signatures of the pages saved from other URLs, to find the same news with small differences. */
  async pageSignatures(otherThan: string): Promise<Array<{ url: string; signature: string }>> {
    const rows = this.database.prepare('SELECT url, text_signature FROM source_pages WHERE text_signature IS NOT NULL AND url <> ?').all(otherThan) as Array<{ url: string; text_signature: string }>;
    return rows.map((row) => ({ url: row.url, signature: row.text_signature }));
  }

  async savePage(page: SourcePage): Promise<void> {
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
  async touchPage(url: string, listedDate: string | undefined): Promise<void> {
    this.database.prepare('UPDATE source_pages SET listed_date = COALESCE(?, listed_date), fetched_at = ? WHERE url = ?').run(listedDate ?? null, this.now().toISOString(), url);
  }
}
