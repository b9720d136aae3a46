import type pg from 'pg';
import { nfc } from '../../ingest/normalize-vietnamese.js';
import { calendarDate, DEFAULT_TIME_ZONE } from '../calendar-date.js';
import { pinColumns, pinMatch, PinPhrasings, samePin, toPin, validatePin, type PinImportSummary, type PinRow } from '../pin-records.js';
import { questionKey } from '../question-similarity.js';
import { inTransaction, type PostgresPool } from './open-pool.js';
import type { NewPin, Pin, PinMatch } from '../../core/ports.js';
import type { ModeratedPins } from '../store.js';

/** Options of `PostgresPinStore`. */
export interface PostgresPinStoreOptions {
  threshold: number;
  placeOf?: (text: string) => string | undefined;
  now: () => Date;
  newId: () => string;
  timeZone?: string;
}

/** Pin writes take turns (two replicas pinning the same new question must not both insert it). */
const PINS_WRITE_LOCK = 'hoiphuong:pins';

const COLUMNS = 'id, question, normalized_question, alternatives, answer, citations, pinned_by, channel, channel_ref, created_at, review_by, hits';

/**
 * Pinned answers in PostgreSQL, shared by every replica. Each replica keeps the phrasings in memory, and before each
 * match reads one counter that every pin change (by any replica, or the CLI) bumps in the same transaction: a pin
 * added anywhere is served everywhere from the next question, and an unchanged counter costs one indexed read.
 */
export class PostgresPinStore implements ModeratedPins {
  private cache: { version: string; phrasings: PinPhrasings } | undefined;

  constructor(
    private readonly pool: PostgresPool,
    private readonly options: PostgresPinStoreOptions,
  ) {}

  async add(newPin: NewPin): Promise<Pin> {
    const pin = validatePin(newPin, this.options.now().toISOString());
    const saved = await this.write(async (client) => {
      const existing = await firstRow(client, `SELECT ${COLUMNS} FROM pins WHERE normalized_question = $1 ORDER BY created_at LIMIT 1`, [questionKey(pin.question)]);
      const stored: Pin = existing ? { ...pin, id: existing.id, hits: Number(existing.hits) } : { ...pin, id: this.options.newId(), hits: 0 };
      await (existing ? update(client, stored) : insert(client, stored));
      return stored;
    });
    return saved;
  }

  async remove(idOrQuestion: string): Promise<boolean> {
    const text = nfc(idOrQuestion).trim();
    return this.write(async (client) => {
      let removed = (await client.query('DELETE FROM pins WHERE id = $1', [text])).rowCount ?? 0;
      if (removed === 0) removed = (await client.query('DELETE FROM pins WHERE normalized_question = $1', [questionKey(text)])).rowCount ?? 0;
      return removed > 0;
    });
  }

  async edit(id: string, changed: NewPin): Promise<Pin | undefined> {
    const pin = validatePin(changed, this.options.now().toISOString());
    return this.write(async (client) => {
      const existing = await firstRow(client, `SELECT ${COLUMNS} FROM pins WHERE id = $1 FOR UPDATE`, [id]);
      if (!existing) return undefined;
      // The edited question replaces any other pin of the same question, as in SQLite.
      await client.query('DELETE FROM pins WHERE normalized_question = $1 AND id <> $2', [questionKey(pin.question), id]);
      const stored: Pin = { ...pin, id, hits: Number(existing.hits), createdAt: existing.created_at };
      await update(client, stored);
      return stored;
    });
  }

  async get(id: string): Promise<Pin | undefined> {
    const row = (await this.pool.query<PinRow>(`SELECT ${COLUMNS} FROM pins WHERE id = $1`, [id])).rows[0];
    return row ? toPin(row) : undefined;
  }

  async list(): Promise<Pin[]> {
    return (await this.pool.query<PinRow>(`SELECT ${COLUMNS} FROM pins ORDER BY created_at, id`)).rows.map(toPin);
  }

  isReviewOverdue(pin: Pick<Pin, 'reviewBy'>): boolean {
    return pin.reviewBy !== undefined && pin.reviewBy < calendarDate(this.options.now(), this.options.timeZone ?? DEFAULT_TIME_ZONE);
  }

  async match(question: string): Promise<PinMatch | undefined> {
    const best = (await this.phrasings()).best(question, this.options.threshold);
    if (!best) return undefined;
    await this.pool.query('UPDATE pins SET hits = hits + 1 WHERE id = $1', [best.pin.id]);
    return pinMatch(best.pin, best.similarity, this.isReviewOverdue(best.pin));
  }

  async importPins(pins: readonly Pin[]): Promise<PinImportSummary> {
    const now = this.options.now().toISOString();
    return this.write(async (client) => {
      const summary: PinImportSummary = { added: 0, updated: 0, unchanged: 0 };
      for (const incoming of pins) {
        const pin: Pin = { ...validatePin(incoming, now), id: incoming.id, createdAt: incoming.createdAt, hits: incoming.hits };
        const existing =
          (await firstRow(client, `SELECT ${COLUMNS} FROM pins WHERE id = $1`, [pin.id])) ??
          (await firstRow(client, `SELECT ${COLUMNS} FROM pins WHERE normalized_question = $1 ORDER BY created_at LIMIT 1`, [questionKey(pin.question)]));
        if (!existing) {
          await insert(client, pin);
          summary.added += 1;
          continue;
        }
        const merged: Pin = { ...pin, id: existing.id, hits: Math.max(Number(existing.hits), pin.hits) };
        if (samePin(toPin(existing), merged)) {
          summary.unchanged += 1;
        } else {
          await update(client, merged);
          summary.updated += 1;
        }
      }
      return summary;
    });
  }

  /** A pin write: one at a time across replicas, bumping the change counter every replica checks. */
  private async write<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [PINS_WRITE_LOCK]);
      const result = await work(client);
      await client.query('UPDATE pin_changes SET version = version + 1 WHERE id = 1');
      return result;
    });
  }

  /** The phrasings of the pins as they are now, re-read only when the change counter moved. */
  private async phrasings(): Promise<PinPhrasings> {
    const version = String((await this.pool.query<{ version: string }>('SELECT version FROM pin_changes WHERE id = 1')).rows[0]?.version ?? '');
    if (this.cache?.version === version) return this.cache.phrasings;
    // Read after the counter: a change landing in between is seen now and again (harmlessly) at the next question.
    const rows = (await this.pool.query<PinRow>(`SELECT ${COLUMNS} FROM pins ORDER BY created_at DESC, id`)).rows;
    const phrasings = new PinPhrasings(rows.map(toPin), this.options.placeOf);
    this.cache = { version, phrasings };
    return phrasings;
  }
}

async function firstRow(client: pg.PoolClient, sql: string, values: unknown[]): Promise<PinRow | undefined> {
  return (await client.query<PinRow>(sql, values)).rows[0];
}

async function insert(client: pg.PoolClient, pin: Pin): Promise<void> {
  const columns = pinColumns(pin);
  await client.query(
    `INSERT INTO pins (id, question, normalized_question, alternatives, answer, citations, pinned_by, channel, channel_ref, created_at, review_by, hits)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    columnValues(columns),
  );
}

async function update(client: pg.PoolClient, pin: Pin): Promise<void> {
  const columns = pinColumns(pin);
  await client.query(
    `UPDATE pins SET question = $2, normalized_question = $3, alternatives = $4, answer = $5, citations = $6, pinned_by = $7, channel = $8,
       channel_ref = $9, created_at = $10, review_by = $11, hits = $12
     WHERE id = $1`,
    columnValues(columns),
  );
}

function columnValues(columns: ReturnType<typeof pinColumns>): unknown[] {
  return [columns.id, columns.question, columns.normalized, columns.alternatives, columns.answer, columns.citations, columns.pinnedBy, columns.channel, columns.channelRef, columns.createdAt, columns.reviewBy, columns.hits];
}
