import { foldDiacritics } from '../ingest/normalize-vietnamese.js';

// "thông tin phường An Hải", "thong tin xa Hoa Hoi, Gia Lai", "Thông tin: phường X": the keyword, then a ward.
const REQUEST = /^\s*thong\s+tin\s*:?\s+(?=(?:phuong|xa|thi tran|dac khu)\s+\S)/;

/**
 * The place a chat message asks the fact sheet of ("thông tin phường An Hải" → "phường An Hải"), or undefined when the
 * message is not that request; "thông tin phường X về tiêm chủng?" is a question (it has more than a place), and a
 * place no article has facts about is for the caller to pass on to answering.
 */
export function factSheetRequest(text: string): string | undefined {
  const trimmed = text.normalize('NFC').trim();
  const folded = foldDiacritics(trimmed).toLowerCase();
  const match = REQUEST.exec(folded);
  if (!match) return undefined;
  // Folding keeps the length (one folded letter per letter), so the place is cut from the text as written.
  const place = trimmed.slice(match[0].length).replace(/[?.!]+$/u, '').trim();
  return place.length > 0 && place.length <= 120 ? place : undefined;
}
