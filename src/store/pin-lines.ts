import { isCalendarDate } from './calendar-date.js';
import type { Pin } from '../core/ports.js';
import type { Channel, Citation } from '../core/types.js';
import { isHttpUrl } from '../core/http-link.js';

const CHANNELS: readonly Channel[] = ['cli', 'http', 'web', 'discord', 'zalo-oa', 'zalo-bot'];

/** Defaults for fields an imported line leaves out. */
export interface PinLineDefaults {
  newId: () => string;
  /** ISO time used when a line has no `createdAt`. */
  createdAt: string;
  pinnedBy: string;
}

/** One parsed line: the pin, or why the line was rejected. */
export type ParsedPinLine = { pin: Pin } | { error: string };

/** One pin as one JSON line, in a stable field order so exported files diff well in version control. */
export function toPinLine(pin: Pin): string {
  return JSON.stringify({
    id: pin.id,
    question: pin.question,
    alternatives: pin.alternatives ?? [],
    answer: pin.answer,
    citations: pin.citations,
    pinnedBy: pin.pinnedBy,
    channel: pin.channel,
    ...(pin.channelRef ? { channelRef: pin.channelRef } : {}),
    createdAt: pin.createdAt,
    ...(pin.reviewBy ? { reviewBy: pin.reviewBy } : {}),
    hits: pin.hits,
  });
}

/**
 * Reads one exported line; `question` and `answer` are required, everything else has a default (a new id, now,
 * `cli`, no citations). Returns a short reason instead when the line is not a valid pin.
 */
export function parsePinLine(line: string, defaults: PinLineDefaults): ParsedPinLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'not a JSON object' };
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  const text = (name: string, required: boolean): string | undefined => {
    const field = record[name];
    if (field === undefined || field === null) {
      if (required) problems.push(`"${name}" is missing`);
      return undefined;
    }
    if (typeof field !== 'string' || (required && field.trim() === '')) {
      problems.push(`"${name}" must be a ${required ? 'non-empty ' : ''}string`);
      return undefined;
    }
    return field;
  };
  const question = text('question', true);
  const answer = text('answer', true);
  const id = text('id', false);
  const pinnedBy = text('pinnedBy', false);
  const channelRef = text('channelRef', false);
  const createdAt = text('createdAt', false);
  const reviewBy = text('reviewBy', false);
  const channel = text('channel', false) ?? 'cli';
  if (!CHANNELS.includes(channel as Channel)) problems.push(`"channel" must be one of ${CHANNELS.join(', ')}`);
  if (createdAt !== undefined && Number.isNaN(Date.parse(createdAt))) problems.push('"createdAt" must be an ISO 8601 time');
  if (reviewBy !== undefined && !isCalendarDate(reviewBy)) problems.push('"reviewBy" must be a date written YYYY-MM-DD');
  const alternatives = record.alternatives ?? [];
  if (!Array.isArray(alternatives) || alternatives.some((item) => typeof item !== 'string')) problems.push('"alternatives" must be a list of strings');
  const citations = record.citations ?? [];
  if (!Array.isArray(citations) || !citations.every(isCitationLike)) {
    problems.push('"citations" must be a list of objects with a string "id" (and optional "title", "url", "quote", "published")');
  } else {
    const unsafe = (citations as Array<{ url?: string }>).find((citation) => citation.url !== undefined && citation.url !== '' && !isHttpUrl(citation.url));
    if (unsafe) problems.push(`citation "url" must be an http:// or https:// address (got ${JSON.stringify(unsafe.url!.slice(0, 80))})`);
  }
  const hits = record.hits ?? 0;
  if (typeof hits !== 'number' || !Number.isInteger(hits) || hits < 0) problems.push('"hits" must be a whole number ≥ 0');
  if (problems.length > 0) return { error: problems.join('; ') };
  return {
    pin: {
      id: id?.trim() || defaults.newId(),
      question: question!,
      alternatives: alternatives as string[],
      answer: answer!,
      citations: (citations as Array<Partial<Citation> & { id: string }>).map((citation) => ({
        id: citation.id,
        title: citation.title ?? '',
        url: citation.url ?? '',
        quote: citation.quote ?? '',
        ...(citation.published ? { published: citation.published } : {}),
      })),
      pinnedBy: pinnedBy?.trim() || defaults.pinnedBy,
      channel: channel as Channel,
      ...(channelRef ? { channelRef } : {}),
      createdAt: createdAt ? new Date(createdAt).toISOString() : defaults.createdAt,
      ...(reviewBy ? { reviewBy } : {}),
      hits: hits as number,
    },
  };
}

function isCitationLike(item: unknown): boolean {
  if (typeof item !== 'object' || item === null) return false;
  const citation = item as Record<string, unknown>;
  if (typeof citation.id !== 'string' || citation.id.trim() === '') return false;
  return ['title', 'url', 'quote', 'published'].every((name) => citation[name] === undefined || typeof citation[name] === 'string');
}
