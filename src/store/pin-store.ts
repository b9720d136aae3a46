import { ChatbotError } from '../core/errors.js';
import { nfc, normalizeForMatch } from '../ingest/normalize-vietnamese.js';
import { calendarDate, DEFAULT_TIME_ZONE, isCalendarDate } from './calendar-date.js';
import { questionFeatures, questionKey, questionSimilarity, type QuestionFeatures } from './question-similarity.js';
import { cleanCitations, parseCitations, parseStrings } from './stored-citations.js';
import type { NewPin, Pin, PinMatch, PinStore } from '../core/ports.js';
import type { Channel } from '../core/types.js';
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

/** What `importPins` did with the pins it was given. */
export interface PinImportSummary {
  added: number;
  updated: number;
  unchanged: number;
}

interface PinRow {
  id: string;
  question: string;
  alternatives: string;
  answer: string;
  citations: string;
  pinned_by: string;
  channel: string;
  channel_ref: string | null;
  created_at: string;
  review_by: string | null;
  hits: number;
}

interface Phrasing {
  features: QuestionFeatures;
  place: string | undefined;
}

interface CachedPin {
  pin: Pin;
  phrasings: Phrasing[];
}

/** Pinned answers in SQLite; `match` compares a question with every pin phrasing held in memory, reloaded when another process changes the pins. */
export class SqlitePinStore implements PinStore {
  private readonly database: SqliteDatabase;
  private readonly options: SqlitePinStoreOptions;
  private cache: CachedPin[] | undefined;
  private cachedDataVersion: number | undefined;

  constructor(database: SqliteDatabase, options: SqlitePinStoreOptions) {
    this.database = database;
    this.options = options;
  }

  /** Pins an answer; pinning a question that is already pinned replaces that pin's answer and keeps its id and hits. */
  async add(newPin: NewPin): Promise<Pin> {
    const pin = this.validate(newPin);
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
    const pin = this.validate(changed);
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
    return pin.reviewBy !== undefined && pin.reviewBy < this.today();
  }

  /** The best pin for a question if its similarity reaches the threshold; serving it counts a hit. */
  async match(question: string): Promise<PinMatch | undefined> {
    const features = questionFeatures(question);
    if (features.total === 0) return undefined;
    const questionPlace = this.options.placeOf ? placeKey(this.options.placeOf(question)) : undefined;
    let best: { pin: Pin; similarity: number } | undefined;
    for (const { pin, phrasings } of this.pins()) {
      for (const phrasing of phrasings) {
        if (questionPlace && phrasing.place && questionPlace !== phrasing.place) continue;
        const similarity = questionSimilarity(features, phrasing.features);
        if (!best || similarity > best.similarity) best = { pin, similarity };
      }
    }
    if (!best || best.similarity <= 0 || best.similarity < this.options.threshold) return undefined;
    this.database.prepare('UPDATE pins SET hits = hits + 1 WHERE id = ?').run(best.pin.id);
    return {
      id: best.pin.id,
      answer: best.pin.answer,
      citations: best.pin.citations,
      pinnedBy: best.pin.pinnedBy,
      reviewOverdue: this.isReviewOverdue(best.pin),
      similarity: best.similarity,
    };
  }

  /**
   * Imports exported pins in one transaction: a pin whose id, or else whose question, is already pinned is updated
   * (so importing the same file twice adds nothing); others are added with their id, time and hits.
   */
  async importPins(pins: readonly Pin[]): Promise<PinImportSummary> {
    const summary: PinImportSummary = { added: 0, updated: 0, unchanged: 0 };
    this.database
      .transaction(() => {
        for (const incoming of pins) {
          const pin: Pin = { ...this.validate(incoming), id: incoming.id, createdAt: incoming.createdAt, hits: incoming.hits };
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

  /** The pin as it will be stored, or an `input-invalid` error naming the bad field. */
  private validate(pin: NewPin): Omit<Pin, 'id' | 'hits'> {
    const question = nfc(pin.question ?? '').trim();
    const answer = nfc(pin.answer ?? '').trim();
    if (!questionKey(question)) throw new ChatbotError('input-invalid', 'A pin needs a question with at least one word.');
    if (!answer) throw new ChatbotError('input-invalid', `The pin for "${question}" needs an answer.`);
    if (pin.reviewBy !== undefined && !isCalendarDate(pin.reviewBy)) {
      throw new ChatbotError('input-invalid', `Review-by date "${pin.reviewBy}" is not a date; write it as YYYY-MM-DD, e.g. 2026-06-30.`);
    }
    const alternatives = [...new Set((pin.alternatives ?? []).map((text) => nfc(text).trim()).filter((text) => questionKey(text) !== ''))];
    return {
      question,
      alternatives,
      answer,
      citations: cleanCitations(pin.citations ?? []),
      pinnedBy: nfc(pin.pinnedBy ?? '').trim(),
      channel: pin.channel,
      ...(pin.channelRef ? { channelRef: pin.channelRef } : {}),
      ...(pin.reviewBy ? { reviewBy: pin.reviewBy } : {}),
      createdAt: this.options.now().toISOString(),
    };
  }

  private insert(pin: Pin): void {
    this.database
      .prepare(
        `INSERT INTO pins (id, question, normalized_question, alternatives, answer, citations, pinned_by, channel, channel_ref, created_at, review_by, hits)
         VALUES (@id, @question, @normalized, @alternatives, @answer, @citations, @pinnedBy, @channel, @channelRef, @createdAt, @reviewBy, @hits)`,
      )
      .run(toParameters(pin));
  }

  private update(pin: Pin): void {
    this.database
      .prepare(
        `UPDATE pins SET question = @question, normalized_question = @normalized, alternatives = @alternatives, answer = @answer,
           citations = @citations, pinned_by = @pinnedBy, channel = @channel, channel_ref = @channelRef, created_at = @createdAt,
           review_by = @reviewBy, hits = @hits
         WHERE id = @id`,
      )
      .run(toParameters(pin));
  }

  /** The pins with their phrasings' features, recomputed only after a change (ours, or another connection's commit). */
  private pins(): CachedPin[] {
    const dataVersion = Number(this.database.pragma('data_version', { simple: true }));
    if (this.cache && dataVersion === this.cachedDataVersion) return this.cache;
    const placeOf = this.options.placeOf;
    this.cache = this.database
      .prepare<[], PinRow>('SELECT * FROM pins ORDER BY created_at DESC, id')
      .all()
      .map(toPin)
      .map((pin) => ({
        pin,
        phrasings: [pin.question, ...(pin.alternatives ?? [])].map((text) => ({
          features: questionFeatures(text),
          place: placeOf ? placeKey(placeOf(text)) : undefined,
        })),
      }));
    this.cachedDataVersion = dataVersion;
    return this.cache;
  }

  private today(): string {
    return calendarDate(this.options.now(), this.options.timeZone ?? DEFAULT_TIME_ZONE);
  }
}

function placeKey(place: string | undefined): string | undefined {
  const key = place === undefined ? '' : normalizeForMatch(place);
  return key === '' ? undefined : key;
}

function toPin(row: PinRow): Pin {
  return {
    id: row.id,
    question: row.question,
    alternatives: parseStrings(row.alternatives),
    answer: row.answer,
    citations: parseCitations(row.citations),
    pinnedBy: row.pinned_by,
    channel: row.channel as Channel,
    ...(row.channel_ref ? { channelRef: row.channel_ref } : {}),
    createdAt: row.created_at,
    ...(row.review_by ? { reviewBy: row.review_by } : {}),
    hits: row.hits,
  };
}

function toParameters(pin: Pin): Record<string, string | number | null> {
  return {
    id: pin.id,
    question: pin.question,
    normalized: questionKey(pin.question),
    alternatives: JSON.stringify(pin.alternatives ?? []),
    answer: pin.answer,
    citations: JSON.stringify(pin.citations),
    pinnedBy: pin.pinnedBy,
    channel: pin.channel,
    channelRef: pin.channelRef ?? null,
    createdAt: pin.createdAt,
    reviewBy: pin.reviewBy ?? null,
    hits: pin.hits,
  };
}

function samePin(left: Pin, right: Pin): boolean {
  return JSON.stringify(toParameters(left)) === JSON.stringify(toParameters(right));
}
