import { nfc } from '../../ingest/normalize-vietnamese.js';
import { calendarDate, DEFAULT_TIME_ZONE } from '../calendar-date.js';
import { pinColumns, pinMatch, PinPhrasings, samePin, toPin, validatePin, type PinImportSummary, type PinRow } from '../pin-records.js';
import { questionKey } from '../question-similarity.js';
import type { NewPin, Pin, PinMatch } from '../../core/ports.js';
import type { ModeratedPins } from '../store.js';
import type { SqliteDatabase } from './open-database.js';

/** Options of `SqlitePinStore`. */
export interface SqlitePinStoreOptions {
  /** Lowest similarity that serves a pin (config.store.pinMatchThreshold). */
  threshold: number;
  /** Names the place a text is about; when a question and a pin phrasing name different places they never match. */
  placeOf?: (text: string) => string | undefined;
  now: () => Date;
  newId: () => string;
  /** Time zone whose date decides when a review-by date has passed. */
  timeZone?: string;
}

/** Pinned answers in SQLite; `match` compares a question with every pin phrasing held in memory, reloaded when another process changes the pins. */
export class SqlitePinStore implements ModeratedPins {
  private readonly database: SqliteDatabase;
  private readonly options: SqlitePinStoreOptions;
  private cache: PinPhrasings | undefined;
  private cachedDataVersion: number | undefined;

  constructor(database: SqliteDatabase, options: SqlitePinStoreOptions) {
    this.database = database;
    this.options = options;
  }

  /** Pins an answer; pinning a question that is already pinned replaces that pin's answer and keeps its id and hits. */
  async add(newPin: NewPin): Promise<Pin> {
    const pin = validatePin(newPin, this.options.now().toISOString());
    const key = questionKey(pin.question);
    const saved = this.database
      .transaction((): Pin => {
        const existing = this.database.prepare<[string], PinRow>('SELECT * FROM pins WHERE normalized_question = ? ORDER BY created_at LIMIT 1').get(key);
        const stored: Pin = existing ? { ...pin, id: existing.id, hits: existing.hits } : { ...pin, id: this.options.newId(), hits: 0 };
        if (existing) this.update(stored);
        else this.insert(stored);
        return stored;
      })
      .immediate();
    this.cache = undefined;
    return saved;
  }

  /**
   * Changes the pin with this id (its phrasings, answer, review date…), keeping its id, time and hits; undefined when
   * there is no such pin. Another pin holding the new question is replaced by this one.
   */
  async edit(id: string, changed: NewPin): Promise<Pin | undefined> {
    const pin = validatePin(changed, this.options.now().toISOString());
    const saved = this.database
      .transaction((): Pin | undefined => {
        const existing = this.database.prepare<[string], PinRow>('SELECT * FROM pins WHERE id = ?').get(id);
        if (!existing) return undefined;
        this.database.prepare('DELETE FROM pins WHERE normalized_question = ? AND id <> ?').run(questionKey(pin.question), id);
        const stored: Pin = { ...pin, id, hits: existing.hits, createdAt: existing.created_at };
        this.update(stored);
        return stored;
      })
      .immediate();
    this.cache = undefined;
    return saved;
  }

  /** The pin with this id, if any. */
  async get(id: string): Promise<Pin | undefined> {
    const row = this.database.prepare<[string], PinRow>('SELECT * FROM pins WHERE id = ?').get(id);
    return row ? toPin(row) : undefined;
  }

  /** Removes by pin id, or else by question (compared as `questionKey`, so diacritics and fillers don't matter). */
  async remove(idOrQuestion: string): Promise<boolean> {
    const text = nfc(idOrQuestion).trim();
    let changes = this.database.prepare('DELETE FROM pins WHERE id = ?').run(text).changes;
    if (changes === 0) changes = this.database.prepare('DELETE FROM pins WHERE normalized_question = ?').run(questionKey(text)).changes;
    this.cache = undefined;
    return changes > 0;
  }

  /** Every pin, oldest first. */
  async list(): Promise<Pin[]> {
    return this.database.prepare<[], PinRow>('SELECT * FROM pins ORDER BY created_at, id').all().map(toPin);
  }

  /** True when the pin's review-by date has passed (by the injected clock, in the store's time zone). */
  isReviewOverdue(pin: Pick<Pin, 'reviewBy'>): boolean {
    return pin.reviewBy !== undefined && pin.reviewBy < calendarDate(this.options.now(), this.options.timeZone ?? DEFAULT_TIME_ZONE);
  }

  /** The best pin for a question if its similarity reaches the threshold; serving it counts a hit. */
  async match(question: string): Promise<PinMatch | undefined> {
    const best = this.phrasings().best(question, this.options.threshold);
    if (!best) return undefined;
    this.database.prepare('UPDATE pins SET hits = hits + 1 WHERE id = ?').run(best.pin.id);
    return pinMatch(best.pin, best.similarity, this.isReviewOverdue(best.pin));
  }

  /**
   * Imports exported pins in one transaction: a pin whose id, or else whose question, is already pinned is updated
   * (so importing the same file twice adds nothing); others are added with their id, time and hits.
   */
  async importPins(pins: readonly Pin[]): Promise<PinImportSummary> {
    const summary: PinImportSummary = { added: 0, updated: 0, unchanged: 0 };
    const now = this.options.now().toISOString();
    this.database
      .transaction(() => {
        for (const incoming of pins) {
          const pin: Pin = { ...validatePin(incoming, now), id: incoming.id, createdAt: incoming.createdAt, hits: incoming.hits };
          const existing =
            this.database.prepare<[string], PinRow>('SELECT * FROM pins WHERE id = ?').get(pin.id) ??
            this.database.prepare<[string], PinRow>('SELECT * FROM pins WHERE normalized_question = ? ORDER BY created_at LIMIT 1').get(questionKey(pin.question));
          if (!existing) {
            this.insert(pin);
            summary.added += 1;
            continue;
          }
          const merged: Pin = { ...pin, id: existing.id, hits: Math.max(existing.hits, pin.hits) };
          if (samePin(toPin(existing), merged)) {
            summary.unchanged += 1;
          } else {
            this.update(merged);
            summary.updated += 1;
          }
        }
      })
      .immediate();
    this.cache = undefined;
    return summary;
  }

  private insert(pin: Pin): void {
    this.database
      .prepare(
        `INSERT INTO pins (id, question, normalized_question, alternatives, answer, citations, pinned_by, channel, channel_ref, created_at, review_by, hits)
         VALUES (@id, @question, @normalized, @alternatives, @answer, @citations, @pinnedBy, @channel, @channelRef, @createdAt, @reviewBy, @hits)`,
      )
      .run(pinColumns(pin));
  }

  private update(pin: Pin): void {
    this.database
      .prepare(
        `UPDATE pins SET question = @question, normalized_question = @normalized, alternatives = @alternatives, answer = @answer,
           citations = @citations, pinned_by = @pinnedBy, channel = @channel, channel_ref = @channelRef, created_at = @createdAt,
           review_by = @reviewBy, hits = @hits
         WHERE id = @id`,
      )
      .run(pinColumns(pin));
  }

  /** The pins' phrasings, recomputed only after a change (ours, or another connection's commit). */
  private phrasings(): PinPhrasings {
    const dataVersion = Number(this.database.pragma('data_version', { simple: true }));
    if (this.cache && dataVersion === this.cachedDataVersion) return this.cache;
    const pins = this.database.prepare<[], PinRow>('SELECT * FROM pins ORDER BY created_at DESC, id').all().map(toPin);
    this.cache = new PinPhrasings(pins, this.options.placeOf);
    this.cachedDataVersion = dataVersion;
    return this.cache;
  }
}
