import { displayDate } from '../core/display-date.js';
import { foldDiacritics } from '../ingest/normalize-vietnamese.js';
import type { FactBook, Holding } from './fact-book.js';
import type { FactSource } from './fact.js';

/** An answer to "who holds office X in ward Y now", read from the fact sheet rather than from passages. */
export interface OfficeAnswer {
  text: string;
  office: string;
  holders: string[];
  /** The newest source, which the answer follows; cite it. */
  source: FactSource;
  /** Earlier sources naming someone else for the same office. */
  earlier: Array<{ person: string; source: FactSource }>;
}

// Folded question words → the office; the more specific first ("phó bí thư thường trực" before "phó bí thư" before "bí thư").
const OFFICES: Array<{ pattern: RegExp; office: string }> = [
  { pattern: /\bpho bi thu thuong truc\b/, office: 'Phó Bí thư Thường trực Đảng ủy' },
  { pattern: /\bpho bi thu\b/, office: 'Phó Bí thư Đảng ủy' },
  { pattern: /\bbi thu\b|\bnguoi dung dau dang uy\b/, office: 'Bí thư Đảng ủy' },
  { pattern: /\bpho chu tich (?:hdnd|hoi dong nhan dan)\b/, office: 'Phó Chủ tịch HĐND' },
  { pattern: /\bchu tich (?:hdnd|hoi dong nhan dan)\b/, office: 'Chủ tịch HĐND' },
  { pattern: /\bpho chu tich (?:uy ban )?(?:mttq|mat tran)\b/, office: 'Phó Chủ tịch Ủy ban MTTQ' },
  { pattern: /\bchu tich (?:uy ban )?(?:mttq|mat tran)\b/, office: 'Chủ tịch Ủy ban MTTQ' },
  { pattern: /\bpho chu tich\b/, office: 'Phó Chủ tịch UBND' },
  // "Chủ tịch phường" is, as residents say it, the chair of the People's Committee.
  { pattern: /\bchu tich\b/, office: 'Chủ tịch UBND' },
];
const ASKS_WHO = /\b(?:ai|ten (?:la )?gi|nguoi nao)\b/;
// A question about the province's or city's office ("chủ tịch tỉnh", "bí thư thành ủy") is not about the ward's.
const ABOVE_WARD = /\b(?:bi thu|chu tich)(?: thuong truc)?(?: (?:ubnd|hdnd|uy ban nhan dan|hoi dong nhan dan|uy ban mttq|mttq))? (?:tinh|thanh pho|tp|huyen|quan|nuoc)\b|\b(?:thanh|tinh|huyen|quan) uy\b/;

/** The ward office a Vietnamese "who" question asks about ("Chủ tịch UBND phường X hiện nay là ai?"); undefined otherwise. */
export function askedWardOffice(question: string): string | undefined {
  const folded = foldDiacritics(question.normalize('NFC')).toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ');
  if (!ASKS_WHO.test(folded) || ABOVE_WARD.test(folded)) return undefined;
  return OFFICES.find(({ pattern }) => pattern.test(folded))?.office;
}

/**
 * Answers a "who is the X (now)" question about one ward from its fact sheet: the holder(s) by the newest source,
 * with that source's date ("Theo bài ngày 16/01/2026, …"), and the earlier holder named by older sources. Undefined
 * when the question asks no ward office or no article names a holder, so the caller answers as before.
 */
export function answerOfficeQuestion(question: string, place: string, book: FactBook): OfficeAnswer | undefined {
  const office = askedWardOffice(question);
  if (!office) return undefined;
  const sheet = book.sheet(place);
  const now = sheet.offices.find((entry) => entry.office === office);
  if (!now || now.holders.length === 0) return undefined;
  const newest = now.holders[0] as Holding;
  const source = newest.sources[0] as FactSource;
  const names = now.holders.map((holding) => holding.person);
  const since = newest.since ? ` (từ ${displayDate(newest.since)})` : '';
  const dated = source.published ? `Theo bài ngày ${displayDate(source.published)}` : 'Theo bài viết';
  const parts = [`${dated}, ${office} ${place} là ${names.join(', ')}${since}.`];
  if (now.disputed) parts.push(`Các bài cùng ngày nêu khác nhau về chức vụ này, cần kiểm tra lại.`);
  const earlier = sheet.history
    .filter((holding) => holding.office === office && !names.includes(holding.person))
    .map((holding) => ({ person: holding.person, source: holding.sources[0] as FactSource }));
  const previous = earlier[0];
  if (previous) {
    const when = previous.source.published ? `bài ngày ${displayDate(previous.source.published)}` : 'một bài trước đó';
    parts.push(`Trước đó, ${when} nêu ${previous.person} giữ chức này.`);
  }
  return { text: parts.join(' '), office, holders: names, source, earlier };
}
