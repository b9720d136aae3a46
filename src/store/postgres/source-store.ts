import { toPage, toSource, type PageRow, type Source, type SourcePage, type SourceRow, type SourceStore, type SyncRecord } from '../source-records.js';
import type { PostgresPool } from './open-pool.js';

/** Sources and their fetched pages in PostgreSQL. */
export class PostgresSourceStore implements SourceStore {
  constructor(
    private readonly pool: PostgresPool,
    private readonly options: { now: () => Date },
  ) {}

  async add(url: string, options: { place?: string | undefined; everyMinutes: number }): Promise<Source> {
    const { rows } = await this.pool.query<SourceRow>(
      `INSERT INTO sources (url, place, every_minutes, added_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (url) DO UPDATE SET place = excluded.place, every_minutes = excluded.every_minutes RETURNING *`,
      [url, options.place ?? null, options.everyMinutes, this.options.now().toISOString()],
    );
    return toSource(rows[0] as SourceRow);
  }

  async list(): Promise<Source[]> {
    return (await this.pool.query<SourceRow>('SELECT * FROM sources ORDER BY id')).rows.map(toSource);
  }

  async find(urlOrId: string): Promise<Source | undefined> {
    const { rows } = /^\d+$/.test(urlOrId)
      ? await this.pool.query<SourceRow>('SELECT * FROM sources WHERE id = $1', [Number(urlOrId)])
      : await this.pool.query<SourceRow>('SELECT * FROM sources WHERE url = $1', [urlOrId]);
    return rows[0] ? toSource(rows[0]) : undefined;
  }

  async remove(id: number): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM sources WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async recordSync(id: number, result: SyncRecord): Promise<void> {
    await this.pool.query(
      `UPDATE sources SET last_sync_at = $2, last_error = $3,
         article_count = (SELECT COUNT(*) FROM source_pages WHERE source_id = $1),
         no_place_count = (SELECT COUNT(*) FROM source_pages WHERE source_id = $1 AND has_place = 0),
         etag = COALESCE($4, etag), last_modified = COALESCE($5, last_modified)
       WHERE id = $1`,
      [id, this.options.now().toISOString(), result.error ?? null, result.etag ?? null, result.lastModified ?? null],
    );
  }

  async page(url: string): Promise<SourcePage | undefined> {
    const { rows } = await this.pool.query<PageRow>('SELECT * FROM source_pages WHERE url = $1', [url]);
    return rows[0] ? toPage(rows[0]) : undefined;
  }

  async pageWithText(textHash: string, otherThan: string): Promise<SourcePage | undefined> {
    const { rows } = await this.pool.query<PageRow>('SELECT * FROM source_pages WHERE text_hash = $1 AND url <> $2 LIMIT 1', [textHash, otherThan]);
    return rows[0] ? toPage(rows[0]) : undefined;
  }

  async pageSignatures(otherThan: string): Promise<Array<{ url: string; signature: string }>> {
    const { rows } = await this.pool.query<{ url: string; text_signature: string }>('SELECT url, text_signature FROM source_pages WHERE text_signature IS NOT NULL AND url <> $1', [otherThan]);
    return rows.map((row) => ({ url: row.url, signature: row.text_signature }));
  }

  async savePage(page: SourcePage): Promise<void> {
    await this.pool.query(
      `INSERT INTO source_pages (url, source_id, file, etag, last_modified, listed_date, text_hash, text_signature, has_place, fetched_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (url) DO UPDATE SET source_id = excluded.source_id, file = excluded.file, etag = excluded.etag,
         last_modified = excluded.last_modified, listed_date = excluded.listed_date, text_hash = excluded.text_hash,
         text_signature = COALESCE(excluded.text_signature, source_pages.text_signature), has_place = excluded.has_place, fetched_at = excluded.fetched_at`,
      [page.url, page.sourceId, page.file, page.etag ?? null, page.lastModified ?? null, page.listedDate ?? null, page.textHash, page.textSignature ?? null, page.hasPlace ? 1 : 0, page.fetchedAt],
    );
  }

  async touchPage(url: string, listedDate: string | undefined): Promise<void> {
    await this.pool.query('UPDATE source_pages SET listed_date = COALESCE($2, listed_date), fetched_at = $3 WHERE url = $1', [url, listedDate ?? null, this.options.now().toISOString()]);
  }
}
