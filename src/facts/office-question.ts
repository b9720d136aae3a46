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

// Words a question asking only "who holds the office" may contain besides the ward's name: the office and its body,
// the unit, the question words, "now" and courtesy words. Any other word ("trao quà", "phát biểu", a person's name)
// asks something else about the office holder, which the reader answers from the passages.
const ONLY_WHO_WORDS = new Set(
  (
    'bi thu pho chu tich thuong truc dang uy ubnd hdnd mttq ban nhan dan hoi dong mat tran to quoc viet nam ' +
    'cua phuong xa thi tran dac khu tinh thanh tp quan huyen ' +
    'ai la ten gi nguoi nao vi giu chuc vu dung dau dang dam nhiem hien nay tai bay gio moi nhat o ' +
    'p x cho em toi minh hoi biet muon xin vay the nhi a ha oi nhe ban'
  ).split(' '),
);

/**
 * Whether a question asks only who holds a ward office ("Chủ tịch UBND phường X hiện nay là ai?"), with no other
 * content ("… đã trao quà cho ai?"); `placeTokens` are the folded syllables of the ward's name and city.
 */
export function asksOnlyWhoHolds(question: string, placeTokens: readonly string[]): boolean {
  if (askedWardOffice(question) === undefined) return false;
  const place = new Set(placeTokens);
  return foldedWords(question).every((word) => ONLY_WHO_WORDS.has(word) || place.has(word));
}

function foldedWords(question: string): string[] {
  return foldDiacritics(question.normalize('NFC')).toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter((word) => word !== '');
}

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
  const dated = `Theo ${articleOf(source.published)}`;
  const parts = [`${dated}, ${office} ${place} là ${names.join(', ')}${since}.`];
  if (now.disputed) parts.push(`Các bài cùng ngày nêu khác nhau về chức vụ này, cần kiểm tra lại.`);
  const earlier = sheet.history
    .filter((holding) => holding.office === office && !names.includes(holding.person))
    .map((holding) => ({ person: holding.person, source: holding.sources[0] as FactSource }));
  const previous = earlier[0];
  if (previous?.source.articleId === source.articleId) parts.push(`Người giữ chức này trước đó là ${previous.person}.`);
  else if (previous) parts.push(`Trước đó, ${previous.source.published ? articleOf(previous.source.published) : 'một bài trước đó'} nêu ${previous.person} giữ chức này.`);
  return { text: parts.join(' '), office, holders: names, source, earlier };
}

/** "bài ngày 13/02/2026", "bài tháng 08/2025", "bài năm 2025" — as precise as the article's date. */
export function articleOf(published: string | undefined): string {
  if (!published) return 'bài viết';
  const unit = /^\d{4}-\d{2}-\d{2}$/.test(published) ? 'ngày' : /^\d{4}-\d{2}$/.test(published) ? 'tháng' : /^\d{4}$/.test(published) ? 'năm' : 'ngày';
  return `bài ${unit} ${displayDate(published)}`;
}
