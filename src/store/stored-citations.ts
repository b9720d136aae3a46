import { nfc } from '../ingest/normalize-vietnamese.js';
import { httpLinkOrEmpty } from '../core/http-link.js';
import type { Citation } from '../core/types.js';

/** Citations as stored: NFC strings, only the known fields and only http(s) links, so a row round-trips to exactly what was saved. */
export function cleanCitations(citations: readonly Citation[]): Citation[] {
  return citations.map((citation) => ({
    id: nfc(citation.id),
    title: nfc(citation.title ?? ''),
    url: httpLinkOrEmpty(citation.url),
    quote: nfc(citation.quote ?? ''),
    ...(citation.published ? { published: citation.published } : {}),
  }));
}

/** Reads a stored citations column, tolerating an empty or damaged value as "no citations". */
export function parseCitations(json: string | null): Citation[] {
  return parseJsonArray(json)
    .filter((item): item is Citation => typeof item === 'object' && item !== null && typeof (item as Citation).id === 'string')
    .map((citation) => ({ ...citation, url: httpLinkOrEmpty(citation.url) }));
}

/** Reads a stored JSON array of strings (pin alternatives). */
export function parseStrings(json: string | null): string[] {
  return parseJsonArray(json).filter((item): item is string => typeof item === 'string');
}

function parseJsonArray(json: string | null): unknown[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value : [];
  } catch {
    // A damaged column must not stop pins or reports from loading; the row still shows its question and answer.
    return [];
  }
}
