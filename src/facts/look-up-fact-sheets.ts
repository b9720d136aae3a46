import type { FactBook } from './fact-book.js';
import { compactFactSheet, type CompactFactSheet } from './format-fact-sheet.js';

/** The chat sheets of the wards a place names, or the wards facts are known about when it names none of them. */
export type FactSheetLookup = { kind: 'found'; sheets: CompactFactSheet[] } | { kind: 'unknown'; known: string[] };

/** Looks up the compact sheets of every ward `place` names (`An Hải` names it in every province, `…, TP Y` one). */
export function lookUpFactSheets(book: FactBook, place: string): FactSheetLookup {
  const places = book.findPlaces(place.normalize('NFC').trim());
  if (places.length === 0) return { kind: 'unknown', known: book.places() };
  return { kind: 'found', sheets: places.map((label) => compactFactSheet(book.sheet(label))) };
}

/** The known wards as one line for a chat message, the first few only. */
export function knownPlacesLine(known: readonly string[], limit = 15): string {
  const shown = known.slice(0, limit).join('; ');
  return known.length > limit ? `${shown}; … (+${known.length - limit})` : shown || '–';
}
