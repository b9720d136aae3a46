import { createHash } from 'node:crypto';
import { inTransaction, type PostgresPool } from './open-pool.js';
import type { IndexPublication, IndexPublications, PublishedFile } from '../../core/ports.js';

/** Bytes per stored part: small enough that a part is never a burden in memory, large enough to keep rows few. */
const PART_BYTES = 1024 * 1024;
/** Parts fetched per query while a file is read. */
const PARTS_PER_READ = 8;
/** Publishers take turns: two replicas that both believe they lead never interleave their versions. */
const PUBLISH_LOCK = 'hoiphuong:publish-index';

/** Cuts a stream of byte chunks of any size into parts of `size` bytes (the last one shorter). */
async function* partsOf(chunks: AsyncIterable<Uint8Array>, size: number): AsyncIterable<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of chunks) {
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (pendingBytes + bytes.length >= size) {
      const take = size - pendingBytes;
      yield Buffer.concat([...pending, bytes.subarray(0, take)]);
      bytes = bytes.subarray(take);
      pending = [];
      pendingBytes = 0;
    }
    if (bytes.length > 0) {
      pending.push(Buffer.from(bytes));
      pendingBytes += bytes.length;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}

/**
 * Published index versions in PostgreSQL: each file as 1 MiB parts kept once by their SHA-256 (a version that only
 * appends to a file adds only its new parts), a publication row committed with its parts in one transaction, and the
 * newest two publications kept (a replica still reading the one before finishes it).
 */
export class PostgresIndexPublications implements IndexPublications {
  constructor(
    private readonly pool: PostgresPool,
    private readonly now: () => Date,
  ) {}

  async latest(): Promise<IndexPublication | undefined> {
    const { rows } = await this.pool.query<{ id: string; published_at: string; files: string }>('SELECT id, published_at, files FROM index_publications ORDER BY id DESC LIMIT 1');
    const row = rows[0];
    return row ? { id: Number(row.id), publishedAt: row.published_at, files: JSON.parse(row.files) as PublishedFile[] } : undefined;
  }

  async publish(files: readonly PublishedFile[], read: (name: string) => AsyncIterable<Uint8Array>): Promise<IndexPublication> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [PUBLISH_LOCK]);
      const publishedAt = this.now().toISOString();
      const { rows } = await client.query<{ id: string }>('INSERT INTO index_publications (published_at, files) VALUES ($1, $2) RETURNING id', [publishedAt, JSON.stringify(files)]);
      const id = Number(rows[0]!.id);
      for (const file of files) {
        let ordinal = 0;
        for await (const part of partsOf(read(file.name), PART_BYTES)) {
          const checksum = createHash('sha256').update(part).digest('hex');
          // A part an earlier version already stored is not sent again.
          const known = await client.query('SELECT 1 FROM index_parts WHERE checksum = $1', [checksum]);
          if (known.rowCount === 0) await client.query('INSERT INTO index_parts (checksum, bytes) VALUES ($1, $2) ON CONFLICT (checksum) DO NOTHING', [checksum, part]);
          await client.query('INSERT INTO index_publication_parts (publication_id, name, ordinal, part) VALUES ($1, $2, $3, $4)', [id, file.name, ordinal, checksum]);
          ordinal += 1;
        }
      }
      await client.query('DELETE FROM index_publications WHERE id < (SELECT min(id) FROM (SELECT id FROM index_publications ORDER BY id DESC LIMIT 2) AS kept)');
      await client.query('DELETE FROM index_parts WHERE NOT EXISTS (SELECT 1 FROM index_publication_parts WHERE part = index_parts.checksum)');
      return { id, publishedAt, files: [...files] };
    });
  }

  async *readFile(id: number, name: string): AsyncIterable<Uint8Array> {
    for (let from = 0; ; from += PARTS_PER_READ) {
      const { rows } = await this.pool.query<{ bytes: Buffer }>(
        `SELECT p.bytes FROM index_publication_parts f JOIN index_parts p ON p.checksum = f.part
         WHERE f.publication_id = $1 AND f.name = $2 AND f.ordinal >= $3 AND f.ordinal < $4 ORDER BY f.ordinal`,
        [id, name, from, from + PARTS_PER_READ],
      );
      for (const row of rows) yield row.bytes;
      if (rows.length < PARTS_PER_READ) return;
    }
  }
}
