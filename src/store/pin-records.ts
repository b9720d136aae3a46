import { ChatbotError } from '../core/errors.js';
import { nfc, normalizeForMatch } from '../ingest/normalize-vietnamese.js';
import { isCalendarDate } from './calendar-date.js';
import { questionFeatures, questionKey, questionSimilarity, type QuestionFeatures } from './question-similarity.js';
import { cleanCitations, parseCitations, parseStrings } from './stored-citations.js';
import type { NewPin, Pin, PinMatch } from '../core/ports.js';
import type { Channel } from '../core/types.js';

/** A row of the `pins` table, the same in every store. */
export interface PinRow {
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

/** The columns a pin is written as (`normalized` is the question's `questionKey`). */
export interface PinColumns {
  id: string;
  question: string;
  normalized: string;
  alternatives: string;
  answer: string;
  citations: string;
  pinnedBy: string;
  channel: string;
  channelRef: string | null;
  createdAt: string;
  reviewBy: string | null;
  hits: number;
}

/** What `importPins` did with the pins it was given. */
export interface PinImportSummary {
  added: number;
  updated: number;
  unchanged: number;
}

/** The pin as it will be stored (NFC, trimmed, only http(s) links), or an `input-invalid` error naming the bad field. */
export function validatePin(pin: NewPin, createdAt: string): Omit<Pin, 'id' | 'hits'> {
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
    createdAt,
  };
}

/** A stored row as a pin. */
export function toPin(row: PinRow): Pin {
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
    hits: Number(row.hits),
  };
}

/** A pin as the columns it is stored in. */
export function pinColumns(pin: Pin): PinColumns {
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

/** True when two pins would be stored identically (an import that changes nothing). */
export function samePin(left: Pin, right: Pin): boolean {
  return JSON.stringify(pinColumns(left)) === JSON.stringify(pinColumns(right));
}

interface Phrasing {
  features: QuestionFeatures;
  place: string | undefined;
}

/** Every pin's phrasings with their features, computed once per change of the pins, so matching a question is only arithmetic. */
export class PinPhrasings {
  private readonly entries: Array<{ pin: Pin; phrasings: Phrasing[] }>;
  private readonly placeOf: ((text: string) => string | undefined) | undefined;

  /** `pins` newest first: among equally similar pins the newest wins. */
  constructor(pins: readonly Pin[], placeOf?: (text: string) => string | undefined) {
    this.placeOf = placeOf;
    this.entries = pins.map((pin) => ({
      pin,
      phrasings: [pin.question, ...(pin.alternatives ?? [])].map((text) => ({ features: questionFeatures(text), place: this.placeKeyOf(text) })),
    }));
  }

  /** The most similar pin at or above `threshold`; a phrasing naming another place than the question never counts. */
  best(question: string, threshold: number): { pin: Pin; similarity: number } | undefined {
    // Without pins there is nothing to compare, and finding the question's place is the costly part.
    if (this.entries.length === 0) return undefined;
    const features = questionFeatures(question);
    if (features.total === 0) return undefined;
    const questionPlace = this.placeKeyOf(question);
    let best: { pin: Pin; similarity: number } | undefined;
    for (const { pin, phrasings } of this.entries) {
      for (const phrasing of phrasings) {
        if (questionPlace && phrasing.place && questionPlace !== phrasing.place) continue;
        const similarity = questionSimilarity(features, phrasing.features);
        if (!best || similarity > best.similarity) best = { pin, similarity };
      }
    }
    return best && best.similarity > 0 && best.similarity >= threshold ? best : undefined;
  }

  private placeKeyOf(text: string): string | undefined {
    const place = this.placeOf?.(text);
    const key = place === undefined ? '' : normalizeForMatch(place);
    return key === '' ? undefined : key;
  }
}

/** What a matched pin serves. */
export function pinMatch(pin: Pin, similarity: number, reviewOverdue: boolean): PinMatch {
  return { id: pin.id, answer: pin.answer, citations: pin.citations, pinnedBy: pin.pinnedBy, reviewOverdue, similarity };
}
