import pg from 'pg';
import { nfc } from '../../ingest/normalize-vietnamese.js';
import { calendarDate, DEFAULT_TIME_ZONE } from '../calendar-date.js';
import { pinColumns, PinPhrasings, samePin, toPin, validatePin, type PinImportSummary, type PinRow } from '../pin-records.js';
import { questionKey } from '../question-similarity.js';
import { inTransaction, type PostgresPool } from './open-pool.js';
import type { NewPin, Pin, PinMatch } from '../../core/ports.js';
import type { ModeratedPins } from '../store.js';

/** Options of `PostgresPinStore`. */
export interface PostgresPinStoreOptions {
  /** The database, for the connection that listens for other replicas' pin changes. */
  url: string;
  threshold: number;
  placeOf?: (text: string) => string | undefined;
  now: () => Date;
  newId: () => string;
  timeZone?: string;
  log?: (line: string) => void;
}

/** The channel every pin change is announced on (NOTIFY), so each replica drops its cached phrasings at once. */
const PINS_CHANNEL = 'hoiphuong_pins';
/** Pin writes take turns (two replicas pinning the same new question must not both insert it). */
const PINS_WRITE_LOCK = 'hoiphuong:pins';
/** How long after a failed LISTEN connection pins are read afresh for every question before connecting again. */
const RELISTEN_AFTER_MS = 5_000;

const COLUMNS = 'id, question, normalized_question, alternatives, answer, citations, pinned_by, channel, channel_ref, created_at, review_by, hits';

/**
 * Pinned answers in PostgreSQL, shared by every replica. Each replica keeps the phrasings in memory and LISTENs on
 * one dedicated connection: a pin added, changed or removed anywhere (another replica, the CLI) is announced on
 * COMMIT and every replica serves it from its next question. Without that connection pins are read for every question.
 */
export class PostgresPinStore implements ModeratedPins {
  private cache: PinPhrasings | undefined;
  /** Bumped by every announced change, so a read that raced a change is not cached. */
  private generation = 0;
  private listener: pg.Client | undefined;
  private connecting: Promise<boolean> | undefined;
  private failedAt = -Infinity;
  private closed = false;

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
    return {
      id: best.pin.id,
      answer: best.pin.answer,
      citations: best.pin.citations,
      pinnedBy: best.pin.pinnedBy,
      reviewOverdue: this.isReviewOverdue(best.pin),
      similarity: best.similarity,
    };
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

  /** Stops listening for changes. */
  async close(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => {});
  }

  /** A pin write: one at a time across replicas, announced to all of them on commit. */
  private async write<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [PINS_WRITE_LOCK]);
        const result = await work(client);
        await client.query('SELECT pg_notify($1, $2)', [PINS_CHANNEL, 'changed']);
        return result;
      });
    } finally {
      this.invalidate();
    }
  }

  private invalidate(): void {
    this.generation += 1;
    this.cache = undefined;
  }

  private async phrasings(): Promise<PinPhrasings> {
    const listening = await this.listen();
    if (listening && this.cache) return this.cache;
    const generation = this.generation;
    const rows = (await this.pool.query<PinRow>(`SELECT ${COLUMNS} FROM pins ORDER BY created_at DESC, id`)).rows;
    const phrasings = new PinPhrasings(rows.map(toPin), this.options.placeOf);
    if (listening && generation === this.generation) this.cache = phrasings;
    return phrasings;
  }

  /** True while a LISTEN connection is up (connecting one when there is none and none failed just now). */
  private async listen(): Promise<boolean> {
    if (this.listener) return true;
    if (this.closed || Date.now() - this.failedAt < RELISTEN_AFTER_MS) return false;
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.options.url, keepAlive: true });
      const lost = () => {
        if (this.listener === client) this.listener = undefined;
        this.failedAt = Date.now();
        this.invalidate();
      };
      client.on('error', (error) => {
        this.options.log?.(`Pins: the connection listening for other replicas' changes failed (${error.message}); reading pins for every question until it is back.`);
        lost();
      });
      client.on('end', lost);
      client.on('notification', () => this.invalidate());
      try {
        await client.connect();
        await client.query(`LISTEN ${PINS_CHANNEL}`);
      } catch {
        await client.end().catch(() => {});
        this.failedAt = Date.now();
        return false;
      }
      if (this.closed) {
        await client.end().catch(() => {});
        return false;
      }
      // Changes made before LISTEN took effect were not announced to us.
      this.invalidate();
      this.listener = client;
      return true;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
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
